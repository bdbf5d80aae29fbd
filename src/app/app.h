// App: the host that runs a list of capability modules (module.h) as `pol serve`. It owns the shared
// infrastructure — the job queue, the shared worker pool (queue "default" plus the queues modules ask
// for, two workers), the metrics, the router, the HTTP server and the periodic scheduler — and drives
// the modules through their phases:
//
//   app::App app(&settings, db, env, server_options);
//   app.Add(app::NewAccountsModule());  …            // the composition root: one line per capability
//   POL_RETURN_IF_ERROR(app.Init());                  // Init, RegisterJobs, RegisterRoutes, PeriodicTasks
//   POL_RETURN_IF_ERROR(app.Start());                 // shared pool, modules, HTTP server, scheduler
//   …                                                 // wait for SIGTERM
//   app.Stop();                                       // server, scheduler, modules in reverse, shared pool
//
// Several nodes. On a database several `pol serve` nodes may share (PostgreSQL: store::SupportsRowLocks),
// the app holds a leader lease (jobs/leader.h, node id from jobs::MakeNodeId) and gives it to the
// scheduler: periodic tasks declared `once_per_cluster` run only on the leading node. The app adds one
// such task itself, the reaper of expired job leases (jobs/reaper.h). It also listens to the job
// channel (store/notifications.h), so a job enqueued on another node wakes this node's idle workers.
//
// Thread-safety: one controlling thread calls Add/Init/Start/Stop. The destructor stops what is still
// running, ends the shared pool, then destroys the modules in reverse order.
#pragma once

#include <memory>
#include <vector>

#include "api/services.h"
#include "app/module.h"
#include "app/settings.h"
#include "http/metrics.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "http/server.h"
#include "jobs/leader.h"
#include "jobs/periodic.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "store/notifications.h"

namespace pol::app {

class App {
 public:
  // `settings`, `db` and `env` must outlive the App.
  App(const Settings* settings, store::Database* db, Env* env, http::ServerOptions server_options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Before Init().
  void Add(std::unique_ptr<Module> module);
  // Builds the shared infrastructure and runs the modules' Init, RegisterJobs, RegisterRoutes and
  // PeriodicTasks phases, in list order; then builds the HTTP server and its gauges. Once.
  Status Init();
  // Starts the shared pool, every module in order, the HTTP server, the scheduler.
  Status Start();
  // Graceful stop: the HTTP server (in-flight requests finish), the scheduler, every started module in
  // reverse order, the shared pool. Idempotent.
  void Stop();

  unsigned short port() const;  // the HTTP server's port (after Start)
  const api::Services& services() const { return services_; }
  http::Metrics& metrics() { return metrics_; }
  jobs::PeriodicScheduler& scheduler() { return scheduler_; }
  // The leader lease of once-per-cluster work; null on a backend that serves one node (SQLite).
  jobs::LeaderLease* leader() { return leader_.get(); }

 private:
  const Settings* const settings_;
  store::Database* const db_;
  Env* const env_;
  const http::ServerOptions server_options_;

  http::Metrics metrics_;
  api::Services services_;
  jobs::Queue queue_;
  std::unique_ptr<store::Listener> wakeups_;   // other nodes' enqueues wake queue_'s pools (PostgreSQL)
  std::unique_ptr<jobs::LeaderLease> leader_;  // before scheduler_: its Stop() resigns the lease
  jobs::PeriodicScheduler scheduler_;
  std::vector<std::unique_ptr<Module>> modules_;  // destroyed in reverse order by ~App
  std::unique_ptr<jobs::WorkerPool> pool_;
  http::Router router_;
  std::unique_ptr<http::Pipeline> pipeline_;
  std::unique_ptr<http::Server> server_;
  // PostgreSQL: other nodes' changes to a user (store::kSessionsChannel → the session cache) and to a
  // model (store::kModelsChannel → scheduler_.Wake). Declared last: gone before what they call into.
  std::unique_ptr<store::Listener> session_changes_;
  std::unique_ptr<store::Listener> model_changes_;

  bool initialized_ = false;
  bool server_started_ = false;
  size_t modules_started_ = 0;
  bool stopped_ = false;
};

}  // namespace pol::app
