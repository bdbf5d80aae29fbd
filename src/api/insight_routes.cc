// /api/v1/insight: the dashboard of a council or an agency over a Jalali period, and the records behind
// each of its numbers (same query + ?metric=).
//   ?council_id= | ?agency_id=   whose dashboard
//   ?period=day|week|month|season|year|custom (default month) &date=JALALI | &from=JALALI&to=JALALI
//   ?granularity=day|week|month  ?tier=national|provincial|local
//   records only: ?metric= (store/insight_repo.h) &outlet= &tone= &type= and ?page=&per_page= (without
//   them, every record: exports have no cap)
#include "api/routes.h"

#include "api/json_io.h"
#include "insight/bulletin_service.h"
#include "insight/dashboard_terms.h"
#include "insight/exports.h"
#include "insight/requests_by_channel.h"
#include "report/csv.h"
#include "report/xlsx.h"
#include "text/jalali.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

StatusOr<insight::DashboardRequest> ParseRequest(const Request& req) {
  insight::DashboardRequest r;
  POL_ASSIGN_OR_RETURN(r.council_id, QueryId(req, "council_id"));
  POL_ASSIGN_OR_RETURN(r.agency_id, QueryId(req, "agency_id"));
  r.period.kind = QueryFilter(req, "period").value_or("month");
  r.period.date = QueryFilter(req, "date");
  r.period.from = QueryFilter(req, "from");
  r.period.to = QueryFilter(req, "to");
  r.granularity = QueryFilter(req, "granularity").value_or("day");
  r.tier = QueryFilter(req, "tier");
  r.outlet = QueryFilter(req, "outlet");
  r.tone = QueryFilter(req, "tone");
  r.request_type = QueryFilter(req, "type");
  return r;
}

std::string JalaliDay(int64_t day) {
  return text::FormatJalali(text::JalaliFromDays(day), "yyyy/MM/dd", true);
}

Json PeriodJson(const insight::Period& p) {
  return Json{{"kind", insight::PeriodKindName(p.kind)},
              {"first", text::FormatJalali(p.first, "yyyy/MM/dd", true)},
              {"last", text::FormatJalali(p.last, "yyyy/MM/dd", true)},
              {"label", insight::PeriodLabel(p)},
              {"days", p.days()},
              {"from", p.from_ms},
              {"to", p.to_ms}};
}

Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(); }

Json RecordJson(const store::InsightRecord& r) {
  return Json{{"kind", r.kind},
              {"id", r.id},
              {"title", r.title},
              {"at", OptJson(r.at)},
              {"agency_id", OptJson(r.agency_id)},
              {"label", r.label},
              {"tone", r.tone},
              {"url", r.url},
              {"related_id", OptJson(r.related_id)},
              {"end_at", OptJson(r.end_at)},
              {"value", OptJson(r.value)}};
}

Json Records(const std::vector<store::InsightRecord>& v) {
  Json out = Json::array();
  for (const auto& r : v) out.push_back(RecordJson(r));
  return out;
}

