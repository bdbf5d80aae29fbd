// /api/v1/releases (the newsroom), /api/v1/approvals and /api/v1/notifications.
#include "api/json_io.h"
#include "api/routes.h"
#include "text/html_escape.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json ReleaseJson(const store::Release& r, bool with_body) {
  Json co = Json::array();
  for (const auto& s : r.co_signers) {
    co.push_back({{"agency_id", s.agency_id},
                  {"signed_by", OptJson(s.signed_by)},
                  {"signed_at", OptJson(s.signed_at)}});
  }
  Json photos = Json::array();
  for (const auto& p : r.photos) {
    photos.push_back({{"media_id", p.media_id}, {"position", p.position}, {"caption", p.caption}});
  }
  Json j{{"id", r.id},
         {"agency_id", r.agency_id},
         {"council_id", r.council_id},
         {"status", r.status},
         {"council_level", r.council_level},
         {"council_approved_by", OptJson(r.council_approved_by)},
         {"council_approved_at", OptJson(r.council_approved_at)},
         {"approved_by", OptJson(r.approved_by)},
         {"approved_at", OptJson(r.approved_at)},
         {"submitted_at", OptJson(r.submitted_at)},
         {"over_title", r.over_title},
         {"title", r.title},
         {"lead", r.lead},
         {"category", r.category},
         {"occasion_id", OptJson(r.occasion_id)},
         {"urgency", r.urgency},
         {"source_line", r.source_line},
         {"slug", r.slug},
         {"embargo_until", OptJson(r.embargo_until)},
         {"publish_at", OptJson(r.publish_at)},
         {"published_at", OptJson(r.published_at)},
         {"withdrawn_at", OptJson(r.withdrawn_at)},
         {"withdrawn_reason", r.withdrawn_reason},
         {"corrected_at", OptJson(r.corrected_at)},
         {"correction_note", r.correction_note},
         {"return_comment", r.return_comment},
         {"author_id", OptJson(r.author_id)},
         {"version", r.version},
         {"created_at", r.created_at},
         {"updated_at", r.updated_at},
         {"tags", r.tags},
         {"co_signers", co},
         {"photos", photos}};
  if (with_body) {
    j["body_html"] = r.body_html;
    j["body_text"] = r.body_text;
  }
  if (!r.snippet.empty()) j["snippet"] = text::SnippetToHtml(r.snippet);  // matched words in <mark>
  return j;
}

Status WrongType(const char* name, const char* expected) {
  return InvalidArgument("invalid_field", std::string("مقدار این بخش باید ") + expected + " باشد.", name);
}

