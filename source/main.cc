#include <mesocell/core/application.h>

int
main(int argc, char **argv)
{
  return MesoCell::main(argc, argv);
}
