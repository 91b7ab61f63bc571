// Subsection Adaptivity: the entries of both jobs (time-dependent and steady).
#include <mesocell/core/errors.h>
#include <mesocell/numerics/adaptivity.h>

namespace MesoCell
{
  using namespace dealii;

  void
  AdaptivityParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Adaptivity");
    prm.declare_entry("Interval",
                      "0",
                      Patterns::Integer(0),
                      "Electrochemistry: adapt the mesh every this many time steps [-] "
                      "(0: never).");
    prm.declare_entry("Steady cycles",
                      "0",
                      Patterns::Integer(0, 40),
                      "Effective conductivity: number of adaptive cycles [-] (0: the "
                      "mesh of 'Global refinements' only). Each cycle estimates the "
                      "error of every solve from the jumps of the normal current "
                      "sigma grad phi . n across faces, marks 'Refine fraction' and "
                      "'Coarsen fraction' of the cells, refines and solves again "
                      "(GMG and AMG both work on the adapted meshes). Every cycle is "
                      "printed and written to adaptivity.csv; "
                      "effective_conductivity.csv and the VTU files hold the last "
                      "one. A cell is refined at most once per cycle ('Maximum "
                      "level' and 'Interface level' do not apply).");
    prm.declare_entry("Refine fraction",
                      "0.2",
                      Patterns::Double(0, 1),
                      "Fraction of the cells (by number) with the largest error "
                      "indicator refined at each adaptation [-].");
    prm.declare_entry("Coarsen fraction",
                      "0.05",
                      Patterns::Double(0, 1),
                      "Fraction of the cells (by number) with the smallest error "
                      "indicator coarsened at each adaptation [-]; 'Refine fraction' "
                      "+ 'Coarsen fraction' at most 1. Cells of the coarse mesh and "
                      "children of different phases are never merged.");
    prm.declare_entry("Maximum level",
                      "2",
                      Patterns::Integer(0, 10),
                      "Electrochemistry: largest refinement level above the coarse "
                      "mesh [-].");
    prm.declare_entry("Interface level",
                      "0",
                      Patterns::Integer(0, 10),
                      "Electrochemistry: cells at reaction interfaces are kept at "
                      "least this refined [-].");
    prm.leave_subsection();
  }

  void
  AdaptivityParameters::parse_parameters(ParameterHandler  &prm,
                                         const std::string &prm_file)
  {
    prm.enter_subsection("Adaptivity");
    interval         = prm.get_integer("Interval");
    steady_cycles    = prm.get_integer("Steady cycles");
    refine_fraction  = prm.get_double("Refine fraction");
    coarsen_fraction = prm.get_double("Coarsen fraction");
    maximum_level    = prm.get_integer("Maximum level");
    interface_level  = prm.get_integer("Interface level");
    prm.leave_subsection();
    if (refine_fraction + coarsen_fraction > 1.0)
      throw InputError(entry_message(
          prm_file,
          "Adaptivity",
          "Coarsen fraction",
          "'Refine fraction' + 'Coarsen fraction' = " +
              format_number(refine_fraction + coarsen_fraction) + " exceeds 1",
          "fractions whose sum is at most 1"));
    if (steady_cycles > 0 && refine_fraction == 0.0)
      throw InputError(
          entry_message(prm_file,
                        "Adaptivity",
                        "Refine fraction",
                        "is 0 with 'Steady cycles' = " + std::to_string(steady_cycles) +
                            ": no cycle would refine",
                        "a fraction in (0, 1], or 'Steady cycles' = 0"));
  }

  void
  AdaptivityParameters::check_job(const bool steady, const std::string &prm_file) const
  {
    if (steady && interval > 0)
      throw InputError(entry_message(prm_file,
                                     "Adaptivity",
                                     "Interval",
                                     "is " + std::to_string(interval) +
                                         ", but 'Problem = effective conductivity' "
                                         "has no time steps",
                                     "0; a steady job adapts its mesh with 'Steady "
                                     "cycles'"));
    if (!steady && steady_cycles > 0)
      throw InputError(entry_message(prm_file,
                                     "Adaptivity",
                                     "Steady cycles",
                                     "is " + std::to_string(steady_cycles) +
                                         ", but 'Problem = electrochemistry' is not "
                                         "steady",
                                     "0; a time-dependent run adapts its mesh every "
                                     "'Interval' time steps"));
  }
} // namespace MesoCell
