#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "store/audit_repo.h"
#include "store/council_repo.h"
#include "store/db.h"
#include "store/job_repo.h"
#include "store/migrations.h"
#include "store/monitor_repo.h"
#include "store/open.h"
#include "store/release_repo.h"
#include "store/search_sql.h"
#include "store/sql_build.h"
#include "store/test_database.h"
#include "store/user_repo.h"
#include "text/search_terms.h"

namespace pol::store {
namespace {

// The store's conformance suite: every test runs on every backend of TestBackends().
class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("store-test");
    auto db = Open(TestStoreConfig(GetParam(), dir_));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    auto applied = db_->Migrate(AllMigrations());
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    ASSERT_EQ(*applied, static_cast<int>(AllMigrations().size()));
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  int64_t MakeCouncil() {
    int64_t id = 0;
    EXPECT_TRUE(db_->Write([&](Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(
                         id,
                         InsertCouncil(c, Council{.slug = "qazvin", .name = "شورای قزوین", .created_at = 1}));
                     return Status::Ok();
                   })
                    .ok());
    return id;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_P(StoreTest, MigrateIsIdempotent) {
  auto again = db_->Migrate(AllMigrations());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  auto v = db_->SchemaVersion();
  ASSERT_TRUE(v.ok());
  int highest = 0;
  for (const Migration& m : AllMigrations()) highest = std::max(highest, m.version);
  EXPECT_EQ(*v, highest);
}

TEST(SqlBuildTest, FtsMatchAllQuotesEveryWordAndSpellsCompoundsApart) {
  EXPECT_EQ(FtsMatchAll({"بیمه", "a\"b OR c"}), "\"بیمه\" AND \"a\"\"b OR c\"");
  EXPECT_EQ(FtsMatchAll({"بیمه\u200cشدگان"}), "(\"بیمه\u200cشدگان\" OR \"بیمه شدگان\")");
  EXPECT_EQ(FtsMatchAll({}), "");
}

// Branches land their migrations in any order: a lower version that arrives after a higher one still runs.
TEST_P(StoreTest, MigrateRunsAVersionLandedOutOfOrder) {
  std::vector<Migration> later = AllMigrations();
  later.push_back({1001, "test: later", "CREATE TABLE t_later (x INTEGER);"});
  ASSERT_EQ(*db_->Migrate(later), 1);
  later.insert(later.end() - 1,
               {1000, "test: landed late with a lower number", "CREATE TABLE t_gap (x INTEGER);"});
  auto applied = db_->Migrate(later);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(*applied, 1);
  EXPECT_TRUE(db_->Write([](Conn& c) { return c.Exec("INSERT INTO t_gap(x) VALUES (1)").status(); }).ok());
  EXPECT_EQ(*db_->Migrate(later), 0);
  EXPECT_EQ(*db_->SchemaVersion(), 1001);
}

TEST_P(StoreTest, UniqueViolationIsAlreadyExistsAndRollsBack) {
  int64_t council = MakeCouncil();
  Status s = db_->Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(
        InsertAgency(c, Agency{.council_id = council, .slug = "tamin", .name = "الف"}).status());
    return InsertAgency(c, Agency{.council_id = council, .slug = "tamin", .name = "ب"}).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s.api_code(), "unique_violation");
  // The constraint's columns come structured, whatever the backend's message says.
  auto v = AsUniqueViolation(s);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->table, "agencies");
  EXPECT_EQ(v->columns, (std::vector<std::string>{"council_id", "slug"}));
  EXPECT_TRUE(v->Covers("slug"));
  EXPECT_FALSE(v->Covers("name"));
  EXPECT_EQ(s.field(), "agencies.council_id, agencies.slug");  // the API's error field, as before
  // The whole transaction rolled back: the first insert is gone too.
  Status r = db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto page, ListAgencies(c, AgencyFilter{}));
    EXPECT_EQ(page.second, 0);
    return Status::Ok();
  });
  EXPECT_TRUE(r.ok());
}

