// The parameter-file view of one material: the entries of its subsection
// (help with unit and source), reading them and checking their ranges.
#include "material_parameters.h"

#include <deal.II/base/patterns.h>

#include <mesocell/core/errors.h>
#include <mesocell/materials/laws.h>
#include <mesocell/materials/open_circuit_potential.h>
#include <mesocell/materials/temperature_law.h>

#include "detail.h"

#include <limits>
#include <vector>

namespace MesoCell
{
  namespace MaterialDetail
  {
    using namespace dealii;

    namespace
    {
      constexpr double max_double = std::numeric_limits<double>::max();

      /// A double entry of the parameter file and the member it sets.
      struct DoubleEntry
      {
        const char *name;
        double Material::*member;
        const char       *what; // "<what> of <material> [unit]; <source>."
        const char       *unit;
        double            lower;
        double            upper;
      };

      const DoubleEntry e_density{
          "Density", &Material::density, "mass density", "kg/m^3", 0, max_double};
      const DoubleEntry e_sigma{"Electronic conductivity",
                                &Material::electronic_conductivity,
                                "electronic conductivity sigma_s",
                                "S/m",
                                0,
                                max_double};
      const DoubleEntry e_cmax{"Maximum concentration",
                               &Material::maximum_concentration,
                               "maximum lithium concentration c_s,max",
                               "mol/m^3",
                               0,
                               max_double};
      const DoubleEntry e_x_charged{"Lithiation when charged",
                                    &Material::x_charged,
                                    "lithiation x = c_s/c_s,max in the charged state",
                                    "-",
                                    0,
                                    1};
      const DoubleEntry e_x_discharged{
          "Lithiation when discharged",
          &Material::x_discharged,
          "lithiation x = c_s/c_s,max in the discharged state",
          "-",
          0,
          1};
      const DoubleEntry e_ocp_constant{
          "OCP constant",
          &Material::ocp_constant,
          "potential U0 of the 'constant' and 'linear' open-circuit potentials",
          "V",
          -max_double,
          max_double};
      const DoubleEntry e_ocp_slope{"OCP slope",
                                    &Material::ocp_slope,
                                    "slope dU/dx of the 'linear' open-circuit potential "
                                    "U = U0 + slope (x - 1/2)",
                                    "V",
                                    -max_double,
                                    max_double};
      const DoubleEntry e_entropic{"Entropic coefficient",
                                   &Material::entropic_coefficient,
                                   "entropic coefficient dU/dT, U(x, T) = U(x) + dU/dT "
                                   "(T - T_ref)",
                                   "V/K",
                                   -max_double,
                                   max_double};
      const DoubleEntry e_ds{"Solid diffusivity",
                             &Material::solid_diffusivity,
                             "lithium diffusivity D_s in the solid at the reference "
                             "temperature",
                             "m^2/s",
                             0,
                             max_double};
      const DoubleEntry e_i0_polymer{"Exchange current density against polymer",
                                     &Material::exchange_current_polymer,
                                     "exchange current density i0 against a polymer "
                                     "electrolyte at c_ref, x = 1/2 and the reference "
                                     "temperature",
                                     "A/m^2",
                                     0,
                                     max_double};
      const DoubleEntry e_i0_ceramic{
          "Exchange current density against ceramic",
          &Material::exchange_current_ceramic,
          "exchange current density i0 against a ceramic "
          "electrolyte at x = 1/2 and the reference temperature",
          "A/m^2",
          0,
          max_double};
      const DoubleEntry e_alpha_a{"Anodic transfer coefficient",
                                  &Material::alpha_a,
                                  "anodic Butler-Volmer transfer coefficient alpha_a",
                                  "-",
                                  0,
                                  1};
      const DoubleEntry e_alpha_c{"Cathodic transfer coefficient",
                                  &Material::alpha_c,
                                  "cathodic Butler-Volmer transfer coefficient alpha_c",
                                  "-",
                                  0,
                                  1};
      const DoubleEntry e_film{"Film resistance",
                               &Material::film_resistance,
                               "area-specific resistance R_film of a coating, CEI or SEI "
                               "film on the surface (0: no film)",
                               "Ohm m^2",
                               0,
                               max_double};
      const DoubleEntry e_cdl{"Double-layer capacitance",
                              &Material::double_layer_capacitance,
                              "double-layer capacitance C_dl of the surface",
                              "F/m^2",
                              0,
                              max_double};
      const DoubleEntry e_molar_volume{"Molar volume",
                                       &Material::molar_volume,
                                       "molar volume Omega_M of the metal, used by the "
                                       "Monroe-Newman stress term Omega_M sigma_n/F and "
                                       "the stripping gap rate Omega_M j/F",
                                       "m^3/mol",
                                       0,
                                       max_double};
      const DoubleEntry e_kappa{"Ionic conductivity",
                                &Material::ionic_conductivity,
                                "ionic conductivity kappa at the reference temperature "
                                "(and concentration)",
                                "S/m",
                                0,
                                max_double};
      const DoubleEntry e_cref{
          "Reference concentration",
          &Material::reference_concentration,
          "salt concentration c_ref of the conductivity law, also the "
          "initial salt concentration",
          "mol/m^3",
          0,
          max_double};
      const DoubleEntry e_de{"Salt diffusivity",
                             &Material::salt_diffusivity,
                             "salt diffusivity D_e at the reference temperature",
                             "m^2/s",
                             0,
                             max_double};
      const DoubleEntry e_tplus{"Transference number",
                                &Material::transference_number,
                                "Li+ transference number t+",
                                "-",
                                -max_double,
                                max_double};
      const DoubleEntry e_thermo{"Thermodynamic factor",
                                 &Material::thermodynamic_factor,
                                 "thermodynamic factor 1 + dln f/dln c",
                                 "-",
                                 0,
                                 max_double};
      const DoubleEntry e_rpc{
          "Transfer resistance to polymer",
          &Material::transfer_resistance,
          "area-specific Li+ transfer resistance R_pc of an interface "
          "to a polymer electrolyte",
          "Ohm m^2",
          0,
          max_double};
      const DoubleEntry e_ea{"Activation energy",
                             &Material::activation_energy,
                             "activation energy Ea of the Arrhenius law",
                             "J/mol",
                             0,
                             max_double};
      const DoubleEntry e_vtf_b{"VTF pseudo-energy",
                                &Material::vtf_pseudo_energy,
                                "pseudo-activation energy B of the VTF law",
                                "K",
                                0,
                                max_double};
      const DoubleEntry e_vtf_t0{"VTF temperature",
                                 &Material::vtf_temperature,
                                 "Vogel temperature T0 of the VTF law",
                                 "K",
                                 0,
                                 max_double};
      const DoubleEntry e_tref{"Reference temperature",
                               &Material::reference_temperature,
                               "reference temperature T_ref of the temperature law, "
                               "where the transport and kinetic values apply",
                               "K",
                               0,
                               max_double};

