// App and the modules: the modules register exactly api::RegisterAll's routes in its order, and App
// drives modules through their phases in list order and stops them in reverse.
#include "app/app.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <chrono>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/routes.h"
#include "app/modules.h"
#include "store/migrations.h"
#include "store/open.h"

namespace pol::app {
namespace {

std::vector<std::string> Routes(const http::Router& r) {
  std::vector<std::string> out;
  for (const http::Route& route : r.routes())
    out.push_back(std::string(http::bhttp::to_string(route.method)) + " " + route.pattern);
  return out;
}

TEST(ServeModulesTest, RegisterEveryRouteOfRegisterAllInItsOrder) {
  api::Services services;  // handlers are registered, never called
  http::Router all;
  api::RegisterAll(all, services);
  http::Router modules;
  for (auto& m : ServeModules()) m->RegisterRoutes(modules, services);
  // Every route exactly once: RegisterAll's, none beside them.
  std::vector<std::string> got = Routes(modules), want = Routes(all);
  std::vector<std::string> got_sorted = got, want_sorted = want;
  std::sort(got_sorted.begin(), got_sorted.end());
  std::sort(want_sorted.begin(), want_sorted.end());
  EXPECT_EQ(got_sorted, want_sorted);
  // RegisterAll's routes in RegisterAll's order.
  std::vector<std::string> in_order;
  const std::vector<std::string> all_routes = Routes(all);
  const std::set<std::string> of_all(all_routes.begin(), all_routes.end());
  for (auto& x : got)
    if (of_all.count(x)) in_order.push_back(x);
  EXPECT_EQ(in_order, all_routes);
}

TEST(ServeModulesTest, NamesAreUnique) {
  std::set<std::string_view> names;
  auto modules = ServeModules();
  for (auto& m : modules) EXPECT_TRUE(names.insert(m->Name()).second) << m->Name();
}

// Records every phase in a shared log.
class FakeModule final : public Module {
 public:
  FakeModule(std::string name, std::vector<std::string>* log, std::atomic<int>* ticks)
      : name_(std::move(name)), log_(log), ticks_(ticks) {}
  ~FakeModule() override { log_->push_back("~" + name_); }
  std::string_view Name() const override { return name_; }
  std::vector<std::string> SharedQueues() const override { return {"q-" + name_}; }
  Status Init(Context& ctx) override {
    EXPECT_NE(ctx.queue, nullptr);
    EXPECT_NE(ctx.services, nullptr);
    EXPECT_EQ(ctx.services->db, ctx.db);
    log_->push_back("init " + name_);
    return Status::Ok();
  }
  Status RegisterJobs(jobs::WorkerPool& shared) override {
    log_->push_back("jobs " + name_);
    return shared.Register("fake." + name_, [](const jobs::Job&, jobs::JobContext&) { return Status::Ok(); });
  }
  void RegisterRoutes(http::Router& r, const api::Services&) override {
    log_->push_back("routes " + name_);
    r.Add(http::bhttp::verb::get, "/" + name_, http::Access::kPublic,
          [](http::Request&) { return http::Response(); });
  }
  std::vector<jobs::PeriodicTask> PeriodicTasks() override {
    log_->push_back("periodic " + name_);
    return {{.name = name_, .every_ms = 60000, .fn = [t = ticks_] {
               ++*t;
               return Status::Ok();
             }}};
  }
  Status Start() override {
    log_->push_back("start " + name_);
    return Status::Ok();
  }
  void Stop() override { log_->push_back("stop " + name_); }

 private:
  std::string name_;
  std::vector<std::string>* log_;
  std::atomic<int>* ticks_;
};

TEST(AppTest, PhasesInListOrderStopAndDestroyInReverse) {
  auto dir = std::filesystem::temp_directory_path() / ("pol-app-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto db = store::Open({.url = (dir / "pol.db").string()});
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE((*db)->Migrate(store::AllMigrations()).ok());
  Settings settings;
  std::vector<std::string> log;
  std::atomic<int> ticks{0};
  {
    App app(&settings, db->get(), Env::Default(), http::ServerOptions{.port = 0, .access_log = false});
    app.Add(std::make_unique<FakeModule>("a", &log, &ticks));
    app.Add(std::make_unique<FakeModule>("b", &log, &ticks));
    ASSERT_TRUE(app.Init().ok());
    EXPECT_EQ(app.Init().code(), StatusCode::kFailedPrecondition);
    ASSERT_TRUE(app.Start().ok());
    EXPECT_NE(app.port(), 0);
    EXPECT_EQ(app.services().db, db->get());
    // Every periodic task runs once at start.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (ticks.load() < 2 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(ticks.load(), 2);
    app.Stop();
    app.Stop();  // idempotent
  }
  EXPECT_EQ(log, (std::vector<std::string>{"init a", "init b", "jobs a", "jobs b", "routes a", "routes b",
                                           "periodic a", "periodic b", "start a", "start b", "stop b",
                                           "stop a", "~b", "~a"}));
  db->reset();
  std::filesystem::remove_all(dir);
}

TEST(AppTest, AFailedInitStopsNothingThatDidNotStart) {
  class Failing final : public Module {
   public:
    std::string_view Name() const override { return "failing"; }
    Status Init(Context&) override { return InvalidArgument("config", "bad"); }
    void Stop() override { ADD_FAILURE() << "stopped a module that never started"; }
  };
  auto dir = std::filesystem::temp_directory_path() / ("pol-app-test-fail-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto db = store::Open({.url = (dir / "pol.db").string()});
  ASSERT_TRUE(db.ok());
  Settings settings;
  {
    App app(&settings, db->get(), Env::Default(), http::ServerOptions{.port = 0});
    app.Add(std::make_unique<Failing>());
    EXPECT_EQ(app.Init().code(), StatusCode::kInvalidArgument);
  }
  db->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pol::app