Status ReadContent(const Fields& f, newsroom::ReleaseInput& in) {
  POL_ASSIGN_OR_RETURN(in.agency_id, f.Int("agency_id"));
  POL_ASSIGN_OR_RETURN(in.over_title, f.Str("over_title", 2000));
  POL_ASSIGN_OR_RETURN(in.title, f.Str("title", 3000));
  POL_ASSIGN_OR_RETURN(in.lead, f.Str("lead", 15000));
  POL_ASSIGN_OR_RETURN(in.body_html, f.Str("body_html", 512 * 1024));
  POL_ASSIGN_OR_RETURN(in.category, f.Str("category", 1000));
  POL_ASSIGN_OR_RETURN(in.urgency, f.Str("urgency", 20));
  POL_ASSIGN_OR_RETURN(in.source_line, f.Str("source_line", 2000));
  POL_ASSIGN_OR_RETURN(in.occasion_id, f.Int("occasion_id"));
  POL_ASSIGN_OR_RETURN(in.embargo_until, f.Int("embargo_until"));
  POL_ASSIGN_OR_RETURN(in.publish_at, f.Int("publish_at"));
  POL_ASSIGN_OR_RETURN(in.council_level, f.Bool("council_level"));
  const Json& j = f.json();
  if (auto it = j.find("tags"); it != j.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > 100) return WrongType("tags", "فهرستی از برچسب‌ها");
    std::vector<std::string> tags;
    for (const Json& t : *it) {
      if (!t.is_string() || t.get_ref<const std::string&>().size() > 400)
        return WrongType("tags", "فهرستی از برچسب‌ها");
      tags.push_back(t.get<std::string>());
    }
    in.tags = std::move(tags);
  }
  if (auto it = j.find("co_agency_ids"); it != j.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > 100)
      return WrongType("co_agency_ids", "فهرستی از شناسهٔ دستگاه‌ها");
    std::vector<int64_t> ids;
    for (const Json& x : *it) {
      if (!x.is_number_integer())
        return WrongType("co_agency_ids", "فهرستی از شناسهٔ دستگاه‌ها");
      ids.push_back(x.get<int64_t>());
    }
    in.co_agency_ids = std::move(ids);
  }
  if (auto it = j.find("photos"); it != j.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > 100) return WrongType("photos", "فهرستی از عکس‌ها");
    std::vector<newsroom::PhotoInput> photos;
    for (const Json& p : *it) {
      if (!p.is_object() || !p.contains("media_id") || !p["media_id"].is_number_integer()) {
        return WrongType("photos", "فهرستی از عکس‌ها ({media_id, caption})");
      }
      newsroom::PhotoInput pi{p["media_id"].get<int64_t>(), ""};
      for (const auto& [k, v] : p.items()) {
        if (k == "media_id" || k == "position") continue;
        if (k != "caption") return InvalidArgument("unknown_field", "بخش ناشناخته در عکس: " + k, "photos");
        if (!v.is_string() || v.get_ref<const std::string&>().size() > 4000)
          return WrongType("photos", "فهرستی از عکس‌ها");
        pi.caption = v.get<std::string>();
      }
      photos.push_back(std::move(pi));
    }
    in.photos = std::move(photos);
  }
  return Status::Ok();
}

StatusOr<newsroom::ReleaseInput> ReadRelease(const Request& req, bool create) {
  POL_ASSIGN_OR_RETURN(
      Fields f, Fields::From(req, {"version", "agency_id", "over_title", "title", "lead", "body_html",
                                   "category", "urgency", "source_line", "occasion_id", "embargo_until",
                                   "publish_at", "council_level", "tags", "co_agency_ids", "photos"}));
  newsroom::ReleaseInput in;
  if (!create) {
    POL_ASSIGN_OR_RETURN(in.version, VersionFrom(req, f));
  }
  POL_RETURN_IF_ERROR(ReadContent(f, in));
  return in;
}

StatusOr<newsroom::ActionInput> ReadAction(const Request& req,
                                           std::initializer_list<std::string_view> allowed) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, allowed));
  newsroom::ActionInput in;
  POL_ASSIGN_OR_RETURN(in.version, VersionFrom(req, f));
  POL_ASSIGN_OR_RETURN(auto comment, f.Str("comment", 8000));
  POL_ASSIGN_OR_RETURN(auto reason, f.Str("reason", 8000));
  POL_ASSIGN_OR_RETURN(auto note, f.Str("note", 8000));
  POL_ASSIGN_OR_RETURN(in.publish_at, f.Int("publish_at"));
  in.comment = comment.value_or("");
  in.reason = reason.value_or("");
  in.note = note.value_or("");
  return in;
}

StatusOr<newsroom::ActionInput> ReadCorrection(const Request& req) {
  POL_ASSIGN_OR_RETURN(
      Fields f, Fields::From(req, {"version", "note", "agency_id", "over_title", "title", "lead", "body_html",
                                   "category", "urgency", "source_line", "occasion_id", "embargo_until",
                                   "publish_at", "council_level", "tags", "co_agency_ids", "photos"}));
  newsroom::ActionInput in;
  POL_ASSIGN_OR_RETURN(in.version, VersionFrom(req, f));
  POL_ASSIGN_OR_RETURN(auto note, f.Str("note", 8000));
  in.note = note.value_or("");
  POL_RETURN_IF_ERROR(ReadContent(f, in.changes));
  return in;
}

