// Both backends side by side, and two nodes on one PostgreSQL (needs the test-run cluster,
// POL_TEST_PG_URL; skipped without it): the same migrations give the same tables and columns, one search
// corpus gives the same match sets, a node reconnects by itself, and two nodes' writers never interleave.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <thread>

#include "store/council_repo.h"
#include "store/monitor_repo.h"
#include "store/release_repo.h"
#include "store/test_database.h"

namespace pol::store {
namespace {

// table.column, for every table of the schema. Left out: each backend's own search machinery (SQLite's
// FTS5 tables, PostgreSQL's search_vec/search_stale columns).
std::set<std::string> Columns(Database& db) {
  std::set<std::string> out;
  const bool pg = db.BackendName() == "postgresql";
  EXPECT_TRUE(db.Read([&](Conn& c) -> Status {
                  POL_ASSIGN_OR_RETURN(
                      Rows rows,
                      c.Query(pg ? "SELECT table_name, column_name FROM information_schema.columns WHERE "
                                   "table_schema = current_schema()"
                                 : "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                                   "WHERE m.type = 'table'"));
                  for (const Row& r : rows) {
                    const std::string t = r.Text(0), col = r.Text(1);
                    if (t.find("_fts") != std::string::npos || t == "sqlite_sequence") continue;
                    if (col == "search_vec" || col == "search_stale") continue;
                    out.insert(t + "." + col);
                  }
                  return Status::Ok();
                }).ok());
  return out;
}

class BothBackendsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!TestPostgresAdminUrl())
      GTEST_SKIP() << "POL_TEST_PG_URL is not set (ctest runs this as store_test_postgresql)";
    dir_ = FreshTestDir("store-both");
    for (const std::string backend : {"sqlite", "postgresql"}) {
      auto db = OpenAndMigrate(TestStoreConfig(backend, dir_));
      ASSERT_TRUE(db.ok()) << backend << ": " << db.status().ToString();
      dbs_.push_back(std::move(db).value());
    }
  }
  void TearDown() override {
    dbs_.clear();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::vector<std::unique_ptr<Database>> dbs_;
};

TEST_F(BothBackendsTest, SameTablesAndColumns) {
  const std::set<std::string> sqlite = Columns(*dbs_[0]), pg = Columns(*dbs_[1]);
  EXPECT_GT(sqlite.size(), 100u);
  EXPECT_EQ(sqlite, pg);
}

// The shared search corpus: spelling variants, compounds, phrases, NEAR, NOT, OR.
const char* const kCorpus[][3] = {
    {"بیمهٔ تأمین اجتماعی استان",
     "کارگران استان قزوین بیمه‌شدگان تازه دارند", ""},
    {"كتابهای تازه", "نمایشگاه کتاب در شهر", "کتاب‌ها و نشریه‌ها"},
    {"بیمه شدگان", "خبر دربارهٔ بیمه شدگان روستایی", ""},
    {"آب و برق", "قطعی برق در تابستان و کم‌آبی", "شرکت آب منطقه‌ای"},
    {"گزارش", "شورای شهر قزوین بودجهٔ ۱۴۰۲ را تصویب کرد", "بودجه ۱۴۰۲"},
    {"Report", "The council approved the budget of the city", "budget, council"},
    {"تسلیحات", "این طرح می‌تواند به کارگران کمک کند", ""},
};

std::vector<SearchQuery> Queries() {
  using Q = SearchQuery;
  using K = Q::Kind;
  return {
      Q::Term("کتاب"),
      Q::Term("كتابها"),
      Q::Term("بیمه‌شدگان"),
      Q::Term("بیمه"),
      Q::Phrase("بیمه شدگان"),
      Q::Phrase("شورای شهر"),
      Q::Term("۱۴۰۲"),
      Q::Term("budget"),
      {.kind = K::kAnd, .children = {Q::Term("بیمه"), Q::Not(Q::Term("روستایی"))}},
      {.kind = K::kOr, .children = {Q::Term("برق"), Q::Term("کتاب")}},
      {.kind = K::kNear, .children = {Q::Term("شورای"), Q::Term("بودجه")}, .distance = 3},
      {.kind = K::kNear, .children = {Q::Term("قزوین"), Q::Term("بودجه")}, .distance = 0},
      {.kind = K::kNear, .children = {Q::Term("council"), Q::Term("city")}, .distance = 2},
      {.kind = K::kAnd, .children = {Q::Term("استان"), Q::Term("قزوین")}},
      // A bidi mark pasted inside a word (U+200E), and the verb prefix written apart: both are
      // normalized to the stored spelling, می‌تواند, before their terms are taken.
      {.kind = K::kAnd, .children = {Q::Term("تسلیحات"), Q::Term("می\u200Eتواند")}},
      Q::Phrase("می تواند"),
  };
}

TEST_F(BothBackendsTest, OneSearchCorpusGivesTheSameMatchSets) {
  std::vector<std::vector<std::set<std::string>>> answers;  // per backend, per query: matched titles
  for (auto& db : dbs_) {
    ASSERT_TRUE(db->Write([&](Conn& c) -> Status {
                    POL_ASSIGN_OR_RETURN(
                        int64_t council,
                        InsertCouncil(c, Council{.slug = "q", .name = "ق", .created_at = 1}));
                    int n = 0;
                    for (const auto& doc : kCorpus) {
                      ++n;
                      MediaItem m{.council_id = council,
                                  .canonical_url = "https://x.ir/" + std::to_string(n),
                                  .url = "https://x.ir/" + std::to_string(n),
                                  .fingerprint = std::to_string(n),
                                  .title = doc[0],
                                  .lead = doc[1],
                                  .body = doc[2],
                                  .fetched_at = n};
                      POL_RETURN_IF_ERROR(InsertMediaItem(c, m).status());
                    }
                    return Status::Ok();
                  }).ok());
    std::vector<std::set<std::string>> per_query;
    for (const SearchQuery& q : Queries()) {
      auto page = db->ReadValue([&](Conn& c) { return ListMediaItems(c, ItemFilter{.fts = q}); });
      EXPECT_TRUE(page.ok()) << db->BackendName() << ": " << page.status().ToString();
      std::set<std::string> titles;
      if (page.ok())
        for (const MediaItem& m : page->items) titles.insert(m.title);
      per_query.push_back(std::move(titles));
    }
    answers.push_back(std::move(per_query));
  }
  const auto queries = Queries();
  size_t nonempty = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    EXPECT_EQ(answers[0][i], answers[1][i]) << "query #" << i;
    nonempty += !answers[0][i].empty();
  }
  EXPECT_GE(nonempty, queries.size() - 1);  // the corpus exercises nearly every query
}

}  // namespace
}  // namespace pol::store

