// scorecard: the PR units' scorecards (insight/scorecard.h, docs/insight.md "Scorecards") — templates,
// periods, manual scores and evidence, the closed snapshot and its PDF/XLSX. Evidence files live under
// DATA/scorecard-evidence; the PDF's fonts are loaded on the first export (report.font_dir). Its
// routes are registered here, not through api::Services/RegisterAll (app_test and openapi_test add
// them beside RegisterAll's).
#include <memory>

#include "api/scorecard_routes.h"
#include "app/modules.h"
#include "insight/scorecard.h"
#include "report/fonts.h"

namespace pol::app {
namespace {

class ScorecardModule final : public Module {
 public:
  std::string_view Name() const override { return "scorecard"; }

  Status Init(Context& ctx) override {
    scorecards_ = std::make_unique<insight::ScorecardService>(
        ctx.db, ctx.env, ctx.settings->data_dir,
        report::DefaultFontDir(ctx.settings->report_font_dir, ctx.settings->console_dir));
    return Status::Ok();
  }

  void RegisterRoutes(http::Router& r, const api::Services&) override {
    api::RegisterScorecardRoutes(r, scorecards_.get());
  }

 private:
  std::unique_ptr<insight::ScorecardService> scorecards_;
};

}  // namespace

std::unique_ptr<Module> NewScorecardModule() { return std::make_unique<ScorecardModule>(); }

}  // namespace pol::app
