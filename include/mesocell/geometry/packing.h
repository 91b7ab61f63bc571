#ifndef MESOCELL_GEOMETRY_PACKING_H
#define MESOCELL_GEOMETRY_PACKING_H

#include <array>
#include <random>
#include <utility>
#include <vector>

/**
 * @brief Dense random packings of balls (spheres in 3D, disks in 2D) in a
 * box, free of deal.II and Gmsh: the collective rearrangement behind the
 * 'particles' generator and the analytic volumes of overlapping balls.
 *
 * Lengths in any one unit (the generator uses micrometres). The thickness
 * axis is the last one (y in 2D, z in 3D); the face at 0 along it is the
 * current collector, the opposite face and the lateral faces are walls.
 */
namespace MesoCell::Packing
{
  /// A ball: centre (z = 0 in 2D) and radius.
  struct Ball
  {
    std::array<double, 3> x;
    double                r;
  };

  /**
   * The box [0, length[0]] x ... x [0, length[dim-1]]. Periodic: the
   * lateral axes (all but the last) wrap around, balls may cross the
   * lateral faces (cut by them, their images entering on the other side);
   * otherwise the lateral faces are walls.
   */
  struct Box
  {
    unsigned int          dim;
    std::array<double, 3> length;
    bool                  periodic = true;

    /// Its volume (area in 2D).
    double
    measure() const;
  };

  /**
   * What a packing must respect. Every pair of balls is either separated
   * (surface distance >= gap) or, if neck > 0, fused: overlapping by
   * between neck and max_neck() times the smaller radius. A ball keeps gap
   * from the top and, if neck > 0, may instead be cut by the collector
   * face by neck..max_neck() of its radius; it keeps gap from a lateral
   * face or (periodic box) crosses it by at least face_cut() of its
   * radius. No ball is ever near tangent to another ball or a face.
   */
  struct Rules
  {
    double gap  = 0;
    double neck = 0;

    /// The deepest overlap allowed, a fraction of the smaller radius.
    double
    max_neck() const;
    /// The least depth by which a ball crosses a periodic face, a fraction
    /// of its radius.
    static constexpr double face_cut = 0.1;
  };

  /// The outcome of pack().
  struct Result
  {
    std::vector<Ball> balls;
    /// Whether the radii reached their full size and the target (else the
    /// balls are at the largest common radius scale that could be packed).
    bool reached = false;
    /// Common factor of the radii packed.
    double scale = 0;
    /// Relaxation sweeps used.
    unsigned int sweeps = 0;
  };

  /**
   * Collective rearrangement: the balls of radii @p radii are placed at
   * random (from @p rng), their radii grown from 70 % in steps while
   * overlaps are pushed apart pair by pair and from the walls (projection
   * sweeps, the step halved where a stage does not relax); at full size,
   * pairs in the band between a neck and the gap are pulled into the neck
   * or pushed to the gap, whichever is nearer. With a @p target volume
   * (area) > 0, the radii then grow on by one common factor until the
   * union of the fused balls (union_measure()) meets it within 0.2 % of
   * the box (within 0.5 %, else not reached). Deterministic for a given @p rng state.
   */
  Result
  pack(const std::vector<double> &radii,
       const Box                 &box,
       const Rules               &rules,
       std::mt19937              &rng,
       const double               target = 0);

  /// The vector from a to b (the nearest periodic image of b).
  std::array<double, 3>
  offset(const Ball &a, const Ball &b, const Box &box);

  /// Pairs of fused balls (overlapping, nearest images), i < j.
  std::vector<std::pair<unsigned int, unsigned int>>
  overlapping_pairs(const std::vector<Ball> &balls, const Box &box);

  /// Every copy of @p b that meets the box: itself and, in a periodic box,
  /// its images shifted by +-length across the lateral faces it crosses.
  std::vector<Ball>
  images(const Ball &b, const Box &box);

  /// The worst violation of @p rules by @p balls (0 if none): by how much a
  /// distance lies outside its allowed range.
  double
  violation(const std::vector<Ball> &balls, const Box &box, const Rules &rules);

  /**
   * Bridges: balls of radius @p r placed across the narrow gaps between
   * unfused balls of @p balls and between them and the collector, each
   * overlapping both sides by at least a quarter of @p r (gaps from
   * rules.gap to 1.5 r), kept inside the lateral walls and the top, and
   * rules.gap away from every other ball of @p balls, @p others and the
   * bridges already placed. Sites that join two clusters of fused balls
   * (the collector one of them) come first, in random order from @p rng;
   * placed until their own volume (outside the balls they bridge and the
   * collector) reaches @p target, which is set to the volume placed.
   */
  std::vector<Ball>
  place_bridges(const std::vector<Ball> &balls,
                const std::vector<Ball> &others,
                const double             r,
                double                  &target,
                const Box               &box,
                const Rules             &rules,
                std::mt19937            &rng);

  /// Volume (area in 2D) of a ball of radius @p r.
  double
  ball_measure(const double r, const unsigned int dim);
  /// Surface area (perimeter in 2D) of a ball of radius @p r.
  double
  ball_surface(const double r, const unsigned int dim);
  /// Volume (area) of the cap of height @p h of a ball of radius @p r.
  double
  cap_measure(const double r, const double h, const unsigned int dim);
  /// Curved surface (arc length) of that cap.
  double
  cap_surface(const double r, const double h, const unsigned int dim);
  /// Height of the cap of ball a inside ball b, at centre distance @p d.
  double
  cap_height(const double ra, const double rb, const double d);
  /// Volume (area) of the lens shared by two balls at centre distance @p d.
  double
  lens_measure(const double ra, const double rb, const double d, const unsigned int dim);

  /// Volume (area) of the union of the balls inside the box: the balls,
  /// less their pairwise lenses and their parts below the collector face.
  double
  union_measure(const std::vector<Ball> &balls, const Box &box);
} // namespace MesoCell::Packing

#endif
