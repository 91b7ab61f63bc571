#include <mesocell/core/errors.h>
#include <mesocell/interfaces/butler_volmer.h>

#include <cmath>
#include <stdexcept>

namespace MesoCell
{
  ButlerVolmerResult
  butler_volmer(const double delta,
                const double i0,
                const double theta,
                const double alpha_a,
                const double alpha_c,
                const double film_resistance,
                const double temperature)
  {
    const double f = faraday_constant / (gas_constant * temperature);
    // B(eta) and B'(eta): the bracket of the Butler-Volmer law.
    const auto bracket = [&](const double eta) {
      const double ea = std::exp(alpha_a * f * eta);
      const double ec = std::exp(-alpha_c * f * eta);
      return std::make_pair(ea - ec, f * (alpha_a * ea + alpha_c * ec));
    };
    // Without a film eta = delta; with one, solve eta + R i0 B(eta) = delta.
    // The left side is increasing in eta and eta lies between 0 and delta.
    double       eta = delta;
    const double R   = film_resistance;
    if (R > 0 && i0 > 0)
      {
        double lo = std::min(0.0, delta), hi = std::max(0.0, delta);
        for (unsigned int it = 0; it < 200; ++it)
          {
            const auto [B, dB] = bracket(eta);
            const double h     = eta + R * i0 * B - delta;
            if (std::abs(h) <= 1e-15 * (1 + std::abs(delta)))
              break;
            if (h > 0)
              hi = eta;
            else
              lo = eta;
            double next = eta - h / (1 + R * i0 * dB);
            if (!(next > lo && next < hi))
              next = 0.5 * (lo + hi);
            if (std::abs(next - eta) <= 1e-16 * (1 + std::abs(eta)))
              {
                eta = next;
                break;
              }
            eta = next;
          }
      }
    const auto [B, dB] = bracket(eta);
    if (!std::isfinite(B))
      throw std::domain_error("Butler-Volmer: overpotential " + std::to_string(eta) +
                              " V gives an infinite current");
    const double       denominator = 1 + R * i0 * dB;
    const double       deta_ddelta = 1 / denominator;
    const double       deta_di0    = -R * B / denominator;
    ButlerVolmerResult r;
    r.eta       = eta;
    r.j         = theta * i0 * B;
    r.dj_ddelta = theta * i0 * dB * deta_ddelta;
    r.dj_di0    = theta * (B + i0 * dB * deta_di0);
    return r;
  }
} // namespace MesoCell
