// The bulletin (insight/bulletin.h) as PDF, XLSX and an HTML e-mail. All three render the same tables
// (BulletinTables), so a number reads the same in every format.
//
// - PDF (report/pdf_document.h): the title and the council, the period, the Jalali date made; a KPI
//   strip of the headline numbers with Δ; the mentions-over-time chart (report/chart.h: a line with
//   spike markers, a stacked bar by tone for a single day); the must-read items; the alerts; the
//   emerging issues' table; the agencies table and a section per agency that has must-read items; the
//   citizens' snapshot; and, on a new page, the annex: the first kPdfAnnexRows mentions, a line saying
//   how many more the XLSX holds, and the total of all of them. A week of a busy province's press is
//   thousands of mentions — hundreds of printed pages nobody reads, and most of the PDF's time.
// - XLSX (report/xlsx.h): a right-to-left sheet per table (the emerging issues' on its own sheet), the
//   time series with a native line chart; the annex whole.
// - HTML: a complete document for an e-mail body — dir="rtl", inline styles only (mail clients drop
//   <style>), every text escaped (text/html_escape.h), links only for http(s) URLs, Persian digits.
//
// Thread-safety: pure functions over values.
#pragma once

#include <string>
#include <vector>

#include "insight/bulletin.h"
#include "report/pdf_document.h"
#include "report/table.h"
#include "report/xlsx.h"

namespace pol::insight {

struct BulletinTables {
  report::Table headline, must_read, agencies, alerts, citizens, requests_by_type, over_time, annex, emerging,
      top_terms, request_topics;
};
BulletinTables MakeBulletinTables(const Bulletin& b);

// The annex rows the PDF prints (the XLSX has every one).
inline constexpr size_t kPdfAnnexRows = 500;

report::PdfDocument BulletinPdf(const Bulletin& b);
report::Workbook BulletinWorkbook(const Bulletin& b);
std::string BulletinHtml(const Bulletin& b);
// A file name: bulletin-<period kind>-<first day yyyy-MM-dd, Latin digits>.<ext>
std::string BulletinFileName(const Bulletin& b, const std::string& ext);

// «مثبت», «خنثی», «منفی» (the code itself when unknown); «سراسری», «استانی», «محلی».
std::string ToneName(const std::string& tone);
std::string TierName(const std::string& tier);

}  // namespace pol::insight
