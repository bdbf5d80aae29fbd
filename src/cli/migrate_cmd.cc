#include <cstdio>

#include "cli/commands.h"
#include "cli/config.h"
#include "store/migrations.h"
#include "text/number_words.h"

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
  if (!version.ok()) return Fail(version.status());
  std::printf("%s مهاجرت اعمال شد؛ نسخهٔ طرح‌واره: %s\n",
              text::PersianNumber(*applied).c_str(), text::PersianNumber(*version).c_str());
  return 0;
}

}  // namespace pol::cli
