// The time-step controller's decisions on scripted sequences of solver
// outcomes, local errors and voltages, without finite elements. Every
// expected step size is computed here from the rules in step_controller.h.
#include <mesocell/numerics/bdf.h>
#include <mesocell/numerics/step_controller.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iostream>

using namespace MesoCell;
namespace tt   = boost::test_tools;
using Decision = StepController::Decision;

namespace
{
  StepControllerSettings
  settings()
  {
    StepControllerSettings s;
    s.order                   = 2;
    s.initial_step            = 1;
    s.minimum_step            = 1e-3;
    s.maximum_step            = 10;
    s.tolerance               = 1e-3;
    s.voltage_event_tolerance = 1e-4;
    return s;
  }
} // namespace

BOOST_AUTO_TEST_SUITE(step_controller)

BOOST_AUTO_TEST_CASE(growth_order_and_error_rejection)
{
  StepController c(settings());
  c.begin(0, std::nullopt);
  double t = 0;
  // Steps 1 and 2 carry no error estimate and double the step; the first is BDF1.
  c.propose(t);
  BOOST_TEST(c.order() == 1u);
  BOOST_TEST(c.step() == 1.0);
  BOOST_TEST(!c.needs_error_estimate());
  BOOST_TEST((c.check_error(123.0) == Decision::accept)); // ignored: no estimate yet
  c.accept();
  t += 1;
  c.propose(t);
  BOOST_TEST(c.order() == 2u);
  BOOST_TEST(c.step() == 2.0);
  c.accept();
  t += 2;
  // Step 3: predictor difference 1e-3 -> err = 4/(4+2) * 1e-3 / 1e-3 = 2/3:
  // accepted, next step 4 * min(2, 0.9 (2/3)^(-1/3)).
  c.propose(t);
  BOOST_TEST(c.step() == 4.0);
  BOOST_TEST(c.needs_error_estimate());
  BOOST_TEST((c.check_error(1e-3) == Decision::accept));
  BOOST_TEST(c.error() == 2.0 / 3.0, tt::tolerance(1e-14));
  c.accept();
  t += 4;
  const double dt4 = 4 * 0.9 * std::pow(2.0 / 3.0, -1.0 / 3.0);
  c.propose(t);
  BOOST_TEST(c.step() == dt4, tt::tolerance(1e-14));
  // An error of 10 (scaled difference chosen for it) rejects: dt * max(0.2, 0.9 *
  // 10^(-1/3)).
  const double diff = 10 * 1e-3 * (dt4 + 4) / dt4;
  BOOST_TEST((c.check_error(diff) == Decision::retry));
  const double dt5 = dt4 * std::max(0.2, 0.9 * std::pow(10.0, -1.0 / 3.0));
  BOOST_TEST(c.step() == dt5, tt::tolerance(1e-12));
  // An error of 1e6 hits the lower bound 0.2 of the reduction.
  c.propose(t);
  BOOST_TEST((c.check_error(1e6 * 1e-3 * (dt5 + 4) / dt5) == Decision::retry));
  BOOST_TEST(c.step() == 0.2 * dt5, tt::tolerance(1e-12));
  // A tiny error grows the step by at most 2, and never past the maximum step.
  c.propose(t);
  BOOST_TEST((c.check_error(1e-12) == Decision::accept));
  c.accept();
  BOOST_TEST(c.step() == 2 * 0.2 * dt5, tt::tolerance(1e-12));
  for (int i = 0; i < 10; ++i)
    {
      c.propose(t);
      BOOST_TEST((c.check_error(0) == Decision::accept));
      c.accept();
    }
  BOOST_TEST(c.step() == 10.0);
  std::cout << "step controller: growth 2, rejection factors "
            << 0.9 * std::pow(10.0, -1.0 / 3.0) << " (err 10) and 0.2 (err 1e6), "
            << "maximum step 10 s held" << std::endl;
}

