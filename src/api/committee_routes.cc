// /api/v1/committees, /api/v1/committee-meetings, /api/v1/committee-decisions, /api/v1/committee/mine:
// the council's PR committee (src/committee).
#include "api/json_io.h"
#include "api/routes.h"
#include "committee/committees.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json ToJson(const store::Committee& c) {
  return Json{{"id", c.id},
              {"council_id", c.council_id},
              {"parent_id", OptJson(c.parent_id)},
              {"name", c.name},
              {"quorum_rule", c.quorum_rule},
              {"version", c.version},
              {"created_at", c.created_at}};
}

Json ToJson(const store::CommitteeMember& m) {
  return Json{{"id", m.id},
              {"user_id", m.user_id},
              {"user_name", m.user_name},
              {"agency_id", OptJson(m.agency_id)},
              {"role", m.role},
              {"voting", m.voting},
              {"joined_at", m.joined_at},
              {"left_at", OptJson(m.left_at)}};
}

Json ToJson(const store::Meeting& m) {
  return Json{{"id", m.id},          {"committee_id", m.committee_id}, {"number", m.number},
              {"kind", m.kind},      {"starts_at", m.starts_at},       {"duration_min", m.duration_min},
              {"place", m.place},    {"online_url", m.online_url},     {"status", m.status},
              {"version", m.version}};
}

Json ToJson(const store::AgendaItem& a) {
  return Json{{"id", a.id},
              {"position", a.position},
              {"title", a.title},
              {"presenter_user_id", OptJson(a.presenter_user_id)},
              {"duration_min", a.duration_min},
              {"link_kind", a.link_kind},
              {"link_id", OptJson(a.link_id)},
              {"is_review", a.is_review}};
}

Json ToJson(const committee::DecisionView& v) {
  const store::Decision& d = v.decision;
  Json j{{"id", d.id},
         {"committee_id", d.committee_id},
         {"meeting_id", d.meeting_id},
         {"meeting_number", d.meeting_number},
         {"agenda_item_id", OptJson(d.agenda_item_id)},
         {"text", d.text},
         {"owner_agency_id", d.owner_agency_id},
         {"owner_user_id", OptJson(d.owner_user_id)},
         {"deadline", d.deadline},
         {"deadline_jalali", v.deadline_jalali},
         {"working_days_left", v.working_days_left},
         {"priority", d.priority},
         {"status", d.status},
         {"overdue", v.overdue},
         {"progress", d.progress},
         {"majority", d.majority},
         {"vote_result", d.vote_result},
         {"done_at", OptJson(d.done_at)},
         {"version", d.version}};
  Json followups = Json::array();
  for (const auto& f : v.followups) {
    followups.push_back(Json{{"id", f.id},
                             {"at", f.at},
                             {"user_id", OptJson(f.user_id)},
                             {"note", f.note},
                             {"progress", f.progress},
                             {"status", f.status}});
  }
  j["followups"] = followups;
  Json votes = Json::array();
  for (const auto& x : v.votes)
    votes.push_back(Json{{"member_id", x.member_id}, {"vote", x.vote}, {"at", x.at}});
  j["votes"] = votes;
  if (v.tally) {
    j["tally"] =
        Json{{"yes", v.tally->yes},         {"no", v.tally->no},         {"abstain", v.tally->abstain},
             {"present", v.tally->present}, {"needed", v.tally->needed}, {"passed", v.tally->passed}};
  }
  return j;
}

Json ToJson(const committee::MeetingView& v) {
  Json j = ToJson(v.meeting);
  j["starts_jalali"] = v.starts_jalali;
  Json agenda = Json::array();
  for (const auto& a : v.agenda) agenda.push_back(ToJson(a));
  j["agenda"] = agenda;
  Json review = Json::array();
  for (const auto& d : v.review) review.push_back(ToJson(d));
  j["review"] = review;
  Json attendance = Json::array();
  for (const auto& a : v.attendance) {
    attendance.push_back(Json{{"member_id", a.member_id},
                              {"status", a.status},
                              {"delegate_name", a.delegate_name},
                              {"rsvp", a.rsvp}});
  }
  j["attendance"] = attendance;
  j["quorum"] = Json{{"voting_members", v.quorum.voting_members},
                     {"voting_present", v.quorum.voting_present},
                     {"needed", v.quorum.needed},
                     {"reached", v.quorum.reached}};
  j["warnings"] = v.warnings;
  return j;
}

