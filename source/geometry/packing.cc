// Dense random packings of balls by collective rearrangement (see
// include/mesocell/geometry/packing.h): growth of the radii with projection
// sweeps that push overlapping pairs apart, and the analytic measures of
// overlapping balls.
#include <mesocell/geometry/packing.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>

namespace MesoCell::Packing
{
  double
  Box::measure() const
  {
    double v = 1;
    for (unsigned int a = 0; a < dim; ++a)
      v *= length[a];
    return v;
  }

  double
  Rules::max_neck() const
  {
    return std::min(2 * neck, neck + 0.2);
  }

  namespace
  {
    /// Cells of a uniform grid over the box (wrapping around the
    /// periodic axes), each listing its balls.
    class Grid
    {
    public:
      Grid(const Box &box, const double size)
        : box(box)
      {
        for (unsigned int a = 0; a < 3; ++a)
          n[a] = a < box.dim ? std::max(1, int(box.length[a] / size)) : 1;
        cells.resize(n[0] * n[1] * n[2]);
      }

      void
      fill(const std::vector<Ball> &balls)
      {
        for (auto &c : cells)
          c.clear();
        where.resize(balls.size());
        for (unsigned int i = 0; i < balls.size(); ++i)
          {
            for (unsigned int a = 0; a < 3; ++a)
              where[i][a] =
                  a < box.dim
                      ? std::clamp(int(std::floor(balls[i].x[a] / box.length[a] * n[a])),
                                   0,
                                   n[a] - 1)
                      : 0;
            cells[index(where[i])].push_back(i);
          }
      }

      /// f(i, j) for every pair i < j in neighbouring cells (once each).
      template <typename F>
      void
      for_pairs(const F &f) const
      {
        std::vector<int> near;
        for (unsigned int i = 0; i < where.size(); ++i)
          {
            neighbours(where[i], near);
            for (const int c : near)
              for (const unsigned int j : cells[c])
                if (j > i)
                  f(i, j);
          }
      }

    private:
      const Box                             &box;
      std::array<int, 3>                     n;
      std::vector<std::vector<unsigned int>> cells;
      std::vector<std::array<int, 3>>        where;

      /// The distinct cells next to @p c (itself included).
      void
      neighbours(const std::array<int, 3> &c, std::vector<int> &near) const
      {
        near.clear();
        for (int dx = -1; dx <= 1; ++dx)
          for (int dy = -1; dy <= 1; ++dy)
            for (int dz = -1; dz <= 1; ++dz)
              {
                std::array<int, 3> m{{c[0] + dx, c[1] + dy, c[2] + dz}};
                bool               inside = true;
                for (unsigned int a = 0; a < 3; ++a)
                  {
                    if (box.periodic && a + 1 < box.dim)
                      m[a] = (m[a] + n[a]) % n[a];
                    inside = inside && m[a] >= 0 && m[a] < n[a];
                  }
                if (inside)
                  near.push_back(index(m));
              }
        std::sort(near.begin(), near.end());
        near.erase(std::unique(near.begin(), near.end()), near.end());
      }

      int
      index(const std::array<int, 3> &c) const
      {
        return (c[2] * n[1] + c[1]) * n[0] + c[0];
      }
    };

