#include <deal.II/base/timer.h>

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/coarse_cell_order.h>

#include <dlfcn.h>
#include <stdexcept>

namespace MesoCell
{
  namespace
  {
    CoarseCellOrder order_in_use = CoarseCellOrder::cuthill_mckee;
    double          last_time    = 0.0;
    bool            replaced     = false;

    using Renumbering = std::vector<dealii::DynamicSparsityPattern::size_type>;
    using Reorder     = void (*)(const dealii::DynamicSparsityPattern &, Renumbering &);

    /// deal.II's own reorder_hierarchical, the next definition after ours.
    Reorder
    deal_ii_reorder_hierarchical()
    {
      static const Reorder f = reinterpret_cast<Reorder>(
          ::dlsym(RTLD_NEXT,
                  "_ZN6dealii13SparsityTools20reorder_hierarchicalERKNS_"
                  "22DynamicSparsityPatternERSt6vectorIjSaIjEE"));
      if (f == nullptr)
        throw std::runtime_error("deal.II's SparsityTools::reorder_hierarchical was not "
                                 "found by dlsym(RTLD_NEXT): use 'Coarse cell order = "
                                 "Cuthill-McKee'");
      return f;
    }
  } // namespace

  void
  set_coarse_cell_order(const CoarseCellOrder order)
  {
    order_in_use = order;
  }

  CoarseCellOrder
  coarse_cell_order()
  {
    return order_in_use;
  }

  CoarseCellOrder
  parse_coarse_cell_order(const std::string &name)
  {
    if (name == "hierarchical")
      return CoarseCellOrder::hierarchical;
    AssertThrow(name == "Cuthill-McKee",
                dealii::ExcMessage("unknown coarse cell order '" + name + "'"));
    return CoarseCellOrder::cuthill_mckee;
  }

  double
  last_coarse_cell_order_time()
  {
    return last_time;
  }

  bool
  coarse_cell_order_replaced()
  {
    return replaced;
  }
} // namespace MesoCell

// The replacement itself: same name and signature as deal.II's, so the calls
// from inside libdeal.ii (parallel::distributed::Triangulation's tree order)
// bind here. Only the tree order of p4est depends on it.
namespace dealii::SparsityTools
{
  void
  reorder_hierarchical(const DynamicSparsityPattern                   &connectivity,
                       std::vector<DynamicSparsityPattern::size_type> &new_indices)
  {
    using namespace MesoCell;
    Timer timer;
    replaced = true;
    if (order_in_use == CoarseCellOrder::hierarchical)
      deal_ii_reorder_hierarchical()(connectivity, new_indices);
    else
      reorder_Cuthill_McKee(connectivity, new_indices);
    last_time = timer.wall_time();
  }
} // namespace dealii::SparsityTools
