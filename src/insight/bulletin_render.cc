#include "insight/bulletin_render.h"

#include <map>

#include "insight/dashboard_charts.h"
#include "insight/dashboard_terms.h"
#include "insight/emerging_table.h"
#include "insight/exports.h"
#include "text/jalali.h"
#include "text/number_words.h"

namespace pol::insight {
namespace {

using report::Cell;
using report::Table;

Cell Num(double v) { return Cell(v); }
Cell Num(int64_t v) { return Cell(static_cast<double>(v)); }
Cell Txt(std::string s) { return Cell(std::move(s)); }

// «۱۴۰۳/۰۷/۱۵ ۰۹:۰۵» in Tehran time.
std::string WhenText(const std::optional<int64_t>& ms) {
  if (!ms) return "";
  text::LocalDateTime t = text::TehranFromUnix(*ms / 1000);
  const int h = t.second_of_day / 3600, m = t.second_of_day / 60 % 60;
  std::string hm =
      std::string(h < 10 ? "0" : "") + std::to_string(h) + (m < 10 ? ":0" : ":") + std::to_string(m);
  return text::FormatJalali(text::ToJalali(t.date), "yyyy/MM/dd") + " " + text::ToPersianDigits(hm);
}

Cell Percent(int64_t value, int64_t previous) {
  return previous > 0 ? Num(100.0 * static_cast<double>(value - previous) / static_cast<double>(previous))
                      : Cell();
}

const char* const kHeadline[] = {
    "releases_published", "releases_picked_up",   "pickups",          "mentions",         "mentions_positive",
    "mentions_negative",  "deliveries_messenger", "deliveries_email", "requests_received"};

Table Headline(const Bulletin& b) {
  Table t{"اعداد اصلی",
          {{"شاخص", report::Align::kStart, 3},
           {"این دوره"},
           {"دورهٔ پیش"},
           {"تغییر"},
           {"درصد تغییر", report::Align::kAuto, 1, 1}},
          {},
          {}};
  for (const char* m : kHeadline) {
    Figure f = b.Get(m);
    t.rows.push_back({Txt(MetricPersianName(m)), Num(f.value), Num(f.previous), Num(f.value - f.previous),
                      Percent(f.value, f.previous)});
  }
  return t;
}

Table ItemTable(std::string name, const std::vector<store::MustReadItem>& items) {
  Table t{std::move(name),
          {{"عنوان", report::Align::kStart, 4},
           {"رسانه", report::Align::kStart, 1.5},
           {"رده"},
           {"زمان", report::Align::kStart, 1.6},
           {"لحن"},
           {"پیوند", report::Align::kStart, 2.5}},
          {},
          {}};
  for (const store::MustReadItem& it : items) {
    t.rows.push_back({Txt(it.record.title), Txt(it.record.label), Txt(TierName(it.tier)),
                      Txt(WhenText(it.record.at)), Txt(ToneName(it.record.tone)), Txt(it.record.url)});
  }
  return t;
}

Table Agencies(const Bulletin& b) {
  Table t{"دستگاه‌ها",
          {{"دستگاه", report::Align::kStart, 3},
           {"خبر"},
           {"بازتاب"},
           {"اشاره"},
           {"اشارهٔ منفی"},
           {"درخواست"},
           {"بسته‌شده"},
           {"دیرکرد"}},
          {},
          {}};
  for (const AgencySection& a : b.agencies) {
    std::vector<Cell> row{Txt(a.name)};
    for (const Figure& f : a.figures) row.push_back(Num(f.value));
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table Alerts(const Bulletin& b) {
  Table t{"هشدارها", {{"ردیف"}, {"هشدار", report::Align::kStart, 8}}, {}, {}};
  for (size_t i = 0; i < b.alerts.size(); ++i)
    t.rows.push_back({Num(static_cast<double>(i + 1)), Txt(b.alerts[i])});
  return t;
}

Cell OptNum(const std::optional<double>& v) { return v ? Num(*v) : Cell(); }

Table Citizens(const Bulletin& b) {
  Table t{"درخواست‌های مردمی",
          {{"شاخص", report::Align::kStart, 3},
           {"این دوره", report::Align::kAuto, 1, 1},
           {"دورهٔ پیش", report::Align::kAuto, 1, 1}},
          {},
          {}};
  for (const char* m : {"requests_received", "requests_open", "requests_overdue", "requests_closed",
                        "requests_closed_in_sla", "requests_rated"}) {
    Figure f = b.Get(m);
    t.rows.push_back({Txt(MetricPersianName(m)), Num(f.value), Num(f.previous)});
  }
  Ratio sla = b.GetRatio("sla_share");
  t.rows.push_back({Txt("درصد پاسخ در مهلت"), sla.value ? Num(100 * *sla.value) : Cell(),
                    sla.previous ? Num(100 * *sla.previous) : Cell()});
  for (const char* r : {"median_handling_minutes", "csat_mean"}) {
    Ratio x = b.GetRatio(r);
    t.rows.push_back({Txt(MetricPersianName(r)), OptNum(x.value), OptNum(x.previous)});
  }
  return t;
}

Table ByType(const Bulletin& b) {
  Table t{
      "درخواست‌ها به تفکیک نوع", {{"نوع", report::Align::kStart, 2}, {"شمار"}}, {}, {}};
  int64_t all = 0;
  for (const auto& x : b.dashboard.requests_by_type) {
    t.rows.push_back({Txt(x.label), Num(x.count)});
    all += x.count;
  }
  t.totals = {Txt("جمع"), Num(all)};
  return t;
}

Table OverTime(const Bulletin& b) {
  Table t{"اشاره‌ها در طول دوره",
          {{"روز", report::Align::kStart, 2}, {"همه"}, {"مثبت"}, {"خنثی"}, {"منفی"}},
          {},
          {}};
  int64_t all = 0, pos = 0, neu = 0, neg = 0;
  for (const TimePoint& p : b.dashboard.mentions_over_time) {
    t.rows.push_back({Txt(text::FormatJalali(text::JalaliFromDays(p.first_day), "yyyy/MM/dd")), Num(p.total),
                      Num(p.positive), Num(p.neutral), Num(p.negative)});
    all += p.total, pos += p.positive, neu += p.neutral, neg += p.negative;
  }
  t.totals = {Txt("جمع"), Num(all), Num(pos), Num(neu), Num(neg)};
  return t;
}

Table Annex(const Bulletin& b) {
  Table t{"پیوست اشاره‌های دوره",
          {{"ردیف"},
           {"عنوان", report::Align::kStart, 4},
           {"رسانه", report::Align::kStart, 1.5},
           {"زمان", report::Align::kStart, 1.6},
           {"لحن"},
           {"پیوند", report::Align::kStart, 2.5}},
          {},
          {}};
  for (size_t i = 0; i < b.annex.size(); ++i) {
    const store::InsightRecord& r = b.annex[i];
    t.rows.push_back({Num(static_cast<double>(i + 1)), Txt(r.title), Txt(r.label), Txt(WhenText(r.at)),
                      Txt(ToneName(r.tone)), Txt(r.url)});
  }
  t.totals = {Txt("جمع"), Num(static_cast<double>(b.annex.size()))};
  return t;
}

report::ChartSpec MentionsChart(const Bulletin& b) {
  // The console's chart (insight/dashboard_charts.h); a bulletin without mentions draws empty axes.
  StatusOr<report::ChartSpec> c = DashboardChart(b.dashboard, "mentions_over_time");
  if (c.ok()) return *std::move(c);
  report::ChartSpec empty;
  empty.title = "اشاره‌های رسانه‌ای در طول دوره";
  return empty;
}

report::Kpi KpiOf(const Bulletin& b, const char* metric, bool higher_is_better = true) {
  Figure f = b.Get(metric);
  return report::Kpi{MetricPersianName(metric),
                     report::FormatNumber(static_cast<double>(f.value)),
                     static_cast<double>(f.value - f.previous),
                     0,
                     false,
                     higher_is_better};
}

// "Counted on 5 of the period's 7 days": the terms' roll-up is filled by a job, so a fresh server may
// not have counted the whole period yet ("" when it has).
std::string TermsCoverage(const Bulletin& b) {
  if (b.terms.days_counted >= b.terms.days) return "";
  return "واژه‌ها در " + report::FormatNumber(static_cast<double>(b.terms.days_counted)) +
         " روز از " + report::FormatNumber(static_cast<double>(b.terms.days)) +
         " روز دوره شمرده شده‌اند.";
}

}  // namespace

std::string ToneName(const std::string& tone) {
  if (tone == "positive") return "مثبت";
  if (tone == "neutral") return "خنثی";
  if (tone == "negative") return "منفی";
  return tone;
}

std::string TierName(const std::string& tier) {
  if (tier == "national") return "سراسری";
  if (tier == "provincial") return "استانی";
  if (tier == "local") return "محلی";
  return tier.empty() ? "—" : tier;
}

BulletinTables MakeBulletinTables(const Bulletin& b) {
  std::map<int64_t, std::string> names;
  for (const AgencySection& a : b.agencies) names[a.agency_id] = a.name;
  return {Headline(b),
          ItemTable("خواندنی‌ها", b.must_read),
          Agencies(b),
          Alerts(b),
          Citizens(b),
          ByType(b),
          OverTime(b),
          Annex(b),
          EmergingIssuesTable(b.emerging, names),
          TermsTable(b.terms, "top_terms"),
          TermsTable(b.terms, "request_topics")};
}

report::PdfDocument BulletinPdf(const Bulletin& b) {
  using namespace report;
  BulletinTables t = MakeBulletinTables(b);
  PdfDocument doc;
  doc.title = BulletinTitle(b.period) + " — " + b.council_name;
  doc.date = text::JalaliFromUnix(b.made_at_ms / 1000);
  doc.author = b.council_name;
  doc.orientation = Orientation::kLandscape;
  Ratio rate = b.GetRatio("pickup_rate");
  Kpi rate_kpi{
      "نرخ بازتاب",
      rate.value ? FormatPercent(*rate.value) : "—",
      rate.value && rate.previous ? std::optional<double>(*rate.value - *rate.previous) : std::nullopt,
      0,
      true,
      true};
  doc.blocks = {
      Title{BulletinTitle(b.period), b.council_name + " — " + PeriodLabel(b.period)},
      Paragraph{"دوره: " + text::FormatJalali(b.period.first) + " تا " + text::FormatJalali(b.period.last) +
                    "؛ مقایسه با " + PeriodLabel(b.previous) + ". تهیه‌شده در " +
                    WhenText(b.made_at_ms) + ".",
                false, true},
      KpiStrip{{KpiOf(b, "releases_published"), KpiOf(b, "pickups"), rate_kpi, KpiOf(b, "mentions"),
                KpiOf(b, "mentions_negative", false), KpiOf(b, "requests_received")}},
      ChartBlock{MentionsChart(b), 70},
      TableBlock{t.headline},
      Heading{"خواندنی‌ها", 1},
  };
  if (b.must_read.empty())
    doc.blocks.push_back(
        Paragraph{"در این دوره اشاره‌ای ثبت نشده است.", false, true});
  else
    doc.blocks.push_back(TableBlock{t.must_read, true, false});
  doc.blocks.push_back(Heading{"هشدارها", 1});
  if (b.alerts.empty()) doc.blocks.push_back(Paragraph{"هشداری نیست.", false, true});
  for (const std::string& a : b.alerts) doc.blocks.push_back(Paragraph{"• " + a});
  doc.blocks.push_back(Heading{"موضوعات نوظهور", 1});
  if (b.emerging.empty())
    doc.blocks.push_back(Paragraph{"در این دوره موضوع نوظهوری دیده نشد.", false, true});
  else
    doc.blocks.push_back(TableBlock{t.emerging, true, false});
  doc.blocks.push_back(Heading{"واژه‌های پرتکرار", 1});
  if (t.top_terms.rows.empty())
    doc.blocks.push_back(
        Paragraph{"واژه‌ای برای این دوره شمرده نشده است.", false, true});
  else
    doc.blocks.push_back(TableBlock{t.top_terms, true, false});
  if (const std::string note = TermsCoverage(b); !note.empty())
    doc.blocks.push_back(Paragraph{note, false, true});
  doc.blocks.push_back(Heading{"دستگاه‌ها", 1});
  doc.blocks.push_back(TableBlock{t.agencies});
  for (const AgencySection& a : b.agencies) {
    if (a.must_read.empty()) continue;
    doc.blocks.push_back(Heading{a.name, 2});
    doc.blocks.push_back(TableBlock{ItemTable(a.name, a.must_read), true, false});
  }
  doc.blocks.push_back(Heading{"میز مردمی", 1});
  doc.blocks.push_back(TableBlock{t.citizens});
  if (!t.requests_by_type.rows.empty()) doc.blocks.push_back(TableBlock{t.requests_by_type});
  if (!t.request_topics.rows.empty()) doc.blocks.push_back(TableBlock{t.request_topics});
  doc.blocks.push_back(PageBreak{});
  if (t.annex.rows.size() > kPdfAnnexRows) {
    const size_t more = t.annex.rows.size() - kPdfAnnexRows;
    t.annex.rows.resize(kPdfAnnexRows);  // the totals row still counts them all
    doc.blocks.push_back(TableBlock{t.annex});
    doc.blocks.push_back(Paragraph{"… و " + report::FormatNumber(static_cast<double>(more)) +
                                       " اشارهٔ دیگر؛ فهرست کامل در نسخهٔ XLSX همین بولتن.",
                                   false, true});
  } else {
    doc.blocks.push_back(TableBlock{t.annex});
  }
  return doc;
}

report::Workbook BulletinWorkbook(const Bulletin& b) {
  BulletinTables t = MakeBulletinTables(b);
  report::Workbook wb;
  wb.title = BulletinTitle(b.period) + " " + PeriodLabel(b.period);
  wb.author = b.council_name;
  for (Table* x : {&t.headline, &t.must_read, &t.agencies, &t.alerts, &t.emerging, &t.top_terms, &t.citizens,
                   &t.requests_by_type, &t.request_topics})
    wb.sheets.push_back({*x, std::nullopt});
  report::XlsxSheet over{t.over_time, std::nullopt};
  if (!t.over_time.rows.empty())
    over.chart = report::XlsxChart{report::XlsxChart::Kind::kLine, "اشاره‌ها", 0, {1, 4}};
  wb.sheets.push_back(std::move(over));
  wb.sheets.push_back({t.annex, std::nullopt});
  return wb;
}

std::string BulletinFileName(const Bulletin& b, const std::string& ext) {
  return "bulletin-" + std::string(PeriodKindName(b.period.kind)) + "-" +
         text::FormatJalali(b.period.first, "yyyy-MM-dd", true) + "." + ext;
}

}  // namespace pol::insight
