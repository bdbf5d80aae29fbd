#include "insight/exports.h"

#include <map>

#include "text/jalali.h"

namespace pol::insight {
namespace {

using report::Cell;
using report::Column;
using report::Table;

Cell Num(double v) { return Cell(v); }
Cell Txt(std::string s) { return Cell(std::move(s)); }

Cell When(const std::optional<int64_t>& ms) {
  if (!ms) return Cell();
  text::LocalDateTime t = text::TehranFromUnix(*ms / 1000);
  int minutes = t.second_of_day / 60;
  const int h = minutes / 60, m = minutes % 60;
  std::string hm =
      std::string(h < 10 ? "0" : "") + std::to_string(h) + (m < 10 ? ":0" : ":") + std::to_string(m);
  return Txt(text::FormatJalali(text::ToJalali(t.date), "yyyy/MM/dd", true) + " " + hm);
}

const std::map<std::string, std::string>& MetricNames() {
  static const std::map<std::string, std::string> k = {
      {"releases_published", "خبرهای منتشرشده"},
      {"releases_picked_up", "خبرهای بازتاب‌یافته"},
      {"pickups", "بازتاب‌ها"},
      {"mentions", "اشاره‌های رسانه‌ای"},
      {"mentions_positive", "اشارهٔ مثبت"},
      {"mentions_neutral", "اشارهٔ خنثی"},
      {"mentions_negative", "اشارهٔ منفی"},
      {"deliveries_messenger", "ارسال در پیام‌رسان‌ها"},
      {"deliveries_email", "ارسال با رایانامه"},
      {"requests_received", "درخواست‌های مردمی"},
      {"requests_open", "درخواست‌های باز"},
      {"requests_overdue", "درخواست‌های دیرکرددار"},
      {"requests_closed", "درخواست‌های بسته‌شده"},
      {"requests_closed_in_sla", "بسته‌شده در مهلت"},
      {"requests_rated", "نظرسنجی‌های پاسخ‌داده"},
      {"releases_with_photo", "خبرهای دارای عکس"},
      {"requests_closed_reopened", "بسته‌شده‌های بازگشایی‌شده"},
      {"pickup_rate", "نرخ بازتاب"},
      {"net_tone", "لحن خالص"},
      {"sla_share", "سهم پاسخ در مهلت"},
      {"median_handling_minutes", "میانهٔ زمان رسیدگی (دقیقهٔ کاری)"},
      {"csat_mean", "میانگین رضایت (از ۵)"},
  };
  return k;
}

Table Figures(const Dashboard& d) {
  Table t{
      "شاخص‌ها",
      {{"شاخص"}, {"کد"}, {"این دوره"}, {"دورهٔ پیش"}, {"تغییر"}, {"درصد تغییر", report::Align::kAuto, 1, 1}},
      {},
      {}};
  for (const Figure& f : d.figures) {
    t.rows.push_back({Txt(MetricPersianName(f.metric)), Txt(f.metric), Num(f.value), Num(f.previous),
                      Num(f.value - f.previous),
                      f.previous > 0 ? Num(100.0 * (f.value - f.previous) / f.previous) : Cell()});
  }
  for (const Ratio& r : d.ratios) {
    t.rows.push_back({Txt(MetricPersianName(r.name)), Txt(r.name), r.value ? Num(*r.value) : Cell(),
                      r.previous ? Num(*r.previous) : Cell(),
                      r.value && r.previous ? Num(*r.value - *r.previous) : Cell(), Cell()});
  }
  for (auto& c : t.columns)
    if (c.header == "این دوره" || c.header == "دورهٔ پیش" || c.header == "تغییر") c.decimals = 2;
  return t;
}

Table OverTime(const Dashboard& d) {
  Table t{"اشاره‌ها در طول دوره",
          {{"روز"}, {"همه"}, {"مثبت"}, {"خنثی"}, {"منفی"}, {"جهش"}},
          {},
          {}};
  for (const TimePoint& p : d.mentions_over_time) {
    t.rows.push_back({Txt(text::FormatJalali(text::JalaliFromDays(p.first_day), "yyyy/MM/dd", true)),
                      Num(p.total), Num(p.positive), Num(p.neutral), Num(p.negative),
                      Txt(p.spike ? "جهش" : "")});
  }
  return t;
}

Table Buckets(std::string name, std::string key_header, const std::vector<store::InsightBucket>& v,
              bool percent, const std::string& empty_label = "—") {
  Table t{std::move(name), {{std::move(key_header)}, {"شمار"}}, {}, {}};
  if (percent) t.columns.push_back({"درصد", report::Align::kAuto, 1, 1});
  int64_t all = 0;
  for (const auto& b : v) all += b.count;
  for (const auto& b : v) {
    std::vector<Cell> row{Txt(b.label.empty() ? empty_label : b.label), Num(b.count)};
    if (percent) row.push_back(all > 0 ? Num(100.0 * b.count / all) : Cell());
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table RecordList(std::string name, const std::vector<store::InsightRecord>& v) {
  RecordPage p;
  p.items = v;
  Table t = RecordsTable(p);
  t.name = std::move(name);
  return t;
}

}  // namespace

std::string MetricPersianName(const std::string& metric) {
  auto it = MetricNames().find(metric);
  return it == MetricNames().end() ? "" : it->second;
}

const std::vector<std::string>& WidgetCodes() {
  static const std::vector<std::string> k = {"figures",        "mentions_over_time", "share_of_voice",
                                             "top_outlets",    "top_negative",       "best_releases",
                                             "worst_releases", "requests_by_type",   "requests_by_agency"};
  return k;
}

StatusOr<Table> WidgetTable(const Dashboard& d, const std::string& w) {
  if (w == "figures") return Figures(d);
  if (w == "mentions_over_time") return OverTime(d);
  if (w == "share_of_voice") return Buckets("سهم صدا", "دستگاه", d.share_of_voice, true);
  if (w == "top_outlets") return Buckets("رسانه‌های پرتکرار", "رسانه", d.top_outlets, false);
  if (w == "top_negative") return RecordList("اشاره‌های منفی", d.top_negative);
  if (w == "best_releases") return RecordList("پربازتاب‌ترین خبرها", d.best_releases);
  if (w == "worst_releases") return RecordList("کم‌بازتاب‌ترین خبرها", d.worst_releases);
  if (w == "requests_by_type")
    return Buckets("درخواست‌ها به تفکیک نوع", "نوع", d.requests_by_type, true);
  if (w == "requests_by_agency")
    return Buckets("درخواست‌ها به تفکیک دستگاه", "دستگاه", d.requests_by_agency, true,
                   "میز شورا");
  return InvalidArgument("unknown_widget", "این بخش داشبورد شناخته نیست.", "widget");
}

report::Workbook DashboardWorkbook(const Dashboard& d) {
  report::Workbook wb;
  wb.title = "داشبورد " + PeriodLabel(d.period);
  wb.author = "پل";
  for (const std::string& w : WidgetCodes()) {
    report::XlsxSheet sheet{*WidgetTable(d, w), std::nullopt};
    if (w == "mentions_over_time" && !sheet.table.rows.empty())
      sheet.chart = report::XlsxChart{report::XlsxChart::Kind::kLine, "اشاره‌ها", 0, {1, 4}};
    wb.sheets.push_back(std::move(sheet));
  }
  return wb;
}

Table RecordsTable(const RecordPage& page) {
  Table t{MetricPersianName(page.metric).empty() ? "رکوردها" : MetricPersianName(page.metric),
          {{"نوع"},
           {"شناسه"},
           {"عنوان"},
           {"زمان"},
           {"دستگاه"},
           {"برچسب"},
           {"لحن"},
           {"نشانی"},
           {"شناسهٔ مرتبط"},
           {"مقدار"}},
          {},
          {}};
  for (const store::InsightRecord& r : page.items) {
    t.rows.push_back({Txt(r.kind), Num(static_cast<double>(r.id)), Txt(r.title), When(r.at),
                      r.agency_id ? Num(static_cast<double>(*r.agency_id)) : Cell(), Txt(r.label),
                      Txt(r.tone), Txt(r.url),
                      r.related_id ? Num(static_cast<double>(*r.related_id)) : Cell(),
                      r.value ? Num(static_cast<double>(*r.value)) : Cell()});
  }
  return t;
}

}  // namespace pol::insight
