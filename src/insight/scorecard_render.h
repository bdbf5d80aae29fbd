// A scorecard (insight/scorecard.h) as PDF and XLSX through src/report/ — the same tables in both:
//   ranking   rank, agency, total, of (the most), previous total, Δ
//   one table per agency: index, sub-index, formula («دستی» for manual), raw value, points, of; totals
// The PDF (A4 landscape): title, council and period, a KPI strip (agencies, the best total, the mean),
// the ranking, a section per agency and the committee's signature block. The XLSX: a right-to-left
// sheet for the ranking (with a column chart of totals) and one for all the items.
//
// Thread-safety: pure functions over values.
#pragma once

#include <string>

#include "insight/scorecard.h"
#include "report/pdf_document.h"
#include "report/table.h"
#include "report/xlsx.h"

namespace pol::insight {

report::Table ScorecardRankingTable(const ScorecardView& v);
report::Table ScorecardAgencyTable(const AgencyScore& s);
report::Table ScorecardItemsTable(const ScorecardView& v);  // every agency's items, one row each

report::PdfDocument ScorecardPdf(const ScorecardView& v, int64_t made_at_ms);
report::Workbook ScorecardWorkbook(const ScorecardView& v);
// scorecard-<code>.<ext>, e.g. scorecard-1405-3.pdf
std::string ScorecardFileName(const ScorecardView& v, const std::string& ext);

}  // namespace pol::insight
