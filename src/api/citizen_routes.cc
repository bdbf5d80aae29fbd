// The two-way channel with citizens (src/citizen):
//   staff API    /api/v1/citizen/... (inbox, request view, reply, notes,
//   assign, transfer, close, merge,
//                attachments, templates, routing admin, CSAT, export and
//                erasure of a citizen's data);
//   citizens     /citizen/... server-rendered pages without JavaScript
//   (citizen/portal.h); Open311      /open311/v2/... GeoReport v2 JSON
//   (services, requests POST/GET, requests/{id}) with
//                Pol's fields as pol_* extensions. No personal data is ever
//                returned by Open311 GETs.
#include <charconv>

#include "api/json_io.h"
#include "api/routes.h"
#include "citizen/channel_stats.h"
#include "citizen/portal.h"
#include "citizen/tracking_code.h"
#include "site/dates.h"
#include "site/html.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json RequestJson(const store::CitizenRequest& r, bool personal, int64_t now) {
  const bool active = r.state == "open" || r.state == "answered" || r.state == "triage";
  Json j{{"id", r.id},
         {"tracking_code", r.tracking_code},
         {"type", r.type},
         {"type_name", citizen::TypeName(r.type)},
         {"subject", r.subject},
         {"agency_id", OptJson(r.agency_id)},
         {"agency_name", r.agency_name},
         {"state", r.state},
         {"state_name", citizen::StateName(r.state)},
         {"assignee_id", OptJson(r.assignee_id)},
         {"assignee_name", r.assignee_name},
         {"name", r.name},
         {"mobile_masked", citizen::MaskMobile(r.mobile)},
         {"route_source", r.route_source},
         {"channel", r.channel},
         {"route_confidence", r.route_confidence},
         {"first_response_due", OptJson(r.first_response_due)},
         {"resolve_due", OptJson(r.resolve_due)},
         {"first_response_at", OptJson(r.first_response_at)},
         {"closed_at", OptJson(r.closed_at)},
         {"overdue", active && r.resolve_due && *r.resolve_due < now},
         {"escalation", r.escalation},
         {"outcome", r.outcome},
         {"csat", OptJson(r.csat)},
         {"csat_comment", r.csat_comment},
         {"reopen_count", r.reopen_count},
         {"duplicate_of", OptJson(r.duplicate_of)},
         {"duplicates", r.duplicates},
         {"merged_into", OptJson(r.merged_into)},
         {"version", r.version},
         {"created_at", r.created_at},
         {"updated_at", r.updated_at}};
  if (personal) {
    j["text"] = r.text;
    j["mobile"] = r.mobile;
    j["national_code"] = r.national_code;
  }
  return j;
}

Json EventJson(const store::RequestEvent& e) {
  return {{"id", e.id},
          {"at", e.at},
          {"kind", e.kind},
          {"actor_id", OptJson(e.actor_id)},
          {"actor_name", e.actor_name},
          {"agency_id", OptJson(e.agency_id)},
          {"public", e.is_public},
          {"body", e.body},
          {"detail", Json::parse(e.detail, nullptr, false)}};
}

// The privacy export: every request filed with the mobile, with its public
// history.
Json PersonalDataJson(const citizen::PersonalData& d) {
  Json requests = Json::array();
  for (const auto& [r, events] : d.requests) {
    Json ev = Json::array();
    for (const auto& e : events) ev.push_back({{"at", e.at}, {"kind", e.kind}, {"body", e.body}});
    requests.push_back({{"tracking_code", r.tracking_code},
                        {"type", r.type},
                        {"subject", r.subject},
                        {"text", r.text},
                        {"name", r.name},
                        {"mobile", r.mobile},
                        {"national_code", r.national_code},
                        {"state", r.state},
                        {"agency", r.agency_name},
                        {"created_at", r.created_at},
                        {"csat", OptJson(r.csat)},
                        {"csat_comment", r.csat_comment},
                        {"channel", r.channel},
                        {"events", ev}});
  }
  return {{"mobile", d.mobile}, {"requests", requests}, {"chats", d.chats}};
}

