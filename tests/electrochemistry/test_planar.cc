// Planar cells with exact answers: Ohmic drop of a symmetric Li|electrolyte|Li
// cell, Li conservation and interface-current balance of a planar half cell.
#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/interfaces/butler_volmer.h>
#include <mesocell/physics/electrochemistry.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iostream>

using namespace dealii;
using namespace MesoCell;

namespace
{
  /// Symmetric Li|electrolyte|Li cell on [0, L] x [0, H]^(dim-1): Li foils on
  /// x = 0 (negative terminal) and x = L (positive terminal). With t+ = 1 (or
  /// a ceramic) no salt gradient forms and the voltage is exactly
  ///   V = -(2 eta + J L / kappa),  eta = (2 RT/F) asinh(J / (2 i0)).
  template <int dim>
  void
  ohmic_drop(const std::string &electrolyte, const double J)
  {
    const double L = 20e-6, H = 5e-6;
    parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
    Point<dim>                                p0, p1;
    p1[0] = L;
    for (unsigned int d = 1; d < dim; ++d)
      p1[d] = H;
    std::vector<unsigned int> subdivisions(dim, 2);
    subdivisions[0] = 8;
    GridGenerator::subdivided_hyper_rectangle(tria, subdivisions, p0, p1, true);
    for (const auto &c : tria.active_cell_iterators())
      c->set_material_id(0);
    tria.refine_global(1);

    ElectrochemistryModel model;
    Material              m = library_material(electrolyte);
    m.transference_number   = 1.0;
    m.conductivity_concentration_law = "constant";
    model.phase_material[0]          = m;
    model.phase_name[0]              = electrolyte;
    model.negative_terminal          = {0};
    model.positive_terminal          = {1};
    model.foil                       = library_material("Li");
    model.temperature                = 333.15;
    NonlinearSolverParameters p;
    Electrochemistry<dim>     cell(tria, model, p);
    cell.setup();
    cell.initialize();
    const double area = std::pow(H, dim - 1);
    const double I    = J * area;
    double       t = 0, dt = 10;
    for (unsigned int step = 0; step < 3; ++step)
      {
        const StepResult r = cell.solve_step(t + dt, dt, dt, step == 0 ? 1 : 2, Control::current, I);
        BOOST_REQUIRE_MESSAGE(r.converged, r.failure);
        cell.accept_step();
        t += dt;
      }
    const double T     = model.temperature;
    const double kappa = m.conductivity(m.reference_concentration, T).value;
    const double i0    = model.foil.exchange_current_polymer *
                      model.foil.temperature_factor(T);
    const double i0c   = model.foil.exchange_current_ceramic * model.foil.temperature_factor(T);
    const double i0_used = m.type == PhaseType::polymer ? i0 : i0c;
    const double eta =
      2 * gas_constant * T / faraday_constant * std::asinh(J / (2 * i0_used));
    const double expected = -(2 * eta + J * L / kappa);
    const double V        = cell.voltage();
    BOOST_TEST_MESSAGE("ohmic " << dim << "d " << electrolyte << ": V = " << V
                                << " V, exact " << expected << " V, relative error "
                                << std::abs(V - expected) / std::abs(expected));
    BOOST_TEST(std::abs(V - expected) <= 1e-9 * std::abs(expected));
    const CellState s = cell.state();
    BOOST_TEST(std::abs(s.reaction_current_lithium - I) <= 1e-9 * I);
  }
} // namespace

BOOST_AUTO_TEST_SUITE(planar)

BOOST_AUTO_TEST_CASE(ohmic_drop_polymer_2d)
{
  ohmic_drop<2>("PEO-LiTFSI", 5.0);
}
BOOST_AUTO_TEST_CASE(ohmic_drop_ceramic_3d)
{
  ohmic_drop<3>("LLZO", 10.0);
}

BOOST_AUTO_TEST_SUITE_END()
