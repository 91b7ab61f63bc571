// Generator 'layers': planar layers from the collector upwards, one of them
// optionally graded into equal sublayers (subsection Geometry / Layers).
#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>
#include <mesocell/core/registry.h>
#include <mesocell/geometry/gmsh_tools.h>

#include <algorithm>

namespace MesoCell
{
  using namespace dealii;
  using namespace GmshTools;

  namespace
  {
    /// Planar cells, separator stacks, double-layer and graded CPEs.
    class Layers : public Generator
    {
    public:
      void
      declare_parameters(ParameterHandler &prm) const override
      {
        prm.enter_subsection("Layers");
        prm.declare_entry("Layers",
                          "cathode: 30e-6, separator: 20e-6",
                          Patterns::Anything(),
                          "Layers from the collector upwards as 'phase: thickness' "
                          "pairs [m], e.g. 'ppc: 5e-6, peo_hbn: 20e-6' for a "
                          "double-layer CPE or 'latp_coating: 0.5e-6, cpe: 30e-6' "
                          "for a coated interface. Layers with the same name form "
                          "one phase.");
        prm.declare_entry("Graded layer",
                          "",
                          Patterns::Anything(),
                          "Name of one layer to split into 'Graded sublayers' "
                          "equal sublayers named NAME_1 (bottom) ... NAME_n (top), "
                          "each a phase of its own, for a gradient CPE whose "
                          "filler content changes through the thickness.");
        prm.declare_entry("Graded sublayers",
                          "1",
                          Patterns::Integer(1, 100),
                          "Number of sublayers of the graded layer [-].");
        prm.leave_subsection();
      }

      void
      parse_parameters(ParameterHandler &prm, const std::string &prm_file) override
      {
        prm.enter_subsection("Layers");
        layers.clear();
        for (const auto &pair : Utilities::split_string_list(prm.get("Layers"), ','))
          layers.push_back(parse_layer(pair, prm_file));
        graded_layer     = prm.get("Graded layer");
        graded_sublayers = prm.get_integer("Graded sublayers");
        prm.leave_subsection();
        if (!graded_layer.empty() &&
            std::none_of(layers.begin(), layers.end(), [&](const auto &l) {
              return l.first == graded_layer;
            }))
          throw InputError(
              entry_message(prm_file,
                            "Geometry / Layers",
                            "Graded layer",
                            "'" + graded_layer + "' is not one of the layers",
                            "the name of a layer in 'Layers'"));
      }

      void
      build(const CommonGeometry &c,
            UnitCell             &m,
            GeneratedMesh        &g,
            const std::string &) const override
      {
        const double             h = c.mesh_size * um;
        std::vector<Segment>     segments;
        std::vector<std::string> names;
        double                   total = 0;
        for (const auto &[name, t] : layers)
          {
            const unsigned int n = (name == graded_layer ? graded_sublayers : 1);
            for (unsigned int k = 0; k < n; ++k)
              {
                const double tk = t * um / n;
                segments.push_back({tk, cells_for(tk, h)});
                names.push_back(n == 1 ? name : name + "_" + std::to_string(k + 1));
              }
            total += t;
          }
        build_stack(
            m, {}, segments, [&](double, double, unsigned int s) { return names[s]; });
        const double area = (m.dim == 3 ? c.width * c.width : c.width);
        for (unsigned int s = 0; s < names.size(); ++s)
          {
            g.analytic_volume_fraction[names[s]] += segments[s].height / um / total;
            if (s > 0 && names[s] != names[s - 1])
              g.analytic_interface_area[pair_key(names[s - 1], names[s])] += area;
          }
        g.electrode_top = total;
      }

    private:
      /// "name: thickness" pairs, bottom to top [m]
      std::vector<std::pair<std::string, double>> layers;
      std::string                                 graded_layer;
      unsigned int                                graded_sublayers = 1;

      static std::pair<std::string, double>
      parse_layer(const std::string &pair, const std::string &prm_file)
      {
        const auto parts = Utilities::split_string_list(pair, ':');
        double     t     = -1;
        if (parts.size() == 2)
          try
            {
              t = Utilities::string_to_double(parts[1]);
            }
          catch (...)
            {
            }
        if (!(t > 0))
          throw InputError(
              entry_message(prm_file,
                            "Geometry / Layers",
                            "Layers",
                            "'" + pair + "' is not 'phase: thickness'",
                            "'name: thickness' pairs with thickness > 0 in m"));
        return {parts[0], t};
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::Generator,
                  MesoCell::Layers,
                  "layers",
                  "Planar cells, separator stacks, double-layer and graded CPEs.")