// A failed write inside a transaction undoes only itself (SQLite's statement rollback; on PostgreSQL the
// savepoint sent with the statement in one pipeline): the caller sees the violation, goes on, and what
// it wrote before and after commits. Writes that return rows (RETURNING) answer through the same path.
TEST_P(StoreTest, FailedWriteLeavesTheTransactionUsable) {
  int64_t council = MakeCouncil();
  int64_t first = 0, third = 0;
  Status s = db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(first,
                         InsertAgency(c, Agency{.council_id = council, .slug = "tamin", .name = "الف"}));
    StatusOr<int64_t> again = InsertAgency(c, Agency{.council_id = council, .slug = "tamin", .name = "ب"});
    EXPECT_EQ(again.status().api_code(), "unique_violation");
    POL_ASSIGN_OR_RETURN(third,
                         InsertAgency(c, Agency{.council_id = council, .slug = "behzisti", .name = "ج"}));
    POL_ASSIGN_OR_RETURN(int64_t changed,
                         c.Exec("UPDATE agencies SET name = ? WHERE id = ?", {std::string("الف۲"), first}));
    EXPECT_EQ(changed, 1);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(third, first);
  Status r = db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto page, ListAgencies(c, AgencyFilter{}));
    EXPECT_EQ(page.second, 2);
    POL_ASSIGN_OR_RETURN(Agency a, GetAgency(c, first));
    EXPECT_EQ(a.name, "الف۲");
    return Status::Ok();
  });
  EXPECT_TRUE(r.ok()) << r.ToString();
}

// ExecLater (a write sent with the next statement on PostgreSQL): the next read sees it, the commit
// keeps it, a ROLLBACK TO SAVEPOINT undoes it, and its failure fails the transaction, leaving nothing.
constexpr const char* kAgencyInsert =
    "INSERT INTO agencies(council_id, slug, name, created_at, updated_at) VALUES (?,?,?,1,1)";

int64_t CountAgencies(Database& db) {
  return *db.ReadValue([](Conn& c) -> StatusOr<int64_t> {
    POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT COUNT(*) FROM agencies"));
    return r.Int(0);
  });
}

TEST_P(StoreTest, ExecLaterIsReadBackCommittedAndRolledBackToASavepoint) {
  const int64_t council = MakeCouncil();
  Status s = db_->Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(c.ExecLater(kAgencyInsert, {council, std::string("a"), std::string("الف")}));
    POL_ASSIGN_OR_RETURN(Row seen, c.QueryOne("SELECT COUNT(*) FROM agencies WHERE slug = 'a'"));
    EXPECT_EQ(seen.Int(0), 1) << "the next read sees the deferred write";
    POL_RETURN_IF_ERROR(c.Exec("SAVEPOINT t").status());
    POL_RETURN_IF_ERROR(c.ExecLater(kAgencyInsert, {council, std::string("b"), std::string("ب")}));
    POL_RETURN_IF_ERROR(c.Exec("ROLLBACK TO SAVEPOINT t").status());
    POL_RETURN_IF_ERROR(c.Exec("RELEASE SAVEPOINT t").status());
    // Last in the transaction: sent with the commit.
    return c.ExecLater(kAgencyInsert, {council, std::string("c"), std::string("ج")});
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto slugs = db_->ReadValue([](Conn& c) -> StatusOr<std::string> {
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT slug FROM agencies ORDER BY slug"));
    std::string out;
    for (const Row& r : rows) out += r.Text(0);
    return out;
  });
  ASSERT_TRUE(slugs.ok());
  EXPECT_EQ(*slugs, "ac");
}