BOOST_AUTO_TEST_CASE(solver_failures_quarter_then_fail)
{
  StepController c(settings());
  c.begin(0, std::nullopt);
  c.propose(0);
  // 1 -> 0.25 -> 0.0625 -> 0.015625 -> 0.00390625 -> 0.0009765625 < 1e-3: fail
  const Decision expected[] = {
      Decision::retry, Decision::retry, Decision::retry, Decision::retry, Decision::fail};
  double dt = 1;
  for (const Decision d : expected)
    {
      BOOST_TEST((c.solver_failed() == d));
      dt *= 0.25;
      BOOST_TEST(c.step() == dt);
    }
}

BOOST_AUTO_TEST_CASE(timed_step_lands_on_its_end)
{
  StepController c(settings());
  c.begin(100, 7.0); // a 7 s protocol step starting at t = 100 s
  double              t = 100;
  std::vector<double> steps;
  while (true)
    {
      c.propose(t);
      steps.push_back(c.step());
      const bool last = c.ends_by_time();
      c.check_error(0);
      c.accept();
      t += steps.back();
      if (last)
        break;
    }
  // 1, 2, then 4 lands exactly on 107 s and ends the protocol step (1 + 2 + 4 = 7)
  BOOST_TEST(steps.size() == 3u);
  BOOST_TEST(steps[2] == 4.0, tt::tolerance(1e-14));
  BOOST_TEST(t == 107.0, tt::tolerance(1e-14));
  // A 2.5 s step: 1, then 1.5 instead of 2.
  c.begin(t, 2.5);
  c.propose(t);
  BOOST_TEST(!c.ends_by_time());
  c.accept();
  c.propose(t + 1);
  BOOST_TEST(c.ends_by_time());
  BOOST_TEST(c.step() == 1.5, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(cutoff_by_secant_steps)
{
  StepController c(settings());
  c.begin(0, std::nullopt);
  c.propose(0);
  // Discharge to 3.0 V: the attempt falls from 3.1 V to 2.9 V, past the cut-off
  // by 0.1 V: retry with the secant fraction (3.0-3.1)/(2.9-3.1) = 0.5.
  BOOST_TEST((c.check_cutoff(3.1, 2.9, 3.0, true) == Decision::retry));
  BOOST_TEST(c.step() == 0.5, tt::tolerance(1e-14));
  BOOST_TEST(!c.event());
  // The fraction is clamped to [0.02, 0.98].
  c.propose(0);
  BOOST_TEST((c.check_cutoff(3.0 + 1e-6, 2.0, 3.0, true) == Decision::retry));
  BOOST_TEST(c.step() == 0.5 * 0.02, tt::tolerance(1e-12));
  // Within the event tolerance: accepted, the cut-off is reached.
  c.propose(0);
  BOOST_TEST((c.check_cutoff(3.1, 3.0 - 5e-5, 3.0, true) == Decision::accept));
  BOOST_TEST(c.event());
  // Not crossed: no event.
  c.propose(0);
  BOOST_TEST((c.check_cutoff(3.1, 3.05, 3.0, false) == Decision::accept));
  BOOST_TEST(!c.event());
}

BOOST_AUTO_TEST_CASE(bdf_coefficients_exact_on_polynomials)
{
  // BDF2 with variable steps differentiates quadratics exactly, BDF1 linears.
  const double          dt = 0.3, dtp = 0.7, t1 = 2.0;
  const auto            u  = [](const double t) { return 1 + 3 * t - 2 * t * t; };
  const auto            du = [](const double t) { return 3 - 4 * t; };
  const BDFCoefficients b2(2, dt, dtp);
  BOOST_TEST(b2.a0 * u(t1) + b2.a1 * u(t1 - dt) + b2.a2 * u(t1 - dt - dtp) == du(t1),
             tt::tolerance(1e-12));
  const BDFCoefficients b1(1, dt, dtp);
  const auto            v = [](const double t) { return 5 - 7 * t; };
  BOOST_TEST(b1.a0 * v(t1) + b1.a1 * v(t1 - dt) == -7.0, tt::tolerance(1e-12));
  BOOST_TEST(extrapolate(v(t1 - dt), v(t1 - dt - dtp), dt, dtp) == v(t1),
             tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_SUITE_END()