    double
    norm(const std::array<double, 3> &v)
    {
      return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    double
    distance(const Ball &a, const Ball &b, const Box &box)
    {
      return norm(offset(a, b, box));
    }

    /**
     * The allowed values of a distance (of two centres, or of a centre
     * from a face): fused in [deep, contact] or apart in [apart, inf).
     * Stage 1 of a relaxation keeps what is not fused at least at core;
     * stage 2 snaps what lies in the band (contact, apart) to one side.
     */
    struct Band
    {
      double deep, contact, apart, core;
    };

    /// Which side a pair (or a ball at a face) is on: 0 not known, 1 fused,
    /// 2 apart. Fused pairs stay fused.
    using Side = signed char;

    /// Stage 2 fuses what lies in the lower 60 % of the band, pushes the
    /// rest apart. Stage 1 keeps pairs half way across it, so a jammed
    /// stage 1 ends with its contacts fused (a uniform pull, feasible)
    /// rather than pushed apart.
    constexpr double fuse_below = 0.6;

    double
    band_target(const double v, const Band &b, Side &side, const bool snap)
    {
      if (v < b.deep)
        return b.deep;
      if (side == 1)
        return std::min(v, b.contact);
      if (!snap)
        {
          side = 0; // only fusing is remembered
          return std::max(v, b.core);
        }
      if (v <= b.contact || v >= b.apart)
        {
          side = v <= b.contact ? 1 : 2;
          return v;
        }
      if (side == 0)
        side = v - b.contact <= fuse_below * (b.apart - b.contact) ? 1 : 2;
      return side == 1 ? b.contact : b.apart;
    }

    /// The band of a pair, or of a ball of radius r at the collector.
    Band
    neck_band(const double sum, const double m, const Rules &rules)
    {
      const double contact = sum - rules.neck * m, apart = sum + rules.gap;
      return {
          sum - rules.max_neck() * m, contact, apart, contact + 0.5 * (apart - contact)};
    }

    /// Target centre distance of a pair.
    double
    pair_target(const double d,
                const double ra,
                const double rb,
                const Rules &rules,
                Side        &side,
                const bool   snap)
    {
      const double sum = ra + rb;
      if (rules.neck <= 0)
        return std::max(d, sum + rules.gap);
      return band_target(d, neck_band(sum, std::min(ra, rb), rules), side, snap);
    }

    /// Target of a lateral coordinate: inside the walls, or (periodic)
    /// wrapped into the box and either crossing the nearer face by
    /// face_cut of the radius or keeping the gap from it (free in stage 1).
    double
    lateral_target(const double x,
                   const double r,
                   const double L,
                   const Rules &rules,
                   const bool   periodic,
                   Side        &side,
                   const bool   snap)
    {
      if (!periodic)
        return std::clamp(x, r + rules.gap, L - r - rules.gap);
      const double y = x - L * std::floor(x / L);
      const double w = std::min(y, L - y);
      const Band   b{-r, r - Rules::face_cut * r, r + rules.gap, -r};
      const double t = band_target(w, b, side, snap);
      return y < L - y ? t : L - t;
    }

    /// The sides of the pairs and of the balls at the faces.
    struct Memory
    {
      std::unordered_map<std::uint64_t, Side> pairs;
      std::vector<std::array<Side, 3>>        faces;
    };

    /// Target of coordinate @p a of a ball: lateral faces, at the
    /// collector either fused (with a neck) or apart, below the top.
    double
    wall_target(const Ball        &b,
                const unsigned int a,
                const Box         &box,
                const Rules       &rules,
                Side              &side,
                const bool         snap)
    {
      const double r = b.r, top = box.length[a] - r - rules.gap;
      if (a + 1 < box.dim)
        return lateral_target(b.x[a], r, box.length[a], rules, box.periodic, side, snap);
      if (rules.neck <= 0)
        return std::clamp(b.x[a], r + rules.gap, top);
      return std::min(band_target(b.x[a], neck_band(r, r, rules), side, snap), top);
    }

    /// Move a pair to its target distance (the larger ball moving less);
    /// returns the move.
    double
    project_pair(
        Ball &a, Ball &b, const Box &box, const Rules &rules, Side &side, const bool snap)
    {
      const std::array<double, 3> ab = offset(a, b, box);
      const double                d  = norm(ab);
      if (d > a.r + b.r + rules.gap && side != 1)
        return 0;
      const double move = pair_target(d, a.r, b.r, rules, side, snap) - d;
      if (move == 0)
        return 0;
      const double va = std::pow(a.r, box.dim), vb = std::pow(b.r, box.dim);
      for (unsigned int k = 0; k < box.dim; ++k)
        {
          const double n = d > 0 ? ab[k] / d : (k == 0 ? 1.0 : 0.0);
          a.x[k] -= move * vb / (va + vb) * n;
          b.x[k] += move * va / (va + vb) * n;
        }
      return std::abs(move);
    }

    /// A ball crossing two lateral faces of a periodic 3D box is either
    /// cut by their common edge by face_cut of its radius or keeps the gap
    /// from it (moved in the lateral plane, stage 2); returns the move.
    double
    project_edge(Ball &b, const Box &box, const Rules &rules, const bool snap)
    {
      if (!snap || !box.periodic || box.dim != 3)
        return 0;
      double w[2], corner[2];
      for (unsigned int a = 0; a < 2; ++a)
        {
          corner[a] = b.x[a] < box.length[a] - b.x[a] ? 0 : box.length[a];
          w[a]      = std::abs(b.x[a] - corner[a]);
          if (w[a] >= b.r)
            return 0;
        }
      const double e    = std::hypot(w[0], w[1]);
      Side         side = 0;
      const Band   band{-b.r, b.r - Rules::face_cut * b.r, b.r + rules.gap, -b.r};
      const double t = band_target(e, band, side, true);
      if (t == e || e == 0)
        return 0;
      for (unsigned int a = 0; a < 2; ++a)
        b.x[a] = corner[a] + (b.x[a] - corner[a]) * t / e;
      return std::abs(t - e);
    }

    /// One Gauss-Seidel sweep of projections; returns the largest move.
    double
    sweep(std::vector<Ball> &balls,
          Grid              &grid,
          const Box         &box,
          const Rules       &rules,
          Memory            &memory,
          const bool         snap)
    {
      memory.faces.resize(balls.size(), {{0, 0, 0}});
      double largest = 0;
      grid.fill(balls);
      grid.for_pairs([&](const unsigned int i, const unsigned int j) {
        Side &side = memory.pairs[std::uint64_t(i) * balls.size() + j];
        largest =
            std::max(largest, project_pair(balls[i], balls[j], box, rules, side, snap));
      });
      for (unsigned int i = 0; i < balls.size(); ++i)
        for (unsigned int a = 0; a < box.dim; ++a)
          {
            Ball        &b = balls[i];
            const double t = wall_target(b, a, box, rules, memory.faces[i][a], snap);
            largest        = std::max(largest, std::abs(t - b.x[a]));
            b.x[a]         = t;
          }
      for (auto &b : balls)
        largest = std::max(largest, project_edge(b, box, rules, snap));
      return largest;
    }

    /// Sweeps until the largest move is below the tolerance (true) or
    /// @p max_sweeps were used (false).
    bool
    settle(std::vector<Ball> &balls,
           const Box         &box,
           const Rules       &rules,
           Memory            &memory,
           const bool         snap,
           const unsigned int max_sweeps,
           unsigned int      &sweeps)
    {
      if (balls.empty())
        return true;
      double r_min = std::numeric_limits<double>::max(), r_max = 0;
      for (const auto &b : balls)
        {
          r_min = std::min(r_min, b.r);
          r_max = std::max(r_max, b.r);
        }
      double scale = r_min;
      if (rules.gap > 0)
        scale = std::min(scale, rules.gap);
      if (rules.neck > 0)
        scale = std::min(scale, rules.neck * r_min);
      Grid grid(box, 2 * r_max + rules.gap);
      for (unsigned int k = 0; k < max_sweeps; ++k, ++sweeps)
        if (sweep(balls, grid, box, rules, memory, snap) < 1e-3 * scale)
          return true;
      return false;
    }

    /// Random centres inside the walls for the radii @p radii times @p s.
    std::vector<Ball>
    random_balls(const std::vector<double> &radii,
                 const double               s,
                 const Box                 &box,
                 const Rules               &rules,
                 std::mt19937              &rng)
    {
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      std::vector<Ball>                      balls;
      for (const double r0 : radii)
        {
          Ball b{{{0, 0, 0}}, s * r0};
          for (unsigned int a = 0; a < box.dim; ++a)
            {
              const bool   wrap = box.periodic && a + 1 < box.dim;
              const double lo   = wrap ? 0 : b.r + rules.gap;
              const double hi   = wrap ? box.length[a] : box.length[a] - b.r - rules.gap;
              b.x[a]            = lo + unit(rng) * std::max(0.0, hi - lo);
            }
          balls.push_back(b);
        }
      return balls;
    }
  } // namespace

