// system: /healthz, /readyz, /metrics and the staff console (the web/ build in console_dir, served at
// /console/).
#include <spdlog/spdlog.h>

#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "http/static_files.h"

namespace pol::app {
namespace {

class SystemModule final : public Module {
 public:
  std::string_view Name() const override { return "system"; }

  Status Init(Context& ctx) override {
    console_.Load(ctx.settings->console_dir);
    if (console_.empty())
      spdlog::warn("staff console not found in '{}' (build web/ first)", ctx.settings->console_dir);
    ctx.services->console = &console_;
    return Status::Ok();
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override { api::RegisterSystemRoutes(r, s); }

 private:
  http::StaticFiles console_;
};

}  // namespace

std::unique_ptr<Module> NewSystemModule() { return std::make_unique<SystemModule>(); }

}  // namespace pol::app
