#pragma once

#include <string>

namespace MesoCell
{
  /**
   * @brief The order in which the coarse cells of a mesh become p4est trees.
   *
   * parallel::distributed::Triangulation numbers the coarse cells as p4est
   * trees by SparsityTools::reorder_hierarchical() of their vertex
   * connectivity, on every rank. In deal.II 9.4 that routine keeps its front
   * of candidate cells in a std::set and walks it for every cell, so its cost
   * grows like n^(5/3): 47-49 s of the 71 s import of 329k coarse hexahedra.
   * MesoCell replaces it (source/geometry/coarse_cell_order.cc, by the
   * dynamic linker's symbol interposition: libmesocell_core is loaded before
   * libdeal.ii) with deal.II's own SparsityTools::reorder_Cuthill_McKee(),
   * a breadth-first numbering of the same graph, which takes about a second.
   * Any permutation is a valid tree order; a breadth-first one keeps the
   * cells of each rank's contiguous range of trees together, as the
   * hierarchical one does. 'hierarchical' calls deal.II's routine.
   */
  enum class CoarseCellOrder
  {
    cuthill_mckee,
    hierarchical
  };

  /// The order used by every parallel::distributed::Triangulation created
  /// afterwards in this process (all ranks must set the same).
  void
  set_coarse_cell_order(CoarseCellOrder order);

  CoarseCellOrder
  coarse_cell_order();

  /// Parse 'Cuthill-McKee' or 'hierarchical' (the Selection of the entry).
  CoarseCellOrder
  parse_coarse_cell_order(const std::string &name);

  /// Wall time of the last ordering of coarse cells in this process [s], and
  /// whether MesoCell's replacement was reached at all (it is not if the
  /// dynamic linker bound deal.II's own routine).
  double
  last_coarse_cell_order_time();

  bool
  coarse_cell_order_replaced();
} // namespace MesoCell
