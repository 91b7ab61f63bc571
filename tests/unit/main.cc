#define BOOST_TEST_MODULE MesoCell unit tests
#include <boost/test/unit_test.hpp>

#include "../mpi_fixture.h"
