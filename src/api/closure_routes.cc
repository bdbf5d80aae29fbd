// /api/v1/closures: a council's closures and corrections of the work calendar the SLA clocks run on
// (citizen/sla_calendar.h), council-wide or one agency's (`agency_id`). Adding or removing one
// recomputes the deadlines it touches at once.
#include "api/json_io.h"
#include "api/routes.h"
#include "citizen/sla_calendar.h"
#include "text/jalali.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json ClosureJson(const store::CalendarOverride& o) {
  Json j{{"id", o.id},
         {"council_id", o.council_id},
         {"agency_id", OptJson(o.agency_id)},
         {"day", o.day},
         {"kind", o.kind},
         {"reason", o.reason},
         {"created_by", OptJson(o.created_by)},
         {"created_at", o.created_at}};
  if (auto d = citizen::ParseIsoDay(o.day); d.ok()) {
    const text::JalaliDate jd = text::ToJalali(*d);
    j["jalali"] = text::FormatJalali(jd, "yyyy/MM/dd");
    j["label"] = text::FormatJalali(jd, "d MMMM yyyy");
  }
  return j;
}

}  // namespace

void RegisterClosureRoutes(http::Router& r, const Services& s) {
  citizen::ClosureService* svc = s.closures;
  r.Add(V::get, "/api/v1/closures", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t council_id, RequiredQueryId(req, "council_id"));
    POL_TRY(auto list, svc->List(ActorOf(req), council_id));
    Json items = Json::array();
    for (const auto& o : list) items.push_back(ClosureJson(o));
    return Response::MakeJson({{"items", items}});
  });
  r.Add(V::post, "/api/v1/closures", Access::kSession, [svc](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"council_id", "agency_id", "date", "kind", "reason"}));
    POL_TRY(auto council_id, f.Int("council_id"));
    if (!council_id) return Response::Error(InvalidArgument("required", "شورا را مشخص کنید.", "council_id"));
    citizen::ClosureInput in;
    in.council_id = *council_id;
    POL_TRY(in.agency_id, f.Int("agency_id"));
    POL_TRY(in.date, f.RequiredStr("date", 40));
    POL_TRY(in.kind, f.RequiredStr("kind", 20));
    POL_TRY(in.reason, f.RequiredStr("reason", 400));
    POL_TRY(auto change, svc->Add(ActorOf(req), in));
    return Response::MakeJson({{"closure", ClosureJson(change.closure)}, {"recomputed", change.recomputed}},
                              201);
  });
  r.Add(V::delete_, "/api/v1/closures/{id}", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(int64_t council_id, RequiredQueryId(req, "council_id"));
    POL_TRY(std::optional<int64_t> agency_id, QueryId(req, "agency_id"));
    POL_TRY(auto change, svc->Remove(ActorOf(req), council_id, id, agency_id));
    return Response::MakeJson({{"closure", ClosureJson(change.closure)}, {"recomputed", change.recomputed}});
  });
}

}  // namespace pol::api