      // Mechanics (doc/model.md sections 2 and 4).
      const DoubleEntry e_youngs{"Young's modulus",
                                 &Material::youngs_modulus,
                                 "Young's modulus E (polymers: the unrelaxed modulus)",
                                 "Pa",
                                 0,
                                 max_double};
      const DoubleEntry e_poisson{"Poisson's ratio",
                                  &Material::poisson_ratio,
                                  "Poisson's ratio nu, 0 <= nu < 0.5",
                                  "-",
                                  0,
                                  0.5};
      const DoubleEntry e_thermal_expansion{"Thermal expansion coefficient",
                                            &Material::thermal_expansion,
                                            "linear thermal expansion coefficient alpha, "
                                            "eps_th = alpha (T - T_ref) I with T_ref the "
                                            "stress-free temperature of the mechanics",
                                            "1/K",
                                            -1e-3,
                                            1e-3};
      const DoubleEntry e_adhesion{"Adhesion strength",
                                   &Material::adhesion_strength,
                                   "tensile (adhesion) strength of a bonded interface to "
                                   "this material, above which a cohesive contact "
                                   "interface debonds (for a pair the smaller value "
                                   "governs)",
                                   "Pa",
                                   0,
                                   max_double};
      const DoubleEntry e_surface_slope{"Surface slope",
                                        &Material::surface_slope,
                                        "rms surface slope h'_rms of the Persson "
                                        "micro-contact law theta = erf(sqrt(2) p_n/(E* "
                                        "h'_rms)); two rough surfaces combine as "
                                        "sqrt(h1'^2 + h2'^2)",
                                        "-",
                                        0,
                                        10};
      const DoubleEntry e_partial_molar_volume{
          "Partial molar volume",
          &Material::partial_molar_volume,
          "partial molar volume Omega_s of lithium in the host for the 'Vegard' "
          "lithiation strain eps_ch = Omega_s/3 (c_s - c_ref) I, c_ref = x_ref c_s,max",
          "m^3/mol",
          -1e-3,
          1e-3};
      const DoubleEntry e_reference_lithiation{
          "Reference lithiation",
          &Material::reference_lithiation,
          "stress-free lithiation x_ref of the lithiation strain; a negative value means "
          "the lithiation when charged (the default initial lithiation of a simulation)",
          "-",
          -1,
          1};
      const DoubleEntry e_creep_prefactor{"Creep prefactor",
                                          &Material::creep_prefactor,
                                          "prefactor A of the power-law creep rate "
                                          "eps_dot = A exp(-Q/RT) sigma_vm^m with the "
                                          "stress in Pa",
                                          "Pa^-m s^-1",
                                          0,
                                          max_double};
      const DoubleEntry e_creep_exponent{"Creep exponent",
                                         &Material::creep_exponent,
                                         "stress exponent m of the power-law creep",
                                         "-",
                                         1,
                                         20};
      const DoubleEntry e_creep_energy{"Creep activation energy",
                                       &Material::creep_activation_energy,
                                       "activation energy Q of the power-law creep",
                                       "J/mol",
                                       0,
                                       max_double};
      const DoubleEntry e_relaxed_modulus{
          "Relaxed modulus",
          &Material::relaxed_modulus,
          "relaxed (long-time) modulus 0 < E_inf <= E of the stress relaxation "
          "E(t) = E_inf + (E - E_inf) exp(-t/tau(T))",
          "Pa",
          0,
          max_double};
      const DoubleEntry e_relaxation_time{"Relaxation time",
                                          &Material::reference_relaxation_time,
                                          "relaxation time tau_ref at the relaxation "
                                          "reference temperature",
                                          "s",
                                          0,
                                          max_double};
      const DoubleEntry e_relaxation_temperature{
          "Relaxation reference temperature",
          &Material::relaxation_reference_temperature,
          "temperature T_relax of the relaxation time, tau(T) = tau_ref exp(Q/R (1/T - "
          "1/T_relax))",
          "K",
          0,
          max_double};
      const DoubleEntry e_relaxation_energy{"Relaxation activation energy",
                                            &Material::relaxation_activation_energy,
                                            "activation energy Q of the relaxation time",
                                            "J/mol",
                                            0,
                                            max_double};

