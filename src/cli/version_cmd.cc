#include <sqlite3.h>

#include <cstdio>

#include "cli/commands.h"

#ifndef POL_VERSION
#define POL_VERSION "dev"
#endif

namespace pol::cli {

int VersionCommand(int, char**) {
  std::printf("pol %s (sqlite %s)\n", POL_VERSION, sqlite3_libversion());
  return 0;
}

}  // namespace pol::cli
