// pol init --data DIR: creates (or brings up to date) a data folder: the folder, the database and
// every migration. The folder is private to Pol's user: created 0700 with its files 0600 (main sets
// umask 077), and on an existing folder — one made by an older pol, or by hand — init tightens every
// folder under it to 0700 and every file to 0600 (docs/backup.md, docs/configuration.md).
#include <cstdio>

#include "base/file.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "text/number_words.h"

namespace pol::cli {

int InitCommand(int argc, char** argv) {
  auto config = LoadConfig(argc, argv);
  if (!config.ok()) return Fail(config.status());
  SetupLogging("warn");
  auto db = OpenDataFolder(*config, /*create=*/true);
  if (!db.ok()) return Fail(db.status());
  auto version = (*db)->SchemaVersion();
  if (!version.ok()) return Fail(version.status());
  auto tightened = RestrictTreeToOwner(config->data);
  if (!tightened.ok()) return Fail(tightened.status());
  std::printf("پوشهٔ داده آماده است: %s (نسخهٔ طرح‌واره %s)\n",
              config->data.c_str(), text::PersianNumber(*version).c_str());
  if (*tightened > 0) {
    std::printf(
        // The modes stay as chmod writes them: they are codes an administrator types, not numbers to read.
        "  دسترسی %s پوشه و فایل به مالک محدود شد (پوشه‌ها 0700، فایل‌ها 0600).\n",
        text::PersianNumber(*tightened).c_str());
  }
  return 0;
}

}  // namespace pol::cli
