#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <mesocell/core/application.h>
#include <mesocell/core/errors.h>
#include <mesocell/io/output.h>
#include <mesocell/physics/effective_conductivity.h>
#include <mesocell/simulation/cell_simulation.h>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

namespace MesoCell
{
  using namespace dealii;

  void
  declare_parameters(ParameterHandler                &prm,
                     const std::vector<UserMaterial> &user_materials)
  {
    prm.declare_entry("Dimension",
                      "3",
                      Patterns::Integer(2, 3),
                      "Space dimension of the problem and of the mesh [-]: 2 "
                      "(quadrilaterals) or 3 (hexahedra).");
    prm.declare_entry("Problem",
                      "effective conductivity",
                      Patterns::Selection("effective conductivity|electrochemistry"),
                      "What to compute. 'effective conductivity': steady "
                      "conduction through the microstructure, giving the "
                      "effective conductivity along an axis and tortuosity "
                      "factors of chosen phases. 'electrochemistry': the cell "
                      "(subsection Electrochemistry) run through its protocol.");
    MeshParameters::declare_parameters(prm);
    GeneratorParameters::declare_parameters(prm);
    PhaseParameters::declare_parameters(prm);
    EffectiveConductivityParameters::declare_parameters(prm);
    LinearSolverParameters::declare_parameters(prm);
    OutputParameters::declare_parameters(prm);
    MaterialLibrary::declare_parameters(prm, user_materials);
    ElectrochemistryParameters::declare_parameters(prm);
    TimeSteppingParameters::declare_parameters(prm);
    declare_nonlinear_solver_parameters(prm);
    AdaptivityParameters::declare_parameters(prm);
    CheckpointParameters::declare_parameters(prm);
    ContactMechanicsParameters::declare_parameters(prm);
  }

  namespace
  {
    /// ParameterHandler stores names with non-alphanumerics as "_XX" (hex).
    std::string
    demangle(const std::string &s)
    {
      std::string out;
      for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '_' && i + 2 < s.size() + 0 && std::isxdigit(s[i + 1]) &&
            std::isxdigit(s[i + 2]))
          {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
          }
        else
          out += s[i];
      return out;
    }

    void
    write_section(const boost::property_tree::ptree &tree,
                  const std::string                 &path,
                  std::ostream                      &out)
    {
      // Entries first, then subsections, as in a parameter file.
      bool heading = false;
      for (const auto &[key, node] : tree)
        if (node.get_optional<std::string>("value"))
          {
            if (!heading)
              {
                out << "\n## " << (path.empty() ? "Top level" : path) << "\n\n";
                heading = true;
              }
            out << "### `" << demangle(key) << "`\n\n"
                << "- default: `" << node.get<std::string>("default_value") << "`\n"
                << "- allowed: " << node.get<std::string>("pattern_description") << "\n\n"
                << node.get<std::string>("documentation") << "\n\n";
          }
      for (const auto &[key, node] : tree)
        if (!node.get_optional<std::string>("value"))
          write_section(node, (path.empty() ? "" : path + " / ") + demangle(key), out);
    }

    /// Words of @p text wrapped to lines of at most @p width characters.
    std::vector<std::string>
    wrap(const std::string &text, const std::size_t width)
    {
      std::vector<std::string> lines(1);
      std::istringstream       words(text);
      std::string              word;
      while (words >> word)
        {
          if (!lines.back().empty() && lines.back().size() + word.size() + 1 > width)
            lines.emplace_back();
          lines.back() += (lines.back().empty() ? "" : " ") + word;
        }
      return lines;
    }

    void
    write_prm_section(const boost::property_tree::ptree &tree,
                      const std::string                 &indent,
                      std::ostream                      &out)
    {
      for (const auto &[key, node] : tree)
        if (node.get_optional<std::string>("value"))
          {
            for (const auto &line : wrap(node.get<std::string>("documentation"), 76))
              out << indent << "# " << line << "\n";
            for (const auto &line :
                 wrap("Allowed: " + node.get<std::string>("pattern_description"), 76))
              out << indent << "# " << line << "\n";
            out << indent << "set " << demangle(key) << " = "
                << node.get<std::string>("default_value") << "\n\n";
          }
      for (const auto &[key, node] : tree)
        if (!node.get_optional<std::string>("value"))
          {
            out << indent << "subsection " << demangle(key) << "\n";
            write_prm_section(node, indent + "  ", out);
            out << indent << "end\n\n";
          }
    }

