#define BOOST_TEST_MODULE MesoCell mechanics tests
#include "../mpi_fixture.h"

#include <boost/test/unit_test.hpp>
