#include "report/fonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <unistd.h>

#include <filesystem>

namespace pol::report {
namespace {

Status FontMissing(const std::string& path) {
  return Status(
      StatusCode::kFailedPrecondition, "report_font_missing",
      "قلم وزیرمتن پیدا نشد: " + path +
          " (تنظیم report.font_dir یا POL_REPORT_FONT_DIR را به پوشهٔ fonts/ttf بسته‌ی vazirmatn بدهید)");
}

}  // namespace

StatusOr<std::shared_ptr<const Fonts>> Fonts::Load(const std::string& font_dir) {
  std::shared_ptr<Fonts> fonts(new Fonts());
  fonts->dir_ = font_dir;
  fonts->config_ = FcConfigCreate();
  if (fonts->config_ == nullptr)
    return Status(StatusCode::kInternal, "report_font_missing", "fontconfig آماده نشد.");
  for (const char* name : {"Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"}) {
    std::string path = (std::filesystem::path(font_dir) / name).string();
    if (font_dir.empty() || ::access(path.c_str(), R_OK) != 0) return FontMissing(path);
    if (!FcConfigAppFontAddFile(fonts->config_, reinterpret_cast<const FcChar8*>(path.c_str()))) {
      return FontMissing(path);
    }
  }
  fonts->font_map_ = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  if (fonts->font_map_ == nullptr) {
    return Status(StatusCode::kInternal, "report_render_failed", "نگاشت قلم Pango ساخته نشد.");
  }
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fonts->font_map_), fonts->config_);
  return std::shared_ptr<const Fonts>(std::move(fonts));
}

Fonts::~Fonts() {
  if (font_map_ != nullptr) g_object_unref(font_map_);
  if (config_ != nullptr) FcConfigDestroy(config_);
}

std::string DefaultFontDir(const std::string& configured, const std::string& console_dir) {
  if (!configured.empty()) return configured;
  return (std::filesystem::path(console_dir) / ".." / "node_modules" / "vazirmatn" / "fonts" / "ttf")
      .lexically_normal()
      .string();
}

}  // namespace pol::report
