#ifndef MESOCELL_INTERFACES_BUTLER_VOLMER_H
#define MESOCELL_INTERFACES_BUTLER_VOLMER_H

#include <mesocell/core/constants.h>
namespace MesoCell
{
  /**
   * @brief Faradaic current density of a reaction interface with a film
   * (doc/model.md section 3):
   *   j = theta i0 [exp(alpha_a f eta) - exp(-alpha_c f eta)],
   *   eta = Delta - j R_film / theta,  Delta = phi_s - phi_elyte - U,
   * with f = F/(R T). The implicit relation is solved for eta by a safeguarded
   * scalar Newton iteration (eta lies between 0 and Delta); the partial
   * derivatives follow from the implicit-function theorem, so that a Newton
   * method on the fields sees the exact Jacobian.
   */
  struct ButlerVolmerResult
  {
    double j;         ///< current density [A/m^2], anodic positive
    double eta;       ///< overpotential [V]
    double dj_ddelta; ///< dj/dDelta [A/m^2/V]
    double dj_di0;    ///< dj/di0 [-]
  };

  ButlerVolmerResult
  butler_volmer(const double delta,
                const double i0,
                const double theta,
                const double alpha_a,
                const double alpha_c,
                const double film_resistance,
                const double temperature);

} // namespace MesoCell

#endif