      /// The double entries of a material of type @p type, in declaration order.
      std::vector<const DoubleEntry *>
      double_entries(const PhaseType type)
      {
        const std::vector<const DoubleEntry *> kinetics = {
            &e_i0_polymer, &e_i0_ceramic, &e_alpha_a, &e_alpha_c, &e_film, &e_cdl};
        const std::vector<const DoubleEntry *> thermal = {
            &e_ea, &e_vtf_b, &e_vtf_t0, &e_tref};
        std::vector<const DoubleEntry *> list;
        switch (type)
          {
          case PhaseType::active:
            list = {&e_density,
                    &e_sigma,
                    &e_cmax,
                    &e_x_charged,
                    &e_x_discharged,
                    &e_ocp_constant,
                    &e_ocp_slope,
                    &e_entropic,
                    &e_ds};
            list.insert(list.end(), kinetics.begin(), kinetics.end());
            break;
          case PhaseType::lithium:
            list = {&e_density, &e_sigma, &e_molar_volume};
            list.insert(list.end(), kinetics.begin(), kinetics.end());
            break;
          case PhaseType::polymer:
            list = {&e_density, &e_kappa, &e_cref, &e_de, &e_tplus, &e_thermo};
            break;
          case PhaseType::ceramic:
            list = {&e_density, &e_kappa, &e_rpc};
            break;
          case PhaseType::conductor:
            list = {&e_density, &e_sigma};
            break;
          }
        if (type != PhaseType::conductor)
          list.insert(list.end(), thermal.begin(), thermal.end());
        list.insert(
            list.end(),
            {&e_youngs, &e_poisson, &e_thermal_expansion, &e_adhesion, &e_surface_slope});
        if (type == PhaseType::active)
          list.insert(list.end(), {&e_partial_molar_volume, &e_reference_lithiation});
        if (type == PhaseType::lithium || type == PhaseType::polymer)
          list.insert(list.end(),
                      {&e_creep_prefactor, &e_creep_exponent, &e_creep_energy});
        if (type == PhaseType::polymer)
          list.insert(list.end(),
                      {&e_relaxed_modulus,
                       &e_relaxation_time,
                       &e_relaxation_temperature,
                       &e_relaxation_energy});
        return list;
      }

