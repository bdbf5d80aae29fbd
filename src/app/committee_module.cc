// committee: the council's PR committee (committees, meetings, agenda, attendance, decisions, votes);
// its routes. It reads the newsroom's editorial calendar for the scheduling warnings.
#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "committee/committees.h"
#include "committee/minutes.h"
#include "report/fonts.h"

namespace pol::app {
namespace {

class CommitteeModule final : public Module {
 public:
  std::string_view Name() const override { return "committee"; }

  Status Init(Context& ctx) override {
    committees_ = std::make_unique<committee::CommitteeService>(ctx.db, ctx.env, ctx.services->calendar);
    ctx.services->committees = committees_.get();
    // The minutes' PDF uses the report font (report.font_dir), loaded on the first PDF.
    minutes_ = std::make_unique<committee::MinutesService>(
        ctx.db, ctx.env, report::DefaultFontDir(ctx.settings->report_font_dir, ctx.settings->console_dir));
    ctx.services->minutes = minutes_.get();
    return Status::Ok();
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterCommitteeRoutes(r, s);
  }

 private:
  std::unique_ptr<committee::CommitteeService> committees_;
  std::unique_ptr<committee::MinutesService> minutes_;
};

}  // namespace

std::unique_ptr<Module> NewCommitteeModule() { return std::make_unique<CommitteeModule>(); }

}  // namespace pol::app