namespace pol::store {
namespace {

// The server drops every connection of the node (as in a restart): the next calls reconnect by
// themselves, and nothing acknowledged is lost.
TEST_F(BothBackendsTest, ReconnectsAfterTheServerDroppedItsConnections) {
  Database& db = *dbs_[1];
  int64_t council = 0;
  ASSERT_TRUE(db.Write([&](Conn& c) -> Status {
                  POL_ASSIGN_OR_RETURN(council,
                                       InsertCouncil(c, Council{.slug = "r", .name = "ر", .created_at = 1}));
                  return Status::Ok();
                }).ok());
  ASSERT_TRUE(db.Ping().ok());
  auto admin = OpenAndMigrate(TestStoreConfig("postgresql", dir_));
  ASSERT_TRUE(admin.ok());
  ASSERT_TRUE((*admin)
                  ->Read([](Conn& c) {
                    return c
                        .Query(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                            "current_database() AND pid <> pg_backend_pid()")
                        .status();
                  })
                  .ok());
  Status ping = db.Ping();
  EXPECT_TRUE(ping.ok()) << ping.ToString();
  auto got = db.ReadValue([&](Conn& c) { return GetCouncil(c, council); });
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->slug, "r");
}

}  // namespace
}  // namespace pol::store

namespace pol::store {
namespace {

// Two nodes on one database: their writers never interleave (the cluster-wide writer lock), so a
// read-modify-write sequence — what SQLite's single writer made safe — loses no update.
TEST_F(BothBackendsTest, WritersOfTwoNodesNeverInterleave) {
  auto other = Open(TestStoreConfig("postgresql", dir_));  // a second node's pool on the same database
  ASSERT_TRUE(other.ok());
  Database* nodes[] = {dbs_[1].get(), other->get()};
  ASSERT_TRUE(
      nodes[0]->Write([](Conn& c) { return c.ExecScript("CREATE TABLE counter (n BIGINT NOT NULL)"); }).ok());
  ASSERT_TRUE(
      nodes[0]->Write([](Conn& c) { return c.Exec("INSERT INTO counter(n) VALUES (0)").status(); }).ok());
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Status s = nodes[t % 2]->Write([](Conn& c) -> Status {
          POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT n FROM counter"));
          return c.Exec("UPDATE counter SET n = ?", {r.Int(0) + 1}).status();
        });
        EXPECT_TRUE(s.ok()) << s.ToString();
      }
    });
  }
  for (auto& th : threads) th.join();
  auto n = nodes[1]->ReadValue([](Conn& c) { return c.QueryOne("SELECT n FROM counter"); });
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->Int(0), 4 * kPerThread);
}

}  // namespace
}  // namespace pol::store
