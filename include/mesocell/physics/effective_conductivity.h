#ifndef MESOCELL_PHYSICS_EFFECTIVE_CONDUCTIVITY_H
#define MESOCELL_PHYSICS_EFFECTIVE_CONDUCTIVITY_H

#include <deal.II/base/parameter_handler.h>

#include <mesocell/geometry/generators.h>
#include <mesocell/geometry/mesh_import.h>
#include <mesocell/geometry/mesh_setup.h>
#include <mesocell/io/output.h>
#include <mesocell/materials/phases.h>
#include <mesocell/numerics/adaptivity.h>
#include <mesocell/numerics/linear_solver.h>

#include <string>
#include <vector>

namespace MesoCell
{
  /**
   * @brief Settings of the effective-conductivity job: which faces carry the
   * potential difference, along which axis, and for which phases the
   * tortuosity factor is wanted.
   */
  struct EffectiveConductivityParameters
  {
    unsigned int             axis = 0;
    std::string              inlet;
    std::string              outlet;
    double                   voltage = 1.0;
    std::vector<std::string> tortuosity_phases;
    double                   blocked_ratio = 1e-8;
    unsigned int             degree        = 1;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm);
  };

  /// Everything the job reads from a parameter file.
  struct EffectiveConductivityInput
  {
    std::string                     prm_file;
    MeshParameters                  mesh;
    GeneratorParameters             geometry;
    PhaseParameters                 phases;
    EffectiveConductivityParameters job;
    LinearSolverParameters          solver;
    AdaptivityParameters            adaptivity; ///< 'Steady cycles' and the fractions
    OutputParameters                output;
  };

  /**
   * @brief Steady conduction through a multi-phase microstructure with a
   * potential difference between two faces normal to an axis: the effective
   * conductivity along that axis, and per chosen phase the tortuosity factor
   * and MacMullin number (as TauFactor defines them). With 'Steady cycles'
   * > 0 the mesh is refined adaptively by flux_jump_indicators() after each
   * solve, and every cycle is reported (adaptivity.csv). Writes
   * VTU/PVTU/PVD, CSV statistics and the parameters used.
   */
  template <int dim>
  void
  run_effective_conductivity(const EffectiveConductivityInput &input,
                             const dealii::ParameterHandler   &prm,
                             const RunMode                     mode);
} // namespace MesoCell

#endif
