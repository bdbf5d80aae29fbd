// /api/v1/insight/emerging: the council's emerging issues (insight/emerging_service.h, issue 12 §3).
//   GET  /api/v1/insight/emerging?council_id=&days=30     issues seen in the last `days` days (1…365)
//   GET  /api/v1/insight/emerging/export?council_id=&days=30&format=csv|xlsx   the same list as a file
//   GET  /api/v1/insight/emerging/{id}                    one issue, its documents and documents per day
//   PUT  /api/v1/insight/emerging/{id}/owner              {"agency_id": N} — the owner agency (notified)
//   POST /api/v1/insight/emerging/refresh                 {"council_id": N} — count and detect now
// Who: insight/emerging_policy.h. Days are Jalali (yyyy/MM/dd, Latin digits, as the dashboard's).
#include <memory>

#include "api/json_io.h"
#include "api/routes.h"
#include "insight/emerging_service.h"
#include "report/csv.h"
#include "report/xlsx.h"
#include "text/jalali.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

std::string JalaliDay(int64_t day) {
  return text::FormatJalali(text::JalaliFromDays(day), "yyyy/MM/dd", true);
}

Json IssueJson(const store::EmergingIssueRow& r) {
  Json agencies = Json::array();
  for (const auto& [id, n] : r.agencies) agencies.push_back({{"agency_id", id}, {"documents", n}});
  return Json{{"id", r.id},
              {"council_id", r.council_id},
              {"terms", r.terms},
              {"first_day", JalaliDay(r.first_day)},
              {"last_day", JalaliDay(r.last_day)},
              {"z", r.z},
              {"growth", r.growth},
              {"items", r.items},
              {"requests", r.requests},
              {"tone", {{"positive", r.positive}, {"neutral", r.neutral}, {"negative", r.negative}}},
              {"agencies", agencies},
              {"owner_agency_id", OptJson(r.owner_agency_id)},
              {"assigned_at", OptJson(r.assigned_at)},
              {"updated_at", r.updated_at}};
}

Json StatsJson(const insight::EmergingRefreshStats& s) {
  return Json{{"days_counted", s.days_counted}, {"issues_touched", s.issues_touched}};
}

}  // namespace

void RegisterEmergingRoutes(http::Router& r, const Services& s) {
  auto svc = std::make_shared<insight::EmergingService>(s.db, s.env);
  r.Add(V::get, "/api/v1/insight/emerging", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t council_id, RequiredQueryId(req, "council_id"));
    POL_TRY(std::optional<int64_t> n, QueryId(req, "days"));
    const int64_t days = n.value_or(30);
    POL_TRY(auto list, svc->List(ActorOf(req), council_id, days));
    Json items = Json::array();
    for (const auto& i : list) items.push_back(IssueJson(i));
    return Response::MakeJson({{"items", items}, {"days", days}});
  });
  // Before /{id}: the router takes the first pattern that matches.
  r.Add(V::get, "/api/v1/insight/emerging/export", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t council_id, RequiredQueryId(req, "council_id"));
    POL_TRY(std::optional<int64_t> n, QueryId(req, "days"));
    const std::string format = QueryFilter(req, "format").value_or("xlsx");
    if (format != "csv" && format != "xlsx")
      return Response::Error(
          InvalidArgument("invalid_format", "قالب خروجی باید csv یا xlsx باشد.", "format"));
    POL_TRY(report::Table t, svc->ListTable(ActorOf(req), council_id, n.value_or(30)));
    std::string body;
    if (format == "csv") {
      POL_TRY(body, report::RenderCsv(t));
    } else {
      report::Workbook wb;
      wb.title = t.name;
      wb.author = "پل";
      wb.sheets.push_back({std::move(t), std::nullopt});
      POL_TRY(body, report::RenderXlsx(wb));
    }
    Response out =
        Response::Text(std::move(body),
                       format == "csv" ? "text/csv; charset=utf-8"
                                       : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    out.With("Content-Disposition", "attachment; filename=\"insight-emerging." + format + "\"");
    return out;
  });
  r.Add(V::get, "/api/v1/insight/emerging/{id}", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto d, svc->Get(ActorOf(req), id));
    Json docs = Json::array();
    for (const auto& x : d.docs)
      docs.push_back({{"kind", x.kind},
                      {"id", x.doc_id},
                      {"day", JalaliDay(x.day)},
                      {"tone", x.tone},
                      {"agencies", x.agencies},
                      {"title", x.title}});
    Json per_day = Json::array();
    for (const auto& [day, n] : d.per_day) per_day.push_back({{"day", JalaliDay(day)}, {"documents", n}});
    return Response::MakeJson({{"issue", IssueJson(d.issue)}, {"documents", docs}, {"per_day", per_day}});
  });
  r.Add(V::put, "/api/v1/insight/emerging/{id}/owner", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"agency_id"}));
    POL_TRY(auto agency, f.Int("agency_id"));
    if (!agency)
      return Response::Error(InvalidArgument("missing_field", "دستگاه (agency_id) را بدهید.", "agency_id"));
    POL_TRY(auto issue, svc->AssignOwner(ActorOf(req), id, *agency));
    return Response::MakeJson({{"issue", IssueJson(issue)}});
  });
  r.Add(V::post, "/api/v1/insight/emerging/refresh", Access::kSession, [svc](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"council_id"}));
    POL_TRY(auto council, f.Int("council_id"));
    if (!council)
      return Response::Error(InvalidArgument("missing_field", "شورا (council_id) را بدهید.", "council_id"));
    POL_TRY(auto stats, svc->RefreshNow(ActorOf(req), *council));
    return Response::MakeJson(StatsJson(stats));
  });
}

}  // namespace pol::api
