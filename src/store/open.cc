#include "store/open.h"

#include <algorithm>

#include "store/migrations.h"
#include "store/postgresql_impl/pg_db.h"
#include "store/sqlite3_impl/sqlite_db.h"

namespace pol::store {

StatusOr<std::unique_ptr<Database>> Open(const StoreConfig& config) {
  std::string_view url = config.url;
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgres({.url = config.url, .pool_size = std::max(4, config.readers + 4)});
  }
  if (url.starts_with("sqlite:")) url.remove_prefix(std::string_view("sqlite:").size());
  if (url.empty()) return InvalidArgument("invalid_database", "نشانی پایگاه داده خالی است.", "db");
  return OpenSqlite(
      {.path = std::string(url), .readers = config.readers, .busy_timeout_ms = config.busy_timeout_ms});
}

StatusOr<std::unique_ptr<Database>> OpenAndMigrate(const StoreConfig& config) {
  POL_ASSIGN_OR_RETURN(auto db, Open(config));
  POL_RETURN_IF_ERROR(db->Migrate(AllMigrations()).status());
  return db;
}

}  // namespace pol::store
