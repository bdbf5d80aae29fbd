// council: councils and their member agencies; the council routes.
#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "council/councils.h"

namespace pol::app {
namespace {

class CouncilModule final : public Module {
 public:
  std::string_view Name() const override { return "council"; }

  Status Init(Context& ctx) override {
    councils_ = std::make_unique<council::CouncilService>(ctx.db, ctx.env);
    ctx.services->councils = councils_.get();
    return Status::Ok();
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override { api::RegisterCouncilRoutes(r, s); }

 private:
  std::unique_ptr<council::CouncilService> councils_;
};

}  // namespace

std::unique_ptr<Module> NewCouncilModule() { return std::make_unique<CouncilModule>(); }

}  // namespace pol::app
