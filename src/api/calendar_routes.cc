// /api/v1/calendar (the council's editorial calendar) and /api/v1/occasions.
#include "api/json_io.h"
#include "api/routes.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json OccasionJson(const store::Occasion& o) {
  return Json{{"id", o.id},
              {"council_id", o.council_id ? Json(*o.council_id) : Json()},
              {"name", o.name},
              {"calendar", o.calendar},
              {"month", o.month},
              {"day", o.day},
              {"description", o.description},
              {"version", o.version},
              {"created_at", o.created_at},
              {"updated_at", o.updated_at}};
}

StatusOr<newsroom::OccasionInput> ReadOccasion(const Request& req, bool create) {
  POL_ASSIGN_OR_RETURN(Fields f,
                       Fields::From(req, {"version", "council_id", "name", "month", "day", "description"}));
  newsroom::OccasionInput in;
  if (!create) {
    POL_ASSIGN_OR_RETURN(in.version, VersionFrom(req, f));
  }
  POL_ASSIGN_OR_RETURN(in.council_id, f.Int("council_id"));
  POL_ASSIGN_OR_RETURN(in.name, f.Str("name", 2000));
  POL_ASSIGN_OR_RETURN(in.description, f.Str("description", 8000));
  POL_ASSIGN_OR_RETURN(in.month, f.Int("month"));
  POL_ASSIGN_OR_RETURN(in.day, f.Int("day"));
  return in;
}

// The calendar of a council.
void AddCalendarRoute(http::Router& r, const Services& s) {
  // ?council_id=&from=&to= (unix ms, [from, to)).
  r.Add(V::get, "/api/v1/calendar", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t council_id, RequiredQueryId(req, "council_id"));
    POL_TRY(int64_t from, RequiredQueryId(req, "from"));
    POL_TRY(int64_t to, RequiredQueryId(req, "to"));
    POL_TRY(auto v, s.calendar->Calendar(ActorOf(req), council_id, from, to));
    Json days = Json::array();
    for (const auto& d : v.days) {
      days.push_back({{"date", d.date},
                      {"jalali", d.jalali},
                      {"jalali_label", d.jalali_label},
                      {"weekday", d.weekday},
                      {"release_ids", d.release_ids},
                      {"occasion_ids", d.occasion_ids}});
    }
    Json releases = Json::array();
    for (const auto& x : v.releases) {
      Json co = Json::array();
      for (const auto& c : x.co_signers) co.push_back(c.agency_id);
      releases.push_back({{"id", x.id},
                          {"agency_id", x.agency_id},
                          {"co_agency_ids", co},
                          {"status", x.status},
                          {"title", x.title},
                          {"urgency", x.urgency},
                          {"council_level", x.council_level},
                          {"publish_at", x.publish_at ? Json(*x.publish_at) : Json()},
                          {"published_at", x.published_at ? Json(*x.published_at) : Json()},
                          {"version", x.version}});
    }
    Json occasions = Json::array();
    for (const auto& o : v.occasions) occasions.push_back(OccasionJson(o));
    Json conflicts = Json::array();
    for (const auto& c : v.conflicts) {
      conflicts.push_back(
          {{"day", c.date},
           {"release_ids", c.release_ids},
           {"agency_ids", c.agency_ids},
           {"similarity", c.similarity},
           {"shared_terms", c.shared_terms},
           {"reason",
            "دو دستگاه در یک روز خبری با موضوع مشابه برنامه‌ریزی کرده‌اند."}});
    }
    return Response::MakeJson(Json{{"from", v.from},
                                   {"to", v.to},
                                   {"days", days},
                                   {"releases", releases},
                                   {"occasions", occasions},
                                   {"conflicts", conflicts}});
  });
}

// Occasions: list, create, edit, delete.
void AddOccasionRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/api/v1/occasions", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t council_id, RequiredQueryId(req, "council_id"));
    POL_TRY(auto list, s.calendar->ListOccasions(ActorOf(req), council_id));
    Json items = Json::array();
    for (const auto& o : list) items.push_back(OccasionJson(o));
    return Response::MakeJson(Json{{"items", items}});
  });

  r.Add(V::post, "/api/v1/occasions", Access::kSession, [s](Request& req) {
    POL_TRY(auto in, ReadOccasion(req, true));
    POL_TRY(store::Occasion o, s.calendar->CreateOccasion(ActorOf(req), in));
    return Versioned(OccasionJson(o), o.version, 201)
        .With("Location", "/api/v1/occasions/" + std::to_string(o.id));
  });

  r.Add(V::patch, "/api/v1/occasions/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadOccasion(req, false));
    POL_TRY(store::Occasion o, s.calendar->UpdateOccasion(ActorOf(req), id, in));
    return Versioned(OccasionJson(o), o.version);
  });

  // The version read comes in If-Match (or ?version=).
  r.Add(V::delete_, "/api/v1/occasions/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    std::string m = req.Header("If-Match");
    if (m.size() >= 2 && m.front() == '"' && m.back() == '"') m = m.substr(1, m.size() - 2);
    std::optional<int64_t> version;
    if (!m.empty()) {
      try {
        version = std::stoll(m);
      } catch (...) {
        return Response::Error(InvalidArgument("invalid_query", "مقدار If-Match نامعتبر است.", "If-Match"));
      }
    } else {
      POL_TRY(version, QueryId(req, "version"));
    }
    if (Status st = s.calendar->DeleteOccasion(ActorOf(req), id, version); !st.ok())
      return Response::Error(st);
    return Response::NoContent();
  });
}

}  // namespace

void RegisterCalendarRoutes(http::Router& r, const Services& s) {
  AddCalendarRoute(r, s);
  AddOccasionRoutes(r, s);
}

}  // namespace pol::api
