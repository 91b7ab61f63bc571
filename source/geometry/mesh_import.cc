#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>

#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>

#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/grid_tools.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/coarse_cell_order.h>
#include <mesocell/geometry/mesh_import.h>

#include <gmsh.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace MesoCell
{
  using namespace dealii;

  void
  MeshParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Mesh");
    prm.declare_entry(
        "Mesh file",
        "",
        Patterns::FileName(),
        "Gmsh mesh (.msh, ASCII format 4.1 or 2.2) of first-order quadrilaterals "
        "(2D) or hexahedra (3D). Physical groups of the top dimension are phases, "
        "physical groups one dimension lower are boundaries; both are referred "
        "to by their Gmsh names. A relative path is taken relative to the "
        "directory of the parameter file.");
    prm.declare_entry(
        "Length unit",
        "1",
        Patterns::Double(0.0),
        "Length of one mesh-file coordinate unit in metres [m], e.g. 1e-6 for a "
        "mesh drawn in micrometres. The mesh is scaled to SI on import.");
    prm.declare_entry(
        "Curved surfaces",
        "",
        Patterns::Anything(),
        "Spheres and cylinders of the mesh file whose faces refinement moves "
        "onto the true surface (instead of keeping the coarse facets), in "
        "mesh-file units: shapes separated by ';', each 'sphere: x, y, z, r' "
        "or 'cylinder: x, y, z, ax, ay, az, r' (a point on the axis, the axis "
        "direction, the radius) [mesh-file length unit]. Faces between two "
        "phases whose vertices lie on a shape (to 1e-3 of its radius) follow "
        "it. Generated meshes follow the generator's shapes without this "
        "entry.");
    prm.declare_entry("Global refinements",
                      "0",
                      Patterns::Integer(0, 10),
                      "Number of uniform refinements of the imported (or image) "
                      "mesh [-]. Each refinement splits every cell into 2^dim "
                      "children.");
    prm.declare_entry(
        "Coarse cell order",
        "Cuthill-McKee",
        Patterns::Selection("Cuthill-McKee|hierarchical"),
        "Order of the coarse cells as p4est trees (it decides which cells each "
        "rank owns before refinement) [-]. 'Cuthill-McKee': breadth-first, "
        "about 1 s for 300k coarse cells. 'hierarchical': deal.II 9.4's own "
        "order, whose cost grows like n^(5/3) (about 48 s for 300k coarse "
        "cells); kept for comparison.");
    prm.leave_subsection();
    ImageParameters::declare_parameters(prm);
  }

  void
  MeshParameters::parse_parameters(ParameterHandler &prm, const std::string &prm_file_)
  {
    prm_file = prm_file_;
    prm.enter_subsection("Mesh");
    file_entry               = prm.get("Mesh file");
    length_unit              = prm.get_double("Length unit");
    global_refinements       = prm.get_integer("Global refinements");
    const std::string curved = prm.get("Curved surfaces");
    // A process-wide choice (it acts inside deal.II); every rank parses the
    // same file.
    set_coarse_cell_order(parse_coarse_cell_order(prm.get("Coarse cell order")));
    prm.leave_subsection();
    image.parse_parameters(prm, prm_file);

    std::filesystem::path path(file_entry);
    if (path.is_relative())
      path = std::filesystem::path(prm_file).parent_path() / path;
    file = path.lexically_normal().string();
    if (!(length_unit > 0.0))
      throw InputError(
          entry_message(prm_file,
                        "Mesh",
                        "Length unit",
                        "must be positive, got " + std::to_string(length_unit),
                        "a length in metres > 0"));
    curved_surfaces = parse_curved_surfaces(curved, length_unit, prm_file);
  }

  std::string
  MeshGroups::names(const std::map<std::string, unsigned int> &groups)
  {
    std::string s;
    for (const auto &[name, id] : groups)
      s += (s.empty() ? "" : ", ") + name;
    return s.empty() ? "(none)" : s;
  }

  namespace
  {
    /// What rank 0 learns from the file; broadcast to all ranks.
    struct GroupReport
    {
      std::string                         error;
      std::map<std::string, unsigned int> phases;
      std::map<std::string, unsigned int> boundaries;

      template <class Archive>
      void
      serialize(Archive &ar, const unsigned int)
      {
        ar &error &phases &boundaries;
      }
    };

    /// Check the $MeshFormat header: ASCII, version 4.1 or 2.2.
    std::string
    check_header(const MeshParameters &p)
    {
      std::ifstream in(p.file);
      std::string   line;
      std::getline(in, line);
      if (line.rfind("$MeshFormat", 0) != 0)
        return "is not a Gmsh .msh file (no $MeshFormat header)";
      std::string version;
      int         file_type = -1;
      in >> version >> file_type;
      if (file_type != 0)
        return "is a binary .msh file; write it as ASCII (Gmsh option "
               "Mesh.Binary = 0)";
      if (version != "4.1" && version != "2.2")
        return "has .msh format version " + version +
               "; write it as version 4.1 (gmsh -format msh41)";
      return "";
    }

    GroupReport
    read_groups_with_gmsh(const MeshParameters &p, const unsigned int dim)
    {
      GroupReport r;
      const auto  file_error = [&](const std::string &problem,
                                  const std::string &allowed) {
        return entry_message(
            p.prm_file, "Mesh", "Mesh file", "'" + p.file + "' " + problem, allowed);
      };
      if (!std::filesystem::is_regular_file(p.file))
        {
          r.error = file_error(std::filesystem::exists(p.file) ? "is not a regular file"
                                                               : "does not exist",
                               "the path of a Gmsh .msh file, relative to the "
                               "directory of the parameter file");
          return r;
        }
      if (const std::string e = check_header(p); !e.empty())
        {
          r.error = file_error(e, "ASCII Gmsh .msh 4.1");
          return r;
        }

      gmsh::initialize(0, nullptr, false);
      gmsh::option::setNumber("General.Terminal", 0);
      gmsh::option::setNumber("General.Verbosity", 0);
      try
        {
          gmsh::open(p.file);
          std::vector<int> types;
          gmsh::model::mesh::getElementTypes(types, dim);
          const int wanted = (dim == 2 ? 3 : 5); // 4-node quad, 8-node hex
          for (const int t : types)
            if (t != wanted)
              {
                std::string         name;
                int                 d, order, n_nodes, n_primary;
                std::vector<double> coords;
                gmsh::model::mesh::getElementProperties(
                    t, name, d, order, n_nodes, coords, n_primary);
                r.error = file_error(
                    "contains " + name + " elements",
                    std::string("only first-order ") +
                        (dim == 2 ? "quadrilaterals in 2D (Gmsh: Mesh.RecombineAll "
                                    "= 1, Mesh.SubdivisionAlgorithm = 1)"
                                  : "hexahedra in 3D (Gmsh: "
                                    "Mesh.SubdivisionAlgorithm = 2)"));
                break;
              }
          if (r.error.empty() && types.empty())
            r.error =
                file_error("has no " + std::to_string(dim) + "-dimensional elements",
                           "a mesh of the dimension given by 'Dimension'");

          gmsh::vectorpair groups;
          gmsh::model::getPhysicalGroups(groups);
          for (const auto &[d, tag] : groups)
            {
              std::string name;
              gmsh::model::getPhysicalName(d, tag, name);
              if (name.empty())
                name = std::to_string(tag); // unnamed group: its tag
              if (d == int(dim))
                r.phases[name] = tag;
              else if (d == int(dim) - 1)
                r.boundaries[name] = tag;
            }
          if (r.error.empty() && r.phases.empty())
            r.error = file_error("has no " + std::to_string(dim) +
                                     "-dimensional physical groups",
                                 "a mesh whose phases are named physical "
                                 "groups");
        }
      catch (const std::exception &e)
        {
          r.error = file_error(std::string("cannot be read by Gmsh: ") + e.what(),
                               "ASCII Gmsh .msh 4.1");
        }
      catch (...)
        {
          std::string last;
          gmsh::logger::getLastError(last);
          r.error = file_error("cannot be read by Gmsh: " + last, "ASCII Gmsh .msh 4.1");
        }
      gmsh::finalize();
      return r;
    }
  } // namespace

  MeshGroups
  read_mesh_groups(const MeshParameters &p, const unsigned int dim)
  {
    GroupReport report;
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      report = read_groups_with_gmsh(p, dim);
    report = Utilities::MPI::broadcast(MPI_COMM_WORLD, report, 0);
    if (!report.error.empty())
      throw InputError(report.error);

    MeshGroups groups;
    for (const auto &[name, tag] : report.phases)
      groups.phases[name] = tag;
    for (const auto &[name, tag] : report.boundaries)
      groups.boundaries[name] = tag;
    return groups;
  }

  template <int dim>
  void
  check_cells(const Triangulation<dim> &tria, const std::string &where)
  {
    const FE_Q<dim>      fe(1);
    const MappingQ1<dim> mapping;
    // Vertices and interior Gauss points: a self-intersecting cell has a
    // Jacobian determinant that changes sign somewhere among these.
    Quadrature<dim> points;
    {
      const QTrapezoid<dim>   vertices;
      const QGauss<dim>       gauss(2);
      std::vector<Point<dim>> all = vertices.get_points();
      all.insert(all.end(), gauss.get_points().begin(), gauss.get_points().end());
      points = Quadrature<dim>(all);
    }
    FEValues<dim> fe_values(mapping, fe, points, update_jacobians);

    std::string  first_bad;
    unsigned int n_bad = 0;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          fe_values.reinit(cell);
          double min_det = std::numeric_limits<double>::max();
          double max_det = 0;
          for (unsigned int q = 0; q < points.size(); ++q)
            {
              const double det = fe_values.jacobian(q).determinant();
              min_det          = std::min(min_det, det);
              max_det          = std::max(max_det, std::abs(det));
            }
          if (!(min_det > 1e-12 * max_det))
            {
              if (n_bad == 0)
                {
                  std::ostringstream s;
                  s << "cell with centre (" << cell->center() << ") in phase id "
                    << cell->material_id()
                    << " is inverted or degenerate (Jacobian determinant " << min_det
                    << " at a vertex or Gauss point)";
                  first_bad = s.str();
                }
              ++n_bad;
            }
        }
    const unsigned int total_bad = Utilities::MPI::sum(n_bad, MPI_COMM_WORLD);
    throw_input_error_if_any(n_bad > 0,
                             where + ": " + std::to_string(total_bad) +
                                 " bad cell(s); first: " + first_bad +
                                 ". Allowed: cells with positive Jacobian "
                                 "everywhere; check the element orientation "
                                 "and quality in Gmsh");
  }

  namespace
  {
    /**
     * Throw unless every face inside the coarse mesh has a cell on both
     * sides. deal.II turns cells of reversed orientation over on import;
     * where such a cell was folded over its neighbours (a Gmsh element
     * turned the other way round than the others), the cells then overlap
     * and faces marked interior have a cell on one side only, which breaks
     * the multigrid set-up (a segmentation fault in
     * MGTools::extract_inner_interface_dofs) and the measures.
     */
    template <int dim>
    void
    check_conforming(const Triangulation<dim> &tria, const std::string &where)
    {
      unsigned int       n = 0;
      std::ostringstream first;
      // the coarse mesh is the same on every rank
      for (const auto &cell : tria.cell_iterators_on_level(0))
        for (const auto f : cell->face_indices())
          if (cell->neighbor_index(f) < 0 &&
              cell->face(f)->boundary_id() == numbers::internal_face_boundary_id)
            if (n++ == 0)
              first << cell->face(f)->center();
      if (n > 0)
        throw InputError(where + ": " + std::to_string(n) +
                         " faces inside the mesh have a cell on one side only (the "
                         "first with centre (" +
                         first.str() +
                         ")): cells there are folded over their neighbours or "
                         "overlap (elements turned the other way round than their "
                         "neighbours). Allowed: a conforming mesh without folded "
                         "elements; mesh again in Gmsh or check its quality");
    }
  } // namespace

  namespace
  {
    /// Import error: what deal.II said, with the file and what is allowed.
    InputError
    import_error(const std::string &where, const ExceptionBase &e)
    {
      std::ostringstream s;
      e.print_info(s);
      return InputError(where + " could not be imported: " + s.str() +
                        " Allowed: a conforming mesh of positively oriented "
                        "quadrilaterals/hexahedra");
    }

    /// Groups and checks by the Gmsh API, the mesh by GridIn::read_msh.
    template <int dim>
    MeshGroups
    import_with_gmsh(const MeshParameters                      &p,
                     parallel::distributed::Triangulation<dim> &tria,
                     const std::string                         &where,
                     ImportTimes                               &times)
    {
      Timer            timer;
      const MeshGroups groups = read_mesh_groups(p, dim);
      times.read              = timer.wall_time();
      try
        {
          GridIn<dim> grid_in;
          grid_in.attach_triangulation(tria);
          std::ifstream in(p.file);
          grid_in.read_msh(in);
        }
      catch (const ExceptionBase &e)
        {
          throw import_error(where, e);
        }
      times.triangulation = timer.wall_time() - times.read;
      return groups;
    }

    /// Every cell must belong to a named phase.
    template <int dim>
    void
    check_materials(const Triangulation<dim> &tria,
                    const MeshGroups         &groups,
                    const std::string        &where)
    {
      std::set<types::material_id> known;
      for (const auto &[name, id] : groups.phases)
        known.insert(id);
      unsigned int n_unknown = 0;
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned() && known.count(cell->material_id()) == 0)
          ++n_unknown;
      throw_input_error_if_any(n_unknown > 0,
                               where + ": " + std::to_string(n_unknown) +
                                   " cells belong to no physical group of dimension " +
                                   std::to_string(dim) +
                                   ". Allowed: every cell in a named phase");
    }
  } // namespace

  template <int dim>
  MeshGroups
  import_mesh(const MeshParameters                      &p,
              parallel::distributed::Triangulation<dim> &tria,
              ImportTimes                               *times_out)
  {
    const std::string where =
        p.prm_file + ": subsection 'Mesh', entry 'Mesh file': '" + p.file + "'";
    ImportTimes times;
    Timer       timer;
    MeshGroups  groups = import_with_gmsh(p, tria, where, times);

    const double before_checks = timer.wall_time();
    check_conforming(tria, where);
    if (p.length_unit != 1.0)
      GridTools::scale(p.length_unit, tria);
    check_materials(tria, groups, where);
    groups.curved = attach_curved_surfaces(tria, p.curved_surfaces);
    check_cells(tria, where);
    check_refined_size(tria.n_cells(0), dim, p);
    if (p.global_refinements > 0)
      {
        tria.refine_global(p.global_refinements);
        check_cells(tria,
                    where + " after " + std::to_string(p.global_refinements) +
                        " global refinement(s)");
      }
    times.checks = timer.wall_time() - before_checks;
    if (times_out)
      *times_out = times;
    return groups;
  }

  void
  check_refined_size(const std::size_t     n_coarse,
                     const unsigned int    dim,
                     const MeshParameters &p)
  {
    const double      n = n_coarse * std::pow(2.0, double(dim * p.global_refinements));
    const std::string cells = std::to_string(p.global_refinements) +
                              " global refinements of " + std::to_string(n_coarse) +
                              " coarse cells give " + format_number(n) + " cells, ";
    const std::string fewer = "fewer refinements (each multiplies the cells by " +
                              std::to_string(1u << dim) + ")";
    const auto refuse = [&](const std::string &problem, const std::string &allowed) {
      throw InputError(entry_message(
          p.prm_file, "Mesh", "Global refinements", cells + problem, allowed));
    };
    if (n > p.max_cells)
      refuse("more than 'Maximum cells' = " + format_number(p.max_cells) +
                 " (subsection Geometry; each cell costs about 1-10 kB)",
             fewer + ", or a larger 'Maximum cells'");
    // Memory: about 3 kB per cell in 2D and 10 kB in 3D for a coupled
    // problem (mesh, DoFs, matrix and preconditioner, measured at 66k DoFs),
    // against the physical memory of this machine.
    const double bytes  = n * (dim == 3 ? 1e4 : 3e3);
    const double memory = double(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGESIZE);
    if (memory > 0 && bytes > memory)
      refuse("about " + format_number(bytes / 1e9) + " GB, more than this machine's " +
                 format_number(memory / 1e9) + " GB",
             fewer);
  }

  template MeshGroups
  import_mesh(const MeshParameters &,
              parallel::distributed::Triangulation<2> &,
              ImportTimes *);
  template MeshGroups
  import_mesh(const MeshParameters &,
              parallel::distributed::Triangulation<3> &,
              ImportTimes *);
  template void
  check_cells(const Triangulation<2> &, const std::string &);
  template void
  check_cells(const Triangulation<3> &, const std::string &);
} // namespace MesoCell