    boost::property_tree::ptree
    parameter_tree(const ParameterHandler &prm)
    {
      std::stringstream json;
      prm.print_parameters(json, ParameterHandler::JSON);
      boost::property_tree::ptree tree;
      boost::property_tree::read_json(json, tree);
      return tree;
    }
  } // namespace

  void
  write_parameter_template(const ParameterHandler &prm, std::ostream &out)
  {
    out << "# MesoCell parameters: every entry with its help (units in brackets, "
           "SI),\n# the values allowed and its default.\n\n";
    write_prm_section(parameter_tree(prm), "", out);
  }

  void
  write_parameter_reference(const ParameterHandler &prm, std::ostream &out)
  {
    out << "# MesoCell parameter reference\n\n"
        << "Generated by `mesocell --print-parameters markdown`; do not edit by "
           "hand. Every entry with its default, the values allowed and its "
           "meaning; units in brackets, SI throughout. A parameter file sets "
           "entries with `set Name = value` inside `subsection ... end`.\n";
    write_section(parameter_tree(prm), "", out);
  }

  namespace
  {
    std::string
    trimmed(const std::string &s)
    {
      const auto b = s.find_first_not_of(" \t\r");
      return b == std::string::npos ? ""
                                    : s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
    }

    /**
     * Follow the `include` statements of @p file as ParameterHandler does
     * (the path as written, relative to the working directory; comments cut,
     * continuation lines joined) and throw an InputError naming file and
     * line for an include cycle or a missing included file, before
     * ParameterHandler would recurse without end. @p chain holds the
     * including files, outermost first.
     */
    void
    check_includes(const std::string &file, std::vector<std::string> &chain)
    {
      std::ifstream in(file);
      std::string   raw, joined;
      unsigned int  n = 0, first = 0;
      chain.push_back(file);
      while (std::getline(in, raw))
        {
          ++n;
          std::string line = trimmed(raw);
          first            = joined.empty() ? n : first;
          if (!line.empty() && line.back() == '\\')
            {
              joined += line.substr(0, line.size() - 1);
              continue;
            }
          line = joined + line;
          joined.clear();
          line = trimmed(line.substr(0, line.find('#')));
          if (line.rfind("include", 0) != 0 && line.rfind("INCLUDE", 0) != 0)
            continue;
          const std::string target = trimmed(line.substr(7));
          const std::string where =
              file + ": line " + std::to_string(first) + ": 'include " + target + "'";
          if (!std::filesystem::is_regular_file(target))
            throw InputError(where + ": no such file (include paths are relative to the "
                                     "working directory). Allowed: the path of a "
                                     "readable parameter file");
          std::string cycle;
          bool        closes = false;
          for (const auto &f : chain)
            {
              std::error_code ec;
              closes = closes || std::filesystem::equivalent(f, target, ec);
              if (closes)
                cycle += f + " -> ";
            }
          if (closes)
            throw InputError(where + ": include cycle " + cycle + target +
                             ". Allowed: included files that do not include "
                             "themselves, directly or through others");
          check_includes(target, chain);
        }
      chain.pop_back();
    }

    /// A note on the numbers in @p message that a double cannot hold
    /// (1e999, 1e-400), whose pattern mismatch would puzzle otherwise.
    std::string
    out_of_range_note(const std::string &message)
    {
      static const std::regex number(R"([-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+)");
      std::string             note;
      for (std::sregex_iterator m(message.begin(), message.end(), number), end; m != end;
           ++m)
        {
          errno = 0;
          std::strtod(m->str().c_str(), nullptr);
          if (errno == ERANGE)
            note += "\n" + m->str() +
                    " is outside the range of double precision numbers (magnitudes "
                    "from about 1e-308 to 1e308, or 0)";
        }
      return note;
    }

    /// Throw an InputError for a name given twice in a 'name: value' list
    /// (every entry declared with Patterns::Map): ParameterHandler accepts
    /// it and the last value would win without a word.
    void
    check_repeated_keys(const boost::property_tree::ptree &tree,
                        const std::string                 &path,
                        const std::string                 &prm_file)
    {
      static const std::regex separators(R"(separated by <(.+)> and <(.+)>\]$)");
      for (const auto &[key, node] : tree)
        {
          const auto value = node.get_optional<std::string>("value");
          if (!value)
            {
              check_repeated_keys(
                  node, (path.empty() ? "" : path + " / ") + demangle(key), prm_file);
              continue;
            }
          const std::string pattern = node.get<std::string>("pattern_description");
          if (pattern.rfind("[Map of", 0) != 0)
            continue;
          std::smatch       m;
          const bool        custom   = std::regex_search(pattern, m, separators);
          const std::string list_sep = custom ? m[1].str() : ",";
          const std::string key_sep  = custom ? m[2].str() : ":";
          std::map<std::string, std::string> seen;
          for (const auto &pair : Utilities::split_string_list(*value, list_sep))
            {
              const auto parts = Utilities::split_string_list(pair, key_sep);
              if (parts.size() != 2)
                continue; // the pattern has checked the form
              if (seen.count(parts[0]))
                throw InputError(entry_message(prm_file,
                                               path,
                                               demangle(key),
                                               "'" + parts[0] + "' is given twice (" +
                                                   seen[parts[0]] + " and " + parts[1] +
                                                   ")",
                                               "each name once"));
              seen[parts[0]] = parts[1];
            }
        }
    }
  } // namespace

  void
  run_parameter_file(const std::string &prm_file, const RunMode mode)
  {
    if (!std::filesystem::is_regular_file(prm_file))
      throw InputError(prm_file + ": parameter file not found. Allowed: the path "
                                  "of a readable .prm file");
    {
      std::vector<std::string> chain;
      check_includes(prm_file, chain);
    }
    // Two passes: the user materials first (every other entry skipped), so
    // that their subsections can be declared before the file is parsed.
    ParameterHandler prm;
    try
      {
        declare_parameters(prm, MaterialLibrary::read_user_materials(prm_file));
        prm.parse_input(prm_file, "", false, false);
      }
    catch (const ExceptionBase &e)
      {
        std::ostringstream s;
        e.print_info(s);
        std::string msg = s.str();
        while (!msg.empty() && std::isspace(msg.back()))
          msg.pop_back();
        throw InputError(prm_file + ": " + msg + out_of_range_note(msg) +
                         "\n(run 'mesocell --print-parameters' for every entry "
                         "and its allowed values)");
      }
    check_repeated_keys(parameter_tree(prm), "", prm_file);

    const unsigned int dimension = prm.get_integer("Dimension");
    if (prm.get("Problem") == "electrochemistry")
      {
        CellSimulationInput in;
        in.prm_file = prm_file;
        in.mesh.parse_parameters(prm, prm_file);
        in.geometry.parse_parameters(prm, prm_file);
        in.materials.parse_parameters(prm, prm_file);
        in.cell.parse_parameters(prm, prm_file);
        in.time.parse_parameters(prm, prm_file);
        in.solver = parse_nonlinear_solver_parameters(prm, prm_file);
        in.adaptivity.parse_parameters(prm, prm_file);
        in.adaptivity.check_job(false, prm_file);
        in.output.parse_parameters(prm);
        in.contact.parse_parameters(prm);
        in.checkpoint.parse_parameters(prm);
        if (dimension == 2)
          run_cell_simulation<2>(in, prm, mode);
        else
          run_cell_simulation<3>(in, prm, mode);
        return;
      }

    if (mode == RunMode::resume)
      throw InputError(entry_message(prm_file,
                                     "",
                                     "Problem",
                                     "--resume continues time-dependent runs only",
                                     "'Problem = electrochemistry' (with subsection "
                                     "Checkpoint)"));
    EffectiveConductivityInput input;
    input.prm_file = prm_file;
    input.mesh.parse_parameters(prm, prm_file);
    input.geometry.parse_parameters(prm, prm_file);
    input.phases.parse_parameters(prm, prm_file);
    input.job.parse_parameters(prm);
    input.solver.parse_parameters(prm);
    input.adaptivity.parse_parameters(prm, prm_file);
    input.adaptivity.check_job(true, prm_file);
    input.output.parse_parameters(prm);

    const unsigned int dim = prm.get_integer("Dimension");
    if (dim == 2)
      run_effective_conductivity<2>(input, prm, mode);
    else
      run_effective_conductivity<3>(input, prm, mode);
  }

  namespace
  {
    const char *usage =
        "Usage: mesocell FILE.prm                run the problem described by FILE.prm\n"
        "       mesocell --validate FILE.prm     parse and check FILE.prm and its mesh, "
        "no solve\n"
        "       mesocell --generate FILE.prm     only build the mesh (Geometry / "
        "Generator) "
        "and\n"
        "                                        write it with its geometry report\n"
        "       mesocell --resume FILE.prm       continue the run of FILE.prm from "
        "the last\n"
        "                                        restart set in its output directory "
        "(Checkpoint)\n"
        "       mesocell --print-parameters [markdown]\n"
        "                                        every parameter with default, allowed "
        "values,\n"
        "                                        units and help (as a .prm or as "
        "Markdown)\n"
        "       mesocell --help                  this text\n"
        "Run in parallel with: mpirun -np N mesocell FILE.prm\n"
        "Exit codes: 0 success, 1 usage, 2 bad input, 3 solver failure, 4 internal "
        "error.\n";
  }

  int
  main(int argc, char **argv)
  {
    Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
    const bool root = Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
    prepare_failure_reports();
    // One message for the whole job; the output directory is free again.
    const auto fail = [](const std::string &message, const int code) {
      release_output_lock();
      return report_failure(message, code);
    };
    const std::vector<std::string> args(argv + 1, argv + argc);
    try
      {
        if (args.empty() || args[0] == "--help" || args[0] == "-h")
          {
            if (root)
              std::cout << usage;
            return args.empty() ? 1 : 0;
          }
        if (args[0] == "--print-parameters")
          {
            ParameterHandler prm;
            declare_parameters(prm);
            if (root)
              {
                if (args.size() > 1 && args[1] == "markdown")
                  write_parameter_reference(prm, std::cout);
                else
                  write_parameter_template(prm, std::cout);
              }
            return 0;
          }
        if (args[0] == "--validate" || args[0] == "--generate" || args[0] == "--resume")
          {
            if (args.size() != 2)
              {
                if (root)
                  std::cerr << usage;
                return 1;
              }
            run_parameter_file(args[1],
                               args[0] == "--validate"   ? RunMode::validate
                               : args[0] == "--generate" ? RunMode::generate
                                                         : RunMode::resume);
            return 0;
          }
        if (args.size() != 1 || args[0].rfind("-", 0) == 0)
          {
            if (root)
              std::cerr << "mesocell: unknown arguments\n" << usage;
            return 1;
          }
        run_parameter_file(args[0], RunMode::run);
        return 0;
      }
    catch (const InputError &e)
      {
        return fail(std::string("mesocell: error: ") + e.what(), 2);
      }
    catch (const SolverError &e)
      {
        return fail(std::string("mesocell: solver failure: ") + e.what(), 3);
      }
    catch (const ExceptionBase &e)
      {
        std::ostringstream s;
        e.print_info(s);
        std::string text = s.str();
        while (!text.empty() && std::isspace(text.back()))
          text.pop_back();
        return fail("mesocell: internal error: " + text, 4);
      }
    catch (const std::exception &e)
      {
        return fail(std::string("mesocell: internal error: ") + e.what(), 4);
      }
  }
} // namespace MesoCell
