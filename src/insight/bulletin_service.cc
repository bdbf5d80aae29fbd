#include "insight/bulletin_service.h"

#include <algorithm>

#include "insight/bulletin_render.h"
#include "insight/dashboard_charts.h"
#include "report/chart.h"
#include "report/pdf_document.h"
#include "report/xlsx.h"

namespace pol::insight {

Status ValidateBulletinFormat(const std::string& format) {
  if (format == "pdf" || format == "xlsx" || format == "html") return Status::Ok();
  return InvalidArgument("invalid_format", "قالب بولتن باید pdf، xlsx یا html باشد.", "format");
}

BulletinService::BulletinService(const InsightService* insight, store::Database* db, Env* env,
                                 std::string font_dir)
    : insight_(insight), db_(db), env_(env), font_dir_(std::move(font_dir)) {}

StatusOr<std::shared_ptr<const report::Fonts>> BulletinService::LoadFonts() const {
  MutexLock lock(&mu_);
  if (!fonts_) {
    POL_ASSIGN_OR_RETURN(fonts_, report::Fonts::Load(font_dir_));
  }
  return fonts_;
}

StatusOr<BulletinFile> BulletinService::Render(const accounts::Actor& a, const BulletinRequest& req,
                                               const std::string& format) const {
  POL_RETURN_IF_ERROR(ValidateBulletinFormat(format));
  POL_ASSIGN_OR_RETURN(Bulletin b, BuildBulletin(*insight_, db_, env_, a, req));
  return RenderBuilt(std::move(b), format);
}

StatusOr<std::string> BulletinService::RenderChart(const accounts::Actor& a, const DashboardRequest& req,
                                                   std::string_view chart) const {
  if (std::find(std::begin(kDashboardCharts), std::end(kDashboardCharts), chart) ==
      std::end(kDashboardCharts))
    return InvalidArgument("invalid_chart", "این نمودار شناخته نیست.", "chart");
  POL_ASSIGN_OR_RETURN(Dashboard d, insight_->GetDashboard(a, req));
  POL_ASSIGN_OR_RETURN(report::ChartSpec spec, DashboardChart(d, chart));
  POL_ASSIGN_OR_RETURN(std::shared_ptr<const report::Fonts> fonts, LoadFonts());
  return report::ChartSvg(spec, *fonts, kChartWidth, kChartHeight);
}

StatusOr<BulletinFile> BulletinService::RenderBuilt(Bulletin b, const std::string& format) const {
  POL_RETURN_IF_ERROR(ValidateBulletinFormat(format));
  BulletinFile f;
  if (format == "pdf") {
    POL_ASSIGN_OR_RETURN(std::shared_ptr<const report::Fonts> fonts, LoadFonts());
    POL_ASSIGN_OR_RETURN(f.bytes, report::RenderPdf(BulletinPdf(b), *fonts));
    f.content_type = "application/pdf";
  } else if (format == "xlsx") {
    POL_ASSIGN_OR_RETURN(f.bytes, report::RenderXlsx(BulletinWorkbook(b)));
    f.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    f.bytes = BulletinHtml(b);
    f.content_type = "text/html; charset=utf-8";
  }
  f.file_name = BulletinFileName(b, format);
  f.bulletin = std::move(b);
  return f;
}

}  // namespace pol::insight
