// Generator 'particles': a dense random composite of active particles
// (spheres or spheroids), ceramic filler and carbon binder in a matrix
// (subsection Geometry / Particles). The active particles are packed by
// collective rearrangement (geometry/packing.h) to the target volume
// fraction, touching ones fused through a neck; filler by random
// sequential addition; binder first as bridges across narrow gaps between
// particles and the collector. Free shapes: fragmented with the box,
// meshed with simplices and subdivided.
#include <mesocell/core/errors.h>
#include <mesocell/core/registry.h>
#include <mesocell/geometry/gmsh_tools.h>
#include <mesocell/geometry/packing.h>

#include <gmsh.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <random>
#include <sstream>

namespace MesoCell
{
  using namespace dealii;
  using namespace GmshTools;

  namespace
  {
    namespace occ = gmsh::model::occ;

    /// A placed particle (micrometres): the packed ball is its bounding
    /// sphere.
    struct Ball
    {
      Packing::Ball bound;
      double        r;      // the radius (semi-axis) not stretched
      unsigned int  kind;   // 0 active, 1 filler, 2 binder
      double        aspect; // semi-axis along the stretched direction / r
    };
    const char *ball_phase[] = {"active", "filler", "binder"};
    const char *section      = "Geometry / Particles";

    std::string
    fmt(const double x, const int precision = 3)
    {
      std::ostringstream s;
      s << std::setprecision(precision) << x;
      return s.str();
    }

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
      double neck_overlap           = 0;
      double filler_volume_fraction = 0.0;
      double filler_radius          = 1.5e-6;
      double aspect_ratio           = 1.0;
      double binder_volume_fraction = 0.0;
      double binder_radius          = 1e-6;

      void
      check(const std::string &prm_file) const;

      Packing::Box
      box(const UnitCell &m, const double He) const;

      Packing::Rules
      rules() const;

      std::vector<double>
      sample_radii(const Packing::Box &box, std::mt19937 &rng) const;

      std::vector<Ball>
      pack_active(const Packing::Box &box,
                  const std::string  &prm_file,
                  std::mt19937       &rng) const;

      [[noreturn]] void
      unreachable(const double reached, const std::string &prm_file) const;

      void
      add_random(std::vector<Ball>  &balls,
                 const unsigned int  kind,
                 const double        target,
                 const Packing::Box &box,
                 const std::string  &prm_file,
                 std::mt19937       &rng) const;

      void
      add_binder(std::vector<Ball>  &balls,
                 const Packing::Box &box,
                 const std::string  &prm_file,
                 std::mt19937       &rng) const;

      std::vector<Ball>
      place_balls(const CommonGeometry &c,
                  const UnitCell       &m,
                  const double          He,
                  const std::string    &prm_file) const;

      std::vector<int>
      draw(const CommonGeometry       &c,
           const UnitCell             &m,
           const std::vector<Ball>    &balls,
           const Packing::Box         &box,
           gmsh::vectorpair           &tools,
           std::vector<CurvedSurface> &surfaces) const;

      void
      analytic_values(const CommonGeometry    &c,
                      const UnitCell          &m,
                      const std::vector<Ball> &balls,
                      const double             He,
                      const double             H,
                      GeneratedMesh           &g) const;
    };