      std::string
      source_of(const LibraryEntry &e, const std::string &entry)
      {
        const auto it = e.source.find(entry);
        if (it != e.source.end())
          return it->second;
        if (entry == "Anodic transfer coefficient" ||
            entry == "Cathodic transfer coefficient")
          return "symmetric Butler-Volmer kinetics";
        if (entry == "Exchange current density against polymer" ||
            entry == "Exchange current density against ceramic")
          return typical;
        if (entry == "Double-layer capacitance")
          return "0.1 uF/cm^2 as for LLZO|PEO, Langer et al. 2017 (~)";
        if (entry == "Film resistance")
          return "no film by default";
        if (entry == "OCP constant" || entry == "OCP slope")
          return "used only by the 'constant' and 'linear' curves";
        if (entry == "Entropic coefficient")
          return "neglected by default";
        if (entry == "Activation energy" && e.material.temperature_law != "Arrhenius")
          return "used only by the Arrhenius law";
        if (entry == "Activation energy" || entry == "Temperature law")
          return "Arrhenius with a " + typical;
        if (entry == "VTF pseudo-energy" || entry == "VTF temperature")
          return "used only by the VTF law";
        if (entry == "Reference temperature")
          return "25 C";
        if (entry == "Surface slope")
          return "typical of pressed or polished surfaces (~)";
        if (entry == "Reference lithiation")
          return "-1 by default, so that a simulation from its default initial "
                 "lithiation starts stress-free";
        if (entry == "Partial molar volume" || entry == "Lithiation strain law")
          return "no lithiation strain data";
        if (entry == "Lithiation strain table")
          return "used only by the tabulated law";
        if (entry == "Creep law")
          return "no creep by default; stress relaxation is a separate law (~)";
        if (entry == "Creep prefactor" || entry == "Creep exponent" ||
            entry == "Creep activation energy")
          return "used only by the power law";
        return typical;
      }

      std::string
      help_text(const std::string &label, const LibraryEntry &e, const DoubleEntry &d)
      {
        return label + ": " + d.what + " [" + d.unit + "]; " + source_of(e, d.name) + ".";
      }

      std::string
      transport_quantities(const PhaseType type)
      {
        switch (type)
          {
          case PhaseType::active:
            return "D_s and i0";
          case PhaseType::polymer:
            return "kappa and D_e";
          case PhaseType::ceramic:
            return "kappa";
          case PhaseType::lithium:
            return "i0";
          case PhaseType::conductor:
            return "nothing";
          }
        return "";
      }

      /// The entries that are not numbers, declared after the number @p d.
      void
      declare_after(ParameterHandler   &prm,
                    const DoubleEntry  &d,
                    const LibraryEntry &e,
                    const std::string  &label)
      {
        const Material &m = e.material;
        if (std::string(d.name) == "Lithiation when discharged")
          prm.declare_entry(
              "Open-circuit potential",
              m.open_circuit_potential,
              Patterns::Selection(Registry<OpenCircuitPotential>::instance().selection()),
              label + ": open-circuit potential curve U(x) against Li/Li+ [V]; " +
                  source_of(e, "Open-circuit potential") + ". Curves: " +
                  Registry<OpenCircuitPotential>::instance().documentation());
        if (std::string(d.name) == "Ionic conductivity" && m.type == PhaseType::polymer)
          prm.declare_entry(
              "Conductivity concentration law",
              m.conductivity_concentration_law,
              Patterns::Selection("constant|linear|peaked"),
              label +
                  ": shape g(r), r = c/c_ref, of kappa(c) = kappa g(r) [-]: 1 "
                  "(constant), r (linear) or r exp(1 - r) (peaked); " +
                  source_of(e, "Conductivity concentration law") + ".");
      }

