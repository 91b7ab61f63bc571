#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>

#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>

#include <mesocell/geometry/report.h>
#include <mesocell/io/output.h>

#include <cmath>
#include <iomanip>
#include <queue>

namespace MesoCell
{
  using namespace dealii;

  template <int dim>
  std::vector<ElectronicCluster>
  electronic_clusters(const Triangulation<dim>           &tria,
                      const std::set<types::material_id> &conducting,
                      const std::set<types::boundary_id> &terminals)
  {
    std::vector<int>               cluster(tria.n_cells(0), -1);
    std::vector<ElectronicCluster> clusters;
    for (auto start = tria.begin(0); start != tria.end(0); ++start)
      {
        if (cluster[start->index()] >= 0 || !conducting.count(start->material_id()))
          continue;
        clusters.emplace_back();
        ElectronicCluster                                      &c = clusters.back();
        std::vector<typename Triangulation<dim>::cell_iterator> front{start};
        cluster[start->index()] = clusters.size() - 1;
        while (!front.empty())
          {
            const auto cell = front.back();
            front.pop_back();
            c.volume[cell->material_id()] += cell->measure();
            c.cells.push_back(cell->index());
            for (const auto f : cell->face_indices())
              if (cell->at_boundary(f))
                c.touches_terminal =
                    c.touches_terminal || terminals.count(cell->face(f)->boundary_id());
              else if (const auto nb = cell->neighbor(f);
                       cluster[nb->index()] < 0 && conducting.count(nb->material_id()))
                {
                  cluster[nb->index()] = clusters.size() - 1;
                  front.push_back(nb);
                }
          }
      }
    return clusters;
  }

  namespace
  {
    /// The active volume connected to the collector over all active volume
    /// (phases named active, binder, conductor conduct electrons).
    template <int dim>
    double
    connected_active_fraction(const Triangulation<dim> &tria,
                              const MeshGroups         &groups,
                              const types::boundary_id  collector)
    {
      std::set<types::material_id> conducting;
      for (const char *name : {"active", "binder", "conductor"})
        if (groups.phases.count(name))
          conducting.insert(groups.phases.at(name));
      if (!groups.phases.count("active"))
        return -1;
      const auto active = groups.phases.at("active");
      double     all = 0, connected = 0;
      for (const auto &c : electronic_clusters(tria, conducting, {collector}))
        if (c.volume.count(active))
          {
            all += c.volume.at(active);
            connected += c.touches_terminal ? c.volume.at(active) : 0;
          }
      return all > 0 ? connected / all : -1;
    }

