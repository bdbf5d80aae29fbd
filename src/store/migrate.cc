// The migration runner, backend-neutral: it works through Conn and needs of its backend only the
// expansion of the DDL macros (Database::ExpandDdl) and its name (Database::BackendName).
#include <chrono>
#include <set>
#include <string>

#include "store/db.h"

namespace pol::store {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

StatusOr<int> Database::SchemaVersion() {
  const std::string ddl = ExpandDdl(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version ${INT64} PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at ${INT64} NOT NULL)");
  return WriteValue([&](Conn& c) -> StatusOr<int> {
    POL_RETURN_IF_ERROR(c.ExecScript(ddl));
    POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    return static_cast<int>(r.Int(0));
  });
}

StatusOr<int> Database::Migrate(const std::vector<Migration>& migrations) {
  POL_RETURN_IF_ERROR(SchemaVersion().status());  // creates schema_migrations
  // Every migration not yet recorded runs, in list order — not only those above the highest applied
  // version — so capabilities developed side by side may land their numbers in any order.
  std::set<int64_t> done;
  POL_RETURN_IF_ERROR(Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT version FROM schema_migrations"));
    for (const Row& r : rows) done.insert(r.Int(0));
    return Status::Ok();
  }));
  // A version recorded here but unknown to this binary was applied by a newer `pol` (another node was
  // upgraded first, or a newer binary migrated and was rolled back): this binary does not know that
  // schema and must not serve it.
  std::set<int64_t> known;
  for (const Migration& m : migrations) known.insert(m.version);
  std::string unknown;
  for (int64_t v : done) {
    if (!known.contains(v)) unknown += (unknown.empty() ? "" : ", ") + std::to_string(v);
  }
  if (!unknown.empty()) {
    return FailedPrecondition(
        "schema_too_new",
        "طرح پایگاه داده از این نسخهٔ pol جدیدتر است (مهاجرت‌های " +
            unknown +
            " را نمی‌شناسد)؛ این گره را با نسخهٔ جدید pol اجرا کنید. (The database schema is newer than this "
            "pol binary: it does not know migration(s) " +
            unknown + "; run the newer pol on this node.)");
  }
  const std::string backend = BackendName();
  int applied = 0;
  for (const Migration& m : migrations) {
    if (done.contains(m.version)) continue;
    // A migration for another backend is recorded as applied without running its DDL.
    const bool ours = m.only_backend == nullptr || backend == m.only_backend;
    Status s = Write([&](Conn& c) -> Status {
      if (ours) POL_RETURN_IF_ERROR(c.ExecScript(ExpandDdl(m.sql)));
      return c
          .Exec("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                {int64_t{m.version}, std::string(m.name), NowMs()})
          .status();
    });
    if (!s.ok())
      return Internal("migration " + std::to_string(m.version) + " (" + m.name + "): " + s.ToString());
    ++applied;
  }
  return applied;
}

}  // namespace pol::store
