// Named leases and the multi-node job SQL (lease_repo.h, job_lease_repo.h, row_locked_write.h), on every
// backend of TestBackends().
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <set>
#include <thread>

#include "base/mutex.h"
#include "store/change_channels.h"
#include "store/job_lease_repo.h"
#include "store/job_repo.h"
#include "store/lease_repo.h"
#include "store/migrations.h"
#include "store/model_version_repo.h"
#include "store/notifications.h"
#include "store/open.h"
#include "store/row_locked_write.h"
#include "store/test_database.h"
#include "store/user_repo.h"

namespace pol::store {
namespace {

class LeaseRepoTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("lease-test");
    auto db = OpenAndMigrate(TestStoreConfig(GetParam(), dir_));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  bool Acquire(const std::string& holder, int64_t now, int64_t ttl = 1000) {
    auto got = db_->WriteValue([&](Conn& c) { return AcquireLease(c, "leader", holder, now, ttl); });
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() && *got;
  }
  int64_t Insert(const std::string& queue, int64_t run_at) {
    auto id = db_->WriteValue([&](Conn& c) {
      return InsertJob(c, JobRow{.queue = queue,
                                 .kind = "k",
                                 .payload = "{}",
                                 .run_at = run_at,
                                 .max_attempts = 2,
                                 .created_at = 1});
    });
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_P(LeaseRepoTest, OneHolderUntilExpiryThenTakenOver) {
  EXPECT_TRUE(Acquire("node-a", 1000));
  EXPECT_FALSE(Acquire("node-b", 1500));  // a's lease runs to 2000
  EXPECT_TRUE(Acquire("node-a", 1800));   // renewed to 2800, acquired_at kept
  auto row = db_->ReadValue([](Conn& c) { return GetLease(c, "leader"); });
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->holder, "node-a");
  EXPECT_EQ((*row)->expires_at, 2800);
  EXPECT_EQ((*row)->acquired_at, 1000);
  EXPECT_EQ((*row)->renewed_at, 1800);
  EXPECT_FALSE(Acquire("node-b", 2799));
  EXPECT_TRUE(Acquire("node-b", 2800));  // expired: b takes over
  EXPECT_FALSE(Acquire("node-a", 2900));
  row = db_->ReadValue([](Conn& c) { return GetLease(c, "leader"); });
  EXPECT_EQ((*row)->holder, "node-b");
  EXPECT_EQ((*row)->acquired_at, 2800);
}

TEST_P(LeaseRepoTest, ReleaseFreesTheLeaseOnlyForItsHolder) {
  EXPECT_TRUE(Acquire("node-a", 1000));
  ASSERT_TRUE(db_->Write([](Conn& c) { return ReleaseLease(c, "leader", "node-b"); }).ok());
  EXPECT_FALSE(Acquire("node-b", 1001));
  ASSERT_TRUE(db_->Write([](Conn& c) { return ReleaseLease(c, "leader", "node-a"); }).ok());
  EXPECT_TRUE(Acquire("node-b", 1002));
}

TEST_P(LeaseRepoTest, ConcurrentClaimsTakeEveryJobExactlyOnce) {
  for (int i = 0; i < 60; ++i) Insert("q", 10);
  const bool row_locks = SupportsRowLocks(*db_);
  EXPECT_EQ(row_locks, GetParam() == "postgresql");
  std::vector<std::vector<int64_t>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 40; ++round) {
        std::vector<JobRow> rows;
        Status s = WriteRowLocked(*db_, [&](Conn& c) -> Status {
          POL_ASSIGN_OR_RETURN(rows, ClaimJobs(c, row_locks, "q", "w" + std::to_string(t), 100, 60000, 3));
          return Status::Ok();
        });
        if (!s.ok()) continue;  // a busy database: try again
        for (const JobRow& r : rows) got[t].push_back(r.id);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::vector<int64_t> all;
  for (const auto& g : got) all.insert(all.end(), g.begin(), g.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all.size(), 60u);
  EXPECT_EQ(std::set<int64_t>(all.begin(), all.end()).size(), 60u) << "a job was claimed twice";
}

TEST_P(LeaseRepoTest, ClaimSkipsFutureAndOtherQueuesAndRetakesExpiredLeases) {
  const int64_t due = Insert("q", 10);
  Insert("q", 5000);    // not due
  Insert("other", 10);  // another queue
  const bool row_locks = SupportsRowLocks(*db_);
  auto claim = [&](int64_t now) {
    return db_->WriteValue([&](Conn& c) { return ClaimJobs(c, row_locks, "q", "w", now, 100, 10); });
  };
  auto first = claim(100);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].id, due);
  EXPECT_EQ((*first)[0].lease_until, 200);
  EXPECT_TRUE(claim(150)->empty());  // leased until 200
  auto again = claim(200);           // expired: taken over
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].attempts, 2);
}

TEST_P(LeaseRepoTest, ReaperReadiesExpiredLeasesAndBuriesSpentOnes) {
  const int64_t a = Insert("q", 10);
  const bool row_locks = SupportsRowLocks(*db_);
  ASSERT_TRUE(db_->WriteValue([&](Conn& c) { return ClaimJobs(c, row_locks, "q", "w", 100, 100, 10); }).ok());
  auto reaped = db_->WriteValue([&](Conn& c) { return ReapExpiredJobLeases(c, row_locks, 150, 100); });
  EXPECT_EQ(*reaped, 0);  // still leased
  reaped = db_->WriteValue([&](Conn& c) { return ReapExpiredJobLeases(c, row_locks, 250, 100); });
  EXPECT_EQ(*reaped, 1);
  auto job = db_->ReadValue([&](Conn& c) { return GetJob(c, a); });
  EXPECT_EQ(job->state, "ready");
  EXPECT_FALSE(job->lease_owner.has_value());
  EXPECT_NE(job->last_error.find("lease expired"), std::string::npos);
  // Second lease (attempts 2 = max_attempts) expires too: dead.
  ASSERT_TRUE(db_->WriteValue([&](Conn& c) { return ClaimJobs(c, row_locks, "q", "w", 300, 100, 10); }).ok());
  reaped = db_->WriteValue([&](Conn& c) { return ReapExpiredJobLeases(c, row_locks, 400, 100); });
  EXPECT_EQ(*reaped, 1);
  EXPECT_EQ(db_->ReadValue([&](Conn& c) { return GetJob(c, a); })->state, "dead");
}