Response Page(const citizen::PortalPage& p) {
  Response r;
  r.status = p.status;
  r.content_type = "text/html; charset=utf-8";
  r.body = p.body;
  if (!p.location.empty()) r.With("Location", p.location);
  for (const auto& c : p.set_cookies) r.With("Set-Cookie", c);
  r.With("Cache-Control", "no-store");
  return r;
}

// ---- Open311 ----

std::string StripJson(const std::string& id) {
  return id.ends_with(".json") ? id.substr(0, id.size() - 5) : id;
}

Json Open311Request(const store::CitizenRequest& r) {
  Json j{{"service_request_id", r.tracking_code},
         {"status", r.state == "closed" || r.state == "merged" ? "closed" : "open"},
         {"status_notes", citizen::StateName(r.state)},
         {"service_name", citizen::TypeName(r.type)},
         {"service_code", r.type},
         {"agency_responsible", r.agency_name.empty() ? "دبیرخانهٔ شورا" : r.agency_name},
         {"requested_datetime", site::Rfc3339(r.created_at)},
         {"updated_datetime", site::Rfc3339(r.updated_at)},
         {"pol_state", r.state},
         {"pol_agency_id", OptJson(r.agency_id)}};
  if (r.resolve_due && r.state != "closed") j["expected_datetime"] = site::Rfc3339(*r.resolve_due);
  return j;
}

// Open311 POST takes form fields (the spec) or a JSON object (an extension).
StatusOr<std::map<std::string, std::string>> Open311Fields(const Request& req) {
  std::map<std::string, std::string> out;
  const std::string ct = req.Header("Content-Type");
  if (ct.starts_with("application/json")) {
    POL_ASSIGN_OR_RETURN(Json j, req.JsonBody());
    for (const auto& [k, v] : j.items()) {
      if (!v.is_string()) return InvalidArgument("invalid_field", "مقدار «" + k + "» باید متن باشد.", k);
      out[k] = v.get<std::string>();
    }
    return out;
  }
  POL_ASSIGN_OR_RETURN(citizen::Form f, citizen::ParseForm(ct, req.body));
  return f.fields;
}

std::string Get(const std::map<std::string, std::string>& m, const char* k) {
  auto it = m.find(k);
  return it == m.end() ? "" : it->second;
}

Json RoutingJson(const citizen::RoutingInfo& info) {
  Json rules = Json::array();
  for (const auto& x : info.rules) {
    rules.push_back({{"id", x.id},
                     {"agency_id", x.agency_id},
                     {"keywords", x.keywords},
                     {"types", x.types},
                     {"priority", x.priority}});
  }
  return Json{{"samples", info.samples},
              {"held_out", info.held_out},
              {"accuracy", info.accuracy},
              {"trained_at", info.trained_at},
              {"min_confidence", info.min_confidence},
              {"rules", rules}};
}

Json SlaJson(const std::vector<store::SlaTarget>& targets) {
  Json items = Json::array(), defaults = Json::object();
  for (const auto& t : targets) {
    items.push_back({{"id", t.id},
                     {"agency_id", OptJson(t.agency_id)},
                     {"type", t.type ? Json(*t.type) : Json()},
                     {"first_response_minutes", t.first_response_minutes},
                     {"resolve_minutes", t.resolve_minutes}});
  }
  for (const auto& t : citizen::RequestTypes()) {
    auto d = citizen::DefaultTarget(t.code);
    defaults[t.code] = {{"first_response_minutes", d.first_response}, {"resolve_minutes", d.resolve}};
  }
  return Json{{"items", items}, {"defaults", defaults}, {"office_day_minutes", citizen::kOfficeDayMinutes}};
}

// At most this many tracking codes in one Open311 GET (service_request_id=a,b,…).
constexpr size_t kMaxCodesPerCall = 10;