  Result
  pack(const std::vector<double> &radii,
       const Box                 &box,
       const Rules               &rules,
       std::mt19937              &rng,
       const double               target)
  {
    double sum = 0;
    for (const double r : radii)
      sum += ball_measure(r, box.dim) / box.measure();
    Result            result;
    double            s = std::min(0.7, std::pow(0.3 / sum, 1.0 / box.dim)), s_end = 1;
    double            ds = 0.05, missed = 0;
    std::vector<Ball> balls = random_balls(radii, s, box, rules, rng);
    Memory            memory, saved;
    for (unsigned int corrections = 0; result.sweeps < 100000;)
      {
        for (unsigned int i = 0; i < balls.size(); ++i)
          balls[i].r = s * radii[i];
        if (settle(balls, box, rules, memory, false, 2000, result.sweeps) &&
            settle(balls, box, rules, memory, true, 2000, result.sweeps))
          {
            result.scale = s;
            result.balls = balls;
            saved        = memory;
            if (s >= s_end) // with a target: correct for the necks' overlaps
              {
                const double u = union_measure(balls, box);
                missed         = target > 0 ? std::abs(u - target) / box.measure() : 0;
                if (missed <= 2e-3 || ++corrections > 20)
                  break;
                s_end = s * std::pow(target / u, 1.0 / box.dim);
              }
            s = std::min(s_end, s + ds);
            continue;
          }
        ds /= 2;
        if (ds < 1e-3 || result.balls.empty())
          break;
        balls  = result.balls;
        memory = saved;
        s      = std::min(s_end, result.scale + ds);
      }
    result.reached = !result.balls.empty() && result.scale >= s_end && missed <= 5e-3;
    return result;
  }

