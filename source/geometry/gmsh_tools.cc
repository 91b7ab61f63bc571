// What the generators share on the Gmsh SDK (OpenCASCADE kernel).
//
// Two mesh routes give quadrilaterals/hexahedra:
//  - extruded stacks (layers, pillars, lamellae, rGO host, framework): a
//    cross-section (shapes fragmented with the base rectangle in 3D, break
//    points on the base line in 2D) meshed with quads and extruded through
//    segments with structured, recombined layers; each extruded piece is
//    given a phase by its position and segment;
//  - free shapes (particles): boolean fragments of the shapes with the box,
//    meshed with simplices and subdivided into quads/hexes.
// Geometry is drawn in micrometres (OpenCASCADE tolerances are absolute).
#include <mesocell/core/errors.h>
#include <mesocell/geometry/gmsh_tools.h>

#include <gmsh.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>

namespace MesoCell::GmshTools
{
  unsigned int
  cells_for(const double length, const double h)
  {
    return std::max(1u, static_cast<unsigned int>(std::lround(length / h)));
  }

  std::string
  pair_key(const std::string &a, const std::string &b)
  {
    return a < b ? a + "|" + b : b + "|" + a;
  }

  std::vector<Segment>
  electrode_segments(const CommonGeometry &c, const double h)
  {
    std::vector<Segment> s = {
        {c.electrode_thickness * um, cells_for(c.electrode_thickness * um, h)}};
    if (c.separator_thickness > 0)
      s.push_back({c.separator_thickness * um, cells_for(c.separator_thickness * um, h)});
    return s;
  }

  namespace
  {
    namespace occ = gmsh::model::occ;

    /// 3D cross-section: the base rectangle fragmented with the shapes,
    /// only what lies inside the rectangle kept.
    gmsh::vectorpair
    cross_section_3d(const UnitCell &m, const std::vector<Shape> &shapes)
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
        return {{2, base}};
      gmsh::vectorpair              current;
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
      return inside;
    }

    /**
     * A point inside the plane surface @p tag (not necessarily its centroid,
     * which for a non-convex piece, like the matrix around a pillar, may lie
     * outside it): the first point of a grid over its parameter range that
     * Gmsh finds inside. Leaves @p x, @p y unchanged if none is found.
     */
    void
    interior_point(const int tag, double &x, double &y)
    {
      std::vector<double> lo, hi, xyz, centre;
      // the centroid itself, if it lies inside (convex pieces)
      gmsh::model::getParametrization(2, tag, {x, y, 0.0}, centre);
      if (centre.size() == 2 && gmsh::model::isInside(2, tag, centre) > 0)
        {
          gmsh::model::getValue(2, tag, centre, xyz);
          if (std::hypot(xyz[0] - x, xyz[1] - y) < 1e-9 * (1 + std::hypot(x, y)))
            return;
        }
      gmsh::model::getParametrizationBounds(2, tag, lo, hi);
      const int n = 24;
      for (int i = 1; i < n; ++i)
        for (int j = 1; j < n; ++j)
          {
            const std::vector<double> uv = {lo[0] +
                                                (hi[0] - lo[0]) * (i + 0.5 * (j % 2)) / n,
                                            lo[1] + (hi[1] - lo[1]) * j / double(n)};
            if (gmsh::model::isInside(2, tag, uv) > 0)
              {
                gmsh::model::getValue(2, tag, uv, xyz);
                x = xyz[0], y = xyz[1];
                return;
              }
          }
    }

