#include <cstdio>

#include "cli/commands.h"
#include "cli/config.h"

namespace pol::cli {

// pol reindex --data DIR: rebuilds the full-text search indexes from their tables, in one transaction.
// Safe while `pol serve` runs (it waits for the writer lock like any write).
int ReindexCommand(int argc, char** argv) {
  auto config = LoadConfig(argc, argv);
  if (!config.ok()) return Fail(config.status());
  SetupLogging("warn");
  auto db = store::Open(StoreConfigOf(*config));
  if (!db.ok()) return Fail(db.status());
  if (Status st = (*db)->RebuildSearchIndexes(); !st.ok()) return Fail(st);
  std::printf("search indexes rebuilt: releases, media items\n");
  return 0;
}

}  // namespace pol::cli
