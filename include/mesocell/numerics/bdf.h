#ifndef MESOCELL_NUMERICS_BDF_H
#define MESOCELL_NUMERICS_BDF_H

namespace MesoCell
{
  /**
   * @brief Coefficients of the variable-step BDF1/BDF2 time derivative
   *   du/dt(t_{n+1}) ~ a0 u_{n+1} + a1 u_n + a2 u_{n-1},
   * with dt = t_{n+1} - t_n and dt_previous = t_n - t_{n-1}, w = dt/dt_previous:
   *   BDF1: a0 = 1/dt, a1 = -1/dt, a2 = 0;
   *   BDF2: a0 = (1 + 2w)/((1 + w) dt), a1 = -(1 + w)/dt, a2 = w^2/((1 + w) dt).
   * (doc/model.md section 6; temporal orders verified by the mms/time_bdf* tests.)
   */
  struct BDFCoefficients
  {
    double a0 = 0, a1 = 0, a2 = 0;

    BDFCoefficients() = default;

    BDFCoefficients(const unsigned int order, const double dt, const double dt_previous)
    {
      if (order == 1)
        {
          a0 = 1 / dt;
          a1 = -1 / dt;
          a2 = 0;
        }
      else
        {
          const double w = dt / dt_previous;
          a0             = (1 + 2 * w) / ((1 + w) * dt);
          a1             = -(1 + w) / dt;
          a2             = w * w / ((1 + w) * dt);
        }
    }
  };

  /**
   * @brief Linear extrapolation through the two last accepted values, the
   * predictor of the step-size control and a Newton initial guess:
   *   u_pred(t_n + dt) = u_n + (dt/dt_previous) (u_n - u_{n-1}).
   */
  inline double
  extrapolate(const double u_n,
              const double u_previous,
              const double dt,
              const double dt_previous)
  {
    return u_n + dt / dt_previous * (u_n - u_previous);
  }
} // namespace MesoCell

#endif
