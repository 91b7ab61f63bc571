#ifndef MESOCELL_COUPLING_INTERFACE_DATA_H
#define MESOCELL_COUPLING_INTERFACE_DATA_H

#include <deal.II/base/point.h>

#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

namespace dealii::parallel::distributed
{
  template <int dim, int spacedim>
  class Triangulation;
} // namespace dealii::parallel::distributed

namespace MesoCell
{
  /**
   * One quadrature point of an interface (or Li-foil) face: the active cell
   * that evaluates the face (its level and index in the triangulation), the
   * face of that cell and the point's index on it. Valid until the mesh
   * changes; the physics that share interface data use the electrochemistry's
   * evaluating cell (the finer side, or the solid/polymer side between cells
   * of one level).
   */
  struct InterfacePointId
  {
    int          level = -1, index = -1;
    unsigned int face = 0, q = 0;

    bool
    valid() const
    {
      return level >= 0;
    }
  };

  /**
   * @brief Values at interface quadrature points stored with the cells and
   * faces that own them: a fixed number of doubles and the point itself per
   * point, kept by the rank that owns the cell (no global tables, no
   * all-gather).
   *
   * Through refinement, coarsening and repartitioning (p4est), and through
   * checkpoints, every cell's points travel with the cell; before refinement
   * each cell also takes a copy of the points of its neighbours across its
   * faces (ghosts included), because the side that evaluates an interface
   * can change when one side is refined. After the mesh changed the stored
   * points become candidates: a point met again takes the values of the
   * nearest candidate of the same face (restore()).
   */
  template <int dim>
  class InterfaceData
  {
  public:
    using Triangulation = dealii::parallel::distributed::Triangulation<dim, dim>;

    explicit InterfaceData(unsigned int n_values);

    unsigned int
    n_values() const
    {
      return values_per_point;
    }

    /// Values of point @p id, nullptr when not stored.
    double *
    find(const InterfacePointId &id);
    const double *
    find(const InterfacePointId &id) const;
    /// Values of point @p id at @p x; created (zeros) when absent, and
    /// then @p created is set.
    double *
    get(const InterfacePointId &id, const dealii::Point<dim> &x, bool &created);
    /// Every stored point of this rank.
    void
    for_each(const std::function<
             void(const InterfacePointId &, const dealii::Point<dim> &, double *)> &f);
    void
    for_each(const std::function<void(const InterfacePointId &,
                                      const dealii::Point<dim> &,
                                      const double *)> &f) const;
    /// Number of stored points of this rank.
    std::size_t
    size() const;
    /// Forget every point and candidate.
    void
    clear();

    /// The values of the candidate of face @p id.face of the cell of @p id
    /// nearest to @p x (after a mesh change or a load); false if the cell
    /// has none on that face.
    bool
    restore(const InterfacePointId   &id,
            const dealii::Point<dim> &x,
            double                   *values) const;

    /// Values of the stored point of face @p id.face of the cell of @p id
    /// (owned, or a ghost after copy_to_ghosts()) nearest to @p x; nullptr
    /// if that face has none.
    const double *
    nearest(const InterfacePointId &id, const dealii::Point<dim> &x) const;
    /// Store on every rank the points of its ghost cells too (collective;
    /// a ghost point's index q is its position in the owner's order).
    void
    copy_to_ghosts(const Triangulation &tria);

    /// @name Refinement (collective): around
    /// Triangulation::execute_coarsening_and_refinement().
    /// @{
    void
    prepare_for_coarsening_and_refinement(Triangulation &tria);
    void
    unpack_after_coarsening_and_refinement(Triangulation &tria);
    /// @}

    /// @name Checkpoints (collective): attach before Triangulation::save(),
    /// read after Triangulation::load() in the same order of attachments.
    /// @{
    void
    prepare_for_serialization(Triangulation &tria) const;
    void
    deserialize(Triangulation &tria);
    /// @}

  private:
    /// The points of one face of one cell, by quadrature index.
    struct Face
    {
      std::vector<dealii::Point<dim>> points;
      std::vector<double>             values; ///< n_values per point
      std::vector<char>               stored;
    };
    static std::uint64_t
    cell_key(int level, int index);
    static std::uint64_t
    face_key(const InterfacePointId &id);

    /// Entries (face, point, values) of one cell, flattened.
    std::vector<double>
    pack_cell(int level, int index) const;
    void
    append_entries(const Face          &face,
                   unsigned int         face_no,
                   std::vector<double> &out) const;
    /// The points of the owned cells that are ghosts elsewhere, received as
    /// entries of the ghost cells of this rank (collective).
    std::unordered_map<std::uint64_t, std::vector<double>>
    ghost_entries(const Triangulation &tria) const;
    /// What every cell carries through the next mesh change.
    std::unordered_map<std::uint64_t, std::vector<double>>
    outgoing(const Triangulation &tria, bool with_neighbours) const;
    unsigned int
    attach(Triangulation &tria, bool with_neighbours) const;
    void
    unpack(Triangulation &tria, unsigned int handle);

    unsigned int                                           values_per_point;
    std::unordered_map<std::uint64_t, Face>                faces;
    std::unordered_map<std::uint64_t, std::vector<double>> candidates;
    /// Filled by attach(), read by the triangulation when it packs.
    mutable std::unordered_map<std::uint64_t, std::vector<double>> packed;
    unsigned int                                                   handle = 0;
  };
} // namespace MesoCell

#endif
