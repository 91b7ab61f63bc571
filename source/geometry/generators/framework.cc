// Generator 'framework': a 3D ceramic strut network on a cubic lattice, each
// lattice edge kept with a probability, the pores filled with a phase of
// choice (subsection Geometry / Framework).
#include <mesocell/core/errors.h>
#include <mesocell/core/registry.h>
#include <mesocell/geometry/gmsh_tools.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <random>

namespace MesoCell
{
  using namespace dealii;
  using namespace GmshTools;

  namespace
  {
    /**
     * Nodes on a cubic lattice of spacing a (az along z, fitted to the
     * electrode), struts of square cross-section t x t along the lattice
     * edges, each edge kept with a probability; junctions where a kept strut
     * arrives. Cut by planes into a tensor grid of boxes (band edges ex, ey,
     * ez; odd band indices are node bands), so the mesh is hexahedral and
     * conforming by construction.
     */
    struct StrutLattice
    {
      unsigned int        nx, ny, nz;
      std::vector<double> ex, ey, ez;
      /// (axis, i, j, k) -> strut kept: x-edges (i,j,k)-(i+1,j,k) periodic
      /// in x and y, z-edges between layers; z-edges from the bottom face
      /// and to the top face connect the network to both faces.
      std::map<std::array<unsigned int, 4>, bool> edge;

      /// Whether box (bx, by, bz) of the tensor grid is ceramic.
      bool
      ceramic(const unsigned int bx, const unsigned int by, const unsigned int bz) const
      {
        const bool         nxb = bx % 2 == 1, nyb = by % 2 == 1, nzb = bz % 2 == 1;
        const unsigned int i = bx / 2, j = by / 2, k = bz / 2;
        const auto wrap = [](unsigned int v, unsigned int n) { return (v + n - 1) % n; };
        if (nxb && nyb && nzb) // junction: ceramic if any incident strut exists
          {
            const unsigned int ii = (bx - 1) / 2, jj = (by - 1) / 2, kk = (bz - 1) / 2;
            return edge.at(std::array<unsigned int, 4>{{0, ii, jj, kk}}) ||
                   edge.at(std::array<unsigned int, 4>{{0, wrap(ii, nx), jj, kk}}) ||
                   edge.at(std::array<unsigned int, 4>{{1, ii, jj, kk}}) ||
                   edge.at(std::array<unsigned int, 4>{{1, ii, wrap(jj, ny), kk}}) ||
                   edge.at(std::array<unsigned int, 4>{{2, ii, jj, kk}}) ||
                   edge.at(std::array<unsigned int, 4>{{2, ii, jj, kk + 1}});
          }
        if (nyb && nzb && !nxb) // strut along x between nodes i-1 and i (periodic)
          return edge.at(
              std::array<unsigned int, 4>{{0, wrap(i, nx), (by - 1) / 2, (bz - 1) / 2}});
        if (nxb && nzb && !nyb)
          return edge.at(
              std::array<unsigned int, 4>{{1, (bx - 1) / 2, wrap(j, ny), (bz - 1) / 2}});
        if (nxb && nyb && !nzb) // strut along z below node k (k = nz: to the top)
          return edge.at(std::array<unsigned int, 4>{{2, (bx - 1) / 2, (by - 1) / 2, k}});
        return false;
      }

      /// Volume of the ceramic boxes (micrometres^3).
      double
      ceramic_volume() const
      {
        double v = 0;
        for (unsigned int bz = 0; bz + 1 < ez.size(); ++bz)
          for (unsigned int by = 0; by + 1 < ey.size(); ++by)
            for (unsigned int bx = 0; bx + 1 < ex.size(); ++bx)
              if (ceramic(bx, by, bz))
                v +=
                    (ex[bx + 1] - ex[bx]) * (ey[by + 1] - ey[by]) * (ez[bz + 1] - ez[bz]);
        return v;
      }
    };

    class Framework : public Generator
    {
    public:
      void
      declare_parameters(ParameterHandler &prm) const override;

      void
      parse_parameters(ParameterHandler &prm, const std::string &) override
      {
        prm.enter_subsection("Framework");
        volume_fraction   = prm.get_double("Volume fraction");
        strut_spacing     = prm.get_double("Strut spacing");
        strut_probability = prm.get_double("Strut probability");
        strut_thickness   = prm.get_double("Strut thickness");
        pore_phase        = prm.get("Pore phase");
        prm.leave_subsection();
      }

      void
      build(const CommonGeometry &c,
            UnitCell             &m,
            GeneratedMesh        &g,
            const std::string    &prm_file) const override;

    private:
      double      volume_fraction   = 0.15;
      double      strut_spacing     = 5e-6;
      double      strut_probability = 0.8;
      double      strut_thickness   = 0;
      std::string pore_phase        = "polymer";

      StrutLattice
      lattice(const CommonGeometry &c, UnitCell &m) const;
    };

    void
    Framework::declare_parameters(ParameterHandler &prm) const
    {
      prm.enter_subsection("Framework");
      prm.declare_entry("Volume fraction",
                        "0.15",
                        Patterns::Double(0.01, 0.5),
                        "Volume fraction of the ceramic network (phase 'ceramic') "
                        "if every lattice edge carried a strut [-]; the "
                        "generated value is reported.");
      prm.declare_entry("Strut spacing",
                        "5e-6",
                        Patterns::Double(1e-9),
                        "Distance between the nodes of the cubic lattice that "
                        "carries the struts [m]; the strut thickness follows "
                        "from the volume fraction of the full lattice.");
      prm.declare_entry("Strut thickness",
                        "0",
                        Patterns::Double(0),
                        "Edge length of the square strut cross-section [m]; 0: "
                        "from 'Volume fraction' (the full lattice would have it).");
      prm.declare_entry("Pore phase",
                        "polymer",
                        Patterns::Anything(),
                        "Name of the phase filling the pores of the network: "
                        "'polymer' for a framework separator or electrolyte "
                        "(default), or e.g. 'cathode' for a framework inside a "
                        "composite cathode whose pores hold the homogenised "
                        "active material and CPE.");
      prm.declare_entry("Strut probability",
                        "0.8",
                        Patterns::Double(0.0, 1.0),
                        "Probability that a lattice edge carries a strut [-]: "
                        "1 gives the full lattice, lower values a random, less "
                        "connected network (below about 0.25 it stops "
                        "percolating).");
      prm.leave_subsection();
    }

