#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>
#include <mesocell/materials/phases.h>

namespace MesoCell
{
  using namespace dealii;

  void
  PhaseParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Phases");
    prm.declare_entry(
        "Conductivity",
        "",
        Patterns::Map(Patterns::Anything(),
                      Patterns::Double(0.0),
                      0,
                      Patterns::Map::max_int_value,
                      ",",
                      ":"),
        "Conductivity of every phase [S/m], as 'name: value' pairs separated by "
        "commas, e.g. 'pillar: 0.18, matrix: 1e-2'. Each name is a Gmsh "
        "physical-group name of the mesh; every phase of the mesh must be "
        "listed. Electronic conductivity for active material, conductor and "
        "lithium phases, ionic conductivity for electrolyte phases.");
    prm.leave_subsection();
  }

  void
  PhaseParameters::parse_parameters(ParameterHandler &prm, const std::string &prm_file)
  {
    prm.enter_subsection("Phases");
    const std::string text = prm.get("Conductivity");
    prm.leave_subsection();
    conductivity.clear();
    for (const std::string &pair : Utilities::split_string_list(text, ','))
      {
        const auto   parts = Utilities::split_string_list(pair, ':');
        const double value = Utilities::string_to_double(parts[1]);
        if (!(value > 0.0))
          throw InputError(
              entry_message(prm_file,
                            "Phases",
                            "Conductivity",
                            "phase '" + parts[0] + "' has conductivity " + parts[1],
                            "a value > 0 in S/m"));
        conductivity[parts[0]] = value;
      }
    if (conductivity.empty())
      throw InputError(entry_message(prm_file,
                                     "Phases",
                                     "Conductivity",
                                     "no phase given",
                                     "'name: value' pairs, one per mesh phase"));
  }
} // namespace MesoCell
