// committee: the council's PR committee (committees, meetings, agenda, attendance, decisions, votes);
// its routes. It reads the newsroom's editorial calendar for the scheduling warnings.
#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "committee/committees.h"

namespace pol::app {
namespace {

class CommitteeModule final : public Module {
 public:
  std::string_view Name() const override { return "committee"; }

  Status Init(Context& ctx) override {
    committees_ = std::make_unique<committee::CommitteeService>(ctx.db, ctx.env, ctx.services->calendar);
    ctx.services->committees = committees_.get();
    return Status::Ok();
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterCommitteeRoutes(r, s);
  }

 private:
  std::unique_ptr<committee::CommitteeService> committees_;
};

}  // namespace

std::unique_ptr<Module> NewCommitteeModule() { return std::make_unique<CommitteeModule>(); }

}  // namespace pol::app