    /// The lattice of the settings; rounds the cell to whole spacings.
    StrutLattice
    Framework::lattice(const CommonGeometry &c, UnitCell &m) const
    {
      const double He = c.electrode_thickness * um;
      const double a  = strut_spacing * um;
      // Strut thickness t from the target fraction of a full lattice:
      // phi = (3 t^2 a - 2 t^3) / a^3 (bisection).
      double lo = 0, hi = a;
      for (unsigned int it = 0; it < 60; ++it)
        {
          const double t = 0.5 * (lo + hi);
          ((3 * t * t * a - 2 * t * t * t) / (a * a * a) < volume_fraction ? lo : hi) = t;
        }
      // An explicit strut thickness wins over the volume-fraction estimate.
      const double t =
          strut_thickness > 0 ? std::min(strut_thickness * um, 0.9 * a) : 0.5 * (lo + hi);
      StrutLattice l;
      l.nx            = std::max(1u, unsigned(std::lround(m.lx / a)));
      l.ny            = std::max(1u, unsigned(std::lround(m.ly / a)));
      l.nz            = std::max(1u, unsigned(std::lround(He / a)));
      m.lx            = l.nx * a;
      m.ly            = l.ny * a;
      const double az = He / l.nz; // lattice spacing along z fits the electrode
      // Band edges along each axis: node bands [c - t/2, c + t/2] at cell centres.
      const auto bands = [&](unsigned int n, double spacing) {
        std::vector<double> edges = {0};
        for (unsigned int i = 0; i < n; ++i)
          {
            edges.push_back((i + 0.5) * spacing - 0.5 * t);
            edges.push_back((i + 0.5) * spacing + 0.5 * t);
          }
        edges.push_back(n * spacing);
        return edges;
      };
      l.ex = bands(l.nx, a);
      l.ey = bands(l.ny, a);
      l.ez = bands(l.nz, az);
      std::mt19937                           rng(c.seed);
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      for (unsigned int k = 0; k <= l.nz; ++k)
        for (unsigned int j = 0; j < l.ny; ++j)
          for (unsigned int i = 0; i < l.nx; ++i)
            for (unsigned int axis = 0; axis < 3; ++axis)
              if (axis < 2 ? k < l.nz : true)
                l.edge[std::array<unsigned int, 4>{{axis, i, j, k}}] =
                    unit(rng) < strut_probability;
      return l;
    }

    void
    Framework::build(const CommonGeometry &c,
                     UnitCell             &m,
                     GeneratedMesh        &g,
                     const std::string    &prm_file) const
    {
      if (m.dim != 3)
        throw InputError(entry_message(prm_file,
                                       "Geometry",
                                       "Generator",
                                       "'framework' has no 2D form",
                                       "Dimension = 3"));
      const double       h  = c.mesh_size * um;
      const double       He = c.electrode_thickness * um;
      const StrutLattice l  = lattice(c, m);
      std::vector<Shape> shapes;
      for (unsigned int by = 0; by + 1 < l.ey.size(); ++by)
        for (unsigned int bx = 0; bx + 1 < l.ex.size(); ++bx)
          shapes.push_back({false,
                            l.ex[bx],
                            l.ey[by],
                            l.ex[bx + 1] - l.ex[bx],
                            l.ey[by + 1] - l.ey[by]});
      std::vector<Segment> segments;
      for (unsigned int bz = 0; bz + 1 < l.ez.size(); ++bz)
        segments.push_back(
            {l.ez[bz + 1] - l.ez[bz], cells_for(l.ez[bz + 1] - l.ez[bz], h)});
      const unsigned int n_electrode = segments.size();
      if (c.separator_thickness > 0)
        segments.push_back(
            {c.separator_thickness * um, cells_for(c.separator_thickness * um, h)});
      const auto index_of = [](const std::vector<double> &e, double x) {
        return static_cast<unsigned int>(std::upper_bound(e.begin(), e.end(), x) -
                                         e.begin() - 1);
      };
      const double ceramic_volume = l.ceramic_volume();
      build_stack(m, shapes, segments, [&](double x, double y, unsigned int s) {
        if (s >= n_electrode)
          return std::string("separator");
        return std::string(
            l.ceramic(index_of(l.ex, x), index_of(l.ey, y), s) ? "ceramic" : pore_phase);
      });
      const double H                        = He + c.separator_thickness * um;
      g.analytic_volume_fraction["ceramic"] = ceramic_volume / (m.lx * m.ly * H);
      g.counts["lattice nodes"]             = l.nx * l.ny * l.nz;
      g.counts["struts"]                    = std::count_if(
          l.edge.begin(), l.edge.end(), [](const auto &e) { return e.second; });
      g.electrode_top = c.electrode_thickness;
    }
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::Generator,
                  MesoCell::Framework,
                  "framework",
                  "3D ceramic strut network on a lattice, phases ceramic and polymer "
                  "(or the Pore phase).")