TEST_P(LeaseRepoTest, EveryNodeGetsTheFirstStoredSecret) {
  auto first = SharedSecret(*db_, "portal", std::string("k1\0\xff", 4), 1);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, std::string("k1\0\xff", 4));  // binary-safe
  auto second = SharedSecret(*db_, "portal", "k2", 2);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(*SharedSecret(*db_, "other", "k3", 3), "k3");
}

// PostgreSQL's LISTEN/NOTIFY wake-up (notifications.h): a NOTIFY committed by any connection reaches the
// listener with its payload; SQLite has no notification source (one node, in-process wake-ups).
TEST_P(LeaseRepoTest, JobChannelNotificationsReachAListener) {
  NotificationSource* source = NotificationsOf(*db_);
  if (GetParam() == "sqlite") {
    EXPECT_EQ(source, nullptr);
    return;
  }
  ASSERT_NE(source, nullptr);
  Mutex mu;
  std::vector<std::string> got;
  auto listener = source->Listen(kJobsChannel, [&](const std::string& payload) {
    MutexLock l(&mu);
    got.push_back(payload);
  });
  ASSERT_TRUE(listener.ok()) << listener.status().ToString();
  // The listener connects on its own thread: notify until it hears one (a lost wake-up is allowed).
  bool heard = false;
  for (int i = 0; i < 200 && !heard; ++i) {
    ASSERT_TRUE(db_->Write([](Conn& c) { return NotifyJobsChannel(c, "distribution"); }).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    MutexLock l(&mu);
    heard = !got.empty();
    if (heard) {
      EXPECT_EQ(got[0], "distribution");
    }
  }
  EXPECT_TRUE(heard);
  EXPECT_FALSE(source->Listen("bad channel; DROP", [](const std::string&) {}).ok());
}

// Migration 73's triggers: on PostgreSQL a bumped model version notifies kModelsChannel with the model's
// name, and a change to a user (an update, a role granted or removed, a session deleted) notifies
// kSessionsChannel with the user's id — whichever code wrote it. SQLite has none (one node).
TEST_P(LeaseRepoTest, ModelAndUserChangesNotifyOtherNodes) {
  NotificationSource* source = NotificationsOf(*db_);
  if (GetParam() == "sqlite") {
    EXPECT_EQ(source, nullptr);
    return;
  }
  ASSERT_NE(source, nullptr);
  Mutex mu;
  std::vector<std::string> models, users;
  auto on_models = source->Listen(kModelsChannel, [&](const std::string& p) {
    MutexLock l(&mu);
    models.push_back(p);
  });
  auto on_users = source->Listen(kSessionsChannel, [&](const std::string& p) {
    MutexLock l(&mu);
    users.push_back(p);
  });
  ASSERT_TRUE(on_models.ok() && on_users.ok());
  // Each write until its notification is heard (the listeners connect on their own threads).
  auto heard = [&](const std::function<Status(Conn&)>& write, std::vector<std::string>* got,
                   const std::string& want) {
    for (int i = 0; i < 200; ++i) {
      EXPECT_TRUE(db_->Write(write).ok());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      MutexLock l(&mu);
      if (std::find(got->begin(), got->end(), want) != got->end()) {
        got->clear();
        return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(heard([](Conn& c) { return BumpModelVersion(c, "test.model"); }, &models, "test.model"));
  auto id = db_->WriteValue([](Conn& c) -> StatusOr<int64_t> {
    POL_ASSIGN_OR_RETURN(auto r, c.QueryOne("INSERT INTO users(username, name, password_hash, created_at, "
                                            "updated_at) VALUES ('notified', 'ن', 'x', 0, 0) RETURNING id"));
    return r.Int(0);
  });
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  const std::string uid = std::to_string(*id);
  EXPECT_TRUE(
      heard([&](Conn& c) { return c.Exec("UPDATE users SET disabled = 1 WHERE id = ?", {*id}).status(); },
            &users, uid));
  EXPECT_TRUE(heard(
      [&](Conn& c) {
        return c.Exec("INSERT INTO user_roles(user_id, role) VALUES (?, 'system_admin')", {*id}).status();
      },
      &users, uid));
  EXPECT_TRUE(
      heard([&](Conn& c) { return c.Exec("DELETE FROM user_roles WHERE user_id = ?", {*id}).status(); },
            &users, uid));
  EXPECT_TRUE(heard(
      [&](Conn& c) -> Status {
        POL_RETURN_IF_ERROR(InsertSession(c, {.token_hash = "h",
                                              .user_id = *id,
                                              .csrf_token = "c",
                                              .created_at = 0,
                                              .last_seen_at = 0,
                                              .expires_at = 1}));
        return DeleteSession(c, "h");
      },
      &users, uid));
}

INSTANTIATE_TEST_SUITE_P(Backends, LeaseRepoTest, ::testing::ValuesIn(TestBackends()));

}  // namespace
}  // namespace pol::store