Json DashboardJson(const insight::Dashboard& d) {
  Json figures = Json::array(), ratios = Json::array(), time = Json::array(), sov = Json::array(),
       outlets = Json::array(), by_type = Json::array(), by_agency = Json::array();
  for (const auto& f : d.figures) {
    figures.push_back({{"metric", f.metric},
                       {"value", f.value},
                       {"previous", f.previous},
                       {"delta", f.value - f.previous},
                       {"percent", f.previous > 0 ? Json(100.0 * static_cast<double>(f.value - f.previous) /
                                                         static_cast<double>(f.previous))
                                                  : Json()}});
  }
  for (const auto& r : d.ratios) {
    ratios.push_back({{"name", r.name},
                      {"value", Opt(r.value)},
                      {"previous", Opt(r.previous)},
                      {"delta", r.value && r.previous ? Json(*r.value - *r.previous) : Json()}});
  }
  for (const auto& p : d.mentions_over_time) {
    time.push_back({{"day", JalaliDay(p.first_day)},
                    {"total", p.total},
                    {"positive", p.positive},
                    {"neutral", p.neutral},
                    {"negative", p.negative},
                    {"spike", p.spike}});
  }
  int64_t voice = 0;
  for (const auto& b : d.share_of_voice) voice += b.count;
  for (const auto& b : d.share_of_voice) {
    sov.push_back(
        {{"agency_id", std::stoll(b.key)},
         {"name", b.label},
         {"count", b.count},
         {"percent", voice > 0 ? 100.0 * static_cast<double>(b.count) / static_cast<double>(voice) : 0.0}});
  }
  for (const auto& b : d.top_outlets) outlets.push_back({{"outlet", b.key}, {"count", b.count}});
  for (const auto& b : d.requests_by_type) by_type.push_back({{"type", b.key}, {"count", b.count}});
  for (const auto& b : d.requests_by_agency) {
    by_agency.push_back({{"agency_id", b.key.empty() ? Json() : Json(std::stoll(b.key))},
                         {"name", b.label},
                         {"count", b.count}});
  }
  return Json{{"council_id", d.council_id},
              {"agency_id", OptJson(d.agency_id)},
              {"period", PeriodJson(d.period)},
              {"previous", PeriodJson(d.previous)},
              {"granularity", d.granularity},
              {"figures", figures},
              {"ratios", ratios},
              {"mentions_over_time", time},
              {"share_of_voice", sov},
              {"top_outlets", outlets},
              {"top_negative", Records(d.top_negative)},
              {"best_releases", Records(d.best_releases)},
              {"worst_releases", Records(d.worst_releases)},
              {"requests_by_type", by_type},
              {"requests_by_agency", by_agency}};
}

constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Json TermsJson(const std::vector<insight::TermDelta>& rows) {
  Json out = Json::array();
  for (const auto& t : rows)
    out.push_back({{"term", t.term},
                   {"value", t.value},
                   {"previous", t.previous},
                   {"delta", t.value - t.previous},
                   {"percent", Opt(t.percent)}});
  return out;
}

bool IsTermsWidget(const std::string& w) { return w == "top_terms" || w == "request_topics"; }

StatusOr<std::string> Format(const Request& req) {
  std::string f = QueryFilter(req, "format").value_or("csv");
  if (f != "csv" && f != "xlsx")
    return InvalidArgument("invalid_format", "قالب خروجی باید csv یا xlsx باشد.", "format");
  return f;
}

// A download: the file in `format` named insight-<name>.<format>.
StatusOr<Response> Download(const std::string& format, const std::string& name, const report::Workbook& wb) {
  std::string body;
  if (format == "csv") {
    POL_ASSIGN_OR_RETURN(body, report::RenderCsv(wb.sheets.at(0).table));
  } else {
    POL_ASSIGN_OR_RETURN(body, report::RenderXlsx(wb));
  }
  Response r = Response::Text(std::move(body), format == "csv" ? "text/csv; charset=utf-8" : kXlsxType);
  r.With("Content-Disposition", "attachment; filename=\"insight-" + name + "." + format + "\"");
  return r;
}

}  // namespace

