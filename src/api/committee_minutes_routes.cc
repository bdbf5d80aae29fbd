// /api/v1/committee-meetings/{id}/minutes…: the minutes of a committee meeting (committee/minutes.h):
// read, write, circulate / approve / correct, the attendees' comments, and the PDF; and
// /api/v1/committee/register/xlsx: the register of decisions as XLSX (committee/register.h).
#include <cstdint>
#include <memory>

#include "api/json_io.h"
#include "api/routes.h"
#include "committee/absence.h"
#include "committee/minutes.h"
#include "committee/minutes_pdf.h"
#include "committee/register.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Json ToJson(const store::Minutes& m) {
  return Json{{"id", m.id},
              {"revision", m.revision},
              {"corrects_id", OptJson(m.corrects_id)},
              {"correction_reason", m.correction_reason},
              {"body_html", m.body_html},
              {"status", m.status},
              {"version", m.version},
              {"created_by", OptJson(m.created_by)},
              {"created_at", m.created_at},
              {"updated_at", m.updated_at},
              {"circulated_at", OptJson(m.circulated_at)},
              {"approved_by", OptJson(m.approved_by)},
              {"approved_at", OptJson(m.approved_at)}};
}

Json ToJson(const committee::MinutesView& v) {
  const store::Meeting& m = v.meeting.meeting;
  auto agency = [&](std::optional<int64_t> id) -> Json {
    if (!id) return Json();
    auto it = v.agency_names.find(*id);
    return it == v.agency_names.end() ? Json() : Json(it->second);
  };
  Json attendance = Json::array();
  for (const auto& mem : v.members) {
    const store::Attendance* a = nullptr;
    for (const auto& x : v.meeting.attendance) {
      if (x.member_id == mem.id) a = &x;
    }
    attendance.push_back(Json{{"member_id", mem.id},
                              {"user_name", mem.user_name},
                              {"role", mem.role},
                              {"role_label", committee::SeatRoleLabel(mem.role)},
                              {"agency", agency(mem.agency_id)},
                              {"voting", mem.voting},
                              {"status", a ? a->status : ""},
                              {"status_label", committee::AttendanceLabel(a)}});
  }
  Json decisions = Json::array();
  for (const auto& d : v.decisions) {
    decisions.push_back(Json{{"id", d.decision.id},
                             {"text", d.decision.text},
                             {"owner_agency_id", d.decision.owner_agency_id},
                             {"owner_agency", agency(d.decision.owner_agency_id)},
                             {"deadline_jalali", d.deadline_jalali},
                             {"status", d.decision.status},
                             {"majority", d.decision.majority},
                             {"vote_result", d.decision.vote_result}});
  }
  Json revisions = Json::array();
  for (const auto& r : v.revisions) revisions.push_back(ToJson(r));
  Json comments = Json::array();
  for (const auto& k : v.comments) {
    comments.push_back(Json{{"id", k.id},
                            {"member_id", OptJson(k.member_id)},
                            {"user_id", OptJson(k.user_id)},
                            {"user_name", k.user_name},
                            {"body", k.body},
                            {"at", k.at}});
  }
  Json agenda = Json::array();
  for (const auto& a : v.meeting.agenda) agenda.push_back(Json{{"position", a.position}, {"title", a.title}});
  return Json{{"meeting", Json{{"id", m.id},
                               {"committee_id", m.committee_id},
                               {"committee_name", v.committee.name},
                               {"number", m.number},
                               {"status", m.status},
                               {"version", m.version},
                               {"starts_at", m.starts_at},
                               {"starts_jalali", v.meeting.starts_jalali}}},
              {"quorum", Json{{"voting_members", v.meeting.quorum.voting_members},
                              {"voting_present", v.meeting.quorum.voting_present},
                              {"needed", v.meeting.quorum.needed},
                              {"reached", v.meeting.quorum.reached}}},
              {"minutes", v.current ? ToJson(*v.current) : Json()},
              {"revisions", revisions},
              {"comments", comments},
              {"attendance", attendance},
              {"agenda", agenda},
              {"decisions", decisions},
              {"approved_jalali", v.approved_jalali},
              {"can", Json{{"edit", v.can_edit},
                           {"circulate", v.can_circulate},
                           {"approve", v.can_approve},
                           {"correct", v.can_correct},
                           {"comment", v.can_comment}}}};
}

Response MinutesResponse(const committee::MinutesView& v, int status = 200) {
  if (!v.current) return Response::MakeJson(ToJson(v), status);
  return Versioned(ToJson(v), v.current->version, status);
}

}  // namespace

