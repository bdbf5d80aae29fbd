// messenger: citizens' requests through Bale and Telegram bots. The bots' tokens are sealed with
// distribution's key (DATA/distribution.key); the citizens' request service gets the change hook (answers,
// status changes and the rating buttons go back to the chat as jobs inside the change's transaction) and
// the privacy hooks (chat links exported and erased with the mobile's requests). Sending runs on this
// module's own worker pool on the "messenger" queue; long polling on its own thread (settings
// messenger.*), never on the HTTP threads. The routes: /api/v1/messenger/bots and the webhook.
// Once per cluster: with several nodes on one database (ctx.leader), only the leading node polls the
// bots (two pollers would take turns at getUpdates); a watcher thread starts and stops the poller as
// this node gains or loses the leader lease.
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "api/routes.h"
#include "app/modules.h"
#include "distribution/secrets.h"
#include "messenger/bots.h"

namespace pol::app {
namespace {

class MessengerModule final : public Module {
 public:
  std::string_view Name() const override { return "messenger"; }

  Status Init(Context& ctx) override {
    citizen::RequestService* requests = ctx.services->citizen;
    if (!requests) return FailedPrecondition("app_order", "messenger needs the citizen module first");
    POL_ASSIGN_OR_RETURN(auto secrets,
                         distribution::SecretBox::FromFile(ctx.settings->data_dir + "/distribution.key"));
    const MessengerSettings& s = ctx.settings->messenger;
    poll_ = s.poll;
    leader_ = ctx.leader;
    messenger::MessengerOptions options = s.options;
    options.public_url = ctx.settings->distribution.distributor.public_url;
    options.max_photo_bytes = static_cast<int64_t>(ctx.settings->citizen.requests.max_file_bytes);
    // Several nodes (a leader election means a shared PostgreSQL database): webhook updates of one chat
    // may reach any node, so the per-chat limit is counted in the database.
    options.shared_limits = ctx.leader != nullptr;
    service_ = std::make_unique<messenger::MessengerService>(ctx.db, ctx.env, ctx.queue, requests,
                                                             std::move(secrets), options);
    messenger::MessengerService* m = service_.get();
    requests->SetChangeHook([m](store::Conn& c, const store::CitizenRequest& r, const std::string& action,
                                int64_t now) { return m->OnRequestChange(c, r, action, now); });
    requests->SetErasedHook(
        [m](store::Conn& c, const citizen::PersonalScope& scope) { return m->OnRequestsErased(c, scope); });
    requests->SetExportHook(
        [m](store::Conn& c, const citizen::PersonalScope& scope) { return m->OnExport(c, scope); });
    pool_ =
        std::make_unique<jobs::WorkerPool>(ctx.queue, jobs::WorkerPoolOptions{.queues = {messenger::kQueue},
                                                                              .workers = 2,
                                                                              .lease_ms = 30000,
                                                                              .poll_interval_ms = 250,
                                                                              .name = "pol-msg"});
    ctx.services->messenger = service_.get();
    return Status::Ok();
  }

  Status RegisterJobs(jobs::WorkerPool& /*shared*/) override {
    return messenger::RegisterMessengerJobs(*pool_, service_.get());
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterMessengerRoutes(r, s);
    api::RegisterStaffChatRoutes(r, s);
  }

  Status Start() override {
    POL_RETURN_IF_ERROR(pool_->Start());
    if (!poll_) return Status::Ok();
    if (leader_ == nullptr) {
      service_->StartPolling();
      return Status::Ok();
    }
    watcher_ = std::thread([this] {
      while (!stop_watching_) {
        if (leader_->IsLeader()) {
          service_->StartPolling();  // no-op while polling
        } else {
          service_->StopPolling();  // no-op when not polling
        }
        for (int i = 0; i < 5 && !stop_watching_; ++i)
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
    return Status::Ok();
  }

  void Stop() override {
    stop_watching_ = true;
    if (watcher_.joinable()) watcher_.join();
    service_->StopPolling();
    if (!pool_->Stop())
      spdlog::warn("some messenger sends were still running at shutdown; their leases will expire");
  }

 private:
  bool poll_ = true;
  jobs::LeaderLease* leader_ = nullptr;
  std::atomic<bool> stop_watching_{false};
  std::thread watcher_;  // with a leader: polls only while this node leads
  std::unique_ptr<messenger::MessengerService> service_;
  std::unique_ptr<jobs::WorkerPool> pool_;  // declared last: ends before the service
};

}  // namespace

std::unique_ptr<Module> NewMessengerModule() { return std::make_unique<MessengerModule>(); }

}  // namespace pol::app
