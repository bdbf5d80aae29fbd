#include "store/sqlite3_impl/connection_init.h"

#include <utility>
#include <vector>

#include "base/mutex.h"

namespace pol::store {
namespace {

struct Registry {
  Mutex mu;
  std::vector<std::pair<std::string, SqliteConnectionInit>> inits GUARDED_BY(mu);
};

Registry& TheRegistry() {
  static Registry* r = new Registry();
  return *r;
}

}  // namespace

void AddSqliteConnectionInit(const std::string& name, SqliteConnectionInit init) {
  Registry& r = TheRegistry();
  MutexLock lock(&r.mu);
  for (const auto& [n, f] : r.inits) {
    if (n == name) return;
  }
  r.inits.emplace_back(name, std::move(init));
}

Status RunSqliteConnectionInits(sqlite3* db) {
  std::vector<std::pair<std::string, SqliteConnectionInit>> copy;
  {
    Registry& r = TheRegistry();
    MutexLock lock(&r.mu);
    copy = r.inits;
  }
  for (const auto& [name, init] : copy) {
    Status s = init(db);
    if (!s.ok()) return Internal("sqlite connection init '" + name + "': " + s.ToString() + " " + s.field());
  }
  return Status::Ok();
}

}  // namespace pol::store