Json RevisionJson(const store::ReleaseRevision& r, bool with_snapshot) {
  Json j{{"id", r.id},
         {"release_id", r.release_id},
         {"rev", r.rev},
         {"action", r.action},
         {"author_id", OptJson(r.author_id)},
         {"author_name", r.author_name},
         {"at", r.at},
         {"comment", r.comment}};
  if (with_snapshot) {
    Json s = Json::parse(r.snapshot, nullptr, false);
    j["snapshot"] = s.is_discarded() ? Json::object() : s;
  }
  return j;
}

using Action = StatusOr<store::Release> (newsroom::ReleaseService::*)(const accounts::Actor&, int64_t,
                                                                      const newsroom::ActionInput&);

Response RunAction(const Services& s, Request& req, Action action,
                   std::initializer_list<std::string_view> allowed) {
  POL_TRY(int64_t id, req.IdParam());
  POL_TRY(auto in, ReadAction(req, allowed));
  POL_TRY(store::Release rel, (s.releases->*action)(ActorOf(req), id, in));
  return Versioned(ReleaseJson(rel, true), rel.version);
}

// The release as saved, with what the sanitizer dropped from its body ("warnings": [{code, message}]).
Json SavedJson(const store::Release& rel, const std::vector<newsroom::SanitizeWarning>& warnings) {
  Json j = ReleaseJson(rel, true);
  Json w = Json::array();
  for (const auto& x : warnings) w.push_back(Json{{"code", x.code}, {"message", x.message}});
  j["warnings"] = std::move(w);
  return j;
}

// Reading, listing, creating and editing releases.
void AddReleaseRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/api/v1/releases", Access::kSession, [s](Request& req) {
    POL_TRY(Paging p, ParsePaging(req));
    newsroom::ReleaseQuery q{.q = req.Query("q").value_or(""), .limit = p.limit(), .offset = p.offset()};
    if (q.q.size() > 1000)
      return Response::Error(InvalidArgument("too_long", "عبارت جست‌وجو بلند است.", "q"));
    POL_TRY(q.agency_id, QueryId(req, "agency_id"));
    POL_TRY(q.council_id, QueryId(req, "council_id"));
    POL_TRY(q.from, QueryId(req, "from"));
    POL_TRY(q.to, QueryId(req, "to"));
    q.status = QueryFilter(req, "status");
    q.tag = QueryFilter(req, "tag");
    POL_TRY(store::ReleasePage page, s.releases->List(ActorOf(req), q));
    Json items = Json::array();
    for (const store::Release& x : page.items) items.push_back(ReleaseJson(x, false));
    Json out = PageJson(std::move(items), p, page.total);
    out["total_capped"] = page.total_capped;  // more than `total` matches; the page is the newest of them
    return Response::MakeJson(std::move(out));
  });

  r.Add(V::post, "/api/v1/releases", Access::kSession, [s](Request& req) {
    POL_TRY(auto in, ReadRelease(req, true));
    std::vector<newsroom::SanitizeWarning> warnings;
    POL_TRY(store::Release rel, s.releases->Create(ActorOf(req), in, &warnings));
    return Versioned(SavedJson(rel, warnings), rel.version, 201)
        .With("Location", "/api/v1/releases/" + std::to_string(rel.id));
  });

  r.Add(V::get, "/api/v1/releases/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(store::Release rel, s.releases->Get(ActorOf(req), id));
    return Versioned(ReleaseJson(rel, true), rel.version);
  });

  // Edits and autosave of drafts: the changed fields and the version read.
  r.Add(V::patch, "/api/v1/releases/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadRelease(req, false));
    std::vector<newsroom::SanitizeWarning> warnings;
    POL_TRY(store::Release rel, s.releases->Update(ActorOf(req), id, in, &warnings));
    return Versioned(SavedJson(rel, warnings), rel.version);
  });
}

