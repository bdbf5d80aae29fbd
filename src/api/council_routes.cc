// /api/v1/councils and /api/v1/agencies.
#include "api/json_io.h"
#include "api/routes.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

StatusOr<council::AgencyInput> ReadAgency(const Request& req, bool create) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {"version", "council_id", "slug", "name", "short_name",
                                                    "website", "pr_email", "pr_phone", "disabled"}));
  council::AgencyInput in;
  if (!create) {
    POL_ASSIGN_OR_RETURN(in.version, VersionFrom(req, f));
  }
  POL_ASSIGN_OR_RETURN(in.council_id, f.Int("council_id"));
  POL_ASSIGN_OR_RETURN(in.slug, f.Str("slug", 100));
  POL_ASSIGN_OR_RETURN(in.name, f.Str("name", 1000));
  POL_ASSIGN_OR_RETURN(in.short_name, f.Str("short_name", 400));
  POL_ASSIGN_OR_RETURN(in.website, f.Str("website", 400));
  POL_ASSIGN_OR_RETURN(in.pr_email, f.Str("pr_email", 254));
  POL_ASSIGN_OR_RETURN(in.pr_phone, f.Str("pr_phone", 100));
  POL_ASSIGN_OR_RETURN(in.disabled, f.Bool("disabled"));
  return in;
}

StatusOr<council::CouncilInput> ReadCouncil(const Request& req, bool create) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {"version", "slug", "name", "province", "description"}));
  council::CouncilInput in;
  if (!create) {
    POL_ASSIGN_OR_RETURN(in.version, VersionFrom(req, f));
  }
  POL_ASSIGN_OR_RETURN(in.slug, f.Str("slug", 100));
  POL_ASSIGN_OR_RETURN(in.name, f.Str("name", 1000));
  POL_ASSIGN_OR_RETURN(in.province, f.Str("province", 200));
  POL_ASSIGN_OR_RETURN(in.description, f.Str("description", 8000));
  return in;
}

}  // namespace

void RegisterCouncilRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/api/v1/councils", Access::kSession, [s](Request& req) {
    POL_TRY(auto councils, s.councils->ListCouncils(ActorOf(req)));
    Json items = Json::array();
    for (const auto& c : councils) items.push_back(ToJson(c));
    return Response::MakeJson(Json{{"items", items}});
  });

  r.Add(V::post, "/api/v1/councils", Access::kSession, [s](Request& req) {
    POL_TRY(auto in, ReadCouncil(req, true));
    POL_TRY(store::Council c, s.councils->CreateCouncil(ActorOf(req), in));
    return Versioned(ToJson(c), c.version, 201).With("Location", "/api/v1/councils/" + std::to_string(c.id));
  });

  r.Add(V::get, "/api/v1/councils/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(store::Council c, s.councils->GetCouncil(ActorOf(req), id));
    return Versioned(ToJson(c), c.version);
  });

  r.Add(V::patch, "/api/v1/councils/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadCouncil(req, false));
    POL_TRY(store::Council c, s.councils->UpdateCouncil(ActorOf(req), id, in));
    return Versioned(ToJson(c), c.version);
  });

  r.Add(V::get, "/api/v1/agencies", Access::kSession, [s](Request& req) {
    POL_TRY(Paging p, ParsePaging(req));
    POL_TRY(auto council_id, QueryId(req, "council_id"));
    council::AgencyQuery q{
        .council_id = council_id, .q = req.Query("q").value_or(""), .limit = p.limit(), .offset = p.offset()};
    POL_TRY(auto page, s.councils->ListAgencies(ActorOf(req), q));
    return Response::MakeJson(PageJson(page, p, [](const store::Agency& a) { return ToJson(a); }));
  });

  r.Add(V::post, "/api/v1/agencies", Access::kSession, [s](Request& req) {
    POL_TRY(auto in, ReadAgency(req, true));
    POL_TRY(store::Agency a, s.councils->CreateAgency(ActorOf(req), in));
    return Versioned(ToJson(a), a.version, 201).With("Location", "/api/v1/agencies/" + std::to_string(a.id));
  });

  r.Add(V::get, "/api/v1/agencies/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(store::Agency a, s.councils->GetAgency(ActorOf(req), id));
    return Versioned(ToJson(a), a.version);
  });

  r.Add(V::patch, "/api/v1/agencies/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadAgency(req, false));
    POL_TRY(store::Agency a, s.councils->UpdateAgency(ActorOf(req), id, in));
    return Versioned(ToJson(a), a.version);
  });
}

}  // namespace pol::api
