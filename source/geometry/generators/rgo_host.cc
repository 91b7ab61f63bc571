// Generator 'rgo host': Li in the gaps of a stack of reduced graphene oxide
// sheets, optionally partly filled (subsection Geometry / rGO host).
#include <mesocell/core/errors.h>
#include <mesocell/core/registry.h>
#include <mesocell/geometry/gmsh_tools.h>

namespace MesoCell
{
  using namespace dealii;
  using namespace GmshTools;

  namespace
  {
    class RgoHost : public Generator
    {
    public:
      void
      declare_parameters(ParameterHandler &prm) const override
      {
        prm.enter_subsection("rGO host");
        prm.declare_entry("Sheet count",
                          "5",
                          Patterns::Integer(1, 200),
                          "Number of rGO sheets stacked along the thickness [-].");
        prm.declare_entry("Sheet thickness",
                          "1e-6",
                          Patterns::Double(1e-9),
                          "Thickness of one rGO sheet (or sheet bundle) [m].");
        prm.declare_entry("Gap",
                          "2e-6",
                          Patterns::Double(1e-9),
                          "Interlayer gap between sheets, filled with Li [m].");
        prm.declare_entry("Fill fraction",
                          "1",
                          Patterns::Double(0.0, 1.0),
                          "Fraction of each gap (along x) filled with Li [-]; the "
                          "rest is the phase 'void'.");
        prm.leave_subsection();
      }

      void
      parse_parameters(ParameterHandler &prm, const std::string &) override
      {
        prm.enter_subsection("rGO host");
        sheet_count     = prm.get_integer("Sheet count");
        sheet_thickness = prm.get_double("Sheet thickness");
        gap             = prm.get_double("Gap");
        fill_fraction   = prm.get_double("Fill fraction");
        prm.leave_subsection();
      }

      void
      build(const CommonGeometry &c,
            UnitCell             &m,
            GeneratedMesh        &g,
            const std::string &) const override
      {
        const double             h  = c.mesh_size * um;
        const double             ts = sheet_thickness * um, gp = gap * um;
        std::vector<Segment>     segments;
        std::vector<std::string> kind;
        for (unsigned int k = 0; k < sheet_count; ++k)
          {
            segments.push_back({ts, cells_for(ts, h)});
            kind.push_back("rgo");
            segments.push_back({gp, cells_for(gp, h)});
            kind.push_back("gap");
          }
        if (c.separator_thickness > 0)
          {
            segments.push_back(
                {c.separator_thickness * um, cells_for(c.separator_thickness * um, h)});
            kind.push_back("separator");
          }
        const double       xf = fill_fraction * m.lx;
        std::vector<Shape> shapes;
        if (fill_fraction > 0 && fill_fraction < 1)
          shapes.push_back({false, 0, 0, xf, m.ly});
        build_stack(m, shapes, segments, [&](double x, double, unsigned int s) {
          if (kind[s] != "gap")
            return kind[s];
          return std::string(x < xf ? "lithium" : "void");
        });
        const double He                       = sheet_count * (sheet_thickness + gap);
        const double H                        = He + c.separator_thickness;
        g.analytic_volume_fraction["rgo"]     = sheet_count * sheet_thickness / H;
        g.analytic_volume_fraction["lithium"] = fill_fraction * sheet_count * gap / H;
        if (fill_fraction < 1)
          g.analytic_volume_fraction["void"] =
              (1 - fill_fraction) * sheet_count * gap / H;
        if (c.separator_thickness > 0)
          g.analytic_volume_fraction["separator"] = c.separator_thickness / H;
        g.electrode_top = He;
        if (std::abs(He - c.electrode_thickness) > 1e-6 * He)
          g.notes.push_back("the electrode is 'Sheet count' x ('Sheet thickness' + "
                            "'Gap') = " +
                            format_number(He) + " m thick; 'Electrode thickness' (" +
                            format_number(c.electrode_thickness) +
                            " m) is not used by this generator");
      }

    private:
      unsigned int sheet_count     = 5;
      double       sheet_thickness = 1e-6;
      double       gap             = 2e-6;
      double       fill_fraction   = 1.0;
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::Generator,
                  MesoCell::RgoHost,
                  "rgo host",
                  "Li in layered rGO (reduced graphene oxide) sheets.")