StatusOr<committee::MeetingInput> ReadMeeting(const Request& req, bool create) {
  POL_ASSIGN_OR_RETURN(
      Fields f, Fields::From(req, {"version", "kind", "starts_at", "duration_min", "place", "online_url"}));
  committee::MeetingInput in;
  if (!create) {
    POL_ASSIGN_OR_RETURN(in.version, VersionFrom(req, f));
  }
  POL_ASSIGN_OR_RETURN(in.kind, f.Str("kind", 40));
  POL_ASSIGN_OR_RETURN(in.starts_at, f.Int("starts_at"));
  POL_ASSIGN_OR_RETURN(in.duration_min, f.Int("duration_min"));
  POL_ASSIGN_OR_RETURN(in.place, f.Str("place", 1200));
  POL_ASSIGN_OR_RETURN(in.online_url, f.Str("online_url", 500));
  return in;
}

StatusOr<committee::DecisionInput> ReadDecision(const Request& req, bool create) {
  POL_ASSIGN_OR_RETURN(
      Fields f, Fields::From(req, {"version", "agenda_item_id", "owner_agency_id", "owner_user_id", "text",
                                   "deadline", "priority", "status", "majority"}));
  committee::DecisionInput in;
  if (!create) {
    POL_ASSIGN_OR_RETURN(in.version, VersionFrom(req, f));
  }
  POL_ASSIGN_OR_RETURN(in.agenda_item_id, f.Int("agenda_item_id"));
  POL_ASSIGN_OR_RETURN(in.owner_agency_id, f.Int("owner_agency_id"));
  POL_ASSIGN_OR_RETURN(in.owner_user_id, f.Int("owner_user_id"));
  POL_ASSIGN_OR_RETURN(in.text, f.Str("text", 16000));
  POL_ASSIGN_OR_RETURN(in.deadline, f.Str("deadline", 60));
  POL_ASSIGN_OR_RETURN(in.priority, f.Str("priority", 20));
  POL_ASSIGN_OR_RETURN(in.majority, f.Str("majority", 20));
  if (!create) {
    POL_ASSIGN_OR_RETURN(in.status, f.Str("status", 20));
  } else if (f.json().contains("status")) {
    return InvalidArgument("unknown_field", "مصوبهٔ تازه همیشه «باز» است.", "status");
  }
  return in;
}

// {"attendance": [{"member_id": 1, "status": "present", "delegate_name": ""}, …]}, at most 200 rows.
StatusOr<std::vector<committee::AttendanceInput>> ReadAttendance(const Request& req) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {"attendance"}));
  const Json& rows = f.json().contains("attendance") ? f.json()["attendance"] : Json();
  if (!rows.is_array() || rows.size() > 200) {
    return InvalidArgument(
        "invalid_field",
        "فهرست حضور باید آرایه‌ای از حداکثر ۲۰۰ ردیف باشد.",
        "attendance");
  }
  std::vector<committee::AttendanceInput> out;
  for (const Json& r : rows) {
    const bool ok = r.is_object() && r.size() <= 3 && r.contains("member_id") &&
                    r["member_id"].is_number_integer() && r.contains("status") && r["status"].is_string() &&
                    (!r.contains("delegate_name") || r["delegate_name"].is_string());
    if (!ok || (r.size() == 3 && !r.contains("delegate_name"))) {
      return InvalidArgument(
          "invalid_field", "هر ردیف حضور باید member_id و status (و در صورت نیاز delegate_name) داشته باشد.",
          "attendance");
    }
    std::string delegate = r.value("delegate_name", std::string());
    if (delegate.size() > 800 || r["status"].get<std::string>().size() > 20) {
      return InvalidArgument("too_long", "ردیف حضور بیش از اندازه بلند است.", "attendance");
    }
    out.push_back({r["member_id"].get<int64_t>(), r["status"].get<std::string>(), std::move(delegate)});
  }
  return out;
}

StatusOr<std::optional<std::string>> StatusFilter(const Request& req) {
  auto s = QueryFilter(req, "status");
  if (s && *s != "open" && *s != "in_progress" && *s != "done" && *s != "cancelled") {
    return InvalidArgument("invalid_param", "وضعیت باید open، in_progress، done یا cancelled باشد.",
                           "status");
  }
  return s;
}

