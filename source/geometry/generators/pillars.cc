// Generator 'pillars': vertically aligned pillars (directional freezing) on
// a square or hexagonal lattice in a matrix (subsection Geometry / Pillars).
#include <mesocell/core/errors.h>
#include <mesocell/core/registry.h>
#include <mesocell/geometry/gmsh_tools.h>

#include <cmath>

namespace MesoCell
{
  using namespace dealii;
  using namespace GmshTools;

  namespace
  {
    class Pillars : public Generator
    {
    public:
      void
      declare_parameters(ParameterHandler &prm) const override
      {
        prm.enter_subsection("Pillars");
        prm.declare_entry("Diameter",
                          "7e-6",
                          Patterns::Double(1e-9),
                          "Pillar diameter along x [m] (circular or elliptic "
                          "cross-section; a strip of this width in 2D).");
        prm.declare_entry("Aspect ratio",
                          "1",
                          Patterns::Double(0.1, 10),
                          "Diameter along y over diameter along x [-] (1: circular).");
        prm.declare_entry("Spacing",
                          "10e-6",
                          Patterns::Double(1e-9),
                          "Centre-to-centre distance of neighbouring pillars [m].");
        prm.declare_entry("Height fraction",
                          "1",
                          Patterns::Double(0.01, 1),
                          "Pillar height over the electrode thickness [-]; above "
                          "the pillars the electrode region is matrix.");
        prm.declare_entry("Arrangement",
                          "square",
                          Patterns::Selection("square|hexagonal"),
                          "Pillar lattice in the cross-section. Hexagonal uses "
                          "rows Spacing*sqrt(3)/2 apart, every other row shifted by "
                          "half a spacing; the unit cell is then Width along x and "
                          "the nearest multiple of the row distance along y.");
        prm.leave_subsection();
      }

      void
      parse_parameters(ParameterHandler &prm, const std::string &prm_file) override
      {
        prm.enter_subsection("Pillars");
        diameter    = prm.get_double("Diameter");
        aspect      = prm.get_double("Aspect ratio");
        spacing     = prm.get_double("Spacing");
        arrangement = prm.get("Arrangement");
        height      = prm.get_double("Height fraction");
        prm.leave_subsection();
        if (!(diameter < spacing && diameter * aspect < spacing))
          throw InputError(
              entry_message(prm_file,
                            "Geometry / Pillars",
                            "Diameter",
                            "pillars would touch or overlap",
                            "a diameter (times aspect ratio) smaller than Spacing"));
      }

      void
      build(const CommonGeometry &c,
            UnitCell             &m,
            GeneratedMesh        &g,
            const std::string    &prm_file) const override
      {
        if (spacing > c.width * (1 + 1e-9))
          throw InputError(entry_message(
              prm_file,
              "Geometry / Pillars",
              "Spacing",
              "is larger than 'Width' (" + format_number(c.width) +
                  " m): the cell would be widened to one spacing",
              "a Spacing up to the Width (the cell holds whole lattice periods)"));
        const double h        = c.mesh_size * um;
        const auto   shapes   = lattice(m);
        auto         segments = electrode_segments(c, h);
        const double He = c.electrode_thickness * um, Hp = height * He;
        const bool   short_pillars = height < 1;
        if (short_pillars)
          {
            segments[0] = {Hp, cells_for(Hp, h)};
            segments.insert(segments.begin() + 1,
                            Segment{He - Hp, cells_for(He - Hp, h)});
          }
        const unsigned int n_electrode = short_pillars ? 2 : 1;
        const auto         inside      = [&](double x, double y) {
          for (const auto &s : shapes)
            if (s.disk ? std::pow((x - s.x) / s.a, 2) + std::pow((y - s.y) / s.b, 2) < 1
                                    : (x > s.x && x < s.x + s.a))
              return true;
          return false;
        };
        build_stack(m, shapes, segments, [&](double x, double y, unsigned int s) {
          return s >= n_electrode ? "separator"
                                  : (s == 0 && inside(x, y) ? "pillar" : "matrix");
        });
        analytic_values(c, m, shapes.size(), g);
        if (m.dim == 3)
          for (const auto &s : shapes)
            if (s.disk) // elliptic cylinders along z
              {
                const double axis[3] = {0, 0, 1}, u[3] = {s.a, 0, 0}, v[3] = {0, s.b, 0};
                g.curved_surfaces.push_back(
                    CurvedSurface::cylinder(s.x, s.y, 0, axis, u, v));
              }
      }

