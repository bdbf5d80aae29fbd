#include <cstdio>

#include "cli/commands.h"
#include "cli/config.h"
#include "store/migrations.h"

namespace pol::cli {

int MigrateCommand(int argc, char** argv) {
  auto config = LoadConfig(argc, argv);
  if (!config.ok()) return Fail(config.status());
  SetupLogging("warn");
  auto db = store::Open(StoreConfigOf(*config));
  if (!db.ok()) return Fail(db.status());
  auto applied = (*db)->Migrate(store::AllMigrations());
  if (!applied.ok()) return Fail(applied.status());
  auto version = (*db)->SchemaVersion();
  std::printf("%d migration(s) applied; schema version %d\n", *applied, version.ok() ? *version : -1);
  return 0;
}

}  // namespace pol::cli
