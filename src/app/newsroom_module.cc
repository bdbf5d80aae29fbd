// newsroom: releases and their workflow, the editorial calendar, scheduled publishing on the shared
// pool; the release and calendar routes.
#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "newsroom/calendar.h"
#include "newsroom/releases.h"

namespace pol::app {
namespace {

class NewsroomModule final : public Module {
 public:
  std::string_view Name() const override { return "newsroom"; }

  Status Init(Context& ctx) override {
    releases_ = std::make_unique<newsroom::ReleaseService>(ctx.db, ctx.env, ctx.queue);
    calendar_ = std::make_unique<newsroom::CalendarService>(ctx.db, ctx.env);
    ctx.services->releases = releases_.get();
    ctx.services->calendar = calendar_.get();
    return Status::Ok();
  }

  Status RegisterJobs(jobs::WorkerPool& shared) override {
    return newsroom::RegisterNewsroomJobs(shared, releases_.get());
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterReleaseRoutes(r, s);
    api::RegisterCalendarRoutes(r, s);
  }

 private:
  std::unique_ptr<newsroom::ReleaseService> releases_;
  std::unique_ptr<newsroom::CalendarService> calendar_;
};

}  // namespace

std::unique_ptr<Module> NewNewsroomModule() { return std::make_unique<NewsroomModule>(); }

}  // namespace pol::app