// The workflow steps.
void AddWorkflowRoutes(http::Router& r, const Services& s) {
  // Workflow steps: POST with {"version", …}; each answers the release as it is now.
  r.Add(V::post, "/api/v1/releases/{id}/submit", Access::kSession, [s](Request& req) {
    return RunAction(s, req, &newsroom::ReleaseService::Submit, {"version", "comment"});
  });
  r.Add(V::post, "/api/v1/releases/{id}/approve", Access::kSession, [s](Request& req) {
    return RunAction(s, req, &newsroom::ReleaseService::Approve, {"version", "comment", "publish_at"});
  });
  r.Add(V::post, "/api/v1/releases/{id}/return", Access::kSession, [s](Request& req) {
    return RunAction(s, req, &newsroom::ReleaseService::Return, {"version", "comment"});
  });
  r.Add(V::post, "/api/v1/releases/{id}/withdraw", Access::kSession, [s](Request& req) {
    return RunAction(s, req, &newsroom::ReleaseService::Withdraw, {"version", "reason"});
  });

  r.Add(V::post, "/api/v1/releases/{id}/correct", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadCorrection(req));
    std::vector<newsroom::SanitizeWarning> warnings;
    POL_TRY(store::Release rel, s.releases->Correct(ActorOf(req), id, in, &warnings));
    return Versioned(SavedJson(rel, warnings), rel.version);
  });
}

// Revisions and their diffs.
void AddRevisionRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/api/v1/releases/{id}/revisions", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto revs, s.releases->Revisions(ActorOf(req), id));
    Json items = Json::array();
    for (const auto& x : revs) items.push_back(RevisionJson(x, false));
    return Response::MakeJson(Json{{"items", items}});
  });

  r.Add(V::get, "/api/v1/releases/{id}/revisions/{rev}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(int64_t rev, req.IdParam("rev"));
    POL_TRY(auto x, s.releases->Revision(ActorOf(req), id, rev));
    return Response::MakeJson(RevisionJson(x, true));
  });

  // A readable word-level diff between two revisions: ?from=&to= (revision numbers).
  r.Add(V::get, "/api/v1/releases/{id}/diff", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(int64_t from, RequiredQueryId(req, "from"));
    POL_TRY(int64_t to, RequiredQueryId(req, "to"));
    POL_TRY(auto d, s.releases->Diff(ActorOf(req), id, from, to));
    Json fields = Json::array();
    for (const auto& f : d.fields) {
      Json ops = Json::array();
      for (const auto& o : f.ops) ops.push_back({{"op", o.op}, {"text", o.text}});
      fields.push_back({{"field", f.field}, {"ops", ops}});
    }
    return Response::MakeJson(Json{{"from", d.from}, {"to", d.to}, {"fields", fields}});
  });
}

// The approval queue and notifications.
void AddQueueRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/api/v1/approvals", Access::kSession, [s](Request& req) {
    POL_TRY(auto list, s.releases->Approvals(ActorOf(req)));
    Json items = Json::array();
    for (const auto& x : list) items.push_back(ReleaseJson(x, false));
    return Response::MakeJson(Json{{"items", items}});
  });

  r.Add(V::get, "/api/v1/notifications", Access::kSession, [s](Request& req) {
    POL_TRY(Paging p, ParsePaging(req));
    const bool unread = req.Query("unread").value_or("") == "1" || req.Query("unread").value_or("") == "true";
    POL_TRY(auto page, s.releases->Notifications(ActorOf(req), unread, p.limit(), p.offset()));
    Json items = Json::array();
    for (const auto& n : page.first) {
      items.push_back({{"id", n.id},
                       {"user_id", n.user_id},
                       {"kind", n.kind},
                       {"title", n.title},
                       {"body", n.body},
                       {"link", n.link},
                       {"created_at", n.created_at},
                       {"read_at", OptJson(n.read_at)}});
    }
    return Response::MakeJson(
        Json{{"items", items}, {"unread", page.second}, {"page", p.page}, {"per_page", p.per_page}});
  });

  r.Add(V::post, "/api/v1/notifications/{id}/read", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    if (Status st = s.releases->MarkRead(ActorOf(req), id); !st.ok()) return Response::Error(st);
    return Response::NoContent();
  });
}

}  // namespace

void RegisterReleaseRoutes(http::Router& r, const Services& s) {
  AddReleaseRoutes(r, s);
  AddWorkflowRoutes(r, s);
  AddRevisionRoutes(r, s);
  AddQueueRoutes(r, s);
}

}  // namespace pol::api
