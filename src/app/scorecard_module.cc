// scorecard: the PR units' scorecards (insight/scorecard.h, docs/insight.md "Scorecards") — templates,
// periods, manual scores and evidence, the closed snapshot and its PDF/XLSX. Evidence files live under
// DATA/scorecard-evidence; the PDF's fonts are loaded on the first export (report.font_dir). The service
// is published in api::Services (scorecards) and its routes are RegisterAll's.
#include <memory>

#include "api/routes.h"
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
    ctx.services->scorecards = scorecards_.get();
    return Status::Ok();
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterScorecardRoutes(r, s);
  }

 private:
  std::unique_ptr<insight::ScorecardService> scorecards_;
};

}  // namespace

std::unique_ptr<Module> NewScorecardModule() { return std::make_unique<ScorecardModule>(); }

}  // namespace pol::app