TEST_P(StoreTest, ExecLaterFailureFailsTheTransaction) {
  const int64_t council = MakeCouncil();
  // The duplicate is the transaction's last write: its failure comes with the commit on PostgreSQL
  // (at once on SQLite) and nothing of the transaction stays.
  Status s = db_->Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(c.ExecLater(kAgencyInsert, {council, std::string("a"), std::string("الف")}));
    POL_RETURN_IF_ERROR(c.ExecLater(kAgencyInsert, {council, std::string("a"), std::string("دوباره")}));
    return Status::Ok();
  });
  EXPECT_EQ(s.api_code(), "unique_violation") << s.ToString();
  EXPECT_EQ(CountAgencies(*db_), 0);
  // Followed by a read: the read answers the deferred write's error.
  s = db_->Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(c.ExecLater(kAgencyInsert, {council, std::string("b"), std::string("ب")}));
    POL_RETURN_IF_ERROR(c.ExecLater(kAgencyInsert, {council, std::string("b"), std::string("ب۲")}));
    return c.QueryOne("SELECT COUNT(*) FROM agencies").status();
  });
  EXPECT_EQ(s.api_code(), "unique_violation") << s.ToString();
  EXPECT_EQ(CountAgencies(*db_), 0);
  // The connection is clean for the next transaction.
  EXPECT_TRUE(db_->Write([&](Conn& c) {
                   return c.ExecLater(kAgencyInsert, {council, std::string("d"), std::string("د")});
                 })
                  .ok());
  EXPECT_EQ(CountAgencies(*db_), 1);
}

TEST_P(StoreTest, StaleVersionIsConflict) {
  int64_t council = MakeCouncil();
  int64_t id = 0;
  ASSERT_TRUE(db_->Write([&](Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(
                       id, InsertAgency(c, Agency{.council_id = council, .slug = "a", .name = "x"}));
                   return Status::Ok();
                 })
                  .ok());
  Agency a{.id = id, .council_id = council, .slug = "a", .name = "نام نو", .version = 1};
  EXPECT_TRUE(db_->Write([&](Conn& c) { return UpdateAgency(c, a, 2); }).ok());
  a.name = "نام دیگر";  // still version 1: stale
  Status s = db_->Write([&](Conn& c) { return UpdateAgency(c, a, 3); });
  EXPECT_EQ(s.api_code(), "version_conflict");
  EXPECT_EQ(s.code(), StatusCode::kAborted);  // the version-conflict kind (HTTP 409)
  EXPECT_TRUE(db_->Read([&](Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(Agency got, GetAgency(c, id));
                   EXPECT_EQ(got.name, "نام نو");
                   EXPECT_EQ(got.version, 2);
                   return Status::Ok();
                 })
                  .ok());
}

