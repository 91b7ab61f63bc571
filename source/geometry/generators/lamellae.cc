// Generator 'lamellae': freeze-cast lamellae normal to x with electrolyte
// channels between them, optionally bridged (subsection Geometry / Lamellae).
#include <mesocell/core/errors.h>
#include <mesocell/core/registry.h>
#include <mesocell/geometry/gmsh_tools.h>

#include <algorithm>
#include <cmath>

namespace MesoCell
{
  using namespace dealii;
  using namespace GmshTools;

  namespace
  {
    class Lamellae : public Generator
    {
    public:
      void
      declare_parameters(ParameterHandler &prm) const override
      {
        prm.enter_subsection("Lamellae");
        prm.declare_entry("Lamella thickness",
                          "4e-6",
                          Patterns::Double(1e-9),
                          "Thickness of the active-rich lamellae (normal to x) [m].");
        prm.declare_entry("Channel width",
                          "3e-6",
                          Patterns::Double(1e-9),
                          "Width of the electrolyte-filled channels between them [m].");
        prm.declare_entry("Bridge spacing",
                          "0",
                          Patterns::Double(0),
                          "Vertical distance between bridges of lamella material "
                          "across the channels [m]; 0 for no bridges (3D only).");
        prm.declare_entry("Bridge thickness",
                          "2e-6",
                          Patterns::Double(1e-9),
                          "Vertical thickness of a bridge [m].");
        prm.declare_entry("Bridge width",
                          "5e-6",
                          Patterns::Double(1e-9),
                          "Extent of a bridge along y [m]; the rest of the channel "
                          "stays open.");
        prm.leave_subsection();
      }

      void
      parse_parameters(ParameterHandler &prm, const std::string &) override
      {
        prm.enter_subsection("Lamellae");
        lamella_thickness = prm.get_double("Lamella thickness");
        channel_width     = prm.get_double("Channel width");
        bridge_spacing    = prm.get_double("Bridge spacing");
        bridge_thickness  = prm.get_double("Bridge thickness");
        bridge_width      = prm.get_double("Bridge width");
        prm.leave_subsection();
      }

      void
      build(const CommonGeometry &c,
            UnitCell             &m,
            GeneratedMesh        &g,
            const std::string    &prm_file) const override
      {
        check_fits(c, m.dim, prm_file);
        const double       h = c.mesh_size * um;
        const double       t = lamella_thickness * um, w = channel_width * um;
        const unsigned int n       = std::max(1u, unsigned(std::lround(m.lx / (t + w))));
        m.lx                       = n * (t + w);
        const bool         bridges = (m.dim == 3 && bridge_spacing > 0);
        const double       bw      = std::min(bridge_width * um, m.ly);
        std::vector<Shape> shapes;
        for (unsigned int i = 0; i < n; ++i)
          {
            // Channel i occupies [i (t+w) + t/2, i (t+w) + t/2 + w].
            const double x0 = i * (t + w) + 0.5 * t;
            if (bridges && bw < m.ly)
              {
                shapes.push_back({false, x0, 0, w, bw});
                shapes.push_back({false, x0, bw, w, m.ly - bw});
              }
            else
              shapes.push_back({false, x0, 0, w, m.ly});
          }
        const auto in_channel = [&](double x) {
          const double period = t + w;
          const double r      = x - period * std::floor(x / period);
          return r > 0.5 * t && r < 0.5 * t + w;
        };
        std::vector<bool>    is_bridge;
        std::vector<Segment> segments = stack(c, h, bridges, is_bridge);
        const unsigned int   n_electrode =
            segments.size() - (c.separator_thickness > 0 ? 1 : 0);
        build_stack(m, shapes, segments, [&](double x, double y, unsigned int s) {
          if (s >= n_electrode)
            return std::string("separator");
          if (!in_channel(x))
            return std::string("lamella");
          return std::string(is_bridge[s] && y < bw ? "lamella" : "channel");
        });
        const double H = c.electrode_thickness + c.separator_thickness;
        if (!bridges)
          {
            g.analytic_volume_fraction["channel"] =
                w / (t + w) * c.electrode_thickness / H;
            g.analytic_volume_fraction["lamella"] =
                t / (t + w) * c.electrode_thickness / H;
            const double depth = (m.dim == 3 ? m.ly / um : 1.0);
            g.analytic_interface_area[pair_key("lamella", "channel")] =
                2.0 * n * depth * c.electrode_thickness;
          }
        if (c.separator_thickness > 0)
          g.analytic_volume_fraction["separator"] = c.separator_thickness / H;
        g.electrode_top = c.electrode_thickness;
      }

    private:
      double lamella_thickness = 4e-6;
      double channel_width     = 3e-6;
      double bridge_spacing    = 0;
      double bridge_thickness  = 2e-6;
      double bridge_width      = 5e-6;

      /// Bridges need a third dimension; the period must fit the width.
      void
      check_fits(const CommonGeometry &c,
                 const unsigned int    dim,
                 const std::string    &prm_file) const
      {
        if (dim == 2 && bridge_spacing > 0)
          throw InputError(entry_message(prm_file,
                                         "Geometry / Lamellae",
                                         "Bridge spacing",
                                         "bridges run along y, which a 2D cell does "
                                         "not have (they would be ignored)",
                                         "0 with Dimension = 2"));
        const double period = lamella_thickness + channel_width;
        if (period > c.width * (1 + 1e-9))
          throw InputError(entry_message(
              prm_file,
              "Geometry / Lamellae",
              "Channel width",
              "'Lamella thickness' + 'Channel width' (" + format_number(period) +
                  " m) is larger than 'Width' (" + format_number(c.width) +
                  " m): the cell would be widened to one period",
              "a period up to the Width (the cell holds whole periods)"));
      }

      /// Segments: the electrode split at the bridges, then the separator;
      /// @p is_bridge marks the bridge segments.
      std::vector<Segment>
      stack(const CommonGeometry &c,
            const double          h,
            const bool            bridges,
            std::vector<bool>    &is_bridge) const
      {
        std::vector<Segment> segments;
        const double         He = c.electrode_thickness * um;
        if (bridges)
          {
            const double s = bridge_spacing * um, b = bridge_thickness * um;
            double       z = 0;
            while (z + s + b < He)
              {
                segments.push_back({s, cells_for(s, h)});
                is_bridge.push_back(false);
                segments.push_back({b, cells_for(b, h)});
                is_bridge.push_back(true);
                z += s + b;
              }
            segments.push_back({He - z, cells_for(He - z, h)});
            is_bridge.push_back(false);
          }
        else
          {
            segments.push_back({He, cells_for(He, h)});
            is_bridge.push_back(false);
          }
        if (c.separator_thickness > 0)
          {
            segments.push_back(
                {c.separator_thickness * um, cells_for(c.separator_thickness * um, h)});
            is_bridge.push_back(false);
          }
        return segments;
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::Generator,
                  MesoCell::Lamellae,
                  "lamellae",
                  "Freeze-cast lamellae with electrolyte channels.")
