#include "app/app.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>

#include "jobs/reaper.h"
#include "net/outbound_guard.h"
#include "store/change_channels.h"
#include "store/job_lease_repo.h"
#include "store/row_locked_write.h"

namespace pol::app {
namespace {

double CountJobs(jobs::Queue& queue, const std::string& state) {
  double n = 0;
  if (auto stats = queue.Stats(); stats.ok()) {
    for (const auto& d : *stats) n += d.state == state ? static_cast<double>(d.count) : 0;
  }
  return n;
}

}  // namespace

App::App(const Settings* settings, store::Database* db, Env* env, http::ServerOptions server_options)
    : settings_(settings),
      db_(db),
      env_(env),
      server_options_(std::move(server_options)),
      queue_(db, env),
      scheduler_(env) {}

App::~App() {
  Stop();
  // Nothing may call into a module once it is gone: the server, the scheduler and the shared pool go
  // first (the pool waits for handlers still running past Stop()'s deadline), then the modules.
  server_.reset();
  scheduler_.Stop();
  pool_.reset();
  while (!modules_.empty()) modules_.pop_back();
}

void App::Add(std::unique_ptr<Module> module) { modules_.push_back(std::move(module)); }

Status App::Init() {
  if (initialized_) return FailedPrecondition("app_initialized", "the app initializes once");
  initialized_ = true;
  net::SetOutboundPolicy(settings_->outbound_allow);  // process-wide: every outgoing connection
  services_.db = db_;
  services_.env = env_;
  services_.metrics = &metrics_;
  services_.secure_cookies = settings_->secure_cookies;

  std::vector<std::string> queues = {jobs::kDefaultQueue};
  for (const auto& m : modules_) {
    for (const std::string& q : m->SharedQueues()) {
      if (std::find(queues.begin(), queues.end(), q) == queues.end()) queues.push_back(q);
    }
  }
  pool_ =
      std::make_unique<jobs::WorkerPool>(&queue_, jobs::WorkerPoolOptions{.queues = queues, .workers = 2});

  if (store::SupportsRowLocks(*db_)) {  // several nodes may share this database
    leader_ = std::make_unique<jobs::LeaderLease>(db_, env_, jobs::MakeNodeId(env_));
    scheduler_.SetLeader(leader_.get());
    spdlog::info("cluster: node {}", leader_->node_id());
    POL_RETURN_IF_ERROR(scheduler_.Add({.name = "jobs reaper",
                                        .every_ms = jobs::kReaperEveryMs,
                                        .fn = [this] { return jobs::ReapExpiredLeases(queue_).status(); },
                                        .once_per_cluster = true}));
  }
  Context ctx{.settings = settings_,
              .db = db_,
              .env = env_,
              .queue = &queue_,
              .metrics = &metrics_,
              .services = &services_,
              .leader = leader_.get()};
  for (const auto& m : modules_) {
    if (Status st = m->Init(ctx); !st.ok()) return st;
  }
  for (const auto& m : modules_) {
    if (Status st = m->RegisterJobs(*pool_); !st.ok()) return st;
  }
  for (const auto& m : modules_) m->RegisterRoutes(router_, services_);
  for (const auto& m : modules_) {
    for (jobs::PeriodicTask& task : m->PeriodicTasks()) {
      if (Status st = scheduler_.Add(std::move(task)); !st.ok()) return st;
    }
  }

  pipeline_ = std::make_unique<http::Pipeline>(&router_, services_.sessions);
  server_ = std::make_unique<http::Server>(server_options_, pipeline_.get(), &metrics_);
  http::Server* server = server_.get();
  metrics_.AddGauge("pol_http_open_connections", "Open HTTP connections.",
                    [server] { return static_cast<double>(server->open_connections()); });
  metrics_.AddGauge("pol_jobs_ready", "Jobs waiting to run.",
                    [this] { return CountJobs(queue_, jobs::kReady); });
  metrics_.AddGauge("pol_jobs_dead", "Jobs that failed for good (dead letters).",
                    [this] { return CountJobs(queue_, jobs::kDead); });
  return Status::Ok();
}

Status App::Start() {
  if (!initialized_ || server_started_ || stopped_)
    return FailedPrecondition("app_state", "start the app once, after Init()");
  if (store::NotificationSource* source = store::NotificationsOf(*db_)) {
    POL_ASSIGN_OR_RETURN(
        wakeups_, source->Listen(store::kJobsChannel, [this](const std::string&) { queue_.Notify(); }));
    if (accounts::SessionManager* sessions = services_.sessions) {
      POL_ASSIGN_OR_RETURN(session_changes_,
                           source->Listen(store::kSessionsChannel, [sessions](const std::string& payload) {
                             int64_t user_id = 0;
                             const char* end = payload.data() + payload.size();
                             if (std::from_chars(payload.data(), end, user_id).ptr == end)
                               sessions->InvalidateUser(user_id);
                           }));
    }
    POL_ASSIGN_OR_RETURN(
        model_changes_,
        source->Listen(store::kModelsChannel, [this](const std::string& model) { scheduler_.Wake(model); }));
  }
  POL_RETURN_IF_ERROR(pool_->Start());
  for (; modules_started_ < modules_.size(); ++modules_started_) {
    POL_RETURN_IF_ERROR(modules_[modules_started_]->Start());
  }
  POL_RETURN_IF_ERROR(server_->Start());
  server_started_ = true;
  return scheduler_.Start();
}

void App::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (server_started_) {
    server_->Shutdown();
    server_->Wait();
  }
  model_changes_.reset();
  scheduler_.Stop();
  wakeups_.reset();
  session_changes_.reset();
  while (modules_started_ > 0) modules_[--modules_started_]->Stop();
  if (pool_ && !pool_->Stop())
    spdlog::warn("some jobs were still running at shutdown; their leases will expire");
}

unsigned short App::port() const { return server_ ? server_->port() : 0; }

}  // namespace pol::app
