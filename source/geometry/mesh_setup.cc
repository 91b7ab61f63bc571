#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/coarse_cell_order.h>
#include <mesocell/geometry/image_mesh.h>
#include <mesocell/geometry/mesh_setup.h>
#include <mesocell/geometry/report.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <memory>
#include <optional>
#include <sstream>
#include <unistd.h>

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    /// The mesh generated for --validate, removed (by rank 0, which wrote
    /// it) however the validation ends.
    struct TemporaryFile
    {
      std::string file;

      ~TemporaryFile()
      {
        std::error_code ec;
        if (!file.empty() && Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
          std::filesystem::remove(file, ec);
      }
    };

    /// The mesh of subsection Image (the only mesh source when it is set):
    /// fills the groups of @p prepared and @p tria (only the blocks when
    /// resuming), returns the geometry report of the voxels.
    template <int dim>
    GeometryReport
    import_image(MeshParameters                            &mesh,
                 const GeneratorParameters                 &geometry,
                 const std::string                         &prm_file,
                 const RunMode                              mode,
                 PreparedMesh                              &prepared,
                 parallel::distributed::Triangulation<dim> &tria)
    {
      const std::string other =
          geometry.generator != "file"
              ? "'Geometry / Generator = " + geometry.generator + "'"
          : !mesh.file_entry.empty() ? "'Mesh / Mesh file'"
                                     : "";
      if (!other.empty())
        throw InputError(entry_message(prm_file,
                                       "Image",
                                       "Image file",
                                       "is given together with " + other,
                                       "one mesh source: an Image file, a Mesh file "
                                       "or a Generator"));
      const auto image = std::make_shared<const VoxelImage>(read_image(mesh.image, dim));
      build_image_mesh(
          *image, mesh.image, mesh.global_refinements, tria, mode == RunMode::resume);
      prepared.groups = image_groups(*image, dim);
      mesh.file       = mesh.image.file;
      return image_geometry_report(*image, tria.n_global_active_cells());
    }

    /// The output directory, before anything is computed: writable, this
    /// run's own, files of an earlier run removed (unless resuming; the
    /// input mesh kept), parameters.prm written. Returns it with a '/'.
    std::string
    prepare_output(const OutputParameters &output,
                   const ParameterHandler &prm,
                   const MeshParameters   &mesh,
                   const bool              resume)
    {
      const std::string dir =
          output.prepare(mesh.prm_file, resume, {mesh.file, mesh.image.file});
      if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
        {
          std::ostringstream used;
          prm.print_parameters(used, ParameterHandler::PRM);
          write_file_atomically(dir + "parameters.prm", used.str());
        }
      return dir;
    }

    /// One line on the curved surfaces followed under refinement.
    void
    print_curved(std::ostream              &out,
                 const std::size_t          n_surfaces,
                 const CurvedSurfaceReport &r)
    {
      if (n_surfaces == 0)
        return;
      out << "  curved surfaces " << n_surfaces;
      if (r.faces == 0)
        {
          out << " not followed: "
              << (r.still_inverted > 0
                      ? std::to_string(r.still_inverted) +
                            " cells would invert (the mesh is too coarse for their "
                            "curvature; a smaller Mesh size helps)"
                      : std::string("no face of the mesh lies on them"))
              << "; refinement keeps the coarse facets" << std::endl;
          return;
        }
      out << " followed under refinement: " << r.faces - r.flattened << " faces ("
          << r.flattened << " left flat where refinement would invert cells), "
          << r.vertices_moved << " coarse vertices moved onto them by at most "
          << format_number(100 * r.max_move) << " % of the largest radius";
      if (r.pulled_back > 0)
        out << " (" << r.pulled_back
            << " moved back part of the way to keep cells valid)";
      out << std::endl;
    }

    /// The geometry report of the mesh of a file or a generator (@p gen,
    /// whose electrode top is the top of the percolation paths).
    template <int dim>
    GeometryReport
    mesh_geometry_report(const Triangulation<dim> &tria,
                         const MeshGroups         &groups,
                         const GeneratedMesh      *gen)
    {
      const auto collector = groups.boundaries.find("collector");
      double     top       = -std::numeric_limits<double>::max();
      if (gen)
        top = gen->electrode_top;
      else
        for (auto cell = tria.begin(0); cell != tria.end(0); ++cell)
          for (const auto v : cell->vertex_indices())
            top = std::max(top, cell->vertex(v)[dim - 1]);
      return make_geometry_report(tria,
                                  groups,
                                  collector == groups.boundaries.end()
                                      ? numbers::invalid_boundary_id
                                      : collector->second,
                                  top);
    }

    /// One line on the import of a mesh file: coarse cells, wall time per
    /// phase (rank 0's) and the peak memory of the ranks. Collective.
    void
    print_import_summary(ConditionalOStream &pcout,
                         const unsigned int  n_coarse,
                         const ImportTimes  &t,
                         const double        report_time)
    {
      Utilities::System::MemoryStats memory;
      Utilities::System::get_memory_stats(memory);
      const auto peak =
          Utilities::MPI::min_max_avg(memory.VmHWM / 1024.0, MPI_COMM_WORLD);
      std::ostringstream line;
      line << std::fixed << std::setprecision(2) << "Mesh import: " << n_coarse
           << " coarse cells in " << t.read + t.triangulation + t.checks + report_time
           << " s (read " << t.read << " s, triangulation " << t.triangulation
           << " s of which p4est tree order " << last_coarse_cell_order_time()
           << " s, checks " << t.checks << " s, report " << report_time
           << " s); peak memory per rank " << std::setprecision(0) << peak.min << " to "
           << peak.max << " MB on " << Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD)
           << " rank(s)";
      pcout << line.str() << std::endl;
    }
  } // namespace

  template <int dim>
  PreparedMesh
  prepare_mesh(const MeshParameters                      &mesh_parameters,
               const GeneratorParameters                 &geometry,
               const OutputParameters                    &output,
               const ParameterHandler                    &prm,
               const std::string                         &prm_file,
               const RunMode                              mode,
               parallel::distributed::Triangulation<dim> &tria,
               TimerOutput                               &timer)
  {
    const MPI_Comm     comm = MPI_COMM_WORLD;
    ConditionalOStream pcout(std::cout, Utilities::MPI::this_mpi_process(comm) == 0);
    // The mesh: from a voxel image, from the file, or generated into the
    // output directory (into a temporary file when only validating).
    MeshParameters mesh                     = mesh_parameters;
    mesh.max_cells                          = geometry.common.max_cells;
    const bool                    generated = (geometry.generator != "file");
    GeneratedMesh                 gen;
    std::string                   dir;
    MeshGroups                    groups;
    std::optional<GeometryReport> image_report;
    PreparedMesh                  prepared;
    TemporaryFile                 validation_mesh;
    ImportTimes                   import_times;
    if (mode == RunMode::validate)
      output.check_writable(prm_file);
    else
      {
        dir = prepare_output(output, prm, mesh, mode == RunMode::resume);
        output.check_free_space(prm_file, 16e6, "the run's tables, mesh and parameters");
      }
    if (mesh.image.enabled())
      {
        TimerOutput::Scope t(timer, "image");
        image_report = import_image(mesh, geometry, prm_file, mode, prepared, tria);
        groups       = prepared.groups;
      }
    else if (generated)
      {
        TimerOutput::Scope t(timer, "generate");
        const std::string  file =
            mode == RunMode::validate
                 ? (std::filesystem::temp_directory_path() /
                   ("mesocell-validate-" +
                    std::to_string(Utilities::MPI::broadcast(comm, int(::getpid()), 0)) +
                    ".msh"))
                      .string()
                 : dir + "mesh.msh";
        if (mode == RunMode::validate)
          validation_mesh.file = file;
        gen              = generate_mesh(geometry, dim, file, prm_file);
        mesh.file        = gen.file;
        mesh.length_unit = gen.length_unit;
        if (geometry.common.follow_curved_surfaces)
          mesh.curved_surfaces = gen.curved_surfaces;
      }
    else if (mesh.file_entry.empty())
      throw InputError(entry_message(prm_file,
                                     "Mesh",
                                     "Mesh file",
                                     "no mesh file given",
                                     "the path of a Gmsh .msh file, or a Generator "
                                     "in subsection Geometry or an Image file in "
                                     "subsection Image"));
    if (!image_report)
      {
        TimerOutput::Scope t(timer, "mesh");
        groups = import_mesh(mesh, tria, &import_times);
      }

    Timer                report_timer;
    const GeometryReport report =
        image_report ? *image_report
                     : mesh_geometry_report(tria, groups, generated ? &gen : nullptr);
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      {
        report.print(std::cout, generated ? &gen : nullptr);
        print_curved(std::cout, mesh.curved_surfaces.size(), groups.curved);
      }
    if (mode != RunMode::validate)
      report.write_csv(dir + "geometry.csv", generated ? &gen : nullptr);
    if (!image_report)
      print_import_summary(
          pcout, tria.n_cells(0), import_times, report_timer.wall_time());
    if (mode == RunMode::generate)
      {
        pcout << "Mesh and geometry report written to "
              << std::filesystem::absolute(dir).lexically_normal().string()
              << (generated ? " (mesh.msh, geometry.csv)" : " (geometry.csv)")
              << std::endl;
        PreparedMesh done;
        done.finished = true;
        return done;
      }

    prepared.groups    = groups;
    prepared.mesh_file = mesh.file;
    prepared.directory = dir;
    return prepared;
  }

  template PreparedMesh
  prepare_mesh<2>(const MeshParameters &,
                  const GeneratorParameters &,
                  const OutputParameters &,
                  const ParameterHandler &,
                  const std::string &,
                  const RunMode,
                  parallel::distributed::Triangulation<2> &,
                  TimerOutput &);
  template PreparedMesh
  prepare_mesh<3>(const MeshParameters &,
                  const GeneratorParameters &,
                  const OutputParameters &,
                  const ParameterHandler &,
                  const std::string &,
                  const RunMode,
                  parallel::distributed::Triangulation<3> &,
                  TimerOutput &);
} // namespace MesoCell
