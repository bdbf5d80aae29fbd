// `pol migrate-db --from DATA_DIR --to postgresql://…`: copies a data folder's SQLite database into
// PostgreSQL (store/copy_db.h: every row with its id, sequences, search index; counts and checksums per
// table; resumable). Media, attachments and keys stay in the data folder, which the PostgreSQL
// deployment keeps using (`--data DIR --db postgresql://…`). Stop `pol serve` first.
#pragma once

namespace pol::cli {

int MigrateDbCommand(int argc, char** argv);

}  // namespace pol::cli