void RegisterCommitteeMinutesRoutes(http::Router& r, const Services& s) {
  committee::MinutesService* svc = s.minutes;

  r.Add(V::get, "/api/v1/committee-meetings/{id}/minutes", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(committee::MinutesView v, svc->Get(ActorOf(req), id));
    return MinutesResponse(v);
  });

  r.Add(V::put, "/api/v1/committee-meetings/{id}/minutes", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"body_html", "version"}));
    committee::MinutesInput in;
    POL_TRY(in.body_html, f.Str("body_html", 600000));
    POL_TRY(in.version, VersionFrom(req, f));  // absent for the first revision
    POL_TRY(committee::MinutesView v, svc->Save(ActorOf(req), id, in));
    return MinutesResponse(v);
  });

  r.Add(V::post, "/api/v1/committee-meetings/{id}/minutes/transition", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"action", "version", "reason"}));
    POL_TRY(std::string action, f.RequiredStr("action", 20));
    POL_TRY(auto version, VersionFrom(req, f));
    POL_TRY(auto reason, f.Str("reason", 4000));
    POL_TRY(committee::MinutesView v,
            svc->Transition(ActorOf(req), id, action, version, reason.value_or("")));
    return MinutesResponse(v);
  });

  r.Add(V::post, "/api/v1/committee-meetings/{id}/minutes/comments", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"body"}));
    POL_TRY(std::string body, f.RequiredStr("body", 16000));
    POL_TRY(committee::MinutesView v, svc->Comment(ActorOf(req), id, body));
    return MinutesResponse(v, 201);
  });

  r.Add(V::get, "/api/v1/committee-meetings/{id}/minutes/pdf", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(std::string pdf, svc->Pdf(ActorOf(req), id));
    Response res = Response::Text(std::move(pdf), "application/pdf");
    res.With("Content-Disposition", "attachment; filename=\"minutes-" + std::to_string(id) + ".pdf\"");
    return res;
  });

  // Absence statistics (§5) per member and per agency, over meetings held starting in [from, to).
  store::Database* db = s.db;
  r.Add(V::get, "/api/v1/committees/{id}/absence", Access::kSession, [db](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto from, QueryId(req, "from"));
    POL_TRY(auto to, QueryId(req, "to"));
    POL_TRY(committee::AbsenceStats st,
            committee::Absence(*db, ActorOf(req), id, from.value_or(0), to.value_or(INT64_MAX)));
    auto counts = [](const committee::AbsenceCounts& c) {
      return Json{{"recorded", c.recorded},        {"present", c.present}, {"late", c.late},
                  {"delegated", c.delegated},      {"excused", c.excused}, {"absent", c.absent},
                  {"absence_rate", c.absence_rate}};
    };
    Json members = Json::array(), agencies = Json::array();
    for (const auto& m : st.members) {
      Json j = counts(m.counts);
      j.update(Json{{"member_id", m.member_id},
                    {"user_id", m.user_id},
                    {"user_name", m.user_name},
                    {"role", m.role},
                    {"agency_id", OptJson(m.agency_id)},
                    {"current", m.current}});
      members.push_back(std::move(j));
    }
    for (const auto& a : st.agencies) {
      Json j = counts(a.counts);
      j["agency_id"] = a.agency_id;
      agencies.push_back(std::move(j));
    }
    return Response::MakeJson(Json{{"members", members}, {"agencies", agencies}});
  });

  // The register of decisions with the filters of GET /api/v1/committee-decisions, as XLSX.
  auto reg = std::make_shared<committee::RegisterExport>(s.db, s.committees);
  r.Add(V::get, "/api/v1/committee/register/xlsx", Access::kSession, [reg](Request& req) {
    store::DecisionFilter f;
    POL_TRY(f.committee_id, QueryId(req, "committee_id"));
    POL_TRY(f.meeting_id, QueryId(req, "meeting_id"));
    POL_TRY(f.owner_agency_id, QueryId(req, "owner_agency_id"));
    f.status = QueryFilter(req, "status");
    if (f.status && *f.status != "open" && *f.status != "in_progress" && *f.status != "done" &&
        *f.status != "cancelled") {
      return Response::Error(InvalidArgument(
          "invalid_param", "وضعیت باید open، in_progress، done یا cancelled باشد.", "status"));
    }
    const bool overdue = QueryFilter(req, "overdue").value_or("") == "true";
    POL_TRY(std::string body, reg->Xlsx(ActorOf(req), f, overdue));
    Response res = Response::Text(std::move(body), kXlsxType);
    res.With("Content-Disposition", "attachment; filename=\"committee-register.xlsx\"");
    return res;
  });
}

}  // namespace pol::api
