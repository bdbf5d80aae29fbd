// store::Open: the one place that picks a database backend from the configuration.
//
//   url = "/var/lib/pol/pol.db"        an SQLite file (the default backend)
//   url = "sqlite:/var/lib/pol/pol.db" the same, explicitly
//   url = "postgresql://…"             PostgreSQL (postgresql_impl/, docs/postgresql.md); unreachable →
//                                      kUnavailable with the server's message
//
// Thread-safety: Open is thread-safe; the Database it returns is (store/db.h).
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "store/db.h"

namespace pol::store {

struct StoreConfig {
  std::string url;  // a file path (SQLite) or a backend URL
  int readers = 4;  // reader connections (SQLite); PostgreSQL pools readers + 4
  int busy_timeout_ms = 5000;
};

// Opens (creating if needed) the database `config` names. SQLite runs in WAL mode with
// synchronous=FULL: an acknowledged (committed) write survives kill -9 and power loss.
StatusOr<std::unique_ptr<Database>> Open(const StoreConfig& config);

// Opens `config` and applies every migration of store/migrations.h.
StatusOr<std::unique_ptr<Database>> OpenAndMigrate(const StoreConfig& config);

}  // namespace pol::store
