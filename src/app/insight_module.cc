// insight: the read models over every capability — the dashboard and the records behind its numbers
// (src/insight, docs/insight.md). No jobs or periodic tasks yet: the dashboard reads the live tables.
#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "insight/dashboard.h"

namespace pol::app {
namespace {

class InsightModule final : public Module {
 public:
  std::string_view Name() const override { return "insight"; }

  Status Init(Context& ctx) override {
    insight_ = std::make_unique<insight::InsightService>(ctx.db, ctx.env);
    ctx.services->insight = insight_.get();
    return Status::Ok();
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override { api::RegisterInsightRoutes(r, s); }

 private:
  std::unique_ptr<insight::InsightService> insight_;
};

}  // namespace

std::unique_ptr<Module> NewInsightModule() { return std::make_unique<InsightModule>(); }

}  // namespace pol::app