  std::array<double, 3>
  offset(const Ball &a, const Ball &b, const Box &box)
  {
    std::array<double, 3> v{{b.x[0] - a.x[0], b.x[1] - a.x[1], b.x[2] - a.x[2]}};
    if (box.periodic)
      for (unsigned int k = 0; k + 1 < box.dim; ++k)
        v[k] -= box.length[k] * std::round(v[k] / box.length[k]);
    return v;
  }

  std::vector<std::pair<unsigned int, unsigned int>>
  overlapping_pairs(const std::vector<Ball> &balls, const Box &box)
  {
    std::vector<std::pair<unsigned int, unsigned int>> pairs;
    double                                             r_max = 0;
    for (const auto &b : balls)
      r_max = std::max(r_max, b.r);
    Grid grid(box, 2 * r_max);
    grid.fill(balls);
    grid.for_pairs([&](const unsigned int i, const unsigned int j) {
      if (distance(balls[i], balls[j], box) < balls[i].r + balls[j].r)
        pairs.emplace_back(i, j);
    });
    std::sort(pairs.begin(), pairs.end());
    return pairs;
  }

  std::vector<Ball>
  images(const Ball &b, const Box &box)
  {
    std::vector<Ball> copies{b};
    if (!box.periodic)
      return copies;
    for (unsigned int a = 0; a + 1 < box.dim; ++a)
      {
        const std::size_t n = copies.size();
        for (std::size_t k = 0; k < n; ++k)
          for (const double shift : {-box.length[a], box.length[a]})
            {
              Ball c = copies[k];
              c.x[a] += shift;
              if (c.x[a] + c.r > 0 && c.x[a] - c.r < box.length[a])
                copies.push_back(c);
            }
      }
    return copies;
  }

