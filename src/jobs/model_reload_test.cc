// ModelReloadTask (model_reload.h): a node's poll of the model versions reloads exactly when another
// node's write bumped one (here: a write on the same database through the store's bump).
#include "jobs/model_reload.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/citizen_repo.h"
#include "store/model_version_repo.h"
#include "store/test_database.h"

namespace pol::jobs {
namespace {

class ModelReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("model-reload");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Bump(const std::string& name) {
    ASSERT_TRUE(db_->Write([&](store::Conn& c) { return store::BumpModelVersion(c, name); }).ok());
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(ModelReloadTest, VersionsCountUpFromZero) {
  auto v = [&](const char* name) {
    return *db_->ReadValue([&](store::Conn& c) { return store::GetModelVersion(c, name); });
  };
  EXPECT_EQ(v(store::kRoutingModel), 0);
  Bump(store::kRoutingModel);
  Bump(store::kRoutingModel);
  Bump(store::kToneModel);
  EXPECT_EQ(v(store::kRoutingModel), 2);
  EXPECT_EQ(v(store::kToneModel), 1);
  EXPECT_EQ(v(store::kMentionModel), 0);
}

TEST_F(ModelReloadTest, ReloadsOnFirstRunThenOnlyWhenAVersionChanges) {
  int reloads = 0;
  PeriodicTask task =
      ModelReloadTask(db_.get(), "monitor models", {store::kToneModel, store::kMentionModel}, 1000, [&] {
        ++reloads;
        return Status::Ok();
      });
  EXPECT_EQ(task.name, "monitor models");
  EXPECT_EQ(task.every_ms, 1000);
  EXPECT_FALSE(task.once_per_cluster);  // every node reloads its own copy
  ASSERT_TRUE(task.fn().ok());
  EXPECT_EQ(reloads, 1);  // the first run: whatever changed since the module loaded
  ASSERT_TRUE(task.fn().ok());
  EXPECT_EQ(reloads, 1);
  Bump(store::kMentionModel);
  ASSERT_TRUE(task.fn().ok());
  EXPECT_EQ(reloads, 2);
  ASSERT_TRUE(task.fn().ok());
  EXPECT_EQ(reloads, 2);
  Bump(store::kRoutingModel);  // not one of this task's models
  ASSERT_TRUE(task.fn().ok());
  EXPECT_EQ(reloads, 2);
}

TEST_F(ModelReloadTest, AFailedReloadIsRetriedAtTheNextPoll) {
  int calls = 0;
  bool fail = true;
  PeriodicTask task = ModelReloadTask(db_.get(), "routing", {store::kRoutingModel}, 1000, [&] {
    ++calls;
    return fail ? Internal("boom") : Status::Ok();
  });
  EXPECT_FALSE(task.fn().ok());
  fail = false;
  ASSERT_TRUE(task.fn().ok());
  EXPECT_EQ(calls, 2);
  ASSERT_TRUE(task.fn().ok());
  EXPECT_EQ(calls, 2);
}

// The store bumps the routing version when its data changes (citizen_repo.cc), so the poll sees it.
TEST_F(ModelReloadTest, SavingARoutingModelBumpsItsVersion) {
  auto before =
      db_->ReadValue([](store::Conn& c) { return store::GetModelVersion(c, store::kRoutingModel); });
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(db_->Write([](store::Conn& c) {
                   POL_ASSIGN_OR_RETURN(store::Row r,
                                        c.QueryOne("INSERT INTO councils(slug, name, created_at, updated_at) "
                                                   "VALUES ('c', 'شورا', 1, 1) RETURNING id"));
                   return store::SaveRoutingModel(c, {r.Int(0), "{}", 1, 0, 1.0, 5});
                 })
                  .ok());
  EXPECT_EQ(*db_->ReadValue([](store::Conn& c) { return store::GetModelVersion(c, store::kRoutingModel); }),
            *before + 1);
}

}  // namespace
}  // namespace pol::jobs