void RegisterCommitteesAndMeetings(http::Router& r, committee::CommitteeService* svc) {
  r.Add(V::get, "/api/v1/committees", Access::kSession, [svc](Request& req) {
    POL_TRY(auto list, svc->ListCommittees(ActorOf(req)));
    Json items = Json::array();
    for (const auto& c : list) items.push_back(ToJson(c));
    return Response::MakeJson(Json{{"items", items}});
  });

  r.Add(V::post, "/api/v1/committees", Access::kSession, [svc](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"council_id", "parent_id", "name", "quorum_rule"}));
    committee::CommitteeInput in;
    POL_TRY(in.council_id, f.Int("council_id"));
    POL_TRY(in.parent_id, f.Int("parent_id"));
    POL_TRY(in.name, f.Str("name", 1000));
    POL_TRY(in.quorum_rule, f.Str("quorum_rule", 20));
    POL_TRY(store::Committee c, svc->CreateCommittee(ActorOf(req), in));
    return Versioned(ToJson(c), c.version, 201)
        .With("Location", "/api/v1/committees/" + std::to_string(c.id));
  });

  r.Add(V::get, "/api/v1/committees/{id}", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(committee::CommitteeView v, svc->GetCommittee(ActorOf(req), id));
    Json j = ToJson(v.committee);
    Json members = Json::array();
    for (const auto& m : v.members) members.push_back(ToJson(m));
    j["members"] = members;
    j["my_role"] = v.my_seat ? Json(v.my_seat->role) : Json();
    return Versioned(j, v.committee.version);
  });

  r.Add(V::post, "/api/v1/committees/{id}/members", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"user_id", "agency_id", "role", "voting"}));
    committee::MemberInput in;
    POL_TRY(in.user_id, f.Int("user_id"));
    POL_TRY(in.agency_id, f.Int("agency_id"));
    POL_TRY(in.role, f.Str("role", 20));
    POL_TRY(in.voting, f.Bool("voting"));
    POL_TRY(store::CommitteeMember m, svc->AddMember(ActorOf(req), id, in));
    return Response::MakeJson(ToJson(m), 201);
  });

  r.Add(V::delete_, "/api/v1/committees/{id}/members/{mid}", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(int64_t mid, req.IdParam("mid"));
    Status s = svc->EndMember(ActorOf(req), id, mid);
    if (!s.ok()) return Response::Error(s);
    return Response::NoContent();
  });

  r.Add(V::get, "/api/v1/committees/{id}/meetings", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto list, svc->ListMeetings(ActorOf(req), id));
    Json items = Json::array();
    for (const auto& m : list) items.push_back(ToJson(m));
    return Response::MakeJson(Json{{"items", items}});
  });

  r.Add(V::post, "/api/v1/committees/{id}/meetings", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadMeeting(req, true));
    POL_TRY(committee::MeetingView v, svc->CreateMeeting(ActorOf(req), id, in));
    return Versioned(ToJson(v), v.meeting.version, 201)
        .With("Location", "/api/v1/committee-meetings/" + std::to_string(v.meeting.id));
  });

  r.Add(V::get, "/api/v1/committee-meetings/{id}", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(committee::MeetingView v, svc->GetMeeting(ActorOf(req), id));
    return Versioned(ToJson(v), v.meeting.version);
  });

  r.Add(V::patch, "/api/v1/committee-meetings/{id}", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadMeeting(req, false));
    POL_TRY(committee::MeetingView v, svc->UpdateMeeting(ActorOf(req), id, in));
    return Versioned(ToJson(v), v.meeting.version);
  });

  r.Add(V::post, "/api/v1/committee-meetings/{id}/transition", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"action", "version"}));
    POL_TRY(std::string action, f.RequiredStr("action", 20));
    POL_TRY(auto version, VersionFrom(req, f));
    POL_TRY(committee::MeetingView v, svc->Transition(ActorOf(req), id, action, version));
    return Versioned(ToJson(v), v.meeting.version);
  });

  r.Add(V::post, "/api/v1/committee-meetings/{id}/agenda", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f,
            Fields::From(req, {"title", "presenter_user_id", "duration_min", "link_kind", "link_id"}));
    committee::AgendaInput in;
    POL_TRY(in.title, f.Str("title", 2000));
    POL_TRY(in.presenter_user_id, f.Int("presenter_user_id"));
    POL_TRY(in.duration_min, f.Int("duration_min"));
    POL_TRY(in.link_kind, f.Str("link_kind", 40));
    POL_TRY(in.link_id, f.Int("link_id"));
    POL_TRY(store::AgendaItem a, svc->AddAgendaItem(ActorOf(req), id, in));
    return Response::MakeJson(ToJson(a), 201);
  });

  r.Add(V::put, "/api/v1/committee-meetings/{id}/attendance", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto rows, ReadAttendance(req));
    POL_TRY(committee::MeetingView v, svc->SetAttendance(ActorOf(req), id, rows));
    return Versioned(ToJson(v), v.meeting.version);
  });

  r.Add(V::post, "/api/v1/committee-meetings/{id}/rsvp", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"rsvp", "delegate_name"}));
    POL_TRY(std::string rsvp, f.RequiredStr("rsvp", 20));
    POL_TRY(auto delegate, f.Str("delegate_name", 800));
    Status s = svc->Rsvp(ActorOf(req), id, rsvp, delegate.value_or(""));
    if (!s.ok()) return Response::Error(s);
    return Response::NoContent();
  });
}

