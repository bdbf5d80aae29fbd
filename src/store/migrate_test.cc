// The schema and the migration runner: DDL macros, backend filters, and the SQLite upgrade path of
// issue 11 (migration 7 split into portable tables and the FTS5 index of migration 11).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/migrations.h"
#include "store/open.h"
#include "store/test_database.h"

namespace pol::store {
namespace {

class MigrateTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { dir_ = FreshTestDir("store-migrate"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Database> OpenFresh(const std::string& name) {
    std::filesystem::create_directories(dir_ / name);
    auto db = Open(TestStoreConfig(GetParam(), dir_ / name));
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(db).value() : nullptr;
  }

  std::filesystem::path dir_;
};

TEST_P(MigrateTest, EveryMacroExpandsOnThisBackend) {
  auto db = OpenFresh("a");
  ASSERT_TRUE(db);
  for (const Migration& m : AllMigrations()) {
    EXPECT_EQ(db->ExpandDdl(m.sql).find("${"), std::string::npos) << "migration " << m.version;
  }
}

// A node whose binary is older than the schema (another node migrated further) refuses to run: the
// unknown versions are named in Persian and English, and nothing is applied.
TEST_P(MigrateTest, AnOlderBinaryRefusesANewerSchema) {
  auto db = OpenFresh("newer");
  ASSERT_TRUE(db);
  std::vector<Migration> newer = AllMigrations();
  newer.push_back({9001, "test: from a newer binary", "CREATE TABLE t_newer (x INTEGER);"});
  ASSERT_TRUE(db->Migrate(newer).ok());
  std::vector<Migration> older = AllMigrations();
  older.push_back({9000, "test: this binary's own newer step", "CREATE TABLE t_own (x INTEGER);"});
  auto refused = db->Migrate(older);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().api_code(), "schema_too_new");
  EXPECT_NE(refused.status().message().find("9001"), std::string::npos);
  EXPECT_NE(refused.status().message().find("newer than this pol binary"), std::string::npos);
  EXPECT_NE(refused.status().message().find("جدیدتر"), std::string::npos);
  EXPECT_FALSE(db->Write([](Conn& c) { return c.Exec("INSERT INTO t_own(x) VALUES (1)").status(); }).ok())
      << "the refused run applied a migration";
  EXPECT_TRUE(db->Migrate(newer).ok());  // the newer binary still runs
}

// Millisecond times, ids and counters must be 64-bit on every backend (PostgreSQL's INTEGER is 32-bit),
// and no column may be single precision: each such column is written with ${INT64} / ${DOUBLE}.
TEST(MigrationsTest, TimesIdsAndCountersUseThePortableMacros) {
  const std::regex column(R"(^\s+(\w+) (INTEGER|REAL)\b)");
  const std::regex wide(
      R"(^(id|version|\w+_at|\w+_id|\w+_due|\w+_until|attempts|max_attempts|count|bytes|size)$)");
  for (const Migration& m : AllMigrations()) {
    std::string sql = m.sql;
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), column, std::regex_constants::match_default);
         it != std::sregex_iterator(); ++it) {
      const std::string name = (*it)[1], type = (*it)[2];
      EXPECT_NE(type, "REAL") << "migration " << m.version << ": " << name << " should be ${DOUBLE}";
      EXPECT_FALSE(std::regex_match(name, wide))
          << "migration " << m.version << ": " << name << " should be ${INT64}";
    }
  }
}

TEST(MigrationsTest, SqliteExpansionKeepsTheTypesSqliteAlwaysHad) {
  auto db = Open({.url = (FreshTestDir("store-expand") / "pol.db").string()});
  ASSERT_TRUE(db.ok());
  EXPECT_EQ((*db)->ExpandDdl("a ${ID}, b ${INT64}, c ${DOUBLE}, d ${BLOB}"),
            "a INTEGER PRIMARY KEY AUTOINCREMENT, b INTEGER, c REAL, d BLOB");
}

// PostgreSQL out of reach at start: kUnavailable naming the problem in Persian and English.
TEST(MigrationsTest, UnreachablePostgresqlIsUnavailableWithAClearMessage) {
  auto db = Open({.url = "postgresql://pol@127.0.0.1:1/pol?connect_timeout=2"});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(db.status().message().find("cannot connect to PostgreSQL"), std::string::npos)
      << db.status().message();
  EXPECT_EQ(Open({.url = ""}).status().code(), StatusCode::kInvalidArgument);
}

// What `sqlite_master` and `schema_migrations` hold, in a stable order.
std::vector<std::string> SqliteSchema(Database& db) {
  std::vector<std::string> out;
  EXPECT_TRUE(db.Read([&](Conn& c) -> Status {
                  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT type, name, tbl_name, COALESCE(sql, '') "
                                                          "FROM sqlite_master ORDER BY type, name"));
                  for (const Row& r : rows)
                    out.push_back(r.Text(0) + " " + r.Text(1) + " " + r.Text(2) + ": " + r.Text(3));
                  POL_ASSIGN_OR_RETURN(
                      rows, c.Query("SELECT version, name FROM schema_migrations ORDER BY version"));
                  for (const Row& r : rows) out.push_back(std::to_string(r.Int(0)) + " " + r.Text(1));
                  return Status::Ok();
                }).ok());
  return out;
}

// A database made before issue 11 ran migration 7 as one SQLite-only script (tables and FTS5 index) and
// has no migration 11; upgraded, it must be the same as a database created today.
TEST(MigrationsTest, UpgradedSqliteDatabaseEqualsAFreshOne) {
  std::vector<Migration> before;
  const Migration* search = nullptr;
  for (const Migration& m : AllMigrations())
    if (m.version == 11) search = &m;
  ASSERT_NE(search, nullptr);
  const std::string old_v7 = [&] {
    for (const Migration& m : AllMigrations())
      if (m.version == 7) return std::string(m.sql) + search->sql;
    return std::string();
  }();
  for (const Migration& m : AllMigrations()) {
    if (m.version == 11) continue;
    before.push_back(m);
    if (m.version == 7) {
      before.back().sql = old_v7.c_str();
      before.back().only_backend = "sqlite";
    }
  }
  const std::filesystem::path dir = FreshTestDir("store-upgrade");
  std::filesystem::create_directories(dir / "old");
  std::filesystem::create_directories(dir / "new");
  auto old_db = Open({.url = (dir / "old" / "pol.db").string()});
  auto new_db = Open({.url = (dir / "new" / "pol.db").string()});
  ASSERT_TRUE(old_db.ok() && new_db.ok());
  ASSERT_EQ(*(*old_db)->Migrate(before), static_cast<int>(before.size()));
  auto upgraded = (*old_db)->Migrate(AllMigrations());
  ASSERT_TRUE(upgraded.ok()) << upgraded.status().ToString();
  EXPECT_EQ(*upgraded, 1);  // 11, a no-op here
  ASSERT_TRUE((*new_db)->Migrate(AllMigrations()).ok());
  EXPECT_EQ(SqliteSchema(**old_db), SqliteSchema(**new_db));
  // The index made by migration 11 works like the one made by the old migration 7.
  EXPECT_TRUE((*new_db)->RebuildSearchIndexes().ok());
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrateTest, ::testing::ValuesIn(TestBackends()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace pol::store
