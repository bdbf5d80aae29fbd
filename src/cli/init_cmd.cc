#include <cstdio>

#include "cli/commands.h"
#include "cli/config.h"

namespace pol::cli {

int InitCommand(int argc, char** argv) {
  auto config = LoadConfig(argc, argv);
  if (!config.ok()) return Fail(config.status());
  SetupLogging("warn");
  auto db = OpenDataFolder(*config, /*create=*/true);
  if (!db.ok()) return Fail(db.status());
  auto version = (*db)->SchemaVersion();
  if (!version.ok()) return Fail(version.status());
  std::printf("پوشهٔ داده آماده است: %s (نسخهٔ طرح‌واره %d)\n",
              config->data.c_str(), *version);
  return 0;
}

}  // namespace pol::cli
