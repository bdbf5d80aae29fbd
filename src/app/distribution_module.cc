// distribution: delivering published releases to channels. The channel secrets' key is
// DATA/distribution.key; the newsroom's publish hook writes the deliveries inside the publishing
// transaction; deliveries run on this module's own worker pool on the "distribution" queue
// (settings distribution.workers, distribution.lease_ms), so slow channels never hold up housekeeping
// or scheduled publishing. Monitoring's fired alerts are delivered through it as well (the alert outbox).
// The distribution routes.
#include <spdlog/spdlog.h>

#include <memory>
#include <utility>

#include "api/routes.h"
#include "app/modules.h"
#include "distribution/distributor.h"
#include "distribution/secrets.h"
#include "monitor/monitor.h"
#include "store/alert_delivery_repo.h"
#include "store/monitor_repo.h"

namespace pol::app {
namespace {

class DistributionModule final : public Module {
 public:
  std::string_view Name() const override { return "distribution"; }

  Status Init(Context& ctx) override {
    newsroom::ReleaseService* releases = ctx.services->releases;
    if (!releases) return FailedPrecondition("app_order", "distribution needs the newsroom module first");
    POL_ASSIGN_OR_RETURN(auto secrets,
                         distribution::SecretBox::FromFile(ctx.settings->data_dir + "/distribution.key"));
    const DistributionSettings& s = ctx.settings->distribution;
    distributor_ = std::make_unique<distribution::Distributor>(ctx.db, ctx.env, ctx.queue, releases,
                                                               std::move(secrets), s.distributor);
    releases->SetPublishHook([d = distributor_.get()](store::Conn& c, const store::Release& r, int64_t now) {
      return d->OnPublished(c, r, now);
    });
    // Corrections and withdrawals are re-announced on the channels that carried the release.
    releases->SetChangeHook(
        [d = distributor_.get()](store::Conn& c, const store::Release& r, const std::string& event,
                                 int64_t now) { return d->OnReleaseChanged(c, r, event, now); });
    // Monitoring alerts go out through distribution too (e-mail, the agency's alert chat, the PR managers'
    // own linked chats), written in the transaction that records the alert (issue 16 §2).
    if (monitor::MonitorService* m = ctx.services->monitoring) {
      m->SetAlertOutbox([d = distributor_.get()](store::Conn& c, const monitor::AlertNotice& n) -> Status {
        POL_RETURN_IF_ERROR(d->OnAlert(
            c, {.event_key = n.event_key,
                .council_id = n.council_id,
                .agency_id = n.agency_id,
                .message = n.message,
                .item_title = n.item_title,
                .outlet = n.outlet,
                .link = n.item_id ? d->ConsoleUrl("/console/monitor/items/" + std::to_string(*n.item_id))
                                  : d->ConsoleUrl("/console/monitor"),
                .manager_ids = n.manager_ids,
                .at = n.at}));
        // The item's tone goes into every message of the alert (the rows just written, same transaction).
        if (!n.item_id) return Status::Ok();
        POL_ASSIGN_OR_RETURN(store::MediaItem item, store::GetMediaItem(c, *n.item_id, false));
        return store::SetAlertDeliveriesTone(c, n.event_key, item.tone_override.value_or(item.tone));
      });
    }
    pool_ = std::make_unique<jobs::WorkerPool>(ctx.queue,
                                               jobs::WorkerPoolOptions{.queues = {distribution::kQueue},
                                                                       .workers = s.workers,
                                                                       .lease_ms = s.lease_ms,
                                                                       .poll_interval_ms = 250,
                                                                       .name = "pol-dist"});
    ctx.services->distribution = distributor_.get();
    return Status::Ok();
  }

  Status RegisterJobs(jobs::WorkerPool& /*shared*/) override {
    return distribution::RegisterDistributionJobs(*pool_, distributor_.get());
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterDistributionRoutes(r, s);
  }

  Status Start() override { return pool_->Start(); }

  void Stop() override {
    if (!pool_->Stop())
      spdlog::warn("some deliveries were still running at shutdown; their leases will expire");
  }

 private:
  std::unique_ptr<distribution::Distributor> distributor_;
  std::unique_ptr<jobs::WorkerPool> pool_;  // declared last: ends before the distributor
};

}  // namespace

std::unique_ptr<Module> NewDistributionModule() { return std::make_unique<DistributionModule>(); }

}  // namespace pol::app