    /// 2D cross-section: the base line broken at the shapes' x-extents.
    gmsh::vectorpair
    cross_section_2d(const UnitCell &m, const std::vector<Shape> &shapes)
    {
      std::set<double> breaks = {0.0, m.lx};
      for (const auto &s : shapes)
        for (const double x : {s.x, s.x + s.a})
          if (x > 1e-9 && x < m.lx - 1e-9)
            breaks.insert(x);
      std::vector<int> points;
      for (const double x : breaks)
        points.push_back(occ::addPoint(x, 0, 0));
      gmsh::vectorpair current;
      for (std::size_t i = 0; i + 1 < points.size(); ++i)
        current.emplace_back(1, occ::addLine(points[i], points[i + 1]));
      return current;
    }
  } // namespace

  void
  build_stack(UnitCell                   &m,
              const std::vector<Shape>   &shapes,
              const std::vector<Segment> &segments,
              const Classifier           &classify)
  {
    gmsh::vectorpair current =
        m.dim == 3 ? cross_section_3d(m, shapes) : cross_section_2d(m, shapes);
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
        if (m.dim == 3)
          occ::synchronize(); // once per segment, for interior_point()
        for (std::size_t i = 0; i < out.size(); ++i)
          if (out[i].first == int(m.dim))
            {
              next.push_back(out[i - 1]);
              double cx, cy, cz;
              occ::getCenterOfMass(out[i].first, out[i].second, cx, cy, cz);
              if (m.dim == 3) // the centroid of the matrix around a pillar
                interior_point(out[i - 1].second, cx, cy); // lies in the pillar
              m.add(classify(cx, cy, s), out[i].second);
            }
        current = next;
        z += segments[s].height;
      }
    m.height = z;
    occ::synchronize();
  }

  void
  add_groups(const UnitCell &m)
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

  void
  set_mesh_options(const double h, const unsigned int dim, const MeshRoute route)
  {
    gmsh::option::setNumber("Mesh.CharacteristicLengthMax", h);
    gmsh::option::setNumber("Mesh.MeshSizeFromCurvature", 40);
    gmsh::option::setNumber("Mesh.Algorithm", 6);
    gmsh::option::setNumber("Mesh.RecombineAll", 1);
    gmsh::option::setNumber("Mesh.RecombinationAlgorithm", 3);
    if (route == MeshRoute::free_shapes)
      {
        gmsh::option::setNumber("Mesh.MeshSizeFromCurvature", 12);
        gmsh::option::setNumber("Mesh.RecombineAll", dim == 2 ? 1 : 0);
        gmsh::option::setNumber("Mesh.SubdivisionAlgorithm", dim == 2 ? 1 : 2);
        gmsh::option::setNumber("Mesh.SecondOrderLinear", 1);
        gmsh::option::setNumber("Mesh.Algorithm3D", 1);
      }
  }

  std::size_t
  count_folded_quads()
  {
    std::vector<std::size_t> node_tags;
    std::vector<double>      coords, parametric;
    gmsh::model::mesh::getNodes(node_tags, coords, parametric, -1, -1, true, false);
    std::map<std::size_t, std::size_t> index;
    for (std::size_t n = 0; n < node_tags.size(); ++n)
      index[node_tags[n]] = n;
    const auto xy = [&](const std::size_t tag, const unsigned int d) {
      return coords[3 * index.at(tag) + d];
    };
    gmsh::vectorpair surfaces;
    gmsh::model::getEntities(surfaces, 2);
    std::size_t folded = 0;
    for (const auto &[d, tag] : surfaces)
      {
        std::vector<std::size_t> elements, nodes;
        gmsh::model::mesh::getElementsByType(3, elements, nodes, tag);
        std::size_t positive = 0, negative = 0;
        for (std::size_t e = 0; e < elements.size(); ++e)
          {
            double area2 = 0; // twice the signed area (shoelace)
            for (unsigned int v = 0; v < 4; ++v)
              {
                const std::size_t a = nodes[4 * e + v], b = nodes[4 * e + (v + 1) % 4];
                area2 += xy(a, 0) * xy(b, 1) - xy(b, 0) * xy(a, 1);
              }
            (area2 > 0 ? positive : negative) += 1;
          }
        folded += std::min(positive, negative);
      }
    return folded;
  }

  void
  generate_2d_without_folds(const std::string &prm_file)
  {
    gmsh::model::mesh::generate(2);
    throw_last_error();
    const std::size_t folded = count_folded_quads();
    if (folded == 0)
      return;
    std::cout << "Generated mesh: Gmsh's quadrilateral recombination folded " << folded
              << " cells over; meshed again with every triangle split into three "
                 "quadrilaterals"
              << std::endl;
    gmsh::model::mesh::clear();
    gmsh::option::setNumber("Mesh.RecombineAll", 0);
    gmsh::option::setNumber("Mesh.SubdivisionAlgorithm", 1);
    gmsh::model::mesh::generate(2);
    throw_last_error();
    if (const std::size_t left = count_folded_quads())
      throw InputError(
          entry_message(prm_file,
                        "Geometry",
                        "Mesh size",
                        "Gmsh's mesh has " + std::to_string(left) + " folded cells",
                        "a smaller Mesh size or shapes further apart"));
  }

  namespace
  {
    /**
     * The deformation shears cells by the slope s of the displaced
     * coordinate (tan(tilt) + 2 pi A / wavelength for the waviness,
     * 2 pi W / wavelength for the wrinkles); a square becomes a
     * parallelogram of scaled Jacobian 1 / sqrt(1 + s^2). Slopes above 4
     * (scaled Jacobian below 0.24, on top of the mesher's own distortion)
     * give cells too flat to converge: refuse them, naming the entry.
     */
    void
    check_shear(const CommonGeometry &c, const std::string &prm_file)
    {
      constexpr double max_slope = 4.0;
      const double waviness = c.waviness_amplitude > 0 ? 2 * M_PI * c.waviness_amplitude /
                                                             c.waviness_wavelength
                                                       : 0.0;
      const double wrinkles = c.wrinkle_amplitude > 0
                                  ? 2 * M_PI * c.wrinkle_amplitude / c.wrinkle_wavelength
                                  : 0.0;
      const double slope    = std::abs(std::tan(c.tilt_angle)) + waviness;
      const auto   refuse   = [&](const char *entry, double s, const char *allowed) {
        throw InputError(entry_message(
            prm_file,
            "Geometry / Deformation",
            entry,
            "shears the cells by a slope of " + format_number(s) +
                " (scaled Jacobian about " + format_number(1 / std::sqrt(1 + s * s)) +
                "): the cells would be too distorted for the solution to converge",
            allowed));
      };
      if (slope > max_slope)
        refuse("Waviness amplitude",
               slope,
               "an amplitude with tan(Tilt angle) + 2 pi Amplitude / Wavelength <= 4");
      if (wrinkles > max_slope)
        refuse("Wrinkle amplitude",
               wrinkles,
               "an amplitude with 2 pi Amplitude / Wavelength <= 4");
    }
  } // namespace

  void
  deform(const CommonGeometry &c,
         const UnitCell       &m,
         const double          He,
         const std::string    &prm_file)
  {
    const double tilt = std::tan(c.tilt_angle), A = c.waviness_amplitude * um,
                 lw = c.waviness_wavelength * um, W = c.wrinkle_amplitude * um,
                 lr = c.wrinkle_wavelength * um;
    if (tilt == 0 && A == 0 && W == 0)
      return;
    if (W * M_PI >= He)
      throw InputError(
          entry_message(prm_file,
                        "Geometry / Deformation",
                        "Wrinkle amplitude",
                        "is too large for the electrode height (cells would fold)",
                        "an amplitude below H / pi"));
    check_shear(c, prm_file);
    const unsigned int       up = m.dim - 1; // thickness axis
    std::vector<std::size_t> tags;
    std::vector<double>      coords, parametric;
    gmsh::model::mesh::getNodes(tags, coords, parametric, -1, -1, false, false);
    for (std::size_t n = 0; n < tags.size(); ++n)
      {
        double      *x     = &coords[3 * n];
        const double z     = std::min(x[up], He);
        const double shift = tilt * z + A * std::sin(2 * M_PI * z / lw);
        const double lift =
            x[up] < He ? W * std::sin(2 * M_PI * x[0] / lr) * std::sin(M_PI * x[up] / He)
                       : 0.0;
        x[0] += shift;
        x[up] += lift;
        gmsh::model::mesh::setNode(tags[n], {x[0], x[1], x[2]}, {});
      }
  }

  void
  throw_last_error()
  {
    std::string error;
    gmsh::logger::getLastError(error);
    if (!error.empty())
      throw std::runtime_error(error);
  }

  Session::Session()
  {
    gmsh::initialize(0, nullptr, false);
    gmsh::option::setNumber("General.Terminal", 0);
    // One thread: Gmsh's OpenMP meshing cannot pass errors back.
    gmsh::option::setNumber("General.NumThreads", 1);
    // Errors inside Gmsh's (OpenMP) mesher cannot be thrown through it:
    // let Gmsh log them and check the log after meshing.
    gmsh::option::setNumber("General.AbortOnError", 0);
    gmsh::model::add("mesocell");
  }

  Session::~Session()
  {
    gmsh::finalize();
  }

  void
  write_msh(const std::string &file)
  {
    gmsh::option::setNumber("Mesh.MshFileVersion", 4.1);
    gmsh::option::setNumber("Mesh.Binary", 0);
    gmsh::write(file);
  }
} // namespace MesoCell::GmshTools
