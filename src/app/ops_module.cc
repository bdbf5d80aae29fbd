// ops: housekeeping (expired sessions, finished jobs) every ten minutes, the job-queue admin and the
// audit log; the audit and job routes.
#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "ops/housekeeping.h"
#include "ops/job_admin.h"

namespace pol::app {
namespace {

class OpsModule final : public Module {
 public:
  std::string_view Name() const override { return "ops"; }

  Status Init(Context& ctx) override {
    if (!ctx.services->sessions)
      return FailedPrecondition("app_order", "ops needs the accounts module first");
    ctx_ = ctx;
    job_admin_ = std::make_unique<ops::JobAdmin>(ctx.queue, ctx.db, ctx.env);
    ctx.services->jobs = job_admin_.get();
    return Status::Ok();
  }

  Status RegisterJobs(jobs::WorkerPool& shared) override {
    return ops::RegisterHousekeeping(shared, ctx_.db, ctx_.env, ctx_.services->sessions->options());
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterAuditRoutes(r, s);
    api::RegisterJobRoutes(r, s);
  }

  std::vector<jobs::PeriodicTask> PeriodicTasks() override {
    return {{.name = "housekeeping",
             .every_ms = 10 * 60 * 1000,
             .fn = [ctx = ctx_] { return ops::ScheduleHousekeeping(*ctx.queue, ctx.env); },
             .once_per_cluster = true}};
  }

 private:
  Context ctx_;
  std::unique_ptr<ops::JobAdmin> job_admin_;
};

}  // namespace

std::unique_ptr<Module> NewOpsModule() { return std::make_unique<OpsModule>(); }

}  // namespace pol::app
