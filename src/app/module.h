// Module: how a capability plugs into `pol serve`. Each capability has one module (app/*_module.cc) —
// its single registration point: it builds its services from the settings and the shared
// infrastructure, and names its routes, job handlers and periodic tasks. The composition root
// (cli/serve_cmd.cc) is a list of modules run by app::App (app/app.h):
//
//   Init        every module, in list order: build services, publish them in ctx.services (a later
//               module may use an earlier one's, e.g. distribution hooks into the newsroom)
//   RegisterJobs   every module: job handlers on the shared worker pool (or on a pool of its own)
//   RegisterRoutes every module, in list order (the router takes the first matching route)
//   PeriodicTasks  every module: rows for the periodic scheduler (jobs/periodic.h)
//   Start       the shared pool, then every module in order, then the HTTP server and the scheduler
//   Stop        the HTTP server and the scheduler, then every module in reverse order, then the shared pool
//
// A module's destructor runs after every module has stopped and the shared pool has ended (in reverse
// list order); it releases what the module holds.
//
// Thread-safety: App calls these on one thread. Services a module builds must be thread-safe (handlers,
// jobs and periodic tasks call them concurrently).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/services.h"
#include "app/settings.h"
#include "base/env.h"
#include "base/status.h"
#include "http/metrics.h"
#include "http/router.h"
#include "jobs/leader.h"
#include "jobs/periodic.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "store/db.h"

namespace pol::app {

// What App shares with every module. Pointers stay valid until the modules are destroyed.
struct Context {
  const Settings* settings = nullptr;
  store::Database* db = nullptr;
  Env* env = nullptr;
  jobs::Queue* queue = nullptr;       // the durable job queue
  http::Metrics* metrics = nullptr;   // Prometheus metrics (modules may add gauges)
  api::Services* services = nullptr;  // what the HTTP handlers read; modules fill their fields in Init
  // The leader lease when several nodes may share the database (PostgreSQL), else null: work that must
  // run on one node at a time and is not a periodic task (a long-polling thread) asks IsLeader().
  jobs::LeaderLease* leader = nullptr;
};

class Module {
 public:
  virtual ~Module() = default;
  // For logs: "newsroom", "citizen", …
  virtual std::string_view Name() const = 0;
  // Queues (besides "default") the shared worker pool must serve for this module's jobs.
  virtual std::vector<std::string> SharedQueues() const { return {}; }
  virtual Status Init(Context& ctx) = 0;
  // Registers job handlers, on `shared` (default queue + SharedQueues()) or on a pool of its own.
  virtual Status RegisterJobs(jobs::WorkerPool& /*shared*/) { return Status::Ok(); }
  // Registers the module's HTTP routes (src/api/*_routes.cc), reading `services`.
  virtual void RegisterRoutes(http::Router& /*router*/, const api::Services& /*services*/) {}
  virtual std::vector<jobs::PeriodicTask> PeriodicTasks() { return {}; }
  // Starts the module's own threads (the shared pool is already running).
  virtual Status Start() { return Status::Ok(); }
  // Stops them gracefully (the HTTP server and the scheduler have stopped).
  virtual void Stop() {}
};

}  // namespace pol::app