    void
    Particles::declare_parameters(ParameterHandler &prm) const
    {
      prm.enter_subsection("Particles");
      prm.declare_entry("Volume fraction",
                        "0.3",
                        Patterns::Double(0.0, 0.9),
                        "Volume fraction of active particles in the electrode "
                        "region [-], met within 0.01 (analytic): particles are "
                        "packed densely by collective rearrangement, or the "
                        "generator stops with the fraction it reached. Random "
                        "packings of spheres stop near 0.64 of the spheres "
                        "enlarged by half the Minimum gap; necks ('Neck "
                        "overlap') pack denser, spheroids (packed by their "
                        "bounding spheres) looser.");
      prm.declare_entry("Minimum radius",
                        "3e-6",
                        Patterns::Double(1e-9),
                        "Smallest particle radius [m] (radii uniform between "
                        "minimum and maximum, then scaled by one common factor "
                        "so that their volume meets 'Volume fraction').");
      prm.declare_entry("Maximum radius",
                        "4.5e-6",
                        Patterns::Double(1e-9),
                        "Largest particle radius [m].");
      prm.declare_entry("Minimum gap",
                        "1e-6",
                        Patterns::Double(0),
                        "Smallest distance between particles that do not touch, "
                        "and between a particle and the cell faces it does not "
                        "cross [m]. The mesh must resolve these gaps, so small "
                        "gaps make large meshes.");
      prm.declare_entry("Neck overlap",
                        "0",
                        Patterns::Double(0.0, 0.5),
                        "Electronic contacts of the active particles: particles "
                        "that touch are fused through a neck, overlapping by this "
                        "fraction of the smaller radius (up to twice as much, at "
                        "most 0.2 more) [-]; particles near the collector are cut "
                        "by it alike. 0: no contacts (every pair keeps the Minimum "
                        "gap). Spheres only (Aspect ratio 1).");
      prm.declare_entry("Filler volume fraction",
                        "0",
                        Patterns::Double(0.0, 0.3),
                        "Volume fraction of ceramic filler particles (phase "
                        "'filler', e.g. LLZO) [-], placed at random in the space "
                        "the active particles leave, met within 0.01.");
      prm.declare_entry("Filler radius",
                        "1.5e-6",
                        Patterns::Double(1e-9),
                        "Radius of the filler particles [m].");
      prm.declare_entry("Aspect ratio",
                        "1",
                        Patterns::Double(0.2, 5),
                        "Active particles as spheroids: semi-axis along a random "
                        "direction over the other two [-] (1: spheres; > 1 "
                        "prolate, < 1 oblate). Spheroids are packed by their "
                        "bounding spheres, inside the lateral faces.");
      prm.declare_entry("Binder volume fraction",
                        "0",
                        Patterns::Double(0.0, 0.3),
                        "Volume fraction of carbon binder (phase 'binder', an "
                        "electronic conductor) [-], met within 0.01: balls of "
                        "'Binder radius' bridging the narrow gaps (Minimum gap "
                        "to 1.5 Binder radius) between active particles and "
                        "between them and the collector, first where they join "
                        "separate clusters; the rest at random in the matrix.");
      prm.declare_entry("Binder radius",
                        "1e-6",
                        Patterns::Double(1e-9),
                        "Radius of the carbon-binder balls [m].");
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
      neck_overlap           = prm.get_double("Neck overlap");
      filler_volume_fraction = prm.get_double("Filler volume fraction");
      filler_radius          = prm.get_double("Filler radius");
      aspect_ratio           = prm.get_double("Aspect ratio");
      binder_volume_fraction = prm.get_double("Binder volume fraction");
      binder_radius          = prm.get_double("Binder radius");
      prm.leave_subsection();
      check(prm_file);
    }

    void
    Particles::check(const std::string &prm_file) const
    {
      if (!(radius_max >= radius_min))
        throw InputError(entry_message(prm_file,
                                       section,
                                       "Maximum radius",
                                       "is smaller than 'Minimum radius'",
                                       "a radius >= Minimum radius"));
      if (neck_overlap > 0 && aspect_ratio != 1)
        throw InputError(entry_message(prm_file,
                                       section,
                                       "Neck overlap",
                                       "necks need spheres, but 'Aspect ratio' is " +
                                           fmt(aspect_ratio),
                                       "0 for spheroids, or 'Aspect ratio = 1'"));
      if (minimum_gap == 0 && neck_overlap == 0)
        throw InputError(
            entry_message(prm_file,
                          section,
                          "Minimum gap",
                          "is 0 with 'Neck overlap' 0: particles would touch "
                          "at single points, which cannot be meshed",
                          "a gap > 0, or a 'Neck overlap' > 0"));
    }

    /// The electrode region as the packing's box (micrometres): periodic
    /// along the lateral axes for spheres.
    Packing::Box
    Particles::box(const UnitCell &m, const double He) const
    {
      Packing::Box b{m.dim, {{m.lx, m.dim == 3 ? m.ly : He, m.dim == 3 ? He : 0}}};
      b.periodic = aspect_ratio == 1;
      return b;
    }

