// ScorecardService's files: a closed period's scorecard as PDF or XLSX (insight/scorecard_render.h).
#include "insight/scorecard.h"
#include "insight/scorecard_policy.h"
#include "insight/scorecard_render.h"
#include "report/pdf_document.h"
#include "report/xlsx.h"

namespace pol::insight {
namespace {

Status ValidateFormat(const std::string& format) {
  if (format == "pdf" || format == "xlsx") return Status::Ok();
  return InvalidArgument("invalid_format", "قالب کارنامه باید pdf یا xlsx باشد.", "format");
}

Status OpenError() {
  return FailedPrecondition(
      "scorecard_period_open",
      "کارنامه پس از بستن دوره به دست کمیته آماده می‌شود؛ این دوره هنوز باز است.");
}

}  // namespace

StatusOr<ScorecardFile> ScorecardService::Render(const ScorecardView& v, const std::string& format) const {
  ScorecardFile f;
  if (format == "pdf") {
    std::shared_ptr<const report::Fonts> fonts;
    {
      MutexLock lock(&mu_);
      if (!fonts_) {
        POL_ASSIGN_OR_RETURN(fonts_, report::Fonts::Load(font_dir_));
      }
      fonts = fonts_;
    }
    POL_ASSIGN_OR_RETURN(f.bytes, report::RenderPdf(ScorecardPdf(v, env_->NowMillis()), *fonts));
    f.content_type = "application/pdf";
  } else {
    POL_ASSIGN_OR_RETURN(f.bytes, report::RenderXlsx(ScorecardWorkbook(v)));
    f.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  f.file_name = ScorecardFileName(v, format);
  return f;
}

StatusOr<ScorecardFile> ScorecardService::Export(const accounts::Actor& a, int64_t period_id,
                                                 const std::string& format) const {
  POL_RETURN_IF_ERROR(ValidateFormat(format));
  POL_ASSIGN_OR_RETURN(ScorecardView v, GetPeriod(a, period_id));
  if (v.period.status != "closed") return OpenError();
  return Render(v, format);
}

StatusOr<ScorecardFile> ScorecardService::ExportByName(int64_t council_id, const std::string& name,
                                                       const std::string& format, ScorecardView* view) const {
  POL_RETURN_IF_ERROR(ValidateFormat(format));
  POL_ASSIGN_OR_RETURN(ScorecardPeriodName n, ParseScorecardPeriod(name));
  auto read = [&](store::Conn& c) -> StatusOr<ScorecardView> {
    POL_ASSIGN_OR_RETURN(auto p, store::FindScorecardPeriod(c, council_id, n.kind, n.year, n.season));
    if (!p) return NotFound("این دورهٔ ارزیابی برای این شورا ساخته نشده است.");
    return BuildView(c, *p);
  };
  POL_ASSIGN_OR_RETURN(ScorecardView v, db_->ReadValue(read));
  if (v.period.status != "closed") return OpenError();
  POL_ASSIGN_OR_RETURN(ScorecardFile f, Render(v, format));
  if (view) *view = std::move(v);
  return f;
}

}  // namespace pol::insight