    /**
     * Phase volumes and interface areas on the refined mesh, whose faces
     * may follow curved surfaces: sums over the locally owned active cells
     * of every rank; each interface face counted once, from the side of
     * the lower material id (the finer side at a hanging face).
     */
    template <int dim>
    void
    measure_refined(const Triangulation<dim>                        &tria,
                    const std::map<types::material_id, std::string> &name,
                    std::map<types::material_id, double>            &volume,
                    std::map<std::string, double>                   &area)
    {
      std::vector<double>                        v(name.size(), 0.0);
      std::map<types::material_id, unsigned int> index;
      for (const auto &[id, n] : name)
        index.emplace(id, index.size());
      std::map<std::string, double> local;
      for (const auto &[key, a] : area)
        local[key] = 0;
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            v[index.at(cell->material_id())] += cell->measure();
            for (const auto f : cell->face_indices())
              if (!cell->at_boundary(f) &&
                  cell->material_id() < cell->neighbor(f)->material_id())
                {
                  const std::string a = name.at(cell->material_id()),
                                    b = name.at(cell->neighbor(f)->material_id());
                  local[a < b ? a + "|" + b : b + "|" + a] += cell->face(f)->measure();
                }
          }
      const MPI_Comm comm = tria.get_communicator();
      for (const auto &[id, i] : index)
        volume[id] = Utilities::MPI::sum(v[i], comm);
      // the same keys on every rank: those of the coarse mesh
      for (auto &[key, a] : area)
        a = Utilities::MPI::sum(local[key], comm);
    }
  } // namespace

  template <int dim>
  GeometryReport
  make_geometry_report(const Triangulation<dim> &tria,
                       const MeshGroups         &groups,
                       const types::boundary_id  bottom,
                       const double              top)
  {
    GeometryReport                            r;
    std::map<types::material_id, std::string> name;
    for (const auto &[n, id] : groups.phases)
      name[id] = n;

    // Measures and the smallest scaled Jacobian at the cell vertices.
    const FE_Q<dim>       fe(1);
    const MappingQ1<dim>  mapping;
    const QTrapezoid<dim> vertices;
    FEValues<dim>         fe_values(mapping, fe, vertices, update_jacobians);
    std::map<types::material_id, double> volume;
    r.min_scaled_jacobian = 1.0;
    for (auto cell = tria.begin(0); cell != tria.end(0); ++cell)
      {
        ++r.n_cells;
        volume[cell->material_id()] += cell->measure();
        fe_values.reinit(cell);
        for (unsigned int q = 0; q < vertices.size(); ++q)
          {
            const auto &J    = fe_values.jacobian(q);
            double      norm = 1;
            for (unsigned int c = 0; c < dim; ++c)
              {
                double s = 0;
                for (unsigned int d = 0; d < dim; ++d)
                  s += J[d][c] * J[d][c];
                norm *= std::sqrt(s);
              }
            r.min_scaled_jacobian =
                std::min(r.min_scaled_jacobian, J.determinant() / norm);
          }
        for (const auto f : cell->face_indices())
          if (!cell->at_boundary(f) &&
              cell->neighbor(f)->material_id() != cell->material_id() &&
              cell->material_id() < cell->neighbor(f)->material_id())
            {
              const std::string a = name[cell->material_id()],
                                b = name[cell->neighbor(f)->material_id()];
              r.interface_area[a < b ? a + "|" + b : b + "|" + a] +=
                  cell->face(f)->measure();
            }
      }
    if (tria.n_global_levels() > 1)
      measure_refined(tria, name, volume, r.interface_area);
    for (const auto &[id, v] : volume)
      r.volume += v;
    for (const auto &[id, v] : volume)
      r.volume_fraction[name[id]] = v / r.volume;

    // Percolation: breadth-first search through face neighbours of one phase.
    r.dimension = dim;
    if (bottom != numbers::invalid_boundary_id)
      {
        r.has_percolation = true;
        const double tol  = 1e-6 * std::cbrt(r.volume);
        for (const auto &[id, n] : name)
          {
            std::vector<bool> seen(tria.n_cells(0), false);
            std::queue<typename Triangulation<dim>::cell_iterator> front;
            for (auto cell = tria.begin(0); cell != tria.end(0); ++cell)
              if (cell->material_id() == id)
                for (const auto f : cell->face_indices())
                  if (cell->at_boundary(f) && cell->face(f)->boundary_id() == bottom &&
                      !seen[cell->index()])
                    {
                      seen[cell->index()] = true;
                      front.push(cell);
                    }
            bool reached = false;
            while (!front.empty() && !reached)
              {
                const auto cell = front.front();
                front.pop();
                for (const auto v : cell->vertex_indices())
                  if (cell->vertex(v)[dim - 1] >= top - tol)
                    reached = true;
                for (const auto f : cell->face_indices())
                  if (!cell->at_boundary(f))
                    {
                      const auto nb = cell->neighbor(f);
                      if (nb->material_id() == id && !seen[nb->index()])
                        {
                          seen[nb->index()] = true;
                          front.push(nb);
                        }
                    }
              }
            r.percolates[n] = reached;
          }
        r.connected_active_fraction = connected_active_fraction(tria, groups, bottom);
      }
    return r;
  }

  namespace
  {
    double
    relative(const double value, const double target)
    {
      return target != 0 ? (value - target) / target : 0.0;
    }
  } // namespace

  void
  GeometryReport::print(std::ostream &out, const GeneratedMesh *g) const
  {
    out << "Geometry report: " << n_cells << " coarse cells, minimum scaled Jacobian "
        << min_scaled_jacobian;
    if (g != nullptr)
      {
        out << ", generated in " << g->seconds << " s";
        for (const auto &[what, n] : g->counts)
          out << ", " << n << " " << what;
      }
    out << "\n";
    if (g != nullptr)
      for (const auto &note : g->notes)
        out << "  note: " << note << "\n";
    for (const auto &[name, f] : volume_fraction)
      {
        out << "  volume fraction " << std::setw(22) << std::left << name << std::right
            << std::setw(12) << f;
        if (g != nullptr && g->analytic_volume_fraction.count(name))
          {
            const double a = g->analytic_volume_fraction.at(name);
            out << "  analytic " << std::setw(12) << a << "  (" << std::showpos
                << 100 * relative(f, a) << std::noshowpos << " %)";
          }
        if (has_percolation)
          out << (percolates.at(name) ? "  percolates" : "  does not percolate");
        out << "\n";
      }
    if (connected_active_fraction >= 0)
      out << "  active volume connected to the collector " << connected_active_fraction
          << " (electronically, through active, binder and conductor)\n";
    const int dim_of_area = dimension - 1;
    for (const auto &[pair, a] : interface_area)
      {
        out << "  interface " << std::setw(28) << std::left << pair << std::right
            << std::setw(12) << a << " m^" << dim_of_area << ", specific " << a / volume
            << " 1/m";
        if (g != nullptr && g->analytic_interface_area.count(pair))
          {
            const double t = g->analytic_interface_area.at(pair);
            out << "  analytic " << t << "  (" << std::showpos << 100 * relative(a, t)
                << std::noshowpos << " %)";
          }
        out << "\n";
      }
  }

  void
  GeometryReport::write_csv(const std::string &file, const GeneratedMesh *g) const
  {
    CsvWriter csv(file, {"case", "phase", "value", "analytic", "relative_error"});
    for (const auto &[name, f] : volume_fraction)
      {
        const bool   known = g != nullptr && g->analytic_volume_fraction.count(name);
        const double a     = known ? g->analytic_volume_fraction.at(name) : 0.0;
        csv.add_row({"volume_fraction",
                     name,
                     CsvWriter::number(f),
                     known ? CsvWriter::number(a) : "",
                     known ? CsvWriter::number(relative(f, a)) : ""});
      }
    for (const auto &[pair, area] : interface_area)
      {
        const bool   known = g != nullptr && g->analytic_interface_area.count(pair);
        const double a     = known ? g->analytic_interface_area.at(pair) : 0.0;
        csv.add_row({"interface_area",
                     pair,
                     CsvWriter::number(area),
                     known ? CsvWriter::number(a) : "",
                     known ? CsvWriter::number(relative(area, a)) : ""});
        csv.add_row(
            {"specific_surface_area", pair, CsvWriter::number(area / volume), "", ""});
      }
    for (const auto &[name, p] : percolates)
      csv.add_row({"percolates", name, p ? "1" : "0", "", ""});
    if (connected_active_fraction >= 0)
      csv.add_row({"connected_to_collector",
                   "active",
                   CsvWriter::number(connected_active_fraction),
                   "",
                   ""});
    csv.add_row({"cells", "all", std::to_string(n_cells), "", ""});
    csv.add_row(
        {"min_scaled_jacobian", "all", CsvWriter::number(min_scaled_jacobian), "", ""});
    if (g != nullptr)
      {
        csv.add_row({"generation_time", "all", CsvWriter::number(g->seconds), "", ""});
        for (const auto &[what, n] : g->counts)
          csv.add_row({"count", what, std::to_string(n), "", ""});
      }
  }

  template std::vector<ElectronicCluster>
  electronic_clusters(const Triangulation<2> &,
                      const std::set<types::material_id> &,
                      const std::set<types::boundary_id> &);
  template std::vector<ElectronicCluster>
  electronic_clusters(const Triangulation<3> &,
                      const std::set<types::material_id> &,
                      const std::set<types::boundary_id> &);
  template GeometryReport
  make_geometry_report(const Triangulation<2> &,
                       const MeshGroups &,
                       types::boundary_id,
                       double);
  template GeometryReport
  make_geometry_report(const Triangulation<3> &,
                       const MeshGroups &,
                       types::boundary_id,
                       double);
} // namespace MesoCell
