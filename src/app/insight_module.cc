// insight: the read models over every capability — the dashboard and the records behind its numbers,
// the press bulletin and the emerging issues with their once-per-cluster counting task (src/insight,
// docs/insight.md). The bulletin's fonts are loaded on the first
// PDF (report.font_dir), so a server without them still serves the dashboard.
#include <memory>

#include "api/insight_bulletin_routes.h"
#include "api/routes.h"
#include "app/modules.h"
#include "distribution/distributor.h"
#include "insight/bulletin_schedule.h"
#include "insight/bulletin_service.h"
#include "insight/dashboard.h"
#include "insight/emerging_service.h"
#include "report/fonts.h"

namespace pol::app {
namespace {

class InsightModule final : public Module {
 public:
  std::string_view Name() const override { return "insight"; }

  Status Init(Context& ctx) override {
    insight_ = std::make_unique<insight::InsightService>(ctx.db, ctx.env);
    ctx.services->insight = insight_.get();
    bulletins_ = std::make_unique<insight::BulletinService>(
        insight_.get(), ctx.db, ctx.env,
        report::DefaultFontDir(ctx.settings->report_font_dir, ctx.settings->console_dir));
    ctx.services->bulletins = bulletins_.get();
    emerging_ = std::make_unique<insight::EmergingService>(ctx.db, ctx.env);
    scheduler_ = std::make_unique<insight::BulletinScheduler>(ctx.db, ctx.env, ctx.queue, bulletins_.get());
    // The bulletin goes out through distribution (its outbox, inside the archiving transaction).
    if (distribution::Distributor* d = ctx.services->distribution) {
      scheduler_->SetDeliveryHook(
          [d](store::Conn& c, int64_t archive_id, int64_t council_id, const std::string& period,
              int64_t now) { return d->OnBulletinArchived(c, archive_id, council_id, period, now); });
    }
    return Status::Ok();
  }

  // The scheduled bulletin: builds, renders and archives (a malformed payload is buried at once).
  Status RegisterJobs(jobs::WorkerPool& shared) override {
    return shared.Register(insight::kBulletinJob,
                           [s = scheduler_.get()](const jobs::Job& job, jobs::JobContext&) {
                             Status st = s->RunJob(job.payload_json);
                             if (st.code() == StatusCode::kInvalidArgument)
                               return jobs::PermanentError(st.message());
                             return st;
                           });
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterInsightRoutes(r, s);
    api::RegisterInsightBulletinRoutes(r, s.bulletins);
    api::RegisterEmergingRoutes(r, s);
    api::RegisterBulletinScheduleRoutes(r, s);
  }

  std::vector<jobs::PeriodicTask> PeriodicTasks() override {
    // Once per cluster: the daily term counts and the issues are written by one node at a time.
    return {{.name = "insight.emerging",
             .every_ms = 15 * 60 * 1000,
             .fn = [e = emerging_.get()] { return e->Refresh().status(); },
             .once_per_cluster = true},
            // Once per cluster: each council's bulletin slot is enqueued by one node (and once: the slot
            // is recorded with the job, whose dedup key names it).
            {.name = "insight.bulletin_schedule",
             .every_ms = 60 * 1000,
             .fn = [s = scheduler_.get()] { return s->Tick().status(); },
             .once_per_cluster = true},
            // Once per cluster: the dashboard's daily mention roll-ups, recounted for the days written
            // since (until then those days are counted live, so the numbers are exact either way).
            {.name = "insight.rollups",
             .every_ms = 60 * 1000,
             .fn = [i = insight_.get()] { return i->SettleRollups().status(); },
             .once_per_cluster = true}};
  }

 private:
  std::unique_ptr<insight::InsightService> insight_;
  std::unique_ptr<insight::BulletinService> bulletins_;
  std::unique_ptr<insight::EmergingService> emerging_;
  std::unique_ptr<insight::BulletinScheduler> scheduler_;
};

}  // namespace

std::unique_ptr<Module> NewInsightModule() { return std::make_unique<InsightModule>(); }

}  // namespace pol::app