  double
  violation(const std::vector<Ball> &balls, const Box &box, const Rules &rules)
  {
    double worst = 0;
    for (unsigned int i = 0; i < balls.size(); ++i)
      {
        for (unsigned int a = 0; a < box.dim; ++a)
          {
            Side side = 0;
            worst     = std::max(worst,
                             std::abs(wall_target(balls[i], a, box, rules, side, true) -
                                      balls[i].x[a]));
          }
        for (unsigned int j = i + 1; j < balls.size(); ++j)
          {
            const double d    = distance(balls[i], balls[j], box);
            Side         side = 0;
            worst             = std::max(
                worst,
                std::abs(pair_target(d, balls[i].r, balls[j].r, rules, side, true) - d));
          }
      }
    return worst;
  }

  double
  ball_measure(const double r, const unsigned int dim)
  {
    return dim == 3 ? 4.0 / 3.0 * M_PI * r * r * r : M_PI * r * r;
  }

  double
  ball_surface(const double r, const unsigned int dim)
  {
    return dim == 3 ? 4 * M_PI * r * r : 2 * M_PI * r;
  }

  double
  cap_measure(const double r, const double h, const unsigned int dim)
  {
    if (h <= 0)
      return 0;
    if (dim == 3)
      return M_PI * h * h * (3 * r - h) / 3;
    return r * r * std::acos((r - h) / r) - (r - h) * std::sqrt(2 * r * h - h * h);
  }

  double
  cap_surface(const double r, const double h, const unsigned int dim)
  {
    if (h <= 0)
      return 0;
    return dim == 3 ? 2 * M_PI * r * h : 2 * r * std::acos((r - h) / r);
  }

  double
  cap_height(const double ra, const double rb, const double d)
  {
    return ra - (d * d + ra * ra - rb * rb) / (2 * d);
  }

  double
  lens_measure(const double ra, const double rb, const double d, const unsigned int dim)
  {
    if (d >= ra + rb)
      return 0;
    return cap_measure(ra, cap_height(ra, rb, d), dim) +
           cap_measure(rb, cap_height(rb, ra, d), dim);
  }

  double
  union_measure(const std::vector<Ball> &balls, const Box &box)
  {
    const unsigned int t = box.dim - 1;
    double             v = 0;
    for (const auto &b : balls)
      v += ball_measure(b.r, box.dim) - cap_measure(b.r, b.r - b.x[t], box.dim);
    for (const auto &[i, j] : overlapping_pairs(balls, box))
      v -= lens_measure(
          balls[i].r, balls[j].r, distance(balls[i], balls[j], box), box.dim);
    return v;
  }
} // namespace MesoCell::Packing

namespace MesoCell::Packing
{
  namespace
  {
    /// Union-find over the balls and the collector (the last node).
    struct Clusters
    {
      std::vector<unsigned int> parent;

      explicit Clusters(const unsigned int n)
        : parent(n)
      {
        for (unsigned int i = 0; i < n; ++i)
          parent[i] = i;
      }

      unsigned int
      find(unsigned int i)
      {
        while (parent[i] != i)
          i = parent[i] = parent[parent[i]];
        return i;
      }

      /// Join; false if already joined.
      bool
      join(const unsigned int a, const unsigned int b)
      {
        const unsigned int ra = find(a), rb = find(b);
        parent[ra] = rb;
        return ra != rb;
      }
    };

    /// A candidate bridge: the ball and the two nodes it joins.
    struct Site
    {
      Ball         ball;
      unsigned int a, b;
    };

