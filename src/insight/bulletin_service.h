// BulletinService: builds a council's bulletin (insight/bulletin.h) and renders it as a file — PDF,
// XLSX or HTML — for the download route, `pol report bulletin` and the scheduled delivery; and draws the
// dashboard's charts as SVG for the console with the same fonts. The report
// fonts (report/fonts.h, setting report.font_dir) are loaded on the first PDF and kept; a missing font
// folder is `report_font_missing` for PDFs only (XLSX and HTML need no font).
//
// Bad input: `invalid_format` (not pdf, xlsx or html) and BuildBulletin's errors, all Persian.
// Thread-safety: thread-safe (the fonts are loaded under a lock; rendering through one Fonts is
// serialized by report/).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/mutex.h"
#include "base/thread_annotations.h"
#include "insight/bulletin.h"
#include "report/fonts.h"

namespace pol::insight {

struct BulletinFile {
  std::string bytes;
  std::string content_type;  // application/pdf, the XLSX type, text/html; charset=utf-8
  std::string file_name;     // bulletin-week-1403-07-01.pdf
  Bulletin bulletin;         // what was rendered
};

// InvalidArgument("invalid_format") unless `format` is pdf, xlsx or html.
[[nodiscard]] Status ValidateBulletinFormat(const std::string& format);

class BulletinService {
 public:
  BulletinService(const InsightService* insight, store::Database* db, Env* env, std::string font_dir);

  StatusOr<BulletinFile> Render(const accounts::Actor& a, const BulletinRequest& req,
                                const std::string& format) const;
  // Renders an already built bulletin.
  StatusOr<BulletinFile> RenderBuilt(Bulletin b, const std::string& format) const;
  // One chart of the dashboard `req` asks for (insight/dashboard_charts.h) as SVG, kChartWidth ×
  // kChartHeight CSS pixels: the console shows the same drawing the bulletin PDF prints. Errors: the
  // dashboard's, `invalid_chart`, `chart_empty`, `report_font_missing`.
  static constexpr int kChartWidth = 720, kChartHeight = 360;
  StatusOr<std::string> RenderChart(const accounts::Actor& a, const DashboardRequest& req,
                                    std::string_view chart) const;

 private:
  StatusOr<std::shared_ptr<const report::Fonts>> LoadFonts() const;

  const InsightService* insight_;
  store::Database* db_;
  Env* env_;
  std::string font_dir_;
  mutable Mutex mu_;
  mutable std::shared_ptr<const report::Fonts> fonts_ GUARDED_BY(mu_);
};

}  // namespace pol::insight