    Packing::Rules
    Particles::rules() const
    {
      return {minimum_gap * um, neck_overlap};
    }

    /// Radii (semi-axes r) uniform in [min, max] until their volume reaches
    /// the target (the count nearest to it), then scaled by one factor so
    /// that it meets the target exactly.
    std::vector<double>
    Particles::sample_radii(const Packing::Box &box, std::mt19937 &rng) const
    {
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      const double                           target = volume_fraction * box.measure();
      std::vector<double>                    radii;
      double                                 volume = 0, last = 0;
      while (volume < target)
        {
          radii.push_back((radius_min + unit(rng) * (radius_max - radius_min)) * um);
          last = Packing::ball_measure(radii.back(), box.dim) * aspect_ratio;
          volume += last;
        }
      if (radii.size() > 1 && volume - target > target - (volume - last))
        {
          radii.pop_back();
          volume -= last;
        }
      const double f = volume > 0 ? std::pow(target / volume, 1.0 / box.dim) : 1;
      for (double &r : radii)
        r *= f;
      return radii;
    }

    [[noreturn]] void
    Particles::unreachable(const double reached, const std::string &prm_file) const
    {
      throw InputError(entry_message(
          prm_file,
          section,
          "Volume fraction",
          "reached " + fmt(reached, 2) + " of " + fmt(volume_fraction, 2) +
              " with Minimum gap " + fmt(minimum_gap) + " m and Neck overlap " +
              fmt(neck_overlap) +
              "; dense random packings of spheres stop near 0.64 of the "
              "spheres enlarged by half the gap" +
              (aspect_ratio != 1 ? std::string(", and spheroids are packed by their "
                                               "bounding spheres")
                                 : std::string()),
          "a smaller 'Volume fraction', a smaller 'Minimum gap' or a larger "
          "'Neck overlap' (particles fused through necks pack denser)"));
    }

    /// The active particles, packed; with necks, their radii grown until
    /// the fused union meets the target.
    std::vector<Ball>
    Particles::pack_active(const Packing::Box &box,
                           const std::string  &prm_file,
                           std::mt19937       &rng) const
    {
      const double        stretch = std::max(1.0, aspect_ratio);
      std::vector<double> radii   = sample_radii(box, rng), bounds;
      for (const double r : radii)
        bounds.push_back(r * stretch);
      const double    target = volume_fraction * box.measure();
      Packing::Result packed =
          Packing::pack(bounds, box, rules(), rng, neck_overlap > 0 ? target : 0);
      if (!packed.reached)
        unreachable(Packing::union_measure(packed.balls, box) / box.measure() *
                        aspect_ratio / std::pow(stretch, box.dim),
                    prm_file);
      std::vector<Ball> balls;
      for (const auto &b : packed.balls)
        balls.push_back({b, b.r / stretch, 0, aspect_ratio});
      return balls;
    }

    /// Random sequential addition of balls of one kind inside the walls,
    /// the Minimum gap away from all others, up to @p target [um^dim].
    void
    Particles::add_random(std::vector<Ball>  &balls,
                          const unsigned int  kind,
                          const double        target,
                          const Packing::Box &box,
                          const std::string  &prm_file,
                          std::mt19937       &rng) const
    {
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      const double r      = (kind == 1 ? filler_radius : binder_radius) * um,
                   gap    = minimum_gap * um;
      const double v      = Packing::ball_measure(r, box.dim);
      double       placed = 0;
      for (unsigned int failures = 0; placed + 0.5 * v <= target && failures < 20000;)
        {
          Ball b{{{{0, 0, 0}}, r}, r, kind, 1.0};
          for (unsigned int a = 0; a < box.dim; ++a)
            b.bound.x[a] =
                r + gap + unit(rng) * std::max(0.0, box.length[a] - 2 * (r + gap));
          const bool free = std::none_of(balls.begin(), balls.end(), [&](const Ball &o) {
            const double d = std::sqrt([&]() {
              const auto w = Packing::offset(b.bound, o.bound, box);
              return w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
            }());
            return d < r + o.bound.r + gap;
          });
          if (!free)
            {
              ++failures;
              continue;
            }
          balls.push_back(b);
          placed += v;
          failures = 0; // give up after many consecutive misses only
        }
      if (target - placed > 0.01 * box.measure())
        throw InputError(entry_message(
            prm_file,
            section,
            kind == 1 ? "Filler volume fraction" : "Binder volume fraction",
            "reached " + fmt(placed / box.measure(), 2) + " of " +
                fmt(target / box.measure(), 2) +
                ": no room left between the active particles (Minimum gap " +
                fmt(minimum_gap) + " m)",
            "a smaller fraction or radius, or a smaller 'Volume fraction' or "
            "'Minimum gap'"));
    }

