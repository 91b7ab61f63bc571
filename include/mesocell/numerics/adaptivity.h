#ifndef MESOCELL_NUMERICS_ADAPTIVITY_H
#define MESOCELL_NUMERICS_ADAPTIVITY_H

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace MesoCell
{
  /**
   * @brief Subsection Adaptivity, shared by the jobs: the cell simulation
   * adapts its mesh every 'Interval' time steps, the steady
   * effective-conductivity job runs 'Steady cycles' of solve, estimate,
   * mark and refine. Both mark 'Refine fraction' / 'Coarsen fraction' of
   * the cells by their indicator.
   */
  struct AdaptivityParameters
  {
    unsigned int interval         = 0;
    double       refine_fraction  = 0.2;
    double       coarsen_fraction = 0.05;
    unsigned int maximum_level    = 2;
    unsigned int interface_level  = 0;
    unsigned int steady_cycles    = 0;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    /// Read the entries; @p prm_file names the file in input errors.
    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file);
    /// Throw an InputError for an entry the job does not use: 'Interval'
    /// in a steady job (@p steady), 'Steady cycles' in a time-dependent one.
    void
    check_job(const bool steady, const std::string &prm_file) const;
  };
} // namespace MesoCell

#endif