// The tracking codes of "a,b,…"; 400 too_many_ids past kMaxCodesPerCall.
StatusOr<std::vector<std::string>> SplitCodes(const std::string& ids) {
  std::vector<std::string> codes;
  size_t i = 0;
  while (i < ids.size()) {
    size_t comma = ids.find(',', i);
    if (comma == std::string::npos) comma = ids.size();
    if (comma > i) codes.push_back(ids.substr(i, comma - i));
    if (codes.size() > kMaxCodesPerCall) {
      return InvalidArgument(
          "too_many_ids",
          "در هر پرسش حداکثر ۱۰ شناسهٔ درخواست می‌توان فرستاد.",
          "service_request_id");
    }
    i = comma + 1;
  }
  return codes;
}

// An Open311 POST's fields as a submission (name or first/last name; subject or
// the description's start).
citizen::SubmitInput Open311Submission(const std::map<std::string, std::string>& f, const std::string& ip) {
  std::string name = Get(f, "name");
  if (name.empty())
    name = Get(f, "first_name") + (Get(f, "last_name").empty() ? "" : " " + Get(f, "last_name"));
  std::string subject = Get(f, "subject");
  const std::string description = Get(f, "description");
  if (subject.empty()) subject = site::Excerpt(description, 60);
  return {.type = Get(f, "service_code"),
          .subject = subject,
          .text = description,
          .agency = Get(f, "agency"),
          .name = name,
          .mobile = Get(f, "phone"),
          .national_code = Get(f, "national_code"),
          .ip = ip};
}

// The casework actions: each reads its fields strictly and calls the service.
using CaseAction = StatusOr<store::CitizenRequest> (*)(citizen::RequestService&, const accounts::Actor&,
                                                       int64_t, const Request&);

StatusOr<store::CitizenRequest> ReplyAction(citizen::RequestService& svc, const accounts::Actor& actor,
                                            int64_t id, const Request& req) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {"body", "version"}));
  POL_ASSIGN_OR_RETURN(std::string body, f.RequiredStr("body", 20000));
  POL_ASSIGN_OR_RETURN(auto version, VersionFrom(req, f));
  return svc.Reply(actor, id, version, body);
}

StatusOr<store::CitizenRequest> NoteAction(citizen::RequestService& svc, const accounts::Actor& actor,
                                           int64_t id, const Request& req) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {"body", "version"}));
  POL_ASSIGN_OR_RETURN(std::string body, f.RequiredStr("body", 20000));
  POL_ASSIGN_OR_RETURN(auto version, VersionFrom(req, f));
  (void)version;  // accepted (the console sends it), not checked: notes never
                  // conflict
  return svc.Note(actor, id, body);
}

StatusOr<store::CitizenRequest> AssignAction(citizen::RequestService& svc, const accounts::Actor& actor,
                                             int64_t id, const Request& req) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {"user_id", "version"}));
  POL_ASSIGN_OR_RETURN(auto user, f.Int("user_id"));
  POL_ASSIGN_OR_RETURN(auto version, VersionFrom(req, f));
  return svc.Assign(actor, id, version, user);
}

StatusOr<store::CitizenRequest> TransferAction(citizen::RequestService& svc, const accounts::Actor& actor,
                                               int64_t id, const Request& req) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {"agency_id", "reason", "version"}));
  POL_ASSIGN_OR_RETURN(auto agency, f.Int("agency_id"));
  if (!agency) return InvalidArgument("required", "دستگاه مقصد را انتخاب کنید.", "agency_id");
  POL_ASSIGN_OR_RETURN(std::string reason, f.RequiredStr("reason", 4000));
  POL_ASSIGN_OR_RETURN(auto version, VersionFrom(req, f));
  return svc.Transfer(actor, id, version, *agency, reason);
}

