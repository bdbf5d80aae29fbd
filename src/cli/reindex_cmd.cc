#include <cstdio>

#include "cli/commands.h"
#include "cli/config.h"
#include "store/monitor_repo.h"
#include "store/release_repo.h"

namespace pol::cli {

// pol reindex --data DIR: rebuilds the full-text search indexes from their tables, in one transaction.
// Safe while `pol serve` runs (it waits for the writer lock like any write).
int ReindexCommand(int argc, char** argv) {
  auto config = LoadConfig(argc, argv);
  if (!config.ok()) return Fail(config.status());
  SetupLogging("warn");
  auto db = store::OpenSqlite({.path = DatabasePath(*config)});
  if (!db.ok()) return Fail(db.status());
  Status st = (*db)->Write([](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(store::RebuildReleaseSearchIndex(c));
    return store::RebuildMediaItemSearchIndex(c);
  });
  if (!st.ok()) return Fail(st);
  std::printf("search indexes rebuilt: releases, media items\n");
  return 0;
}

}  // namespace pol::cli
