// The report font: Vazirmatn (Regular and Bold TTF) loaded into a private fontconfig configuration.
//
// Contract: Fonts::Load(font_dir) reads Vazirmatn-Regular.ttf and Vazirmatn-Bold.ttf from `font_dir`
// with FcConfigAppFontAddFile into a fontconfig configuration of its own (no system font is
// consulted, so nothing ever falls back silently to a font without Persian glyphs) and builds a
// Pango font map over it. A missing or unreadable file is a Status (api code "report_font_missing")
// naming the path and the setting `report.font_dir` / POL_REPORT_FONT_DIR.
// DefaultFontDir(console_dir) is the console build's npm package: <console_dir>/../node_modules/
// vazirmatn/fonts/ttf (console_dir is web/dist), the way the site finds its woff2.
// Everything drawn by report/ (PDF pages, charts) takes a `const Fonts&`.
// Thread-safety: a loaded Fonts is immutable and may be shared by threads; drawing with it takes
// its internal lock (Pango font maps are not used concurrently), so renders through one Fonts are
// serialized. Load several Fonts for parallel rendering.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/mutex.h"
#include "base/status.h"

typedef struct _PangoFontMap PangoFontMap;
typedef struct _FcConfig FcConfig;

namespace pol::report {

inline constexpr std::string_view kFontFamily = "Vazirmatn";

class Fonts {
 public:
  [[nodiscard]] static StatusOr<std::shared_ptr<const Fonts>> Load(const std::string& font_dir);
  ~Fonts();
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;

  const std::string& dir() const { return dir_; }
  // The Pango font map; use only while holding lock().
  PangoFontMap* font_map() const { return font_map_; }
  Mutex& lock() const { return mu_; }

 private:
  Fonts() = default;
  std::string dir_;
  FcConfig* config_ = nullptr;
  PangoFontMap* font_map_ = nullptr;
  mutable Mutex mu_;
};

// <console_dir>/../node_modules/vazirmatn/fonts/ttf when `configured` is empty; else `configured`.
std::string DefaultFontDir(const std::string& configured, const std::string& console_dir);

}  // namespace pol::report