StatusOr<store::CitizenRequest> CloseAction(citizen::RequestService& svc, const accounts::Actor& actor,
                                            int64_t id, const Request& req) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {"outcome", "note", "version"}));
  POL_ASSIGN_OR_RETURN(std::string outcome, f.RequiredStr("outcome", 50));
  POL_ASSIGN_OR_RETURN(auto note, f.Str("note", 8000));
  POL_ASSIGN_OR_RETURN(auto version, VersionFrom(req, f));
  return svc.Close(actor, id, version, outcome, note.value_or(""));
}

StatusOr<store::CitizenRequest> MergeAction(citizen::RequestService& svc, const accounts::Actor& actor,
                                            int64_t id, const Request& req) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {"ids"}));
  std::vector<int64_t> ids;
  const Json& j = f.json();
  if (!j.contains("ids") || !j["ids"].is_array()) {
    return InvalidArgument("required", "فهرست درخواست‌های تکراری لازم است.",
                           "ids");
  }
  for (const auto& x : j["ids"]) {
    if (!x.is_number_integer()) return InvalidArgument("invalid_field", "شناسه باید عدد باشد.", "ids");
    ids.push_back(x.get<int64_t>());
  }
  return svc.Merge(actor, id, ids);
}

// POST /api/v1/citizen/requests/{id}/<action>: the changed request, versioned.
auto CaseRoute(citizen::RequestService* svc, Env* env, CaseAction action) {
  return [svc, env, action](Request& req) -> Response {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto out, action(*svc, ActorOf(req), id, req));
    return Versioned(RequestJson(out, false, env->NowMillis()), out.version);
  };
}

// The staff inbox and casework.
void RegisterCaseworkRoutes(http::Router& r, citizen::RequestService* svc, Env* env) {
  r.Add(V::get, "/api/v1/citizen/requests", Access::kSession, [svc, env](Request& req) {
    POL_TRY(Paging p, ParsePaging(req));
    store::CitizenFilter f{.limit = p.per_page, .offset = p.offset()};
    POL_TRY(f.agency_id, QueryId(req, "agency_id"));
    if (auto st = req.Query("state"); st && !st->empty()) f.state = *st;
    f.overdue = req.Query("overdue").value_or("") == "1";
    POL_TRY(auto page, svc->List(ActorOf(req), f));
    Json items = Json::array();
    const int64_t now = env->NowMillis();
    for (const auto& x : page.first) items.push_back(RequestJson(x, false, now));
    Json out = PageJson(items, p, page.second);
    // The desk's warning: without an SMS provider no citizen can verify a request.
    out["sms_configured"] = svc->SmsConfigured();
    return Response::MakeJson(out);
  });
  r.Add(V::get, "/api/v1/citizen/requests/{id}", Access::kSession, [svc, env](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto v, svc->Get(ActorOf(req), id));
    Json j = RequestJson(v.request, true, env->NowMillis());
    Json events = Json::array(), atts = Json::array(), dups = Json::array();
    for (const auto& e : v.events) events.push_back(EventJson(e));
    for (const auto& a : v.attachments) {
      atts.push_back({{"id", a.id}, {"name", a.name}, {"mime", a.mime}, {"size", a.size}});
    }
    for (const auto& d : v.duplicates) dups.push_back(RequestJson(d, false, env->NowMillis()));
    j["events"] = events;
    j["attachments"] = atts;
    j["similar"] = dups;
    return Versioned(j, v.request.version);
  });
  r.Add(V::post, "/api/v1/citizen/requests/{id}/reply", Access::kSession, CaseRoute(svc, env, ReplyAction));
  r.Add(V::post, "/api/v1/citizen/requests/{id}/notes", Access::kSession, CaseRoute(svc, env, NoteAction));
  r.Add(V::post, "/api/v1/citizen/requests/{id}/assign", Access::kSession, CaseRoute(svc, env, AssignAction));
  r.Add(V::post, "/api/v1/citizen/requests/{id}/transfer", Access::kSession,
        CaseRoute(svc, env, TransferAction));
  r.Add(V::post, "/api/v1/citizen/requests/{id}/close", Access::kSession, CaseRoute(svc, env, CloseAction));
  r.Add(V::post, "/api/v1/citizen/requests/{id}/merge", Access::kSession, CaseRoute(svc, env, MergeAction));
  r.Add(V::get, "/api/v1/citizen/requests/{id}/attachments/{aid}", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(int64_t aid, req.IdParam("aid"));
    POL_TRY(auto a, svc->Attachment(ActorOf(req), id, aid));
    Response out = Response::Text(std::move(a.second), a.first.mime);
    out.With("Content-Disposition", "attachment; filename=\"attachment-" + std::to_string(aid) + "\"");
    out.With("Cache-Control", "private, no-store");
    return out;
  });
}