void RegisterDecisions(http::Router& r, committee::CommitteeService* svc) {
  r.Add(V::post, "/api/v1/committee-meetings/{id}/decisions", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadDecision(req, true));
    POL_TRY(committee::DecisionView v, svc->CreateDecision(ActorOf(req), id, in));
    return Versioned(ToJson(v), v.decision.version, 201)
        .With("Location", "/api/v1/committee-decisions/" + std::to_string(v.decision.id));
  });

  r.Add(V::get, "/api/v1/committee-decisions", Access::kSession, [svc](Request& req) {
    POL_TRY(Paging p, ParsePaging(req));
    store::DecisionFilter f{.limit = p.limit(), .offset = p.offset()};
    POL_TRY(f.committee_id, QueryId(req, "committee_id"));
    POL_TRY(f.meeting_id, QueryId(req, "meeting_id"));
    POL_TRY(f.owner_agency_id, QueryId(req, "owner_agency_id"));
    POL_TRY(f.status, StatusFilter(req));
    const bool overdue = QueryFilter(req, "overdue").value_or("") == "true";
    POL_TRY(auto page, svc->ListDecisions(ActorOf(req), f, overdue));
    return Response::MakeJson(PageJson(page, p, [](const committee::DecisionView& v) { return ToJson(v); }));
  });

  r.Add(V::get, "/api/v1/committee-decisions/{id}", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(committee::DecisionView v, svc->GetDecision(ActorOf(req), id));
    return Versioned(ToJson(v), v.decision.version);
  });

  r.Add(V::patch, "/api/v1/committee-decisions/{id}", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadDecision(req, false));
    POL_TRY(committee::DecisionView v, svc->UpdateDecision(ActorOf(req), id, in));
    return Versioned(ToJson(v), v.decision.version);
  });

  r.Add(V::post, "/api/v1/committee-decisions/{id}/followups", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"note", "progress", "status"}));
    committee::FollowUpInput in;
    POL_TRY(in.note, f.Str("note", 16000));
    POL_TRY(in.progress, f.Int("progress"));
    POL_TRY(in.status, f.Str("status", 20));
    POL_TRY(committee::DecisionView v, svc->AddFollowUp(ActorOf(req), id, in));
    return Response::MakeJson(ToJson(v), 201);
  });

  r.Add(V::post, "/api/v1/committee-decisions/{id}/votes", Access::kSession, [svc](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"member_id", "vote"}));
    committee::VoteInput in;
    POL_TRY(in.member_id, f.Int("member_id"));
    POL_TRY(in.vote, f.RequiredStr("vote", 20));
    POL_TRY(committee::DecisionView v, svc->CastVote(ActorOf(req), id, in));
    return Response::MakeJson(ToJson(v));
  });

  r.Add(V::get, "/api/v1/committee/mine", Access::kSession, [svc](Request& req) {
    POL_TRY(committee::MyView v, svc->Mine(ActorOf(req)));
    Json meetings = Json::array(), decisions = Json::array();
    for (const auto& m : v.meetings) meetings.push_back(ToJson(m));
    for (const auto& d : v.decisions) decisions.push_back(ToJson(d));
    return Response::MakeJson(Json{{"meetings", meetings}, {"decisions", decisions}});
  });
}

}  // namespace

// The minutes (committee_minutes_routes.cc).
void RegisterCommitteeMinutesRoutes(http::Router& r, const Services& s);

void RegisterCommitteeRoutes(http::Router& r, const Services& s) {
  RegisterCommitteesAndMeetings(r, s.committees);
  RegisterDecisions(r, s.committees);
  RegisterCommitteeMinutesRoutes(r, s);
}

}  // namespace pol::api