    private:
      double      diameter    = 7e-6;
      double      aspect      = 1.0;
      double      spacing     = 10e-6;
      std::string arrangement = "square";
      double      height      = 1.0; // fraction of the electrode thickness

      /// The pillar cross-sections; rounds the cell to whole lattice periods.
      std::vector<Shape>
      lattice(UnitCell &m) const
      {
        const double       d = diameter * um, sp = spacing * um;
        const double       ry = 0.5 * d * aspect, rx = 0.5 * d;
        std::vector<Shape> shapes;
        if (m.dim == 2)
          {
            const unsigned int n = std::max(1u, unsigned(std::lround(m.lx / sp)));
            m.lx                 = n * sp;
            for (unsigned int i = 0; i < n; ++i)
              shapes.push_back({false, (i + 0.5) * sp - rx, 0, d, 0});
            return shapes;
          }
        const bool         hex = (arrangement == "hexagonal");
        const double       dy  = hex ? sp * std::sqrt(3.0) / 2 : sp;
        const unsigned int nx  = std::max(1u, unsigned(std::lround(m.lx / sp)));
        unsigned int       ny  = std::max(1u, unsigned(std::lround(m.ly / dy)));
        if (hex && ny % 2 == 1)
          ++ny; // periodic hexagonal lattice needs an even row count
        m.lx = nx * sp;
        m.ly = ny * dy;
        for (unsigned int j = 0; j < ny; ++j)
          for (unsigned int i = 0; i < nx; ++i)
            {
              double x = (i + 0.5) * sp + (hex && j % 2 ? 0.5 * sp : 0.0);
              if (x > m.lx)
                x -= m.lx;
              const double y = (j + 0.5) * dy;
              // Pillars cut by the lateral faces are split into pieces by
              // fragmenting with the base rectangle; keep them whole inside.
              if (x - rx < 0 || x + rx > m.lx)
                for (const double shift : {-m.lx, 0.0, m.lx})
                  {
                    if (x + shift + rx > 0 && x + shift - rx < m.lx)
                      shapes.push_back({true, x + shift, y, rx, ry});
                  }
              else
                shapes.push_back({true, x, y, rx, ry});
            }
        return shapes;
      }

      /// Analytic volume fractions and interface areas of the pillar lattice.
      void
      analytic_values(const CommonGeometry &c,
                      const UnitCell       &m,
                      const std::size_t     n_shapes,
                      GeneratedMesh        &g) const
      {
        const double d = diameter * um, sp = spacing * um;
        const double ry = 0.5 * d * aspect, rx = 0.5 * d;
        const double H = c.electrode_thickness + c.separator_thickness;
        const double cell =
            (m.dim == 3 ? m.lx * m.ly : m.lx) / (m.dim == 3 ? um * um : um);
        double pillar_section = 0, perimeter = 0;
        if (m.dim == 3)
          {
            const unsigned int n = std::lround(
                m.lx * m.ly /
                (sp * sp * (arrangement == "hexagonal" ? std::sqrt(3.0) / 2 : 1.0)));
            const double a = rx / um, b = ry / um;
            pillar_section = n * M_PI * a * b;
            // Ramanujan's perimeter of an ellipse.
            perimeter = n * M_PI * (3 * (a + b) - std::sqrt((3 * a + b) * (a + 3 * b)));
          }
        else
          {
            const unsigned int n = n_shapes;
            pillar_section       = n * d / um;
            perimeter            = 2.0 * n;
          }
        const double hp = height * c.electrode_thickness; // pillar height [m]
        g.analytic_volume_fraction["pillar"] = pillar_section * hp / (cell * H);
        g.analytic_volume_fraction["matrix"] =
            (cell * c.electrode_thickness - pillar_section * hp) / (cell * H);
        if (c.separator_thickness > 0)
          g.analytic_volume_fraction["separator"] = c.separator_thickness / H;
        // Sides of the pillars, plus their tops where they end below the
        // separator.
        g.analytic_interface_area[pair_key("pillar", "matrix")] =
            perimeter * hp + (height < 1 ? pillar_section : 0.0);
        if (c.separator_thickness > 0)
          {
            if (height == 1)
              g.analytic_interface_area[pair_key("pillar", "separator")] = pillar_section;
            g.analytic_interface_area[pair_key("matrix", "separator")] =
                cell - (height == 1 ? pillar_section : 0.0);
          }
        g.electrode_top = c.electrode_thickness;
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::Generator,
                  MesoCell::Pillars,
                  "pillars",
                  "Vertically aligned pillars from directional freezing.")