// Reply templates and routing administration.
void RegisterTemplateAndRoutingRoutes(http::Router& r, citizen::RequestService* svc) {
  r.Add(V::get, "/api/v1/citizen/templates", Access::kSession, [svc](Request& req) {
    POL_TRY(auto list, svc->Templates(ActorOf(req)));
    Json items = Json::array();
    for (const auto& t : list) {
      items.push_back(
          {{"id", t.id}, {"agency_id", OptJson(t.agency_id)}, {"title", t.title}, {"body", t.body}});
    }
    return Response::MakeJson({{"items", items}});
  });
  r.Add(V::post, "/api/v1/citizen/templates", Access::kSession, [svc](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"agency_id", "title", "body"}));
    POL_TRY(auto agency, f.Int("agency_id"));
    POL_TRY(std::string title, f.RequiredStr("title", 1000));
    POL_TRY(std::string body, f.RequiredStr("body", 20000));
    POL_TRY(auto t, svc->AddTemplate(ActorOf(req), agency, title, body));
    return Response::MakeJson(
        {{"id", t.id}, {"agency_id", OptJson(t.agency_id)}, {"title", t.title}, {"body", t.body}}, 201);
  });
  r.Add(V::get, "/api/v1/citizen/routing", Access::kSession, [svc](Request& req) {
    POL_TRY(auto info, svc->Routing(ActorOf(req)));
    return Response::MakeJson(RoutingJson(info));
  });
  r.Add(V::post, "/api/v1/citizen/routing/retrain", Access::kSession, [svc](Request& req) {
    POL_TRY(auto info, svc->Retrain(ActorOf(req)));
    return Response::MakeJson(RoutingJson(info));
  });
  r.Add(V::post, "/api/v1/citizen/routing/rules", Access::kSession, [svc](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"agency_id", "keywords", "types", "priority"}));
    POL_TRY(auto agency, f.Int("agency_id"));
    if (!agency) return Response::Error(InvalidArgument("required", "دستگاه را انتخاب کنید.", "agency_id"));
    POL_TRY(auto keywords, f.Str("keywords", 2000));
    POL_TRY(auto types, f.Str("types", 200));
    POL_TRY(auto priority, f.Int("priority"));
    POL_TRY(auto rule, svc->AddRule(ActorOf(req), *agency, keywords.value_or(""), types.value_or(""),
                                    priority.value_or(0)));
    return Response::MakeJson({{"id", rule.id},
                               {"agency_id", rule.agency_id},
                               {"keywords", rule.keywords},
                               {"types", rule.types},
                               {"priority", rule.priority}},
                              201);
  });
  r.Add(V::delete_, "/api/v1/citizen/routing/rules/{id}", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    Status st = svc->DeleteRule(ActorOf(req), id);
    if (!st.ok()) return Response::Error(st);
    return Response::NoContent();
  });
}

