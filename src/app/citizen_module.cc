// citizen: requests from citizens — the SMS gateway (settings sms.*) and its outbox for one-time
// codes, routing, the request service (settings citizen.*), its jobs on the shared pool, the SLA check
// every minute, and the citizens' pages (with the site's font); the staff API, pages and Open311 routes.
#include <spdlog/spdlog.h>

#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "citizen/portal.h"
#include "citizen/requests.h"
#include "citizen/sla_calendar.h"
#include "citizen/sms.h"

namespace pol::app {
namespace {

class CitizenModule final : public Module {
 public:
  std::string_view Name() const override { return "citizen"; }

  Status Init(Context& ctx) override {
    const CitizenSettings& s = ctx.settings->citizen;
    POL_ASSIGN_OR_RETURN(sms_, citizen::NewSmsProvider(s.sms));
    citizen::RequestOptions options = s.requests;
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
    return {{.name = "citizen sla",
             .every_ms = 60 * 1000,
             .fn = [r = requests_.get()] { return r->CheckSla().status(); },
             .once_per_cluster = true}};
  }

 private:
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
