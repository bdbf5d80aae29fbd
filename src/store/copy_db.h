// Copying a whole database into another backend (`pol migrate-db --from DATA_DIR --to postgresql://…`):
// every table the two schemas share, row by row with their ids, then the identity sequences moved past
// the copied ids and the search index rebuilt; verified by a count and an order-independent checksum per
// table on both sides.
//
// Resumable: rows go in with `ON CONFLICT DO NOTHING`, in batches each committed on its own, so a copy
// interrupted (killed, the server lost) continues where it stopped when run again; a table whose count
// and checksum already match is skipped. The target must have been migrated to the same schema first
// (the caller runs Migrate on both), and nothing else may write to either database meanwhile.
//
// Table order: every table after the tables its foreign keys name (SQLite's pragma_foreign_key_list),
// otherwise the source's creation order.
//
// Thread-safety: blocks on both databases; call from one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct TableCopy {
  std::string table;
  int64_t source_rows = 0, target_rows = 0;
  std::string source_checksum, target_checksum;  // hex
  int64_t copied = 0;                            // rows inserted by this run
  bool skipped = false;                          // already identical before this run
  bool Matches() const { return source_rows == target_rows && source_checksum == target_checksum; }
};

struct CopyOptions {
  int64_t batch_rows = 500;
  std::function<void(const TableCopy&)> on_table;  // after each table (progress)
};

// Copies `from` (SQLite) into `to`. Returns one entry per table; FailedPrecondition "copy_mismatch"
// (after every table was tried) when a table's count or checksum differs at the end.
StatusOr<std::vector<TableCopy>> CopyDatabase(Database& from, Database& to, const CopyOptions& options = {});

}  // namespace pol::store
