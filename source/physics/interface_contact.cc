#include <deal.II/base/mpi.h>

#include <deal.II/distributed/tria.h>

#include <mesocell/core/errors.h>
#include <mesocell/physics/interface_contact.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    /// The interface laws: Persson, hot pressing, Li stripping gaps.
    void
    declare_contact_law_entries(ParameterHandler &prm)
    {
      prm.declare_entry(
          "Enabled",
          "false",
          Patterns::Bool(),
          "Evolve the contact of every interface (Persson micro-contact, "
          "hot-press densification, Li stripping gaps) and allow the protocol "
          "steps 'Hot press at ...', 'Apply stack pressure ...' and 'Release "
          "pressure'. When false, 'Contact fraction' of subsection "
          "Electrochemistry applies everywhere.");
      prm.declare_entry("Initial contact fraction",
                        "0.05",
                        Patterns::Double(1e-6, 1),
                        "Contact fraction theta of every interface of the as-assembled "
                        "cell, before any pressing [-].");
      prm.declare_entry("Minimum contact fraction",
                        "1e-3",
                        Patterns::Double(1e-9, 1),
                        "theta_min of Persson's law and of open interfaces [-].");
      prm.declare_entry(
          "Stripping gap",
          "true",
          Patterns::Bool(),
          "At Li interfaces, let stripping open a gap (rate Omega_Li j / F) "
          "against closure by Li power-law creep under the stack pressure; "
          "contact is lost where the gap is open.");
      prm.declare_entry(
          "Closure length",
          "1e-6",
          Patterns::Double(0),
          "Length L_c over which Li creep closes a gap [m]: closure velocity L_c A "
          "exp(-Q/RT) p^m (order of the interface roughness or void size, ~).");
      prm.declare_entry(
          "Critical gap",
          "1e-7",
          Patterns::Double(1e-12),
          "Gap at which a Li interface point has lost its contact [m]; below it "
          "theta falls linearly with the gap, theta (1 - g/g_c) (order of the "
          "surface roughness, ~).");
      prm.declare_entry("Stack pressure",
                        "0",
                        Patterns::Double(0, 1e9),
                        "Stack pressure at the start of the protocol [Pa].");
    }

    /// The bulk mechanics of the cell and the hot-press output.
    void
    declare_bulk_mechanics_entries(ParameterHandler &prm)
    {
      prm.declare_entry(
          "Bulk mechanics",
          "false",
          Patterns::Bool(),
          "Solve the small-strain mechanics of the whole cell after every time "
          "step (every phase elastic with its library data, Li creeping, the "
          "lithiation strain of the active phases, the stack pressure on the "
          "'Pressure boundaries', rollers on the 'Roller boundaries', bonded "
          "phases): the local normal stress then sets the contact pressure of "
          "Persson's law, debonds interfaces where the tension exceeds the "
          "adhesion strength, drives the Li creep closure and enters the "
          "Monroe-Newman term. Not combined with adaptive refinement yet.");
      prm.declare_entry(
          "Contact phases",
          "",
          Patterns::List(Patterns::Anything()),
          "Phases whose displacement is a field of its own (bulk mechanics): "
          "their interfaces with the other phases are contact interfaces, bonded "
          "until the normal tension exceeds the weaker adhesion strength, then "
          "frictionless unilateral contact with a gap; the gap decides the loss "
          "of contact. Empty: all phases bonded, and debonding acts on theta "
          "only (tension beyond the adhesion strength).");
      prm.declare_entry("Pressure boundaries",
                        "",
                        Patterns::List(Patterns::Anything()),
                        "Boundary groups on which the stack pressure acts as a normal "
                        "traction (platens); bulk mechanics only.");
      prm.declare_entry("Roller boundaries",
                        "",
                        Patterns::List(Patterns::Anything()),
                        "Boundary groups, normal to a coordinate axis, whose normal "
                        "displacement is zero (supports, symmetry planes, lateral "
                        "faces); bulk mechanics only.");
      prm.declare_entry("Hot press stages",
                        "10",
                        Patterns::Integer(1, 1000),
                        "Progress lines (and statistics rows) per hot-press step [-].");
    }
  } // namespace

  void
  ContactMechanicsParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Contact mechanics");
    declare_contact_law_entries(prm);
    declare_bulk_mechanics_entries(prm);
    prm.leave_subsection();
    const MechanicsSolverParameters d;
    prm.enter_subsection("Mechanics solver");
    prm.declare_entry("Maximum iterations",
                      std::to_string(d.max_iterations),
                      Patterns::Integer(1, 1000),
                      "Semismooth Newton iterations of one bulk mechanics solve "
                      "(contact active sets, creep) [-].");
    prm.declare_entry("Tolerance",
                      Patterns::Tools::to_string(d.tolerance),
                      Patterns::Double(1e-14, 1e-2),
                      "The bulk mechanics converges when the residual norm is "
                      "below this times the norm of the load (internal forces "
                      "of the eigenstrain and the platen tractions) [-].");
    prm.leave_subsection();
  }

  void
  ContactMechanicsParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Contact mechanics");
    enabled                  = prm.get_bool("Enabled");
    initial_contact_fraction = prm.get_double("Initial contact fraction");
    minimum_contact_fraction = prm.get_double("Minimum contact fraction");
    stripping_gap            = prm.get_bool("Stripping gap");
    closure_length           = prm.get_double("Closure length");
    stack_pressure           = prm.get_double("Stack pressure");
    critical_gap             = prm.get_double("Critical gap");
    hot_press_stages         = prm.get_integer("Hot press stages");
    bulk_mechanics           = prm.get_bool("Bulk mechanics");
    pressure_boundaries = Utilities::split_string_list(prm.get("Pressure boundaries"));
    contact_phases      = Utilities::split_string_list(prm.get("Contact phases"));
    roller_boundaries   = Utilities::split_string_list(prm.get("Roller boundaries"));
    prm.leave_subsection();
    prm.enter_subsection("Mechanics solver");
    solver.max_iterations = prm.get_integer("Maximum iterations");
    solver.tolerance      = prm.get_double("Tolerance");
    prm.leave_subsection();
  }

  template <int dim>
  InterfaceContactModel<dim>::InterfaceContactModel(const ContactMechanicsParameters &prm,
                                                    const Material                   &li,
                                                    const double temperature)
    : prm(prm)
    , temperature(temperature)
    , p_stack(prm.stack_pressure)
  {
    gap_law.molar_volume      = li.molar_volume;
    gap_law.creep_prefactor   = li.creep_law == CreepLaw::none ? 0 : li.creep_prefactor;
    gap_law.creep_exponent    = li.creep_exponent;
    gap_law.activation_energy = li.creep_activation_energy;
    gap_law.closure_length    = prm.closure_length;
  }

  template <int dim>
  typename InterfaceContactModel<dim>::PointState
  InterfaceContactModel<dim>::PointState::read(const double *v)
  {
    PointState s;
    s.state.theta_max = v[0];
    s.state.open      = v[1] != 0;
    s.state.gap       = v[2];
    s.debonded        = v[3] != 0;
    s.lithium         = v[4] != 0;
    s.law             = static_cast<unsigned int>(v[5]);
    return s;
  }

  template <int dim>
  void
  InterfaceContactModel<dim>::PointState::write(double *v) const
  {
    v[0] = state.theta_max;
    v[1] = state.open ? 1 : 0;
    v[2] = state.gap;
    v[3] = debonded ? 1 : 0;
    v[4] = lithium ? 1 : 0;
    v[5] = law;
  }

  template <int dim>
  unsigned int
  InterfaceContactModel<dim>::law_of(const Material &a, const Material &b)
  {
    const std::string pair = a.name + "|" + b.name;
    if (const auto law = law_index.find(pair); law != law_index.end())
      return law->second;
    // The polymer side relaxes; between two non-polymers the softer one
    // plays its part without relaxation.
    const bool b_soft =
        b.type == PhaseType::polymer ||
        (a.type != PhaseType::polymer && b.youngs_modulus <= a.youngs_modulus);
    const Material &soft = b_soft ? b : a, &hard = b_soft ? a : b;
    if (!(soft.youngs_modulus > 0 && hard.youngs_modulus > 0))
      throw InputError("Contact mechanics: materials '" + a.name + "' and '" + b.name +
                       "' need a Young's modulus > 0 (subsection Materials)");
    HotPressLaw h;
    h.polymer.unrelaxed_modulus = soft.youngs_modulus;
    const bool relaxes = soft.type == PhaseType::polymer && soft.relaxed_modulus > 0 &&
                         soft.relaxed_modulus <= soft.youngs_modulus &&
                         soft.reference_relaxation_time > 0;
    h.polymer.relaxed_modulus = relaxes ? soft.relaxed_modulus : soft.youngs_modulus;
    h.polymer.reference_relaxation_time = relaxes ? soft.reference_relaxation_time : 1.0;
    h.polymer.reference_temperature =
        relaxes ? soft.relaxation_reference_temperature : 298.15;
    h.polymer.activation_energy = relaxes ? soft.relaxation_activation_energy : 0.0;
    h.polymer_poisson_ratio     = soft.poisson_ratio;
    h.counterface_modulus       = hard.youngs_modulus;
    h.counterface_poisson_ratio = hard.poisson_ratio;
    h.rms_slope =
        std::sqrt(a.surface_slope * a.surface_slope + b.surface_slope * b.surface_slope);
    h.minimum_contact_fraction = prm.minimum_contact_fraction;
    laws.push_back(h);
    adhesion.push_back(std::min(a.adhesion_strength, b.adhesion_strength));
    law_index.emplace(pair, laws.size() - 1);
    return laws.size() - 1;
  }

  template <int dim>
  double
  InterfaceContactModel<dim>::theta(const InterfacePointId &id, const PointState &s) const
  {
    if (s.state.open)
      return prm.minimum_contact_fraction;
    const double p = pressure_at(id);
    const double now =
        p > 0 ? laws[s.law].contact_fraction(p, time_under_load, temperature) : 0;
    const double closed =
        std::max(s.state.theta_max, now) * (1 - s.state.gap / prm.critical_gap);
    return std::clamp(closed, prm.minimum_contact_fraction, 1.0);
  }

  template <int dim>
  InterfaceContact
  InterfaceContactModel<dim>::operator()(const InterfacePointId &id,
                                         const Point<dim>       &x,
                                         const Material         &a,
                                         const Material         &b)
  {
    bool       created = false;
    double    *v       = points.get(id, x, created);
    PointState s;
    if (created)
      {
        // new, or met again after a mesh change or a load
        if (points.restore(id, x, v))
          s = PointState::read(v);
        else
          s.state.theta_max = prm.initial_contact_fraction;
        s.law     = law_of(a, b);
        s.lithium = a.type == PhaseType::lithium;
        s.write(v);
      }
    else
      s = PointState::read(v);
    InterfaceContact r;
    r.theta = theta(id, s);
    if (s.lithium)
      r.normal_stress = normal_stress ? normal_stress(id) : -p_stack;
    return r;
  }

  template <int dim>
  void
  InterfaceContactModel<dim>::set_pressure(const double p)
  {
    const CountChange count{changes};
    // What the previous pressure achieved stays (irreversible densification).
    points.for_each([&](const InterfacePointId &id, const Point<dim> &, double *v) {
      PointState s = PointState::read(v);
      if (!s.state.open)
        {
          s.state.theta_max = theta(id, s);
          s.write(v);
        }
    });
    p_stack         = p;
    time_under_load = 0;
  }

  template <int dim>
  void
  InterfaceContactModel<dim>::hot_press(const double T,
                                        const double p,
                                        const double t_load)
  {
    const CountChange count{changes};
    points.for_each([&](const InterfacePointId &, const Point<dim> &, double *v) {
      PointState s = PointState::read(v);
      if (!s.state.open)
        {
          s.state.theta_max =
              std::max(s.state.theta_max, laws[s.law].contact_fraction(p, t_load, T));
          s.write(v);
        }
    });
  }

  template <int dim>
  void
  InterfaceContactModel<dim>::update_after_step(const Electrochemistry<dim> &cell,
                                                const double                 dt)
  {
    const CountChange count{changes};
    if (prm.stripping_gap)
      cell.for_each_interface_sample([&](const InterfaceSample &x) {
        if (x.active || x.transfer)
          return;
        double *v = points.find(x.id);
        if (!v)
          return;
        PointState s = PointState::read(v);
        if (!s.lithium)
          return;
        const double gap =
            gap_law.update_gap(s.state.gap, x.j, pressure_at(x.id), temperature, dt);
        if (gap >= prm.critical_gap && !s.state.open)
          {
            s.state.open      = true;
            s.state.theta_max = prm.minimum_contact_fraction; // densification lost
          }
        else if (gap < prm.critical_gap && s.state.open)
          s.state.open = false; // closing again by creep: fresh, sparse contact
        s.state.gap = gap;
        s.write(v);
      });
    if (p_stack > 0)
      time_under_load += dt;
  }

  template <int dim>
  double
  InterfaceContactModel<dim>::pressure_at(const InterfacePointId &id) const
  {
    if (!normal_stress)
      return p_stack;
    return std::max(0.0, -normal_stress(id));
  }

  template <int dim>
  void
  InterfaceContactModel<dim>::update_debonding()
  {
    const CountChange count{changes};
    if (!normal_stress)
      return;
    points.for_each([&](const InterfacePointId &id, const Point<dim> &, double *v) {
      PointState   s  = PointState::read(v);
      const double sn = normal_stress(id);
      if (mechanical_gap)
        {
          // the mechanics resolves the debonding and the gap itself
          const bool open = mechanical_gap(id) > 1e-3 * prm.critical_gap;
          if (open && !s.state.open)
            {
              s.state.open      = true;
              s.debonded        = true;
              s.state.theta_max = prm.minimum_contact_fraction;
            }
          else if (!open && s.debonded)
            {
              s.state.open = false;
              s.debonded   = false;
            }
        }
      else if (!s.state.open && adhesion[s.law] > 0 && sn > adhesion[s.law])
        {
          s.state.open      = true;
          s.debonded        = true;
          s.state.theta_max = prm.minimum_contact_fraction;
        }
      else if (s.debonded && sn < 0)
        {
          s.state.open = false; // pressed together again: fresh contact
          s.debonded   = false;
        }
      s.write(v);
    });
  }

  template <int dim>
  InterfaceContactSummary
  InterfaceContactModel<dim>::summary(const Electrochemistry<dim> &cell) const
  {
    // Li electrodes: the foil of each terminal (-1, +1) and meshed Li (0).
    double active_area = 0, active_open = 0;
    double area = 0, theta_area = 0, li_area[3] = {0, 0, 0}, open_area[3] = {0, 0, 0},
           gap       = 0;
    double theta_min = std::numeric_limits<double>::max();
    cell.for_each_interface_sample([&](const InterfaceSample &x) {
      area += x.JxW;
      theta_area += x.theta * x.JxW;
      theta_min       = std::min(theta_min, x.theta);
      const double *v = points.find(x.id);
      const auto    s = v ? PointState::read(v) : PointState();
      if (x.active && v)
        {
          active_area += x.JxW;
          if (s.state.open)
            active_open += x.JxW;
        }
      if (!x.active && !x.transfer && v && s.lithium)
        {
          li_area[x.terminal + 1] += x.JxW;
          if (s.state.open)
            open_area[x.terminal + 1] += x.JxW;
          gap = std::max(gap, s.state.gap);
        }
    });
    const MPI_Comm          comm = MPI_COMM_WORLD;
    InterfaceContactSummary r;
    area            = Utilities::MPI::sum(area, comm);
    r.mean_theta    = area > 0 ? Utilities::MPI::sum(theta_area, comm) / area : 0;
    r.min_theta     = Utilities::MPI::min(theta_min, comm);
    r.lithium_area  = 0;
    r.open_fraction = 0;
    for (unsigned int g = 0; g < 3; ++g)
      {
        const double total = Utilities::MPI::sum(li_area[g], comm);
        const double open  = Utilities::MPI::sum(open_area[g], comm);
        r.lithium_area += total;
        if (total > 0)
          r.open_fraction = std::max(r.open_fraction, open / total);
      }
    r.max_gap   = Utilities::MPI::max(gap, comm);
    active_area = Utilities::MPI::sum(active_area, comm);
    r.open_active_fraction =
        active_area > 0 ? Utilities::MPI::sum(active_open, comm) / active_area : 0;
    if (area == 0)
      r.min_theta = 0;
    return r;
  }

  template <int dim>
  void
  InterfaceContactModel<dim>::meet_all(const Electrochemistry<dim> &cell)
  {
    ++changes; // the electrochemistry's diagnostics must meet every point
    cell.for_each_interface_sample([](const InterfaceSample &) {});
  }

  template <int dim>
  void
  InterfaceContactModel<dim>::save(Checkpoint                  &checkpoint,
                                   const Electrochemistry<dim> &cell) const
  {
    points.prepare_for_serialization(cell.triangulation());
    checkpoint.set("interface contact", {p_stack, time_under_load, temperature});
  }

  template <int dim>
  void
  InterfaceContactModel<dim>::load(const Checkpoint            &checkpoint,
                                   const Electrochemistry<dim> &cell)
  {
    const CountChange          count{changes};
    const std::vector<double> &c = checkpoint.get("interface contact");
    p_stack                      = c.at(0);
    time_under_load              = c.at(1);
    temperature                  = c.at(2);
    points.deserialize(cell.triangulation());
    meet_all(cell);
  }

  template <int dim>
  void
  InterfaceContactModel<dim>::prepare_for_refinement(
      parallel::distributed::Triangulation<dim> &tria)
  {
    points.prepare_for_coarsening_and_refinement(tria);
  }

  template <int dim>
  void
  InterfaceContactModel<dim>::finish_refinement(
      parallel::distributed::Triangulation<dim> &tria, const Electrochemistry<dim> &cell)
  {
    const CountChange count{changes};
    points.unpack_after_coarsening_and_refinement(tria);
    meet_all(cell);
  }

  template class InterfaceContactModel<2>;
  template class InterfaceContactModel<3>;
} // namespace MesoCell