    /// Binder: bridges first, then at random.
    void
    Particles::add_binder(std::vector<Ball>  &balls,
                          const Packing::Box &box,
                          const std::string  &prm_file,
                          std::mt19937       &rng) const
    {
      double                     target = binder_volume_fraction * box.measure();
      std::vector<Packing::Ball> active, others;
      for (const auto &b : balls)
        (b.kind == 0 ? active : others).push_back(b.bound);
      double bridged = target;
      if (aspect_ratio == 1 && target > 0)
        for (const auto &b : Packing::place_bridges(
                 active, others, binder_radius * um, bridged, box, rules(), rng))
          balls.push_back({b, b.r, 2, 1.0});
      else
        bridged = 0;
      add_random(balls, 2, target - bridged, box, prm_file, rng);
    }

    /// Active particles packed, then filler and binder, in the electrode
    /// region of height @p He.
    std::vector<Ball>
    Particles::place_balls(const CommonGeometry &c,
                           const UnitCell       &m,
                           const double          He,
                           const std::string    &prm_file) const
    {
      const Packing::Box b       = box(m, He);
      const double       gap     = minimum_gap * um;
      const double       R       = radius_max * um * std::max(1.0, aspect_ratio);
      const double       lateral = b.periodic ? 2 * (2 * R + gap) : 2 * (R + gap);
      if (!(2 * (R + gap) < He && lateral <= (m.dim == 3 ? std::min(m.lx, m.ly) : m.lx)))
        throw InputError(entry_message(prm_file,
                                       section,
                                       "Maximum radius",
                                       "particles do not fit in the cell",
                                       "a diameter plus two gaps smaller than the "
                                       "electrode thickness, and a Width of at least "
                                       "two diameters plus two gaps (spheroids: one)"));
      std::mt19937      rng(c.seed);
      std::vector<Ball> balls = pack_active(b, prm_file, rng);
      add_random(balls, 1, filler_volume_fraction * b.measure(), b, prm_file, rng);
      add_binder(balls, b, prm_file, rng);
      return balls;
    }

    /// The surface of a ball drawn at (x, y, z): a sphere, or the spheroid
    /// stretched along z by the aspect ratio, turned by @p polar about x,
    /// then by 2 pi @p azimuth about z (2D: the ellipse turned by pi
    /// azimuth), as draw() does.
    CurvedSurface
    surface(const double       x,
            const double       y,
            const double       z,
            const Ball        &b,
            const double       polar,
            const double       azimuth,
            const unsigned int dim)
    {
      if (b.aspect == 1.0)
        return CurvedSurface::sphere(x, y, z, b.r);
      if (dim == 2)
        {
          const double major = b.r * std::max(1.0, b.aspect),
                       minor = b.r * std::min(1.0, b.aspect);
          const double psi = M_PI * azimuth, cp = std::cos(psi), sp = std::sin(psi);
          const double axes[3][3] = {
              {major * cp, major * sp, 0}, {-minor * sp, minor * cp, 0}, {0, 0, major}};
          return CurvedSurface::ellipsoid(x, y, z, axes);
        }
      const double phi = 2 * M_PI * azimuth, ct = std::cos(polar), st = std::sin(polar),
                   cf = std::cos(phi), sf = std::sin(phi), r = b.r, rc = b.r * b.aspect;
      const double axes[3][3] = {{r * cf, r * sf, 0},
                                 {-r * ct * sf, r * ct * cf, r * st},
                                 {rc * st * sf, -rc * st * cf, rc * ct}};
      return CurvedSurface::ellipsoid(x, y, z, axes);
    }

