// MPI-aware global fixture for MesoCell's Boost.Test executables: MPI (and
// PETSc) are initialised once before the first test and finalised after the
// last, with the test runner's own argc/argv.
#ifndef MESOCELL_TESTS_MPI_FIXTURE_H
#define MESOCELL_TESTS_MPI_FIXTURE_H

#include <deal.II/base/mpi.h>

#include <boost/test/unit_test.hpp>

#include <memory>

struct MPIFixture
{
  MPIFixture()
  {
    auto &suite = boost::unit_test::framework::master_test_suite();
    mpi         = std::make_unique<dealii::Utilities::MPI::MPI_InitFinalize>(
        suite.argc, suite.argv, 1);
  }
  ~MPIFixture()
  {
    mpi.reset();
  }
  std::unique_ptr<dealii::Utilities::MPI::MPI_InitFinalize> mpi;
};

BOOST_TEST_GLOBAL_FIXTURE(MPIFixture);

#endif