// The council desk: satisfaction figures, SLA targets, a citizen's data
// (export, erasure).
void RegisterCouncilDeskRoutes(http::Router& r, citizen::RequestService* svc, store::Database* db) {
  r.Add(V::get, "/api/v1/citizen/csat", Access::kSession, [svc, db](Request& req) {
    POL_TRY(auto rows, svc->Csat(ActorOf(req)));
    // Volume per channel (web, telegram, bale): the council's ("channels"), not yet routed
    // ("unrouted_channels") and each agency's ("channels" of an item).
    POL_TRY(auto volumes, citizen::ChannelStatsOf(db, ActorOf(req), rows));
    Json items = Json::array();
    for (const auto& x : rows) {
      auto mine = volumes.per_agency.find(x.agency_id);
      items.push_back({{"channels", mine == volumes.per_agency.end() ? Json::object() : Json(mine->second)},
                       {"agency_id", x.agency_id},
                       {"agency_name", x.agency_name},
                       {"rated", x.rated},
                       {"closed", x.closed},
                       {"open", x.open},
                       {"overdue", x.overdue},
                       {"average", x.average},
                       {"distribution", x.distribution}});
    }
    return Response::MakeJson(
        {{"items", items}, {"channels", Json(volumes.total)}, {"unrouted_channels", Json(volumes.unrouted)}});
  });
  r.Add(V::get, "/api/v1/citizen/sla", Access::kSession, [svc](Request& req) {
    POL_TRY(auto targets, svc->SlaTargets(ActorOf(req)));
    return Response::MakeJson(SlaJson(targets));
  });
  r.Add(V::put, "/api/v1/citizen/sla", Access::kSession, [svc](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"agency_id", "type", "first_response_minutes", "resolve_minutes"}));
    POL_TRY(auto agency, f.Int("agency_id"));
    POL_TRY(auto type, f.Str("type", 50));
    POL_TRY(auto first, f.Int("first_response_minutes"));
    POL_TRY(auto resolve, f.Int("resolve_minutes"));
    if (!first || !resolve) {
      return Response::Error(InvalidArgument("required", "هر دو مهلت (پاسخ نخست و رسیدگی) لازم است.",
                                             first ? "resolve_minutes" : "first_response_minutes"));
    }
    POL_TRY(auto targets, svc->SetSlaTarget(ActorOf(req), agency, type, *first, *resolve));
    return Response::MakeJson(SlaJson(targets));
  });
  r.Add(V::get, "/api/v1/citizen/export", Access::kSession, [svc](Request& req) {
    POL_TRY(auto data, svc->Export(ActorOf(req), req.Query("mobile").value_or("")));
    return Response::MakeJson(PersonalDataJson(data)).With("Cache-Control", "private, no-store");
  });
  r.Add(V::post, "/api/v1/citizen/erase", Access::kSession, [svc](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"mobile"}));
    POL_TRY(std::string mobile, f.RequiredStr("mobile", 100));
    POL_TRY(int64_t n, svc->Erase(ActorOf(req), mobile));
    return Response::MakeJson({{"erased", n}});
  });
}

// The citizens' server-rendered pages.
void RegisterPortalRoutes(http::Router& r, citizen::Portal* portal) {
  r.Add(V::get, "/citizen", Access::kPublic, [portal](Request&) { return Page(portal->FormPage()); });
  r.Add(V::post, "/citizen/requests", Access::kPublic, [portal](Request& req) {
    return Page(portal->Submit(req.Header("Content-Type"), req.body, req.rate_key));
  });
  r.Add(V::get, "/citizen/verify", Access::kPublic,
        [portal](Request& req) { return Page(portal->VerifyPage(req.Query("code").value_or(""))); });
  r.Add(V::post, "/citizen/verify", Access::kPublic, [portal](Request& req) {
    return Page(portal->Verify(req.Header("Content-Type"), req.body, req.rate_key));
  });
  r.Add(V::get, "/citizen/track", Access::kPublic, [portal](Request&) { return Page(portal->TrackPage()); });
  r.Add(V::post, "/citizen/track", Access::kPublic, [portal](Request& req) {
    return Page(portal->Track(req.Header("Content-Type"), req.body, req.rate_key));
  });
  r.Add(V::get, "/citizen/requests/{code}", Access::kPublic, [portal](Request& req) {
    return Page(portal->StatusPage(req.params["code"], req.Header("Cookie")));
  });
  r.Add(V::post, "/citizen/requests/{code}/rate", Access::kPublic, [portal](Request& req) {
    return Page(portal->Rate(req.params["code"], req.Header("Cookie"), req.Header("Content-Type"), req.body,
                             req.rate_key));
  });
  r.Add(V::post, "/citizen/requests/{code}/reopen", Access::kPublic, [portal](Request& req) {
    return Page(portal->Reopen(req.params["code"], req.Header("Cookie"), req.Header("Content-Type"), req.body,
                               req.rate_key));
  });
}