TEST_P(StoreTest, UsersWithRolesAndLogins) {
  int64_t council = MakeCouncil();
  User u{.username = "ali", .name = "علی", .mobile = "09121234567", .password_hash = "h", .created_at = 5};
  u.roles = {{"council_admin", council, std::nullopt}};
  int64_t id = 0;
  ASSERT_TRUE(db_->Write([&](Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(id, InsertUser(c, u));
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_TRUE(db_->Read([&](Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(auto by_mobile,
                                        FindUserByLogin(c, "09121234567", LoginColumn::kMobile));
                   EXPECT_TRUE(by_mobile.has_value());
                   EXPECT_EQ(by_mobile->id, id);
                   EXPECT_EQ(by_mobile->roles, u.roles);
                   POL_ASSIGN_OR_RETURN(auto none, FindUserByLogin(c, "nobody", LoginColumn::kUsername));
                   EXPECT_FALSE(none.has_value());
                   POL_ASSIGN_OR_RETURN(auto page, ListUsers(c, UserFilter{.council_id = council}));
                   EXPECT_EQ(page.second, 1);
                   POL_ASSIGN_OR_RETURN(auto searched, ListUsers(c, UserFilter{.query = "عل"}));
                   EXPECT_EQ(searched.second, 1);
                   POL_ASSIGN_OR_RETURN(auto escaped, ListUsers(c, UserFilter{.query = "%"}));
                   EXPECT_EQ(escaped.second, 0);
                   return Status::Ok();
                 })
                  .ok());
}

TEST_P(StoreTest, JobLeaseRetryAndDeadLetter) {
  JobRow j{.queue = "q",
           .kind = "k",
           .payload = "{}",
           .dedup_key = "once",
           .run_at = 100,
           .max_attempts = 2,
           .created_at = 100};
  int64_t id = 0, again = 0;
  ASSERT_TRUE(db_->Write([&](Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(id, InsertJob(c, j));
                   POL_ASSIGN_OR_RETURN(again, InsertJob(c, j));
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(id, again) << "dedup_key makes enqueue idempotent";

  std::vector<JobRow> leased;
  auto lease = [&](const std::string& owner, int64_t now) {
    EXPECT_TRUE(db_->Write([&](Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(leased, LeaseJobs(c, "q", owner, now, 1000, 10));
                     return Status::Ok();
                   })
                    .ok());
  };
  lease("w1", 50);
  EXPECT_TRUE(leased.empty()) << "not due yet";
  lease("w1", 100);
  ASSERT_EQ(leased.size(), 1u);
  EXPECT_EQ(leased[0].attempts, 1);
  lease("w2", 500);
  EXPECT_TRUE(leased.empty()) << "lease still held by w1";
  lease("w2", 1200);  // w1's lease expired: w2 takes it over
  ASSERT_EQ(leased.size(), 1u);
  EXPECT_EQ(leased[0].attempts, 2);
  // w1 lost the lease and can no longer complete it.
  EXPECT_EQ(db_->Write([&](Conn& c) { return CompleteJob(c, id, "w1", 1300); }).code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(db_->Write([&](Conn& c) { return BuryJob(c, id, "w2", "boom", 1300); }).ok());
  EXPECT_TRUE(db_->Read([&](Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(JobRow got, GetJob(c, id));
                   EXPECT_EQ(got.state, "dead");
                   EXPECT_EQ(got.last_error, "boom");
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_TRUE(db_->Write([&](Conn& c) { return ReviveJob(c, id, 2000); }).ok());
  lease("w3", 2000);
  EXPECT_EQ(leased.size(), 1u);
}

TEST_P(StoreTest, ConcurrentReadersAndWriter) {
  int64_t council = MakeCouncil();
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        Status s = (t == 0) ? db_->Write([&](Conn& c) {
          return InsertAgency(c, Agency{.council_id = council, .slug = "s" + std::to_string(i), .name = "n"})
              .status();
        })
                            : db_->Read([&](Conn& c) { return ListAgencies(c, AgencyFilter{}).status(); });
        if (!s.ok()) failed = true;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_FALSE(failed);
}

TEST_P(StoreTest, AuditFilterByScopeAndTime) {
  ASSERT_TRUE(db_->Write([&](Conn& c) -> Status {
                   POL_RETURN_IF_ERROR(InsertAudit(
                       c, AuditEntry{.at = 10, .action = "create", .entity = "user", .council_id = 1}));
                   return InsertAudit(
                       c, AuditEntry{.at = 20, .action = "update", .entity = "agency", .council_id = 2});
                 })
                  .ok());
  EXPECT_TRUE(db_->Read([&](Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(
                       auto scoped, ListAudit(c, AuditFilter{.only_council_ids = std::vector<int64_t>{1}}));
                   EXPECT_EQ(scoped.second, 1);
                   POL_ASSIGN_OR_RETURN(auto timed, ListAudit(c, AuditFilter{.from = 15}));
                   EXPECT_EQ(timed.second, 1);
                   EXPECT_EQ(timed.first.at(0).entity, "agency");
                   return Status::Ok();
                 })
                  .ok());
}

// A word search stops counting at kReleaseSearchCountCap: the total says "more than", the page is the newest
// matches; a rarer word is still counted exactly and ranked.
TEST_P(StoreTest, ReleaseWordSearchCountStopsAtTheCap) {
  const int64_t council = MakeCouncil();
  const int64_t n = kReleaseSearchCountCap + 5;
  ASSERT_TRUE(db_->Write([&](Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(int64_t agency, InsertAgency(c, Agency{.council_id = council,
                                                                               .slug = "tamin",
                                                                               .name = "تأمین اجتماعی",
                                                                               .created_at = 1}));
                   for (int64_t i = 0; i < n; ++i) {
                     Release r{.agency_id = agency, .council_id = council};
                     r.title = "بیمه شدگان و خدمات درمانی " + std::to_string(i);
                     r.lead = i == 7 ? "مستمری بگیران" : "خبر";
                     r.slug = "r" + std::to_string(i);
                     r.created_at = r.updated_at = 100 + i;
                     POL_RETURN_IF_ERROR(InsertRelease(c, r).status());
                   }
                   return Status::Ok();
                 })
                  .ok());
  ASSERT_TRUE(db_->Read([&](Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(
                       ReleasePage frequent,
                       ListReleases(c, ReleaseFilter{.words = text::QueryWords("خدمات درمانی"), .limit = 3}));
                   EXPECT_TRUE(frequent.total_capped);
                   EXPECT_EQ(frequent.total, kReleaseSearchCountCap);
                   EXPECT_EQ(frequent.items.size(), 3u);
                   // Newest first: ids descend from the last inserted.
                   EXPECT_GT(frequent.items.at(0).id, frequent.items.at(1).id);
                   EXPECT_EQ(frequent.items.at(0).slug, "r" + std::to_string(n - 1));
                   POL_ASSIGN_OR_RETURN(ReleasePage rare,
                                        ListReleases(c, ReleaseFilter{.words = text::QueryWords("مستمری")}));
                   EXPECT_FALSE(rare.total_capped);
                   EXPECT_EQ(rare.total, 1);
                   EXPECT_EQ(rare.items.at(0).slug, "r7");
                   POL_ASSIGN_OR_RETURN(ReleasePage all, ListReleases(c, ReleaseFilter{.limit = 1}));
                   EXPECT_FALSE(all.total_capped);  // no words: counted exactly
                   EXPECT_EQ(all.total, n);
                   return Status::Ok();
                 })
                  .ok());
}

// A capped media search lists the newest matches whichever way the backend finds them: on PostgreSQL
// a walk of the newest kNewestWalkRows rows, and when they hold less than the page, the matches collected
// from the GIN index and sorted (search_sql.h). Old matches (A), then more than a walk's worth of other
// items, then a few new matches (C): a page of 20 is found by the walk, a page of 50 only by collecting.
TEST_P(StoreTest, CappedMediaSearchListsTheNewestMatchesWalkedOrCollected) {
  const int64_t council = MakeCouncil();
  const int64_t old_matches = kSearchCountCap + 100, others = kNewestWalkRows + 100, new_matches = 30;
  std::vector<int64_t> matching;  // ids, oldest first
  ASSERT_TRUE(db_->Write([&](Conn& c) -> Status {
                   int64_t n = 0;
                   auto add = [&](const std::string& title, bool match) -> Status {
                     ++n;
                     const std::string url = "https://news.example/" + std::to_string(n);
                     POL_ASSIGN_OR_RETURN(int64_t id,
                                          InsertMediaItem(c, MediaItem{.council_id = council,
                                                                       .canonical_url = url,
                                                                       .url = url,
                                                                       .fingerprint = std::to_string(n),
                                                                       .title = title,
                                                                       .fetched_at = n}));
                     if (match) matching.push_back(id);
                     return Status::Ok();
                   };
                   for (int64_t i = 0; i < old_matches; ++i)
                     POL_RETURN_IF_ERROR(add("بیمه شدگان استان", true));
                   for (int64_t i = 0; i < others; ++i)
                     POL_RETURN_IF_ERROR(add("مسابقات ورزشی مدارس", false));
                   for (int64_t i = 0; i < new_matches; ++i) POL_RETURN_IF_ERROR(add("بیمهٔ کارگران", true));
                   return Status::Ok();
                 })
                  .ok());
  const std::vector<int64_t> newest(matching.rbegin(), matching.rend());
  auto page_ids = [&](int64_t limit, int64_t offset) {
    std::vector<int64_t> ids;
    auto page = db_->ReadValue([&](Conn& c) {
      return ListMediaItems(c, ItemFilter{.only_councils = std::vector<int64_t>{council},
                                          .fts = SearchQuery::Term("بیمه"),
                                          .limit = limit,
                                          .offset = offset});
    });
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (!page.ok()) return ids;
    EXPECT_TRUE(page->total_capped);
    EXPECT_EQ(page->total, kSearchCountCap);
    for (const MediaItem& m : page->items) {
      ids.push_back(m.id);
      EXPECT_FALSE(m.snippet.empty()) << m.id;
    }
    return ids;
  };
  EXPECT_EQ(page_ids(20, 0), std::vector<int64_t>(newest.begin(), newest.begin() + 20));
  EXPECT_EQ(page_ids(50, 0), std::vector<int64_t>(newest.begin(), newest.begin() + 50));
  EXPECT_EQ(page_ids(50, 50), std::vector<int64_t>(newest.begin() + 50, newest.begin() + 100));
}

TEST_P(StoreTest, BlobsRoundTripAsBytes) {
  const std::string bytes("\x1f\x8b\x00\xff gz\x00", 8);
  ASSERT_TRUE(db_->Write([&](Conn& c) -> Status {
                   POL_RETURN_IF_ERROR(
                       c.ExecScript(db_->ExpandDdl("CREATE TABLE t_blob (id ${ID}, b ${BLOB})")));
                   return c.Exec("INSERT INTO t_blob(b) VALUES (?)", {Blob{bytes}}).status();
                 })
                  .ok());
  auto row = db_->ReadValue([](Conn& c) { return c.QueryOne("SELECT b FROM t_blob"); });
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_TRUE(std::holds_alternative<Blob>(row->at(0)));
  EXPECT_EQ(row->Blob(0), bytes);
  EXPECT_EQ(row->Text(0), bytes);  // Text reads a blob's bytes too
}

TEST_P(StoreTest, ReadValueAndWriteValueReturnTheValueOrTheError) {
  int64_t council = MakeCouncil();
  StatusOr<int64_t> id = db_->WriteValue(
      [&](Conn& c) { return InsertAgency(c, Agency{.council_id = council, .slug = "v", .name = "و"}); });
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  StatusOr<Agency> got = db_->ReadValue([&](Conn& c) { return GetAgency(c, *id); });
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->slug, "v");
  EXPECT_EQ(db_->ReadValue([&](Conn& c) { return GetAgency(c, *id + 100); }).status().code(),
            StatusCode::kNotFound);
  // An error from fn rolls the write back.
  StatusOr<int64_t> failed = db_->WriteValue([&](Conn& c) -> StatusOr<int64_t> {
    POL_RETURN_IF_ERROR(InsertAgency(c, Agency{.council_id = council, .slug = "w", .name = "x"}).status());
    return InsertAgency(c, Agency{.council_id = council, .slug = "w", .name = "y"});
  });
  EXPECT_EQ(failed.status().api_code(), "unique_violation");
  auto page = db_->ReadValue([](Conn& c) { return ListAgencies(c, AgencyFilter{}); });
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->second, 1);
}

TEST_P(StoreTest, RebuildSearchIndexes) { EXPECT_TRUE(db_->RebuildSearchIndexes().ok()); }

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(TestBackends()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace pol::store
