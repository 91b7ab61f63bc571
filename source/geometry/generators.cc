// Microstructure generators on the Gmsh SDK (OpenCASCADE kernel).
//
// Two mesh routes give quadrilaterals/hexahedra:
//  - extruded stacks (layers, pillars, lamellae, rGO host): a cross-section
//    (shapes fragmented with the base rectangle in 3D, break points on the
//    base line in 2D) meshed with quads and extruded through segments with
//    structured, recombined layers; each extruded piece is given a phase by
//    its position and segment;
//  - free shapes (particles, framework): boolean fragments of the shapes with
//    the box, meshed with simplices and subdivided into quads/hexes.
// Geometry is drawn in micrometres (OpenCASCADE tolerances are absolute).
#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/generators.h>

#include <boost/serialization/map.hpp>
#include <boost/serialization/string.hpp>

#include <gmsh.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <random>
#include <set>

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    constexpr double um      = 1e6; // metres to micrometres
    const char      *section = "Geometry";
  } // namespace

  void
  GeneratorParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Geometry");
    prm.declare_entry(
        "Generator",
        "file",
        Patterns::Selection("file|layers|pillars|lamellae|rgo host|particles|framework"),
        "Where the mesh comes from. 'file': the Mesh file of subsection Mesh. "
        "Otherwise a generator builds the microstructure with the Gmsh SDK and "
        "writes it to the output directory: 'layers' (planar cells, separator "
        "stacks, double-layer and graded CPEs), 'pillars' (vertically aligned "
        "pillars from directional freezing), 'lamellae' (freeze-cast channels), "
        "'rgo host' (Li in layered rGO), 'particles' (random particle "
        "composite), 'framework' (3D ceramic strut network on a "
        "lattice, phases ceramic and polymer). Generated meshes "
        "have the boundaries collector (at 0 along the last axis), anode "
        "(opposite face), xmin, xmax, ymin, ymax.");
    prm.declare_entry("Seed",
                      "1",
                      Patterns::Integer(0),
                      "Seed of the random generators (particles, framework) [-]; "
                      "the same seed gives the same mesh.");
    prm.declare_entry("Mesh size",
                      "1e-6",
                      Patterns::Double(1e-9),
                      "Target cell size of the generated coarse mesh [m].");
    prm.declare_entry("Width",
                      "20e-6",
                      Patterns::Double(1e-9),
                      "Lateral size of the generated unit cell (x and y) [m].");

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

    prm.enter_subsection("Electrode");
    prm.declare_entry("Electrode thickness",
                      "30e-6",
                      Patterns::Double(1e-9),
                      "Thickness of the structured electrode region (pillars, "
                      "lamellae, particles, framework, rGO host) [m].");
    prm.declare_entry("Separator thickness",
                      "10e-6",
                      Patterns::Double(0),
                      "Thickness of the electrolyte layer 'separator' on top "
                      "of the electrode region [m]; 0 for none.");
    prm.leave_subsection();

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

    prm.enter_subsection("Deformation");
    prm.declare_entry("Tilt angle",
                      "0",
                      Patterns::Double(-1.2, 1.2),
                      "Tilt of the electrode structure from the thickness axis "
                      "towards x [rad]: x -> x + tan(angle) z inside the "
                      "electrode region (pillars, lamellae grown at an angle). "
                      "A shear, so volume fractions do not change.");
    prm.declare_entry("Waviness amplitude",
                      "0",
                      Patterns::Double(0),
                      "Amplitude of a lateral waviness of the electrode "
                      "structure [m]: x -> x + A sin(2 pi z / wavelength) "
                      "(wavy pillars or lamellae); volume-preserving.");
    prm.declare_entry("Waviness wavelength",
                      "10e-6",
                      Patterns::Double(1e-9),
                      "Wavelength of the waviness along the thickness [m].");
    prm.declare_entry("Wrinkle amplitude",
                      "0",
                      Patterns::Double(0),
                      "Amplitude of wrinkles of horizontal layers (rGO sheets) "
                      "[m]: z -> z + A sin(2 pi x / wavelength) sin(pi z / H) "
                      "inside the electrode region of height H; the collector "
                      "and the top of the electrode stay flat. Needs A pi / H "
                      "< 1.");
    prm.declare_entry("Wrinkle wavelength",
                      "10e-6",
                      Patterns::Double(1e-9),
                      "Wavelength of the wrinkles along x [m].");
    prm.leave_subsection();

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
    prm.leave_subsection();
  }

  void
  GeneratorParameters::parse_parameters(ParameterHandler  &prm,
                                        const std::string &prm_file)
  {
    prm.enter_subsection("Geometry");
    generator = prm.get("Generator");
    seed      = prm.get_integer("Seed");
    mesh_size = prm.get_double("Mesh size");
    width     = prm.get_double("Width");

    prm.enter_subsection("Layers");
    layers.clear();
    for (const auto &pair : Utilities::split_string_list(prm.get("Layers"), ','))
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
        layers.emplace_back(parts[0], t);
      }
    graded_layer     = prm.get("Graded layer");
    graded_sublayers = prm.get_integer("Graded sublayers");
    prm.leave_subsection();

    prm.enter_subsection("Pillars");
    pillar_diameter    = prm.get_double("Diameter");
    pillar_aspect      = prm.get_double("Aspect ratio");
    pillar_spacing     = prm.get_double("Spacing");
    pillar_arrangement = prm.get("Arrangement");
    pillar_height      = prm.get_double("Height fraction");
    prm.leave_subsection();

    prm.enter_subsection("Electrode");
    electrode_thickness = prm.get_double("Electrode thickness");
    separator_thickness = prm.get_double("Separator thickness");
    prm.leave_subsection();

    prm.enter_subsection("Lamellae");
    lamella_thickness = prm.get_double("Lamella thickness");
    channel_width     = prm.get_double("Channel width");
    bridge_spacing    = prm.get_double("Bridge spacing");
    bridge_thickness  = prm.get_double("Bridge thickness");
    bridge_width      = prm.get_double("Bridge width");
    prm.leave_subsection();

    prm.enter_subsection("rGO host");
    sheet_count     = prm.get_integer("Sheet count");
    sheet_thickness = prm.get_double("Sheet thickness");
    gap             = prm.get_double("Gap");
    fill_fraction   = prm.get_double("Fill fraction");
    prm.leave_subsection();

    prm.enter_subsection("Particles");
    particle_volume_fraction = prm.get_double("Volume fraction");
    radius_min               = prm.get_double("Minimum radius");
    radius_max               = prm.get_double("Maximum radius");
    minimum_gap              = prm.get_double("Minimum gap");
    filler_volume_fraction   = prm.get_double("Filler volume fraction");
    filler_radius            = prm.get_double("Filler radius");
    particle_aspect          = prm.get_double("Aspect ratio");
    binder_volume_fraction   = prm.get_double("Binder volume fraction");
    binder_radius            = prm.get_double("Binder radius");
    prm.leave_subsection();

    prm.enter_subsection("Deformation");
    tilt_angle          = prm.get_double("Tilt angle");
    waviness_amplitude  = prm.get_double("Waviness amplitude");
    waviness_wavelength = prm.get_double("Waviness wavelength");
    wrinkle_amplitude   = prm.get_double("Wrinkle amplitude");
    wrinkle_wavelength  = prm.get_double("Wrinkle wavelength");
    prm.leave_subsection();

    prm.enter_subsection("Framework");
    framework_volume_fraction = prm.get_double("Volume fraction");
    strut_spacing             = prm.get_double("Strut spacing");
    strut_probability         = prm.get_double("Strut probability");
    strut_thickness           = prm.get_double("Strut thickness");
    pore_phase                = prm.get("Pore phase");
    prm.leave_subsection();
    prm.leave_subsection();

    const auto check = [&](const bool         ok,
                           const std::string &sub,
                           const std::string &entry,
                           const std::string &problem,
                           const std::string &allowed) {
      if (!ok)
        throw InputError(entry_message(prm_file, sub, entry, problem, allowed));
    };
    check(radius_max >= radius_min,
          "Geometry / Particles",
          "Maximum radius",
          "is smaller than 'Minimum radius'",
          "a radius >= Minimum radius");
    check(pillar_diameter < pillar_spacing &&
              pillar_diameter * pillar_aspect < pillar_spacing,
          "Geometry / Pillars",
          "Diameter",
          "pillars would touch or overlap",
          "a diameter (times aspect ratio) smaller than Spacing");
    check(graded_layer.empty() ||
              std::any_of(layers.begin(),
                          layers.end(),
                          [&](const auto &l) { return l.first == graded_layer; }),
          "Geometry / Layers",
          "Graded layer",
          "'" + graded_layer + "' is not one of the layers",
          "the name of a layer in 'Layers'");
  }

  namespace
  {
    /// A shape of the cross-section (micrometres). Disk: centre, radii;
    /// box: lower corner and size.
    struct Shape
    {
      bool   disk;
      double x, y, a, b;
    };

    /// One segment of an extruded stack: height and number of cell layers.
    struct Segment
    {
      double       height;
      unsigned int cells;
    };

    /// Phase of an extruded piece from its cross-section centre and segment.
    using Classifier = std::function<std::string(
        const double x, const double y, const unsigned int segment)>;

    struct Model
    {
      unsigned int                            dim;
      double                                  lx, ly, height; // micrometres
      std::map<std::string, std::vector<int>> phases;         // name -> entity tags
      std::vector<std::string>                phase_order;
      void
      add(const std::string &phase, const int tag)
      {
        if (phases.count(phase) == 0)
          phase_order.push_back(phase);
        phases[phase].push_back(tag);
      }
    };

    unsigned int
    cells_for(const double length, const double h)
    {
      return std::max(1u, static_cast<unsigned int>(std::lround(length / h)));
    }

    /// Extrude the cross-section through the segments and classify.
    void
    build_stack(Model                      &m,
                const std::vector<Shape>   &shapes,
                const std::vector<Segment> &segments,
                const Classifier           &classify)
    {
      namespace occ = gmsh::model::occ;
      gmsh::vectorpair current;
      if (m.dim == 3)
        {
          const int        base = occ::addRectangle(0, 0, 0, m.lx, m.ly);
          gmsh::vectorpair tools;
          for (const auto &s : shapes)
            if (!s.disk)
              tools.emplace_back(2, occ::addRectangle(s.x, s.y, 0, s.a, s.b));
            else if (s.a >= s.b)
              tools.emplace_back(2, occ::addDisk(s.x, s.y, 0, s.a, s.b));
            else // OpenCASCADE wants the major radius along x: rotate
              {
                tools.emplace_back(2, occ::addDisk(s.x, s.y, 0, s.b, s.a));
                occ::rotate({tools.back()}, s.x, s.y, 0, 0, 0, 1, M_PI / 2);
              }
          if (tools.empty())
            current = {{2, base}};
          else
            {
              std::vector<gmsh::vectorpair> map;
              occ::fragment({{2, base}}, tools, current, map);
              // Keep only what lies inside the base rectangle.
              gmsh::vectorpair inside, all = current;
              occ::getEntitiesInBoundingBox(
                  -1e-6, -1e-6, -1e-6, m.lx + 1e-6, m.ly + 1e-6, 1e-6, inside, 2);
              gmsh::vectorpair outside;
              for (const auto &e : all)
                if (std::find(inside.begin(), inside.end(), e) == inside.end())
                  outside.push_back(e);
              if (!outside.empty())
                occ::remove(outside, true);
              current = inside;
            }
        }
      else
        {
          std::set<double> breaks = {0.0, m.lx};
          for (const auto &s : shapes)
            for (const double x : {s.x, s.x + s.a})
              if (x > 1e-9 && x < m.lx - 1e-9)
                breaks.insert(x);
          std::vector<int> points;
          for (const double x : breaks)
            points.push_back(occ::addPoint(x, 0, 0));
          for (std::size_t i = 0; i + 1 < points.size(); ++i)
            current.emplace_back(1, occ::addLine(points[i], points[i + 1]));
        }

      double z = 0;
      for (unsigned int s = 0; s < segments.size(); ++s)
        {
          gmsh::vectorpair out, next;
          occ::extrude(current,
                       0,
                       m.dim == 2 ? segments[s].height : 0,
                       m.dim == 3 ? segments[s].height : 0,
                       out,
                       {static_cast<int>(segments[s].cells)},
                       {},
                       true);
          for (std::size_t i = 0; i < out.size(); ++i)
            if (out[i].first == int(m.dim))
              {
                next.push_back(out[i - 1]);
                double cx, cy, cz;
                occ::getCenterOfMass(out[i].first, out[i].second, cx, cy, cz);
                m.add(classify(cx, cy, s), out[i].second);
              }
          current = next;
          z += segments[s].height;
        }
      m.height = z;
      occ::synchronize();
    }

    /// Physical groups for phases and the named boundaries.
    void
    add_groups(const Model &m)
    {
      int tag = 1;
      for (const auto &name : m.phase_order)
        {
          gmsh::model::addPhysicalGroup(m.dim, m.phases.at(name), tag);
          gmsh::model::setPhysicalName(m.dim, tag++, name);
        }
      const double e     = 1e-4 * std::max({m.lx, m.ly, m.height});
      const auto   group = [&](const std::string &name,
                             double             x0,
                             double             y0,
                             double             z0,
                             double             x1,
                             double             y1,
                             double             z1) {
        gmsh::vectorpair found;
        gmsh::model::getEntitiesInBoundingBox(
            x0 - e, y0 - e, z0 - e, x1 + e, y1 + e, z1 + e, found, m.dim - 1);
        std::vector<int> tags;
        for (const auto &f : found)
          tags.push_back(f.second);
        gmsh::model::addPhysicalGroup(m.dim - 1, tags, tag);
        gmsh::model::setPhysicalName(m.dim - 1, tag++, name);
      };
      if (m.dim == 3)
        {
          group("collector", 0, 0, 0, m.lx, m.ly, 0);
          group("anode", 0, 0, m.height, m.lx, m.ly, m.height);
          group("xmin", 0, 0, 0, 0, m.ly, m.height);
          group("xmax", m.lx, 0, 0, m.lx, m.ly, m.height);
          group("ymin", 0, 0, 0, m.lx, 0, m.height);
          group("ymax", 0, m.ly, 0, m.lx, m.ly, m.height);
        }
      else
        {
          group("collector", 0, 0, 0, m.lx, 0, 0);
          group("anode", 0, m.height, 0, m.lx, m.height, 0);
          group("xmin", 0, 0, 0, 0, m.height, 0);
          group("xmax", m.lx, 0, 0, m.lx, m.height, 0);
        }
    }

    /// Sorted pair key for interface areas.
    std::string
    pair_key(const std::string &a, const std::string &b)
    {
      return a < b ? a + "|" + b : b + "|" + a;
    }

    std::vector<Segment>
    electrode_segments(const GeneratorParameters &p, const double h)
    {
      std::vector<Segment> s = {
          {p.electrode_thickness * um, cells_for(p.electrode_thickness * um, h)}};
      if (p.separator_thickness > 0)
        s.push_back(
            {p.separator_thickness * um, cells_for(p.separator_thickness * um, h)});
      return s;
    }

    void
    build_layers(const GeneratorParameters &p, Model &m, GeneratedMesh &g, const double h)
    {
      std::vector<Segment>     segments;
      std::vector<std::string> names;
      double                   total = 0;
      for (const auto &[name, t] : p.layers)
        {
          const unsigned int n = (name == p.graded_layer ? p.graded_sublayers : 1);
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
      const double area = (m.dim == 3 ? p.width * p.width : p.width);
      for (unsigned int s = 0; s < names.size(); ++s)
        {
          g.analytic_volume_fraction[names[s]] += segments[s].height / um / total;
          if (s > 0 && names[s] != names[s - 1])
            g.analytic_interface_area[pair_key(names[s - 1], names[s])] += area;
        }
      g.electrode_top = total;
    }

    void
    build_pillars(const GeneratorParameters &p,
                  Model                     &m,
                  GeneratedMesh             &g,
                  const double               h)
    {
      const double       d = p.pillar_diameter * um, sp = p.pillar_spacing * um;
      const double       ry = 0.5 * d * p.pillar_aspect, rx = 0.5 * d;
      std::vector<Shape> shapes;
      if (m.dim == 2)
        {
          const unsigned int n = std::max(1u, unsigned(std::lround(m.lx / sp)));
          m.lx                 = n * sp;
          for (unsigned int i = 0; i < n; ++i)
            shapes.push_back({false, (i + 0.5) * sp - rx, 0, d, 0});
        }
      else
        {
          const bool         hex = (p.pillar_arrangement == "hexagonal");
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
        }
      auto         segments = electrode_segments(p, h);
      const double He = p.electrode_thickness * um, Hp = p.pillar_height * He;
      const bool   short_pillars = p.pillar_height < 1;
      if (short_pillars)
        {
          segments[0] = {Hp, cells_for(Hp, h)};
          segments.insert(segments.begin() + 1, Segment{He - Hp, cells_for(He - Hp, h)});
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
      // Analytic values for the pillar lattice.
      const double H    = p.electrode_thickness + p.separator_thickness;
      const double cell = (m.dim == 3 ? m.lx * m.ly : m.lx) / (m.dim == 3 ? um * um : um);
      double       pillar_section = 0, perimeter = 0;
      if (m.dim == 3)
        {
          const unsigned int n = std::lround(
              m.lx * m.ly /
              (sp * sp *
               (p.pillar_arrangement == "hexagonal" ? std::sqrt(3.0) / 2 : 1.0)));
          const double a = rx / um, b = ry / um;
          pillar_section = n * M_PI * a * b;
          // Ramanujan's perimeter of an ellipse.
          perimeter = n * M_PI * (3 * (a + b) - std::sqrt((3 * a + b) * (a + 3 * b)));
        }
      else
        {
          const unsigned int n = shapes.size();
          pillar_section       = n * d / um;
          perimeter            = 2.0 * n;
        }
      const double hp = p.pillar_height * p.electrode_thickness; // pillar height [m]
      g.analytic_volume_fraction["pillar"] = pillar_section * hp / (cell * H);
      g.analytic_volume_fraction["matrix"] =
          (cell * p.electrode_thickness - pillar_section * hp) / (cell * H);
      if (p.separator_thickness > 0)
        g.analytic_volume_fraction["separator"] = p.separator_thickness / H;
      // Sides of the pillars, plus their tops where they end below the separator.
      g.analytic_interface_area[pair_key("pillar", "matrix")] =
          perimeter * hp + (p.pillar_height < 1 ? pillar_section : 0.0);
      if (p.separator_thickness > 0)
        {
          if (p.pillar_height == 1)
            g.analytic_interface_area[pair_key("pillar", "separator")] = pillar_section;
          g.analytic_interface_area[pair_key("matrix", "separator")] =
              cell - (p.pillar_height == 1 ? pillar_section : 0.0);
        }
      g.electrode_top = p.electrode_thickness;
    }

    void
    build_lamellae(const GeneratorParameters &p,
                   Model                     &m,
                   GeneratedMesh             &g,
                   const double               h)
    {
      const double       t = p.lamella_thickness * um, w = p.channel_width * um;
      const unsigned int n       = std::max(1u, unsigned(std::lround(m.lx / (t + w))));
      m.lx                       = n * (t + w);
      const bool         bridges = (m.dim == 3 && p.bridge_spacing > 0);
      const double       bw      = std::min(p.bridge_width * um, m.ly);
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
      // Segments: the electrode split at the bridges, then the separator.
      std::vector<Segment> segments;
      std::vector<bool>    is_bridge;
      const double         He = p.electrode_thickness * um;
      if (bridges)
        {
          const double s = p.bridge_spacing * um, b = p.bridge_thickness * um;
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
      const unsigned int n_electrode = segments.size();
      if (p.separator_thickness > 0)
        {
          segments.push_back(
              {p.separator_thickness * um, cells_for(p.separator_thickness * um, h)});
          is_bridge.push_back(false);
        }
      build_stack(m, shapes, segments, [&](double x, double y, unsigned int s) {
        if (s >= n_electrode)
          return std::string("separator");
        if (!in_channel(x))
          return std::string("lamella");
        return std::string(is_bridge[s] && y < bw ? "lamella" : "channel");
      });
      const double H = p.electrode_thickness + p.separator_thickness;
      if (!bridges)
        {
          g.analytic_volume_fraction["channel"] = w / (t + w) * p.electrode_thickness / H;
          g.analytic_volume_fraction["lamella"] = t / (t + w) * p.electrode_thickness / H;
          const double depth                    = (m.dim == 3 ? m.ly / um : 1.0);
          g.analytic_interface_area[pair_key("lamella", "channel")] =
              2.0 * n * depth * p.electrode_thickness;
        }
      if (p.separator_thickness > 0)
        g.analytic_volume_fraction["separator"] = p.separator_thickness / H;
      g.electrode_top = p.electrode_thickness;
    }

    void
    build_rgo(const GeneratorParameters &p, Model &m, GeneratedMesh &g, const double h)
    {
      const double             ts = p.sheet_thickness * um, gp = p.gap * um;
      std::vector<Segment>     segments;
      std::vector<std::string> kind;
      for (unsigned int k = 0; k < p.sheet_count; ++k)
        {
          segments.push_back({ts, cells_for(ts, h)});
          kind.push_back("rgo");
          segments.push_back({gp, cells_for(gp, h)});
          kind.push_back("gap");
        }
      if (p.separator_thickness > 0)
        {
          segments.push_back(
              {p.separator_thickness * um, cells_for(p.separator_thickness * um, h)});
          kind.push_back("separator");
        }
      const double       xf = p.fill_fraction * m.lx;
      std::vector<Shape> shapes;
      if (p.fill_fraction > 0 && p.fill_fraction < 1)
        shapes.push_back({false, 0, 0, xf, m.ly});
      build_stack(m, shapes, segments, [&](double x, double, unsigned int s) {
        if (kind[s] != "gap")
          return kind[s];
        return std::string(x < xf ? "lithium" : "void");
      });
      const double He                       = p.sheet_count * (p.sheet_thickness + p.gap);
      const double H                        = He + p.separator_thickness;
      g.analytic_volume_fraction["rgo"]     = p.sheet_count * p.sheet_thickness / H;
      g.analytic_volume_fraction["lithium"] = p.fill_fraction * p.sheet_count * p.gap / H;
      if (p.fill_fraction < 1)
        g.analytic_volume_fraction["void"] =
            (1 - p.fill_fraction) * p.sheet_count * p.gap / H;
      if (p.separator_thickness > 0)
        g.analytic_volume_fraction["separator"] = p.separator_thickness / H;
      g.electrode_top = He;
    }

    /// Random sequential addition of non-overlapping spheres (disks in 2D).
    struct Ball
    {
      double       x, y, z, r; // r: the radius (semi-axis) not stretched
      unsigned int kind;       // 0 active, 1 filler, 2 binder
      double       aspect;     // semi-axis along the stretched direction / r
    };
    const char *ball_phase[] = {"active", "filler", "binder"};

    std::vector<Ball>
    place_balls(const GeneratorParameters &p,
                const Model               &m,
                const double               He,
                const std::string         &prm_file)
    {
      std::mt19937                           rng(p.seed);
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      const double                           gap = p.minimum_gap * um;
      const double      box = (m.dim == 3 ? m.lx * m.ly * He : m.lx * He);
      std::vector<Ball> balls;
      const auto        volume = [&](double r) {
        return m.dim == 3 ? 4.0 / 3.0 * M_PI * r * r * r : M_PI * r * r;
      };
      for (const unsigned int kind : {0u, 1u, 2u})
        {
          const bool   filler = kind > 0;
          const double aspect = kind == 0 ? p.particle_aspect : 1.0;
          const double target = (kind == 0   ? p.particle_volume_fraction
                                 : kind == 1 ? p.filler_volume_fraction
                                             : p.binder_volume_fraction) *
                                box;
          double       placed   = 0;
          unsigned int failures = 0;
          while (placed < target && failures < 20000)
            {
              const double r =
                  filler
                      ? (kind == 1 ? p.filler_radius : p.binder_radius) * um
                      : (p.radius_min + unit(rng) * (p.radius_max - p.radius_min)) * um;
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
              const auto bound = [](const Ball &c) {
                return c.r * std::max(1.0, c.aspect);
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
    build_particles(const GeneratorParameters &p,
                    Model                     &m,
                    GeneratedMesh             &g,
                    const std::string         &prm_file)
    {
      namespace occ   = gmsh::model::occ;
      const double He = p.electrode_thickness * um, Hs = p.separator_thickness * um;
      const auto   balls = place_balls(p, m, He, prm_file);
      // Orientations from their own stream, so that placements do not
      // depend on the aspect ratio.
      std::mt19937                           orient(p.seed + 7919);
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
      const double box       = (m.dim == 3 ? m.lx * m.ly : m.lx) * (He + Hs);
      double       volume[3] = {0, 0, 0}, area[3] = {0, 0, 0};
      unsigned int count[3] = {0, 0, 0};
      for (const auto &b : balls)
        {
          const double a = b.r, c = b.r * b.aspect;
          volume[b.kind] += m.dim == 3 ? 4.0 / 3.0 * M_PI * a * a * c : M_PI * a * c;
          // Spheroid surface (Knud Thomsen, p = 1.6075) or ellipse perimeter
          // (Ramanujan); exact for spheres and circles.
          const double q = 1.6075;
          area[b.kind] +=
              m.dim == 3
                  ? 4 * M_PI *
                        std::pow((std::pow(a, 2 * q) + 2 * std::pow(a * c, q)) / 3, 1 / q)
                  : M_PI * (3 * (a + c) - std::sqrt((3 * a + c) * (a + 3 * c)));
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
      g.electrode_top = p.electrode_thickness;
    }

    /**
     * 3D ceramic framework as a random strut network on a lattice: nodes on a
     * cubic lattice of spacing a, struts of square cross-section t x t along
     * the lattice edges, each edge kept with a probability; junctions where a
     * kept strut arrives. Cut by planes into a tensor grid of boxes, so the
     * mesh is hexahedral and conforming by construction.
     */
    void
    build_framework(const GeneratorParameters &p,
                    Model                     &m,
                    GeneratedMesh             &g,
                    const double               h,
                    const std::string         &prm_file)
    {
      if (m.dim != 3)
        throw InputError(entry_message(prm_file,
                                       section,
                                       "Generator",
                                       "'framework' has no 2D form",
                                       "Dimension = 3"));
      const double He = p.electrode_thickness * um;
      const double a  = p.strut_spacing * um;
      // Strut thickness t from the target fraction of a full lattice:
      // phi = (3 t^2 a - 2 t^3) / a^3 (bisection).
      double lo = 0, hi = a;
      for (unsigned int it = 0; it < 60; ++it)
        {
          const double t = 0.5 * (lo + hi);
          ((3 * t * t * a - 2 * t * t * t) / (a * a * a) < p.framework_volume_fraction
               ? lo
               : hi)     = t;
        }
      // An explicit strut thickness wins over the volume-fraction estimate.
      const double t = p.strut_thickness > 0 ? std::min(p.strut_thickness * um, 0.9 * a)
                                             : 0.5 * (lo + hi);
      const unsigned int nx = std::max(1u, unsigned(std::lround(m.lx / a)));
      const unsigned int ny = std::max(1u, unsigned(std::lround(m.ly / a)));
      const unsigned int nz = std::max(1u, unsigned(std::lround(He / a)));
      m.lx                  = nx * a;
      m.ly                  = ny * a;
      const double az       = He / nz; // lattice spacing along z fits the electrode
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
      const auto ex = bands(nx, a), ey = bands(ny, a), ez = bands(nz, az);
      // Random edges: x-edges (i,j,k)-(i+1,j,k) periodic in x and y, z-edges
      // between layers; z-edges from the bottom face and to the top face
      // connect the network to both faces of the electrode region.
      std::mt19937                                rng(p.seed);
      std::uniform_real_distribution<double>      unit(0.0, 1.0);
      const double                                keep = p.strut_probability;
      std::map<std::array<unsigned int, 4>, bool> edge; // (axis, i, j, k)
      for (unsigned int k = 0; k <= nz; ++k)
        for (unsigned int j = 0; j < ny; ++j)
          for (unsigned int i = 0; i < nx; ++i)
            for (unsigned int axis = 0; axis < 3; ++axis)
              if (axis < 2 ? k < nz : true)
                edge[std::array<unsigned int, 4>{{axis, i, j, k}}] = unit(rng) < keep;
      // Which (band) index along an axis: even = gap, odd = node band.
      const auto classify_box = [&](unsigned int bx, unsigned int by, unsigned int bz) {
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
      };
      std::vector<Shape> shapes;
      for (unsigned int by = 0; by + 1 < ey.size(); ++by)
        for (unsigned int bx = 0; bx + 1 < ex.size(); ++bx)
          shapes.push_back(
              {false, ex[bx], ey[by], ex[bx + 1] - ex[bx], ey[by + 1] - ey[by]});
      std::vector<Segment> segments;
      for (unsigned int bz = 0; bz + 1 < ez.size(); ++bz)
        segments.push_back({ez[bz + 1] - ez[bz], cells_for(ez[bz + 1] - ez[bz], h)});
      const unsigned int n_electrode = segments.size();
      if (p.separator_thickness > 0)
        segments.push_back(
            {p.separator_thickness * um, cells_for(p.separator_thickness * um, h)});
      const auto index_of = [](const std::vector<double> &e, double x) {
        return static_cast<unsigned int>(std::upper_bound(e.begin(), e.end(), x) -
                                         e.begin() - 1);
      };
      double ceramic_volume = 0;
      for (unsigned int bz = 0; bz + 1 < ez.size(); ++bz)
        for (unsigned int by = 0; by + 1 < ey.size(); ++by)
          for (unsigned int bx = 0; bx + 1 < ex.size(); ++bx)
            if (classify_box(bx, by, bz))
              ceramic_volume +=
                  (ex[bx + 1] - ex[bx]) * (ey[by + 1] - ey[by]) * (ez[bz + 1] - ez[bz]);
      build_stack(m, shapes, segments, [&](double x, double y, unsigned int s) {
        if (s >= n_electrode)
          return std::string("separator");
        return std::string(
            classify_box(index_of(ex, x), index_of(ey, y), s) ? "ceramic" : p.pore_phase);
      });
      const double H                        = He + p.separator_thickness * um;
      g.analytic_volume_fraction["ceramic"] = ceramic_volume / (m.lx * m.ly * H);
      g.counts["lattice nodes"]             = nx * ny * nz;
      g.counts["struts"] =
          std::count_if(edge.begin(), edge.end(), [](const auto &e) { return e.second; });
      g.electrode_top = p.electrode_thickness;
    }

    /**
     * Tilt, waviness and wrinkles as maps of the mesh nodes: x += f(z) is a
     * shear (volumes kept); z += A sin(2 pi x / l) sin(pi z / H) keeps the
     * collector and the top of the electrode flat.
     */
    void
    deform(const GeneratorParameters &p,
           const Model               &m,
           const double               He,
           const std::string         &prm_file)
    {
      const double tilt = std::tan(p.tilt_angle), A = p.waviness_amplitude * um,
                   lw = p.waviness_wavelength * um, W = p.wrinkle_amplitude * um,
                   lr = p.wrinkle_wavelength * um;
      if (tilt == 0 && A == 0 && W == 0)
        return;
      if (W * M_PI >= He)
        throw InputError(
            entry_message(prm_file,
                          "Geometry / Deformation",
                          "Wrinkle amplitude",
                          "is too large for the electrode height (cells would fold)",
                          "an amplitude below H / pi"));
      const unsigned int       up = m.dim - 1; // thickness axis
      std::vector<std::size_t> tags;
      std::vector<double>      coords, parametric;
      gmsh::model::mesh::getNodes(tags, coords, parametric, -1, -1, false, false);
      for (std::size_t n = 0; n < tags.size(); ++n)
        {
          double      *x     = &coords[3 * n];
          const double z     = std::min(x[up], He);
          const double shift = tilt * z + A * std::sin(2 * M_PI * z / lw);
          const double lift  = x[up] < He ? W * std::sin(2 * M_PI * x[0] / lr) *
                                               std::sin(M_PI * x[up] / He)
                                          : 0.0;
          x[0] += shift;
          x[up] += lift;
          gmsh::model::mesh::setNode(tags[n], {x[0], x[1], x[2]}, {});
        }
    }
  } // namespace

  GeneratedMesh
  generate_mesh(const GeneratorParameters &p,
                const unsigned int         dim,
                const std::string         &file,
                const std::string         &prm_file)
  {
    GeneratedMesh g;
    std::string   error;
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      {
        Timer timer;
        gmsh::initialize(0, nullptr, false);
        gmsh::option::setNumber("General.Terminal", 0);
        // One thread: Gmsh's OpenMP meshing cannot pass errors back.
        gmsh::option::setNumber("General.NumThreads", 1);
        // Errors inside Gmsh's (OpenMP) mesher cannot be thrown through it:
        // let Gmsh log them and check the log after meshing.
        gmsh::option::setNumber("General.AbortOnError", 0);
        gmsh::model::add("mesocell");
        try
          {
            Model        m{dim, p.width * um, p.width * um, 0, {}, {}};
            const double h           = p.mesh_size * um;
            const bool   free_shapes = (p.generator == "particles");
            if (p.generator == "layers")
              build_layers(p, m, g, h);
            else if (p.generator == "pillars")
              build_pillars(p, m, g, h);
            else if (p.generator == "lamellae")
              build_lamellae(p, m, g, h);
            else if (p.generator == "rgo host")
              build_rgo(p, m, g, h);
            else if (p.generator == "particles")
              build_particles(p, m, g, prm_file);
            else if (p.generator == "framework")
              build_framework(p, m, g, h, prm_file);
            add_groups(m);
            std::string build_error;
            gmsh::logger::getLastError(build_error);
            if (!build_error.empty())
              throw std::runtime_error(build_error);

            gmsh::option::setNumber("Mesh.CharacteristicLengthMax", h);
            gmsh::option::setNumber("Mesh.MeshSizeFromCurvature", 40);
            gmsh::option::setNumber("Mesh.Algorithm", 6);
            gmsh::option::setNumber("Mesh.RecombineAll", 1);
            gmsh::option::setNumber("Mesh.RecombinationAlgorithm", 3);
            if (free_shapes)
              {
                gmsh::option::setNumber("Mesh.MeshSizeFromCurvature", 12);
                gmsh::option::setNumber("Mesh.RecombineAll", dim == 2 ? 1 : 0);
                gmsh::option::setNumber("Mesh.SubdivisionAlgorithm", dim == 2 ? 1 : 2);
                gmsh::option::setNumber("Mesh.SecondOrderLinear", 1);
                gmsh::option::setNumber("Mesh.Algorithm3D", 1);
              }
            gmsh::model::mesh::generate(dim);
            std::string last_error;
            gmsh::logger::getLastError(last_error);
            if (!last_error.empty())
              throw std::runtime_error(last_error);
            deform(p, m, g.electrode_top * um, prm_file);
            gmsh::option::setNumber("Mesh.MshFileVersion", 4.1);
            gmsh::option::setNumber("Mesh.Binary", 0);
            gmsh::write(file);
          }
        catch (const InputError &e)
          {
            error = e.what();
          }
        catch (const std::exception &e)
          {
            error =
                entry_message(prm_file,
                              section,
                              "Generator",
                              "Gmsh failed to build '" + p.generator + "': " + e.what(),
                              "settings whose shapes fit in the cell");
          }
        catch (...)
          {
            std::string last;
            gmsh::logger::getLastError(last);
            error = entry_message(prm_file,
                                  section,
                                  "Generator",
                                  "Gmsh failed to build '" + p.generator + "': " + last,
                                  "settings whose shapes fit in the cell");
          }
        gmsh::finalize();
        g.seconds = timer.wall_time();
      }
    throw_input_error_if_any(!error.empty(), error);
    g             = Utilities::MPI::broadcast(MPI_COMM_WORLD, g, 0);
    g.file        = file;
    g.length_unit = 1e-6;
    return g;
  }
} // namespace MesoCell
