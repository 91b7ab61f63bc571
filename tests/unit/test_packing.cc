// The dense packing behind the 'particles' generator (geometry/packing.h):
// the fraction reached, the rules every pair and face keeps, the analytic
// measures of overlapping balls and the bridges.
#include <mesocell/geometry/packing.h>

#include <boost/test/unit_test.hpp>

#include <cmath>

using namespace MesoCell::Packing;

namespace
{
  /// Radii uniform in [2.5, 4] until their volume reaches @p fraction.
  std::vector<double>
  radii_for(const double fraction, const Box &box, std::mt19937 &rng)
  {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<double>                    radii;
    for (double v = 0; v < fraction * box.measure();)
      {
        radii.push_back(2.5 + 1.5 * unit(rng));
        v += ball_measure(radii.back(), box.dim);
      }
    return radii;
  }
} // namespace

BOOST_AUTO_TEST_CASE(measures_of_overlapping_balls)
{
  // Lens of two unit spheres at distance d: pi (4 + d)(2 - d)^2 / 12.
  const double d = 1.5;
  BOOST_TEST(lens_measure(1, 1, d, 3) == M_PI * (4 + d) * std::pow(2 - d, 2) / 12,
             boost::test_tools::tolerance(1e-12));
  // Two unit disks at distance d: 2 acos(d/2) - (d/2) sqrt(4 - d^2).
  BOOST_TEST(lens_measure(1, 1, d, 2) ==
                 2 * std::acos(d / 2) - d / 2 * std::sqrt(4 - d * d),
             boost::test_tools::tolerance(1e-12));
  // A hemisphere is a cap of height r.
  BOOST_TEST(cap_measure(2, 2, 3) == ball_measure(2, 3) / 2,
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(lens_measure(1, 1, 2.5, 3) == 0);
  // Union of two fused spheres and one cut by the collector.
  const Box         box{3, {{20, 20, 20}}, false};
  std::vector<Ball> balls{{{{5, 5, 10}}, 2}, {{{8, 5, 10}}, 2}, {{{14, 14, 1}}, 2}};
  const double      expected =
      3 * ball_measure(2, 3) - lens_measure(2, 2, 3, 3) - cap_measure(2, 1, 3);
  BOOST_TEST(union_measure(balls, box) == expected, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(dense_packing_with_necks_meets_its_target)
{
  const Box    box{3, {{24, 24, 24}}};
  const Rules  rules{0.3, 0.15};
  std::mt19937 rng(2);
  const auto   radii  = radii_for(0.6, box, rng);
  const double target = 0.6 * box.measure();
  const Result r      = pack(radii, box, rules, rng, target);
  BOOST_TEST_MESSAGE("0.6 with necks: " << union_measure(r.balls, box) / box.measure()
                                        << " after " << r.sweeps << " sweeps");
  BOOST_TEST(r.reached);
  BOOST_TEST(std::abs(union_measure(r.balls, box) / box.measure() - 0.6) <= 5e-3);
  // Every pair fused by 0.15..0.3 of the smaller radius or 0.3 apart, every
  // ball inside (or crossing a lateral face by 0.1 r, or the collector by a
  // neck): no near tangency (the tolerance of the relaxation is 1e-3 of the
  // smallest length).
  BOOST_TEST(violation(r.balls, box, rules) < 1e-3);
  BOOST_TEST(overlapping_pairs(r.balls, box).size() > r.balls.size());
}

BOOST_AUTO_TEST_CASE(hard_spheres_stop_below_random_close_packing)
{
  // Spheres kept 0.3 um apart cannot reach 0.9; the packing reports how far
  // it got: below 0.64 of the spheres grown by half the gap.
  const Box    box{3, {{24, 24, 24}}};
  const Rules  rules{0.3, 0};
  std::mt19937 rng(1);
  const Result r = pack(radii_for(0.9, box, rng), box, rules, rng);
  BOOST_TEST(!r.reached);
  double grown = 0;
  for (const auto &b : r.balls)
    grown += ball_measure(b.r + 0.15, 3) / box.measure();
  BOOST_TEST_MESSAGE("0.9 without necks reached "
                     << union_measure(r.balls, box) / box.measure()
                     << ", grown by half the gap " << grown);
  BOOST_TEST(grown < 0.66);
  BOOST_TEST(union_measure(r.balls, box) / box.measure() > 0.35);
  BOOST_TEST(violation(r.balls, box, rules) < 1e-3);
}

BOOST_AUTO_TEST_CASE(packing_is_reproducible)
{
  const Box    box{2, {{30, 30, 0}}};
  const Rules  rules{0.5, 0.2};
  std::mt19937 a(7), b(7);
  const auto   ra = radii_for(0.5, box, a), rb = radii_for(0.5, box, b);
  const Result pa = pack(ra, box, rules, a), pb = pack(rb, box, rules, b);
  BOOST_TEST(pa.balls.size() == pb.balls.size());
  for (unsigned int i = 0; i < pa.balls.size(); ++i)
    BOOST_TEST(pa.balls[i].x == pb.balls[i].x);
}

BOOST_AUTO_TEST_CASE(bridges_join_separate_particles)
{
  // Two spheres 1 um apart and one 0.8 um above the collector: one bridge
  // between the pair, one to the collector, each outside its hosts.
  const Box               box{3, {{30, 30, 30}}, false};
  const Rules             rules{0.3, 0};
  const std::vector<Ball> balls{
      {{{10, 15, 15}}, 4}, {{{19, 15, 15}}, 4}, {{{15, 5, 4.8}}, 4}};
  double       target = 1e3;
  std::mt19937 rng(1);
  const auto   bridges = place_bridges(balls, {}, 1, target, box, rules, rng);
  BOOST_TEST(bridges.size() == 2u);
  for (const auto &c : bridges)
    for (const auto &b : balls)
      {
        // hosts overlap the bridge by a quarter of its radius or more,
        // others keep the gap
        const double d = std::hypot(c.x[0] - b.x[0], c.x[1] - b.x[1], c.x[2] - b.x[2]);
        BOOST_TEST((d <= c.r + b.r - 0.25 * c.r || d >= c.r + b.r + rules.gap));
      }
  BOOST_TEST(target > 0);
  BOOST_TEST(target < 2 * ball_measure(1, 3));
}
