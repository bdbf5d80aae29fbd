// site: the public news site (settings public_url, site.*); its pages, feeds and sitemap.
#include <filesystem>
#include <memory>
#include <string>

#include "api/routes.h"
#include "app/modules.h"
#include "site/site.h"

namespace pol::app {
namespace {

// The site's font: site.font when set, else the console build's Vazirmatn, else the npm package's.
std::string SiteFontFile(const std::string& configured, const std::string& console_dir) {
  namespace fs = std::filesystem;
  if (!configured.empty()) return configured;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(console_dir) / "assets", ec)) {
    std::string name = e.path().filename().string();
    if (name.starts_with("Vazirmatn") && name.find("wght") != std::string::npos && name.ends_with(".woff2")) {
      return e.path().string();
    }
  }
  fs::path npm = fs::path(console_dir) / ".." / "node_modules/vazirmatn/fonts/webfonts/Vazirmatn[wght].woff2";
  return fs::exists(npm, ec) ? npm.string() : "";
}

class SiteModule final : public Module {
 public:
  std::string_view Name() const override { return "site"; }

  Status Init(Context& ctx) override {
    site::SiteOptions options = ctx.settings->site;
    options.font_file = SiteFontFile(options.font_file, ctx.settings->console_dir);
    site_ = std::make_unique<site::Site>(ctx.db, ctx.env, options);
    ctx.services->site = site_.get();
    return Status::Ok();
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override { api::RegisterSiteRoutes(r, s); }

 private:
  std::unique_ptr<site::Site> site_;
};

}  // namespace

std::unique_ptr<Module> NewSiteModule() { return std::make_unique<SiteModule>(); }

}  // namespace pol::app
