#ifndef MESOCELL_GEOMETRY_REPORT_H
#define MESOCELL_GEOMETRY_REPORT_H

#include <deal.II/base/types.h>

#include <deal.II/grid/tria.h>

#include <mesocell/geometry/generator.h>
#include <mesocell/geometry/mesh_import.h>

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace MesoCell
{
  /**
   * @brief What a microstructure mesh is made of: volume fraction of every
   * phase, area of every interface between two phases, whether each phase
   * connects the collector face to the top of the electrode region, the cell
   * count and the worst cell (smallest scaled Jacobian).
   */
  struct GeometryReport
  {
    double                        volume = 0;
    std::map<std::string, double> volume_fraction;
    std::map<std::string, double> interface_area; // "a|b", names sorted [m^(dim-1)]
    std::map<std::string, bool>   percolates;
    unsigned int                  n_cells             = 0;
    double                        min_scaled_jacobian = 0;
    bool                          has_percolation     = false;
    /// Fraction of the active volume electronically connected to the
    /// collector through face-connected cells of the electron-conducting
    /// phases (named active, binder, conductor); negative if not evaluated.
    double       connected_active_fraction = -1;
    unsigned int dimension                 = 3;

    /// Print to @p out, with analytic targets and relative errors where known.
    void
    print(std::ostream &out, const GeneratedMesh *generated) const;
    /// Write geometry.csv (rank 0): rows case,phase,value,analytic,relative_error.
    void
    write_csv(const std::string &file, const GeneratedMesh *generated) const;
  };

  /// A set of face-connected cells of electron-conducting phases.
  struct ElectronicCluster
  {
    std::map<dealii::types::material_id, double> volume; ///< per phase [m^dim]
    bool                                         touches_terminal = false;
    std::vector<unsigned int>                    cells; ///< level-0 indices
  };

  /**
   * The clusters of face-connected coarse cells (level 0, which every rank
   * holds, so every rank gets the same answer without communication) whose
   * material is in @p conducting; a cluster touches a terminal if one of
   * its cells has a face on a boundary in @p terminals.
   */
  template <int dim>
  std::vector<ElectronicCluster>
  electronic_clusters(const dealii::Triangulation<dim>           &tria,
                      const std::set<dealii::types::material_id> &conducting,
                      const std::set<dealii::types::boundary_id> &terminals);

  /**
   * Report on the coarse mesh (level 0, which every rank holds). Percolation
   * is evaluated through face-connected cells of one phase between the
   * boundary @p bottom and the cells reaching @p top along the last axis
   * (skipped if @p bottom is invalid).
   */
  template <int dim>
  GeometryReport
  make_geometry_report(const dealii::Triangulation<dim> &tria,
                       const MeshGroups                 &groups,
                       const dealii::types::boundary_id  bottom,
                       const double                      top);
} // namespace MesoCell

#endif