    /// Add every ball (each periodic image; spheroids stretched and turned)
    /// to @p tools; returns the kind of each tool.
    std::vector<int>
    Particles::draw(const CommonGeometry       &c,
                    const UnitCell             &m,
                    const std::vector<Ball>    &balls,
                    const Packing::Box         &box,
                    gmsh::vectorpair           &tools,
                    std::vector<CurvedSurface> &surfaces) const
    {
      // Orientations from their own stream, so that placements do not
      // depend on the aspect ratio.
      std::mt19937                           orient(c.seed + 7919);
      std::uniform_real_distribution<double> turn(0.0, 1.0);
      std::vector<int>                       kind;
      for (const auto &b : balls)
        {
          const double polar = std::acos(1 - 2 * turn(orient)), azimuth = turn(orient);
          const double major = b.r * std::max(1.0, b.aspect),
                       minor = b.r * std::min(1.0, b.aspect);
          for (const auto &i : Packing::images(b.bound, box))
            {
              const double x = i.x[0], y = i.x[1], z = i.x[2];
              if (m.dim == 3)
                tools.emplace_back(3, occ::addSphere(x, y, z, b.r));
              else
                tools.emplace_back(2, occ::addDisk(x, y, 0, major, minor));
              kind.push_back(b.kind);
              surfaces.push_back(surface(x, y, z, b, polar, azimuth, m.dim));
              if (b.aspect == 1.0)
                continue;
              if (m.dim == 2)
                {
                  occ::rotate({tools.back()}, x, y, 0, 0, 0, 1, M_PI * azimuth);
                  continue;
                }
              occ::dilate({tools.back()}, x, y, z, 1, 1, b.aspect);
              occ::rotate({tools.back()}, x, y, z, 1, 0, 0, polar);
              occ::rotate({tools.back()}, x, y, z, 0, 0, 1, 2 * M_PI * azimuth);
            }
        }
      return kind;
    }

    void
    Particles::build(const CommonGeometry &c,
                     UnitCell             &m,
                     GeneratedMesh        &g,
                     const std::string    &prm_file) const
    {
      const double     He = c.electrode_thickness * um, Hs = c.separator_thickness * um;
      const auto       balls = place_balls(c, m, He, prm_file);
      gmsh::vectorpair boxes, tools, out;
      if (m.dim == 3)
        {
          boxes.emplace_back(3, occ::addBox(0, 0, 0, m.lx, m.ly, He));
          if (Hs > 0)
            boxes.emplace_back(3, occ::addBox(0, 0, He, m.lx, m.ly, Hs));
        }
      else
        {
          boxes.emplace_back(2, occ::addRectangle(0, 0, 0, m.lx, He));
          if (Hs > 0)
            boxes.emplace_back(2, occ::addRectangle(0, He, 0, m.lx, Hs));
        }
      const std::vector<int> kind =
          draw(c, m, balls, box(m, He), tools, g.curved_surfaces);
      std::vector<gmsh::vectorpair> map;
      occ::fragment(boxes, tools, out, map);
      m.height = He + Hs;
      // The fragment map says which pieces come from which input: map[i]
      // for the boxes, map[boxes.size() + k] for tool k. Pieces of no box
      // lie outside the cell (balls cut by its faces) and are removed; a
      // piece of several tools (the neck of two fused particles, binder on
      // a particle) takes the first phase: active, filler, binder.
      std::map<int, int> rank; // piece -> lowest kind, 3 + box index
      for (std::size_t i = 0; i < boxes.size(); ++i)
        for (const auto &e : map[i])
          rank[e.second] = 3 + i;
      gmsh::vectorpair outside;
      for (std::size_t k = 0; k < kind.size(); ++k)
        for (const auto &e : map[boxes.size() + k])
          if (rank.count(e.second) == 0)
            outside.push_back(e);
          else
            rank[e.second] = std::min(rank[e.second], kind[k]);
      std::sort(outside.begin(), outside.end());
      outside.erase(std::unique(outside.begin(), outside.end()), outside.end());
      occ::remove(outside, true);
      occ::synchronize();
      const char *box_phase[] = {"matrix", "separator"};
      for (const auto &[tag, r] : rank)
        m.add(r < 3 ? ball_phase[r] : box_phase[r - 3], tag);
      analytic_values(c, m, balls, He, He + Hs, g);
    }