      /// The entries of the laws, declared after the numbers.
      void
      declare_laws(ParameterHandler &prm, const LibraryEntry &e, const std::string &label)
      {
        const Material &m = e.material;
        if (m.type != PhaseType::conductor)
          prm.declare_entry(
              "Temperature law",
              m.temperature_law,
              Patterns::Selection(Registry<TemperatureLaw>::instance().selection()),
              label + ": temperature law of " + transport_quantities(m.type) + " [-]; " +
                  source_of(e, "Temperature law") +
                  ". Laws: " + Registry<TemperatureLaw>::instance().documentation());
        if (m.type == PhaseType::active)
          {
            prm.declare_entry(
                "Lithiation strain law",
                Laws::name(m.lithiation_strain_law),
                Patterns::Selection(Laws::lithiation_strain_law_names()),
                label +
                    ": lithiation strain law [-]: none, Vegard (eps_ch = Omega_s/3 "
                    "(c_s - c_ref) I) or tabulated (eps_ch = (f(x) - f(x_ref))/3 I, f = "
                    "dV/V interpolated in the lithiation strain table); " +
                    source_of(e, "Lithiation strain law") + ".");
            prm.declare_entry(
                "Lithiation strain table",
                Laws::table_string(m.lithiation_strain_table),
                Patterns::Map(Patterns::Double(0, 1), Patterns::Double(-1, 1)),
                label +
                    ": volumetric strain dV/V [-] vs lithiation x [-] of the tabulated "
                    "lithiation strain law, as 'x: dV/V' pairs separated by commas, x "
                    "strictly increasing, at least two points; monotone cubic (PCHIP) "
                    "interpolation, linear beyond the ends; " +
                    source_of(e, "Lithiation strain table") + ".");
          }
        if (m.type == PhaseType::lithium || m.type == PhaseType::polymer)
          prm.declare_entry("Creep law",
                            Laws::name(m.creep_law),
                            Patterns::Selection(Laws::creep_law_names()),
                            label +
                                ": creep law [-]: none, or power law eps_dot = A "
                                "exp(-Q/RT) sigma_vm^m (equivalent creep strain rate "
                                "[1/s], von Mises stress sigma_vm [Pa]); " +
                                source_of(e, "Creep law") + ".");
      }

      /// Bad value of @p entry of the material @p m.
      [[noreturn]] void
      fail(const Material    &m,
           const std::string &prm_file,
           const std::string &entry,
           const std::string &problem,
           const std::string &allowed)
      {
        throw InputError(
            entry_message(prm_file, "Materials/" + m.name, entry, problem, allowed));
      }

      /// Throw unless @p value > 0.
      void
      positive(const Material    &m,
               const std::string &prm_file,
               const std::string &entry,
               const double       value)
      {
        if (!(value > 0))
          fail(m,
               prm_file,
               entry,
               "the value is " + round_trip_string(value),
               "a value > 0");
      }

      /// Ranges of the electrochemical values.
      void
      check_electrochemistry(const Material &m, const std::string &prm_file)
      {
        const auto positive = [&](const std::string &entry, const double value) {
          MaterialDetail::positive(m, prm_file, entry, value);
        };
        if (m.type == PhaseType::active)
          {
            positive("Maximum concentration", m.maximum_concentration);
            positive("Solid diffusivity", m.solid_diffusivity);
            positive("Density", m.density);
            if (!(m.x_charged > 0 && m.x_charged < m.x_discharged))
              fail(m,
                   prm_file,
                   "Lithiation when charged",
                   "the value " + round_trip_string(m.x_charged) +
                       " is not between 0 and the lithiation when discharged (" +
                       round_trip_string(m.x_discharged) + ")",
                   "0 < x_charged < x_discharged < 1");
            if (!(m.x_discharged < 1))
              fail(m,
                   prm_file,
                   "Lithiation when discharged",
                   "the value is " + round_trip_string(m.x_discharged),
                   "0 < x_charged < x_discharged < 1");
          }
        if (m.type == PhaseType::active || m.type == PhaseType::conductor ||
            m.type == PhaseType::lithium)
          positive("Electronic conductivity", m.electronic_conductivity);
        if (m.type == PhaseType::active || m.type == PhaseType::lithium)
          for (const auto &[entry, value] :
               {std::make_pair("Anodic transfer coefficient", m.alpha_a),
                std::make_pair("Cathodic transfer coefficient", m.alpha_c)})
            if (!(value > 0 && value < 1))
              fail(m,
                   prm_file,
                   entry,
                   "the value is " + round_trip_string(value),
                   "0 < alpha < 1");
        if (m.type == PhaseType::polymer || m.type == PhaseType::ceramic)
          positive("Ionic conductivity", m.ionic_conductivity);
        if (m.type == PhaseType::polymer)
          {
            positive("Reference concentration", m.reference_concentration);
            positive("Salt diffusivity", m.salt_diffusivity);
            if (!(m.transference_number <= 1))
              fail(m,
                   prm_file,
                   "Transference number",
                   "the value is " + round_trip_string(m.transference_number),
                   "t+ <= 1");
            positive("Thermodynamic factor", m.thermodynamic_factor);
          }
        if (m.type == PhaseType::ceramic)
          positive("Transfer resistance to polymer", m.transfer_resistance);
      }

