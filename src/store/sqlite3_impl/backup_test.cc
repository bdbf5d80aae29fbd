// The SQLite backend's online backup and integrity check (store/db.h: BackupTo, CheckIntegrity), and
// the interface's answer for a backend that leaves backups to its own tools.
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/test_database.h"

namespace pol::store {
namespace {

namespace fs = std::filesystem;

StatusOr<int64_t> CountRows(Database& db) {
  return db.ReadValue([](Conn& c) -> StatusOr<int64_t> {
    POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT COUNT(*) FROM backup_probe"));
    return r.Int(0);
  });
}

Status CreateProbe(Database& db, int rows) {
  return db.Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(
        c.ExecScript("CREATE TABLE backup_probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
                     "CREATE INDEX backup_probe_body ON backup_probe(body);"));
    for (int i = 0; i < rows; ++i) {
      POL_RETURN_IF_ERROR(
          c.Exec("INSERT INTO backup_probe (body) VALUES (?)", {std::string(400, 'a' + i % 26)}).status());
    }
    return Status::Ok();
  });
}

TEST(SqliteBackup, CopiesOneSnapshotWhileWritesGoOn) {
  const fs::path dir = FreshTestDir("backup");
  auto db = OpenTestDatabase(dir);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE(CreateProbe(**db, 8000).ok());  // ~4 MB: many backup steps

  // A writer commits rows one by one all through the backup; the ones acknowledged before it
  // started must be in the copy, and the copy must not restart forever.
  std::atomic<bool> stop{false};
  std::atomic<int64_t> acknowledged{0};
  std::thread writer([&] {
    while (!stop) {
      Status s = (*db)->Write(
          [](Conn& c) { return c.Exec("INSERT INTO backup_probe (body) VALUES ('during')").status(); });
      if (s.ok()) ++acknowledged;
    }
  });
  while (acknowledged < 20) std::this_thread::yield();
  const int64_t acknowledged_before = acknowledged.load();
  const int64_t before = 8000 + acknowledged_before;
  const std::string copy = (dir / "copy.db").string();
  Status backed_up = (*db)->BackupTo(copy);
  const int64_t writes_by_end = acknowledged.load();
  stop = true;
  writer.join();
  ASSERT_TRUE(backed_up.ok()) << backed_up.ToString() << " " << backed_up.field();
  EXPECT_GT(writes_by_end, acknowledged_before) << "commits went on during the backup";

  struct stat st {};
  ASSERT_EQ(::stat(copy.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(fs::exists(copy + "-wal")) << "one self-contained file";
  EXPECT_FALSE(fs::exists(copy + "-journal"));

  auto restored = Open(StoreConfig{.url = copy});
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_TRUE((*restored)->CheckIntegrity().ok());
  auto rows = CountRows(**restored);
  ASSERT_TRUE(rows.ok());
  EXPECT_GE(*rows, before);
  EXPECT_LE(*rows, 8000 + writes_by_end);
  EXPECT_EQ(*(*restored)->SchemaVersion(), *(*db)->SchemaVersion());

  Status again = (*db)->BackupTo(copy);
  EXPECT_EQ(again.api_code(), "backup_exists");
  restored->reset();
  db->reset();
  fs::remove_all(dir);
}

TEST(SqliteBackup, IntegrityCheckFindsADamagedFile) {
  const fs::path dir = FreshTestDir("backup");
  {
    auto db = OpenTestDatabase(dir);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(CreateProbe(**db, 4000).ok());
    EXPECT_TRUE((*db)->CheckIntegrity().ok());
    ASSERT_TRUE((*db)->BackupTo((dir / "copy.db").string()).ok());
  }
  // Scribble over pages in the middle of the copy (past the schema on page 1).
  const fs::path copy = dir / "copy.db";
  const auto size = fs::file_size(copy);
  {
    std::fstream f(copy, std::ios::in | std::ios::out | std::ios::binary);
    for (auto at = size / 3; at < size / 3 + 64 * 1024 && at < size; at += 97) {
      f.seekp(static_cast<std::streamoff>(at));
      f.put(static_cast<char>(0xA5));
    }
  }
  auto damaged = Open(StoreConfig{.url = copy.string()});
  ASSERT_TRUE(damaged.ok()) << damaged.status().ToString();
  Status s = (*damaged)->CheckIntegrity();
  EXPECT_FALSE(s.ok());
  damaged->reset();
  fs::remove_all(dir);
}

// A backend with its own backup tools keeps the interface's defaults.
class ToolsOnlyDatabase final : public Database {
 public:
  Status Read(const std::function<Status(Conn&)>&) override { return Status::Ok(); }
  Status Write(const std::function<Status(Conn&)>&) override { return Status::Ok(); }
  Status RebuildSearchIndexes() override { return Status::Ok(); }
  Status Ping() override { return Status::Ok(); }
  std::string BackendName() const override { return "postgresql"; }
  std::string ExpandDdl(std::string_view ddl) const override { return std::string(ddl); }
};

TEST(SqliteBackup, OtherBackendsSayUseTheirOwnTools) {
  ToolsOnlyDatabase db;
  Status s = db.BackupTo("/tmp/never");
  EXPECT_EQ(s.api_code(), "backend_not_supported");
  EXPECT_NE(s.message().find("pg_dump"), std::string::npos);
  EXPECT_EQ(db.CheckIntegrity().api_code(), "backend_not_supported");
  EXPECT_FALSE(fs::exists("/tmp/never"));
}

}  // namespace
}  // namespace pol::store