    /// Volume and surface of one ball of a kind, less what other balls of
    /// a stronger phase and the collector take from it (spheres; a
    /// spheroid is whole).
    struct Share
    {
      double volume = 0, surface = 0, covered = 0; // covered: by binder
    };

    Share
    share(const Ball &b, const std::vector<Ball> &balls, const Packing::Box &box)
    {
      using namespace Packing;
      const unsigned int dim = box.dim;
      Share              s;
      if (b.aspect != 1.0) // Knud Thomsen (p = 1.6075) or Ramanujan
        {
          const double a = b.r, cz = b.r * b.aspect, q = 1.6075;
          s.volume = dim == 3 ? 4.0 / 3.0 * M_PI * a * a * cz : M_PI * a * cz;
          s.surface =
              dim == 3 ? 4 * M_PI *
                             std::pow((std::pow(a, 2 * q) + 2 * std::pow(a * cz, q)) / 3,
                                      1 / q)
                       : M_PI * (3 * (a + cz) - std::sqrt((3 * a + cz) * (a + 3 * cz)));
          return s;
        }
      const double r = b.r, below = r - b.bound.x[dim - 1];
      s.volume  = ball_measure(r, dim) - cap_measure(r, below, dim);
      s.surface = ball_surface(r, dim) - cap_surface(r, below, dim);
      for (const auto &o : balls)
        {
          const auto   w = offset(b.bound, o.bound, box);
          const double d = std::sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
          if (&o == &b || d >= r + o.r || o.kind == 1)
            continue;
          const double h = cap_surface(r, cap_height(r, o.r, d), dim);
          s.surface -= h;
          if (b.kind == 0 && o.kind == 2)
            s.covered += h;
          if (o.kind != b.kind) // binder loses to active; active pairs share
            s.volume -= (b.kind == 2 ? lens_measure(r, o.r, d, dim) : 0.0);
          else
            s.volume -= 0.5 * lens_measure(r, o.r, d, dim);
        }
      return s;
    }

    /// Volume fractions and interface areas of the placed particles, and
    /// counts (whole cell of height @p H).
    void
    Particles::analytic_values(const CommonGeometry    &c,
                               const UnitCell          &m,
                               const std::vector<Ball> &balls,
                               const double             He,
                               const double             H,
                               GeneratedMesh           &g) const
    {
      const Packing::Box b         = box(m, He);
      const double       cell      = b.measure() / He * H;
      double             volume[3] = {0, 0, 0}, area[3] = {0, 0, 0}, covered = 0;
      unsigned int       count[3] = {0, 0, 0}, collector = 0;
      for (const auto &ball : balls)
        {
          const Share s = share(ball, balls, b);
          volume[ball.kind] += s.volume;
          area[ball.kind] += s.surface;
          covered += s.covered;
          ++count[ball.kind];
          collector += ball.kind == 0 && ball.bound.x[m.dim - 1] < ball.bound.r;
        }
      const char *count_name[] = {"particles", "filler particles", "binder particles"};
      for (unsigned int k = 0; k < 3; ++k)
        {
          g.counts[count_name[k]] = count[k];
          if (k == 0 || count[k] > 0)
            {
              g.analytic_volume_fraction[ball_phase[k]] = volume[k] / cell;
              g.analytic_interface_area[pair_key(ball_phase[k], "matrix")] =
                  area[k] / std::pow(um, m.dim - 1);
            }
        }
      if (covered > 0)
        g.analytic_interface_area[pair_key("active", "binder")] =
            covered / std::pow(um, m.dim - 1);
      std::vector<Packing::Ball> active;
      for (const auto &ball : balls)
        if (ball.kind == 0)
          active.push_back(ball.bound);
      g.counts["necks"]              = Packing::overlapping_pairs(active, b).size();
      g.counts["collector contacts"] = collector;
      g.electrode_top                = c.electrode_thickness;
    }
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::Generator,
                  MesoCell::Particles,
                  "particles",
                  "Random particle composite (active particles, filler, binder).")