      /// Ranges of the mechanical values.
      void
      check_mechanics(const Material &m, const std::string &prm_file)
      {
        const auto positive = [&](const std::string &entry, const double value) {
          MaterialDetail::positive(m, prm_file, entry, value);
        };
        positive("Young's modulus", m.youngs_modulus);
        if (!(m.poisson_ratio < 0.5))
          fail(m,
               prm_file,
               "Poisson's ratio",
               "the value is " + round_trip_string(m.poisson_ratio),
               "0 <= nu < 0.5");
        positive("Surface slope", m.surface_slope);
        if (m.lithiation_strain_law == LithiationStrainLaw::tabulated &&
            m.lithiation_strain_table.size() < 2)
          fail(m,
               prm_file,
               "Lithiation strain table",
               "the tabulated lithiation strain law needs at least two points, got " +
                   std::to_string(m.lithiation_strain_table.size()),
               "'x: dV/V' pairs with strictly increasing x");
        if (m.creep_law == CreepLaw::power_law)
          positive("Creep prefactor", m.creep_prefactor);
        if (m.type == PhaseType::polymer)
          {
            if (!(m.relaxed_modulus > 0 && m.relaxed_modulus <= m.youngs_modulus))
              fail(m,
                   prm_file,
                   "Relaxed modulus",
                   "the value " + round_trip_string(m.relaxed_modulus) +
                       " Pa is not in (0, Young's modulus = " +
                       round_trip_string(m.youngs_modulus) + " Pa]",
                   "0 < E_inf <= E");
            positive("Relaxation time", m.reference_relaxation_time);
            positive("Relaxation reference temperature",
                     m.relaxation_reference_temperature);
          }
      }
    } // namespace

    void
    declare_material_entries(ParameterHandler   &prm,
                             const LibraryEntry &e,
                             const std::string  &label)
    {
      const Material &m = e.material;
      for (const DoubleEntry *d : double_entries(m.type))
        {
          prm.declare_entry(d->name,
                            round_trip_string(m.*(d->member)),
                            Patterns::Double(d->lower, d->upper),
                            help_text(label, e, *d));
          declare_after(prm, *d, e, label);
        }
      declare_laws(prm, e, label);
    }

    void
    read_material_entries(ParameterHandler &prm, Material &m, const std::string &prm_file)
    {
      for (const DoubleEntry *d : double_entries(m.type))
        m.*(d->member) = prm.get_double(d->name);
      if (m.type == PhaseType::active)
        m.open_circuit_potential = prm.get("Open-circuit potential");
      if (m.type == PhaseType::polymer)
        m.conductivity_concentration_law = prm.get("Conductivity concentration law");
      if (m.type != PhaseType::conductor)
        m.temperature_law = prm.get("Temperature law");
      if (m.type == PhaseType::active)
        {
          m.lithiation_strain_law =
              Laws::lithiation_strain_law(prm.get("Lithiation strain law"));
          try
            {
              m.lithiation_strain_table =
                  Laws::parse_table(prm.get("Lithiation strain table"));
            }
          catch (const std::exception &error)
            {
              fail(m,
                   prm_file,
                   "Lithiation strain table",
                   error.what(),
                   "'x: dV/V' pairs with strictly increasing x");
            }
        }
      if (m.type == PhaseType::lithium || m.type == PhaseType::polymer)
        m.creep_law = Laws::creep_law(prm.get("Creep law"));
      check_material(m, prm_file);
    }

    void
    check_material(const Material &m, const std::string &prm_file)
    {
      check_electrochemistry(m, prm_file);
      check_mechanics(m, prm_file);
      if (m.type != PhaseType::conductor)
        {
          positive(m, prm_file, "Reference temperature", m.reference_temperature);
          const TemperatureLaw::Problem p =
              find_temperature_law(m.temperature_law)->check(m);
          if (!p.entry.empty())
            fail(m, prm_file, p.entry, p.problem, p.allowed);
        }
    }
  } // namespace MaterialDetail
} // namespace MesoCell