// Open311 GeoReport v2.
void RegisterOpen311Routes(http::Router& r, citizen::RequestService* svc) {
  r.Add(V::get, "/open311/v2/services.json", Access::kPublic, [](Request&) {
    Json out = Json::array();
    for (const auto& t : citizen::RequestTypes()) {
      out.push_back({{"service_code", t.code},
                     {"service_name", t.name},
                     {"description", t.name},
                     {"metadata", false},
                     {"type", "realtime"},
                     {"keywords", ""},
                     {"group", "ارتباط مردمی"}});
    }
    return Response::MakeJson(out);
  });
  r.Add(V::get, "/open311/v2/requests.json", Access::kPublic, [svc](Request& req) {
    // Only by id (service_request_id=a,b,…): listing everyone's requests
    // is not offered to the public.
    POL_TRY(const std::vector<std::string> codes, SplitCodes(req.Query("service_request_id").value_or("")));
    if (codes.empty()) {
      return Response::Error(
          InvalidArgument("required", "شناسهٔ درخواست (service_request_id) لازم است.", "service_request_id"));
    }
    POL_TRY(auto list, svc->PublicStatuses(codes, req.rate_key));
    Json out = Json::array();
    for (const auto& x : list) out.push_back(Open311Request(x));
    return Response::MakeJson(out);
  });
  r.Add(V::post, "/open311/v2/requests.json", Access::kPublic, [svc](Request& req) {
    POL_TRY(auto f, Open311Fields(req));
    // The spec's api_key: known clients get the ordinary limits, keyless ones the stricter ones.
    POL_TRY(const bool keyed, svc->CheckOpen311Key(Get(f, "api_key")));
    citizen::SubmitInput in = Open311Submission(f, req.rate_key);
    in.keyless_open311 = !keyed;
    in.known_client = keyed;
    POL_TRY(auto res, svc->Submit(in));
    return Response::MakeJson(Json::array({{{"service_request_id", res.tracking_code},
                                            {"service_notice",
                                             "کد تأیید به شمارهٔ همراه پیامک شد؛ درخواست پس از "
                                             "تأیید شماره بررسی می‌شود."},
                                            {"account_id", nullptr},
                                            {"pol_verification", "sms"}}}),
                              201);
  });
  r.Add(V::get, "/open311/v2/requests/{id}", Access::kPublic, [svc](Request& req) {
    POL_TRY(auto x, svc->PublicStatus(StripJson(req.params["id"]), req.rate_key));
    return Response::MakeJson(Json::array({Open311Request(x)}));
  });
  r.Add(V::post, "/open311/v2/requests/{id}/verify", Access::kPublic, [svc](Request& req) {
    POL_TRY(auto f, Open311Fields(req));
    POL_TRY(auto x, svc->Verify(StripJson(req.params["id"]), Get(f, "code"), req.rate_key));
    return Response::MakeJson(Json::array({Open311Request(x)}));
  });
}

}  // namespace

void RegisterCitizenRoutes(http::Router& r, const Services& s) {
  RegisterCaseworkRoutes(r, s.citizen, s.env);
  RegisterTemplateAndRoutingRoutes(r, s.citizen);
  RegisterCouncilDeskRoutes(r, s.citizen, s.db);
  RegisterPortalRoutes(r, s.portal);
  RegisterOpen311Routes(r, s.citizen);
}

}  // namespace pol::api
