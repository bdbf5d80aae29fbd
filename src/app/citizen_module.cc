// citizen: requests from citizens — the SMS gateway (settings sms.*) and its outbox for one-time
// codes, routing, the request service (settings citizen.*), its jobs on the shared pool, the SLA check
// every minute, and the citizens' pages (with the site's font); the staff API, pages and Open311 routes.
// Several nodes (PostgreSQL): the portal's key is one for the cluster (cluster_secrets, sealed under
// DATA/distribution.key), and the throttles and spent challenge tokens are counted in the database.
#include <spdlog/spdlog.h>

#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "citizen/portal.h"
#include "citizen/requests.h"
#include "citizen/sla_calendar.h"
#include "citizen/sms.h"
#include "distribution/secrets.h"
#include "jobs/model_reload.h"
#include "store/lease_repo.h"
#include "store/model_version_repo.h"
#include "store/throttle_repo.h"

namespace pol::app {
namespace {

class CitizenModule final : public Module {
 public:
  std::string_view Name() const override { return "citizen"; }

  Status Init(Context& ctx) override {
    const CitizenSettings& s = ctx.settings->citizen;
    POL_ASSIGN_OR_RETURN(sms_, citizen::NewSmsProvider(s.sms));
    citizen::RequestOptions options = s.requests;
    db_ = ctx.db;
    env_ = ctx.env;
    cluster_ = ctx.leader != nullptr;  // several nodes may share the database
    options.shared_throttles = cluster_;
    if (sms_) {
      outbox_ = std::make_unique<citizen::SmsOutbox>(sms_.get());
    } else {
      options.sms_unconfigured = true;
      spdlog::warn(
          "no SMS provider (POL_SMS_PROVIDER): citizens cannot receive one-time codes, so their requests are "
          "refused; set kavenegar, or log for development");
    }
    router_ = std::make_unique<citizen::Router>();
    requests_ = std::make_unique<citizen::RequestService>(ctx.db, ctx.env, ctx.queue, sms_.get(),
                                                          outbox_.get(), router_.get(), options);
    POL_RETURN_IF_ERROR(requests_->LoadRouting());
    citizen::PortalOptions portal = s.portal;
    if (ctx.services->site) portal.font_path = ctx.services->site->FontPath();
    POL_ASSIGN_OR_RETURN(portal.key, PortalKey(ctx));
    if (cluster_) portal.shared_tokens = ctx.db;
    portal_ = std::make_unique<citizen::Portal>(requests_.get(), ctx.env, portal);
    ctx.services->citizen = requests_.get();
    closures_ = std::make_unique<citizen::ClosureService>(ctx.db, ctx.env, requests_->calendar());
    ctx.services->closures = closures_.get();
    ctx.services->portal = portal_.get();
    return Status::Ok();
  }

  Status RegisterJobs(jobs::WorkerPool& shared) override {
    return citizen::RegisterCitizenJobs(shared, requests_.get());
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterCitizenRoutes(r, s);
    api::RegisterClosureRoutes(r, s);  // the SLA calendar's closures
  }

  std::vector<jobs::PeriodicTask> PeriodicTasks() override {
    std::vector<jobs::PeriodicTask> tasks = {{.name = "citizen sla",
                                              .every_ms = 60 * 1000,
                                              .fn = [r = requests_.get()] { return r->CheckSla().status(); },
                                              .once_per_cluster = true}};
    if (cluster_) {
      // Every node: its routing model and rules, when another node retrained or changed them.
      tasks.push_back(jobs::ModelReloadTask(db_, "citizen routing reload", {store::kRoutingModel}, 2000,
                                            [r = requests_.get()] { return r->LoadRouting(); }));
      // Once per cluster: the shared throttles' events older than any window (a day) and expired tokens.
      tasks.push_back({.name = "citizen throttles prune",
                       .every_ms = 10 * 60 * 1000,
                       .fn =
                           [db = db_, env = env_] {
                             const int64_t now = env->NowMillis();
                             return store::PruneThrottles(*db, now - 24LL * 3600 * 1000, now).status();
                           },
                       .once_per_cluster = true});
    }
    return tasks;
  }

 private:
  // The key the portal signs challenges and status cookies with: the same on every node and across
  // restarts — the first node's random key, stored in cluster_secrets sealed under DATA/distribution.key
  // (the key file every node shares with the data folder), so a database dump alone cannot forge them.
  // Several nodes with another key file than the one that sealed it cannot agree: refuse to start.
  StatusOr<std::string> PortalKey(Context& ctx) {
    POL_ASSIGN_OR_RETURN(auto box,
                         distribution::SecretBox::FromFile(ctx.settings->data_dir + "/distribution.key"));
    POL_ASSIGN_OR_RETURN(std::string sealed,
                         store::SharedSecret(*ctx.db, "citizen.portal_hmac",
                                             box.Seal(ctx.env->RandomBytes(32)), ctx.env->NowMillis()));
    auto key = box.Open(sealed);
    if (!key.ok() && !cluster_) {
      // One node (SQLite) whose key file was replaced: a key of this process, as before the key was stored.
      spdlog::error(
          "the citizens' portal key in the database is sealed under another distribution.key; "
          "challenges and status cookies use a key of this process until it is restored");
      return ctx.env->RandomBytes(32);
    }
    if (!key.ok()) {
      return FailedPrecondition(
          "portal_key",
          "کلید درگاه شهروندان در پایگاه داده با کلید دیگری مهر شده است؛ همهٔ گره‌ها باید فایل distribution.key "
          "پوشهٔ داده را مشترک داشته باشند (the portal key is sealed under another distribution.key)");
    }
    return *key;
  }

  store::Database* db_ = nullptr;
  Env* env_ = nullptr;
  bool cluster_ = false;
  std::unique_ptr<citizen::SmsProvider> sms_;
  std::unique_ptr<citizen::SmsOutbox> outbox_;  // after the provider: drains into it when destroyed
  std::unique_ptr<citizen::Router> router_;
  std::unique_ptr<citizen::RequestService> requests_;
  std::unique_ptr<citizen::Portal> portal_;
  std::unique_ptr<citizen::ClosureService> closures_;
};

}  // namespace

std::unique_ptr<Module> NewCitizenModule() { return std::make_unique<CitizenModule>(); }

}  // namespace pol::app
