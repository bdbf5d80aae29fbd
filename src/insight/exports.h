// The dashboard's widgets and the records behind a number as report::Table values, for CSV and XLSX
// through src/report (no cap: every record, every row). Headers are Persian; times are Jalali (Tehran)
// text; numbers stay numbers.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "insight/dashboard.h"
#include "report/table.h"
#include "report/xlsx.h"

namespace pol::insight {

// The widget codes a dashboard exports, in sheet order.
const std::vector<std::string>& WidgetCodes();
// One widget as a table; InvalidArgument "unknown_widget" for a code not in WidgetCodes().
StatusOr<report::Table> WidgetTable(const Dashboard& d, const std::string& widget);
// Every widget, one sheet each (right-to-left sheets; the KPI and time series with native charts).
report::Workbook DashboardWorkbook(const Dashboard& d);
// The records of a metric.
report::Table RecordsTable(const RecordPage& page);
// The Persian name of a metric ("" when unknown).
std::string MetricPersianName(const std::string& metric);

}  // namespace pol::insight
