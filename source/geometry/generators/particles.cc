// Generator 'particles': a random composite of active particles (spheres or
// spheroids), ceramic filler and carbon binder in a matrix, by random
// sequential addition (subsection Geometry / Particles). Free shapes:
// fragmented with the box, meshed with simplices and subdivided.
#include <mesocell/core/errors.h>
#include <mesocell/core/registry.h>
#include <mesocell/geometry/gmsh_tools.h>

#include <gmsh.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace MesoCell
{
  using namespace dealii;
  using namespace GmshTools;

  namespace
  {
    namespace occ = gmsh::model::occ;

    /// A placed particle (micrometres).
    struct Ball
    {
      double       x, y, z, r; // r: the radius (semi-axis) not stretched
      unsigned int kind;       // 0 active, 1 filler, 2 binder
      double       aspect;     // semi-axis along the stretched direction / r
    };
    const char *ball_phase[] = {"active", "filler", "binder"};

    class Particles : public Generator
    {
    public:
      void
      declare_parameters(ParameterHandler &prm) const override;

      void
      parse_parameters(ParameterHandler &prm, const std::string &prm_file) override;

      MeshRoute
      route() const override
      {
        return MeshRoute::free_shapes;
      }

      void
      build(const CommonGeometry &c,
            UnitCell             &m,
            GeneratedMesh        &g,
            const std::string    &prm_file) const override;

    private:
      double volume_fraction        = 0.3;
      double radius_min             = 3e-6;
      double radius_max             = 4.5e-6;
      double minimum_gap            = 1e-6;
      double filler_volume_fraction = 0.0;
      double filler_radius          = 1.5e-6;
      double aspect_ratio           = 1.0;
      double binder_volume_fraction = 0.0;
      double binder_radius          = 1e-6;

      std::vector<Ball>
      place_balls(const CommonGeometry &c,
                  const UnitCell       &m,
                  const double          He,
                  const std::string    &prm_file) const;

      void
      analytic_values(const CommonGeometry    &c,
                      const UnitCell          &m,
                      const std::vector<Ball> &balls,
                      const double             H,
                      GeneratedMesh           &g) const;
    };

    void
    Particles::declare_parameters(ParameterHandler &prm) const
    {
      prm.enter_subsection("Particles");
      prm.declare_entry("Volume fraction",
                        "0.3",
                        Patterns::Double(0.0, 0.6),
                        "Target volume fraction of active particles in the "
                        "electrode region [-] (random sequential addition; the "
                        "reached value is reported).");
      prm.declare_entry("Minimum radius",
                        "3e-6",
                        Patterns::Double(1e-9),
                        "Smallest particle radius [m] (radii uniform between "
                        "minimum and maximum).");
      prm.declare_entry("Maximum radius",
                        "4.5e-6",
                        Patterns::Double(1e-9),
                        "Largest particle radius [m].");
      prm.declare_entry("Minimum gap",
                        "1e-6",
                        Patterns::Double(0),
                        "Smallest distance between particles and between a "
                        "particle and the cell faces [m]. The mesh must resolve "
                        "these gaps, so small gaps make large meshes.");
      prm.declare_entry("Filler volume fraction",
                        "0",
                        Patterns::Double(0.0, 0.3),
                        "Target volume fraction of ceramic filler particles "
                        "(phase 'filler', e.g. LLZO) [-].");
      prm.declare_entry("Filler radius",
                        "1.5e-6",
                        Patterns::Double(1e-9),
                        "Radius of the filler particles [m].");
      prm.declare_entry("Aspect ratio",
                        "1",
                        Patterns::Double(0.2, 5),
                        "Active particles as spheroids: semi-axis along a random "
                        "direction over the other two [-] (1: spheres; > 1 "
                        "prolate, < 1 oblate).");
      prm.declare_entry("Binder volume fraction",
                        "0",
                        Patterns::Double(0.0, 0.3),
                        "Target volume fraction of carbon-binder particles "
                        "(phase 'binder') [-].");
      prm.declare_entry("Binder radius",
                        "1e-6",
                        Patterns::Double(1e-9),
                        "Radius of the carbon-binder particles [m].");
      prm.leave_subsection();
    }

    void
    Particles::parse_parameters(ParameterHandler &prm, const std::string &prm_file)
    {
      prm.enter_subsection("Particles");
      volume_fraction        = prm.get_double("Volume fraction");
      radius_min             = prm.get_double("Minimum radius");
      radius_max             = prm.get_double("Maximum radius");
      minimum_gap            = prm.get_double("Minimum gap");
      filler_volume_fraction = prm.get_double("Filler volume fraction");
      filler_radius          = prm.get_double("Filler radius");
      aspect_ratio           = prm.get_double("Aspect ratio");
      binder_volume_fraction = prm.get_double("Binder volume fraction");
      binder_radius          = prm.get_double("Binder radius");
      prm.leave_subsection();
      if (!(radius_max >= radius_min))
        throw InputError(entry_message(prm_file,
                                       "Geometry / Particles",
                                       "Maximum radius",
                                       "is smaller than 'Minimum radius'",
                                       "a radius >= Minimum radius"));
    }

    /// Random sequential addition of non-overlapping spheres (disks in 2D):
    /// active particles, then filler, then binder.
    std::vector<Ball>
    Particles::place_balls(const CommonGeometry &c,
                           const UnitCell       &m,
                           const double          He,
                           const std::string    &prm_file) const
    {
      std::mt19937                           rng(c.seed);
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      const double                           gap = minimum_gap * um;
      const double      box = (m.dim == 3 ? m.lx * m.ly * He : m.lx * He);
      std::vector<Ball> balls;
      const auto        volume = [&](double r) {
        return m.dim == 3 ? 4.0 / 3.0 * M_PI * r * r * r : M_PI * r * r;
      };
      for (const unsigned int kind : {0u, 1u, 2u})
        {
          const bool   filler = kind > 0;
          const double aspect = kind == 0 ? aspect_ratio : 1.0;
          const double target = (kind == 0   ? volume_fraction
                                 : kind == 1 ? filler_volume_fraction
                                             : binder_volume_fraction) *
                                box;
          double       placed   = 0;
          unsigned int failures = 0;
          while (placed < target && failures < 20000)
            {
              const double r =
                  filler ? (kind == 1 ? filler_radius : binder_radius) * um
                         : (radius_min + unit(rng) * (radius_max - radius_min)) * um;
              const double lo = r * std::max(1.0, aspect) + gap; // bounding sphere
              if (2 * lo >= std::min({m.lx, He, m.dim == 3 ? m.ly : m.lx}))
                throw InputError(entry_message(prm_file,
                                               "Geometry / Particles",
                                               "Maximum radius",
                                               "particles do not fit in the cell",
                                               "a diameter plus gaps smaller than Width "
                                               "and the electrode thickness"));
              Ball       b{lo + unit(rng) * (m.lx - 2 * lo),
                     lo + unit(rng) * ((m.dim == 3 ? m.ly : He) - 2 * lo),
                     m.dim == 3 ? lo + unit(rng) * (He - 2 * lo) : 0.0,
                     r,
                     kind,
                     aspect};
              const auto bound = [](const Ball &o) {
                return o.r * std::max(1.0, o.aspect);
              };
              const bool free =
                  std::none_of(balls.begin(), balls.end(), [&](const Ball &o) {
                    const double dx = b.x - o.x, dy = b.y - o.y, dz = b.z - o.z;
                    return dx * dx + dy * dy + dz * dz <
                           std::pow(bound(b) + bound(o) + gap, 2);
                  });
              if (!free || placed + 0.5 * volume(r) * aspect > target)
                {
                  ++failures;
                  continue;
                }
              balls.push_back(b);
              placed += volume(r) * aspect;
              failures = 0; // give up after many consecutive misses only
            }
        }
      return balls;
    }

    void
    Particles::build(const CommonGeometry &c,
                     UnitCell             &m,
                     GeneratedMesh        &g,
                     const std::string    &prm_file) const
    {
      const double He = c.electrode_thickness * um, Hs = c.separator_thickness * um;
      const auto   balls = place_balls(c, m, He, prm_file);
      // Orientations from their own stream, so that placements do not
      // depend on the aspect ratio.
      std::mt19937                           orient(c.seed + 7919);
      std::uniform_real_distribution<double> turn(0.0, 1.0);
      gmsh::vectorpair                       boxes, tools, out;
      if (m.dim == 3)
        {
          boxes.emplace_back(3, occ::addBox(0, 0, 0, m.lx, m.ly, He));
          if (Hs > 0)
            boxes.emplace_back(3, occ::addBox(0, 0, He, m.lx, m.ly, Hs));
          for (const auto &b : balls)
            {
              tools.emplace_back(3, occ::addSphere(b.x, b.y, b.z, b.r));
              if (b.aspect != 1.0) // spheroid along a random direction
                {
                  occ::dilate({tools.back()}, b.x, b.y, b.z, 1, 1, b.aspect);
                  occ::rotate({tools.back()},
                              b.x,
                              b.y,
                              b.z,
                              1,
                              0,
                              0,
                              std::acos(1 - 2 * turn(orient)));
                  occ::rotate(
                      {tools.back()}, b.x, b.y, b.z, 0, 0, 1, 2 * M_PI * turn(orient));
                }
            }
        }
      else
        {
          boxes.emplace_back(2, occ::addRectangle(0, 0, 0, m.lx, He));
          if (Hs > 0)
            boxes.emplace_back(2, occ::addRectangle(0, He, 0, m.lx, Hs));
          for (const auto &b : balls)
            {
              const double major = b.r * std::max(1.0, b.aspect),
                           minor = b.r * std::min(1.0, b.aspect);
              tools.emplace_back(2, occ::addDisk(b.x, b.y, 0, major, minor));
              if (b.aspect != 1.0)
                occ::rotate({tools.back()}, b.x, b.y, 0, 0, 0, 1, M_PI * turn(orient));
            }
        }
      std::vector<gmsh::vectorpair> map;
      occ::fragment(boxes, tools, out, map);
      occ::synchronize();
      m.height = He + Hs;
      // The fragment map says which pieces come from which input: map[i]
      // for the boxes, map[boxes.size() + k] for ball k.
      std::map<int, std::string> phase_of;
      for (std::size_t k = 0; k < balls.size(); ++k)
        for (const auto &e : map[boxes.size() + k])
          phase_of[e.second] = ball_phase[balls[k].kind];
      for (std::size_t i = 0; i < boxes.size(); ++i)
        for (const auto &e : map[i])
          if (phase_of.count(e.second) == 0)
            phase_of[e.second] = (i == 0 ? "matrix" : "separator");
      for (const auto &[tag, phase] : phase_of)
        m.add(phase, tag);
      analytic_values(c, m, balls, He + Hs, g);
    }

    /// Volume fractions and surfaces of the placed particles, and counts.
    void
    Particles::analytic_values(const CommonGeometry    &c,
                               const UnitCell          &m,
                               const std::vector<Ball> &balls,
                               const double             H,
                               GeneratedMesh           &g) const
    {
      const double box       = (m.dim == 3 ? m.lx * m.ly : m.lx) * H;
      double       volume[3] = {0, 0, 0}, area[3] = {0, 0, 0};
      unsigned int count[3] = {0, 0, 0};
      for (const auto &b : balls)
        {
          const double a = b.r, cz = b.r * b.aspect;
          volume[b.kind] += m.dim == 3 ? 4.0 / 3.0 * M_PI * a * a * cz : M_PI * a * cz;
          // Spheroid surface (Knud Thomsen, p = 1.6075) or ellipse perimeter
          // (Ramanujan); exact for spheres and circles.
          const double q = 1.6075;
          area[b.kind] +=
              m.dim == 3
                  ? 4 * M_PI *
                        std::pow((std::pow(a, 2 * q) + 2 * std::pow(a * cz, q)) / 3,
                                 1 / q)
                  : M_PI * (3 * (a + cz) - std::sqrt((3 * a + cz) * (a + 3 * cz)));
          ++count[b.kind];
        }
      const char *count_name[] = {"particles", "filler particles", "binder particles"};
      for (unsigned int k = 0; k < 3; ++k)
        {
          g.counts[count_name[k]] = count[k];
          if (k == 0 || count[k] > 0)
            {
              g.analytic_volume_fraction[ball_phase[k]] = volume[k] / box;
              g.analytic_interface_area[pair_key(ball_phase[k], "matrix")] =
                  area[k] / std::pow(um, m.dim - 1);
            }
        }
      g.electrode_top = c.electrode_thickness;
    }
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::Generator,
                  MesoCell::Particles,
                  "particles",
                  "Random particle composite (active particles, filler, binder).")