    /// Bridge sites across the gaps (gap .. 1.5 r) of unfused pairs and
    /// between balls and the collector (node balls.size()).
    std::vector<Site>
    bridge_sites(const std::vector<Ball> &balls,
                 const double             r,
                 const Box               &box,
                 const Rules             &rules)
    {
      std::vector<Site>  sites;
      const unsigned int t = box.dim - 1;
      const auto spans = [&](const double s) { return s >= rules.gap && s <= 1.5 * r; };
      for (unsigned int i = 0; i < balls.size(); ++i)
        {
          const double s = balls[i].x[t] - balls[i].r;
          if (spans(s))
            {
              Ball b{balls[i].x, r};
              b.x[t] = s / 2;
              sites.push_back({b, i, unsigned(balls.size())});
            }
          for (unsigned int j = i + 1; j < balls.size(); ++j)
            {
              const auto   v = offset(balls[i], balls[j], box);
              const double d = norm(v), s = d - balls[i].r - balls[j].r;
              if (!spans(s))
                continue;
              Ball b{balls[i].x, r};
              for (unsigned int k = 0; k < box.dim; ++k)
                b.x[k] += v[k] / d * (balls[i].r + s / 2);
              sites.push_back({b, i, j});
            }
        }
      return sites;
    }

    /// Whether a bridge ball clears the walls and every ball other than its
    /// hosts @p a, @p b by the gap.
    bool
    clears(const Ball              &c,
           const unsigned int       a,
           const unsigned int       b,
           const std::vector<Ball> &balls,
           const std::vector<Ball> &others,
           const Box               &box,
           const Rules             &rules)
    {
      const unsigned int t = box.dim - 1;
      for (unsigned int k = 0; k < t; ++k)
        if (c.x[k] < c.r + rules.gap || c.x[k] > box.length[k] - c.r - rules.gap)
          return false;
      if (c.x[t] > box.length[t] - c.r - rules.gap ||
          (b < balls.size() && c.x[t] < c.r + rules.gap))
        return false;
      for (unsigned int k = 0; k < balls.size(); ++k)
        if (k != a && k != b && distance(c, balls[k], box) < c.r + balls[k].r + rules.gap)
          return false;
      for (const auto &o : others)
        if (distance(c, o, box) < c.r + o.r + rules.gap)
          return false;
      return true;
    }

    /// The volume of a bridge outside its hosts and below the collector.
    double
    bridge_measure(const Site &s, const std::vector<Ball> &balls, const Box &box)
    {
      const Ball &c = s.ball;
      double      v = ball_measure(c.r, box.dim) -
                 lens_measure(c.r, balls[s.a].r, distance(c, balls[s.a], box), box.dim);
      if (s.b < balls.size())
        return v - lens_measure(c.r, balls[s.b].r, distance(c, balls[s.b], box), box.dim);
      return v - cap_measure(c.r, c.r - c.x[box.dim - 1], box.dim);
    }
  } // namespace

  std::vector<Ball>
  place_bridges(const std::vector<Ball> &balls,
                const std::vector<Ball> &others,
                const double             r,
                double                  &target,
                const Box               &box,
                const Rules             &rules,
                std::mt19937            &rng)
  {
    std::vector<Site> sites = bridge_sites(balls, r, box, rules);
    std::shuffle(sites.begin(), sites.end(), rng);
    Clusters clusters(balls.size() + 1);
    for (const auto &[i, j] : overlapping_pairs(balls, box))
      clusters.join(i, j);
    for (unsigned int i = 0; i < balls.size(); ++i)
      if (balls[i].x[box.dim - 1] < balls[i].r)
        clusters.join(i, balls.size());
    std::vector<Ball> placed, obstacles = others;
    double            volume = 0;
    for (const bool joining : {true, false})
      for (const Site &s : sites)
        {
          if (volume >= target)
            break;
          if (joining && clusters.find(s.a) == clusters.find(s.b))
            continue;
          if (!clears(s.ball, s.a, s.b, balls, obstacles, box, rules))
            continue;
          clusters.join(s.a, s.b);
          placed.push_back(s.ball);
          obstacles.push_back(s.ball);
          volume += bridge_measure(s, balls, box);
        }
    target = volume;
    return placed;
  }
} // namespace MesoCell::Packing