void RegisterInsightRoutes(http::Router& r, const Services& s) {
  const insight::InsightService* insight = s.insight;
  store::Database* db = s.db;
  r.Add(V::get, "/api/v1/insight/dashboard", Access::kSession, [insight, db](Request& req) {
    POL_TRY(auto q, ParseRequest(req));
    POL_TRY(auto d, insight->GetDashboard(ActorOf(req), q));
    Json out = DashboardJson(d);
    // The citizens' panel per channel (web, telegram, bale: the messenger bots).
    POL_TRY(auto by_channel, insight::RequestsByChannel(db, d));
    out["requests_by_channel"] = Json::array();
    for (const auto& b : by_channel)
      out["requests_by_channel"].push_back({{"channel", b.key}, {"count", b.count}});
    // Top terms with Δ and the top topics of requests (the emerging issues' daily roll-up).
    POL_TRY(auto terms, insight::TermsOfDashboard(db, d));
    out["top_terms"] = TermsJson(terms.top_terms);
    out["request_topics"] = TermsJson(terms.request_topics);
    out["terms_coverage"] = {{"days", terms.days},
                             {"days_counted", terms.days_counted},
                             {"previous_days_counted", terms.previous_days_counted}};
    return Response::MakeJson(out);
  });
  r.Add(V::get, "/api/v1/insight/records", Access::kSession, [insight](Request& req) {
    POL_TRY(auto q, ParseRequest(req));
    const std::string metric = QueryFilter(req, "metric").value_or("");
    int64_t limit = -1, offset = 0;
    if (req.Query("page") || req.Query("per_page")) {
      POL_TRY(Paging p, ParsePaging(req));
      limit = p.limit();
      offset = p.offset();
    }
    POL_TRY(auto page, insight->Records(ActorOf(req), q, metric, limit, offset));
    return Response::MakeJson(
        Json{{"metric", page.metric}, {"total", page.total}, {"items", Records(page.items)}});
  });
  // ?format=csv|xlsx&widget=… (the same query as the dashboard); xlsx without a widget: every widget, a
  // sheet each.
  r.Add(V::get, "/api/v1/insight/dashboard/export", Access::kSession, [insight, db](Request& req) {
    POL_TRY(auto q, ParseRequest(req));
    POL_TRY(std::string format, Format(req));
    std::optional<std::string> widget = QueryFilter(req, "widget");
    if (!widget && format == "csv")
      return Response::Error(
          InvalidArgument("missing_field", "برای CSV بخش داشبورد (widget) را بدهید.", "widget"));
    POL_TRY(auto d, insight->GetDashboard(ActorOf(req), q));
    report::Workbook wb;
    if (widget && IsTermsWidget(*widget)) {
      POL_TRY(auto terms, insight::TermsOfDashboard(db, d));
      wb.sheets.push_back({insight::TermsTable(terms, *widget), std::nullopt});
    } else if (widget) {
      POL_TRY(report::Table t, insight::WidgetTable(d, *widget));
      wb.sheets.push_back({std::move(t), std::nullopt});
    } else {
      wb = insight::DashboardWorkbook(d);
      POL_TRY(auto terms, insight::TermsOfDashboard(db, d));
      for (const char* w : {"top_terms", "request_topics"})
        wb.sheets.push_back({insight::TermsTable(terms, w), std::nullopt});
    }
    POL_TRY(Response out, Download(format, widget.value_or("dashboard"), wb));
    return out;
  });
  // ?chart=…, with the dashboard's query: one chart as SVG (insight/dashboard_charts.h), the drawing the
  // bulletin PDF prints. The console shows it as an <img>; Cairo's SVG holds only shapes.
  const insight::BulletinService* bulletins = s.bulletins;
  r.Add(V::get, "/api/v1/insight/dashboard/chart", Access::kSession, [bulletins](Request& req) {
    POL_TRY(auto q, ParseRequest(req));
    const std::string chart = QueryFilter(req, "chart").value_or("");
    POL_TRY(std::string svg, bulletins->RenderChart(ActorOf(req), q, chart));
    return Response::Text(std::move(svg), "image/svg+xml")
        .With("Cache-Control", "private, max-age=60")
        .With("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  });
  // ?metric=…&format=csv|xlsx: every record behind the number (no cap).
  r.Add(V::get, "/api/v1/insight/records/export", Access::kSession, [insight](Request& req) {
    POL_TRY(auto q, ParseRequest(req));
    POL_TRY(std::string format, Format(req));
    const std::string metric = QueryFilter(req, "metric").value_or("");
    POL_TRY(auto page, insight->Records(ActorOf(req), q, metric, -1, 0));
    report::Workbook wb;
    wb.title = insight::MetricPersianName(metric);
    wb.sheets.push_back({insight::RecordsTable(page), std::nullopt});
    POL_TRY(Response out, Download(format, metric, wb));
    return out;
  });
  (void)s;
}

}  // namespace pol::api
