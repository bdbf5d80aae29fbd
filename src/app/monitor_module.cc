// monitor: media monitoring — the fetcher (settings monitor.*), the service and its in-memory models
// (built from the database at Init), fetch and ingest jobs on the "monitor" queue served by a worker pool
// of its own (kWorkers threads: a hostile or stuck site can hold only these, never the shared pool that
// publishes releases and runs citizens' jobs, nor distribution's), and
// every 30 s the fetches of sources whose interval has passed (unless monitor.schedule is off); the
// monitoring routes. Several nodes (PostgreSQL): every node reloads its mention matcher and tone model
// when another changed their data (jobs/model_reload.h) and brings its pickup index up to date with the
// releases published anywhere, every few seconds.
#include <spdlog/spdlog.h>

#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "jobs/model_reload.h"
#include "monitor/fetcher.h"
#include "monitor/monitor.h"
#include "store/model_version_repo.h"

namespace pol::app {
namespace {

constexpr int kWorkers = 2;

class MonitorModule final : public Module {
 public:
  std::string_view Name() const override { return "monitor"; }

  Status Init(Context& ctx) override {
    schedule_ = ctx.settings->monitor.schedule;
    db_ = ctx.db;
    cluster_ = ctx.leader != nullptr;
    fetcher_ = std::make_unique<monitor::CurlFetcher>(ctx.settings->monitor.fetcher);
    monitoring_ = std::make_unique<monitor::MonitorService>(ctx.db, ctx.env, ctx.queue, fetcher_.get());
    POL_RETURN_IF_ERROR(monitoring_->Start());
    ctx.services->monitoring = monitoring_.get();
    pool_ = std::make_unique<jobs::WorkerPool>(
        ctx.queue, jobs::WorkerPoolOptions{.queues = {monitor::kQueue},
                                           .workers = kWorkers,
                                           .lease_ms = ctx.settings->monitor.lease_ms,
                                           .poll_interval_ms = 500,
                                           .stop_timeout_ms = 10000,
                                           .name = "pol-monitor"});
    return Status::Ok();
  }

  Status RegisterJobs(jobs::WorkerPool& /*shared*/) override {
    return monitor::RegisterMonitorJobs(*pool_, monitoring_.get());
  }

  Status Start() override { return pool_->Start(); }

  void Stop() override {
    if (!pool_->Stop())
      spdlog::warn("some monitoring fetches were still running at shutdown; their leases will expire");
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override { api::RegisterMonitorRoutes(r, s); }

  std::vector<jobs::PeriodicTask> PeriodicTasks() override {
    std::vector<jobs::PeriodicTask> tasks;
    if (schedule_) {
      tasks.push_back({.name = "monitoring",
                       .every_ms = 30 * 1000,
                       .fn = [m = monitoring_.get()] { return m->ScheduleDue().status(); },
                       .once_per_cluster = true});
    }
    if (cluster_) {
      // Every node: its own models and pickup index (the leader's ScheduleDue syncs only the leader's).
      tasks.push_back(jobs::ModelReloadTask(db_, "monitor models reload",
                                            {store::kToneModel, store::kMentionModel}, kReloadPollMs,
                                            [m = monitoring_.get()] { return m->ReloadModels(); }));
      tasks.push_back({.name = "monitor pickup index sync",
                       .every_ms = kReloadPollMs,
                       .fn = [m = monitoring_.get()] { return m->SyncReleases(); }});
    }
    return tasks;
  }

 private:
  static constexpr int64_t kReloadPollMs = 2000;

  bool schedule_ = true;
  bool cluster_ = false;
  store::Database* db_ = nullptr;
  std::unique_ptr<monitor::CurlFetcher> fetcher_;
  std::unique_ptr<monitor::MonitorService> monitoring_;
  std::unique_ptr<jobs::WorkerPool> pool_;  // declared last: ends before the service
};

}  // namespace

std::unique_ptr<Module> NewMonitorModule() { return std::make_unique<MonitorModule>(); }

}  // namespace pol::app
