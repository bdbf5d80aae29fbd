// The committee's opt-in public page (issue 13 §8): the page on the site, the council's switch and a
// decision's publication flag (committee/publication.h, site/decisions_page.h); a committee's settings:
// the reminder lead time (committee/reminder_settings.h) and its senders (committee/sender_settings.h).
#include <memory>

#include "api/json_io.h"
#include "api/routes.h"
#include "api/site_page.h"
#include "committee/publication.h"
#include "committee/reminder_settings.h"
#include "committee/sender_settings.h"
#include "site/decisions_page.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json ToJson(const store::CommitteeCouncilSettings& s) {
  return Json{{"council_id", s.council_id}, {"public_page", s.public_page}, {"version", s.version}};
}

Json ToJson(const store::CommitteeReminderSettings& s) {
  return Json{{"committee_id", s.committee_id},
              {"decision_reminder_days", s.decision_reminder_days},
              {"version", s.version}};
}

Json ToJson(const store::CommitteeSenders& s) {
  return Json{{"committee_id", s.committee_id},
              {"mail_channel_id", OptJson(s.mail_channel_id)},
              {"sms_sender", s.sms_sender},
              {"version", s.version}};
}

Json ToJson(const store::DecisionPublication& p) {
  return Json{{"decision_id", p.decision_id},
              {"published", p.published},
              {"published_at", OptJson(p.published_at)},
              {"version", p.version}};
}

// {"<flag>": bool, "version": int}, both required.
StatusOr<std::pair<bool, int64_t>> FlagAndVersion(const Request& req, const char* flag) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {flag, "version"}));
  POL_ASSIGN_OR_RETURN(auto value, f.Bool(flag));
  if (!value) return InvalidArgument("required", std::string("مقدار ") + flag + " لازم است.", flag);
  POL_ASSIGN_OR_RETURN(auto version, f.Int("version"));
  if (!version) return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  return std::make_pair(*value, *version);
}

}  // namespace

void RegisterCommitteePublicRoutes(http::Router& r, const Services& s) {
  const std::string& council_slug = s.site_council_slug;
  auto pub = std::make_shared<committee::PublicationService>(s.db, s.env);
  // The site is null only where routes are listed without a server.
  auto page =
      std::make_shared<site::DecisionsPage>(s.db, s.env, council_slug, s.site ? s.site->FontPath() : "");
  r.Add(V::get, "/decisions", Access::kPublic, [s, page](Request& req) {
    const std::string base = s.site->BaseUrl();
    auto p = page->Render(base, SitePageParam(req));
    return SitePageResponse(req, p ? std::move(*p) : s.site->NotFoundPage(base));
  });
  r.Add(V::get, "/api/v1/councils/{id}/committee-settings", Access::kSession, [pub](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto settings, pub->GetSettings(ActorOf(req), id));
    return Response::MakeJson(ToJson(settings));
  });
  r.Add(V::put, "/api/v1/councils/{id}/committee-settings", Access::kSession, [pub](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, FlagAndVersion(req, "public_page"));
    POL_TRY(auto settings, pub->SetPublicPage(ActorOf(req), id, in.first, in.second));
    return Response::MakeJson(ToJson(settings));
  });
  // A committee's reminder lead time before decisions' deadlines (committee/reminder_settings.h).
  auto reminders = std::make_shared<committee::ReminderSettingsService>(s.db, s.env);
  r.Add(V::get, "/api/v1/committees/{id}/reminder-settings", Access::kSession, [reminders](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto settings, reminders->Get(ActorOf(req), id));
    return Response::MakeJson(ToJson(settings));
  });
  r.Add(V::put, "/api/v1/committees/{id}/reminder-settings", Access::kSession, [reminders](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"decision_reminder_days", "version"}));
    POL_TRY(auto days, f.Int("decision_reminder_days"));
    POL_TRY(auto version, f.Int("version"));
    if (!days) {
      return Response::Error(InvalidArgument("required", "فاصلهٔ یادآوری (decision_reminder_days) لازم است.",
                                             "decision_reminder_days"));
    }
    if (!version) {
      return Response::Error(
          InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version"));
    }
    POL_TRY(auto settings, reminders->Set(ActorOf(req), id, *days, *version));
    return Response::MakeJson(ToJson(settings));
  });
  // A committee's own e-mail channel and SMS sender line (committee/sender_settings.h).
  auto senders = std::make_shared<committee::SenderSettingsService>(s.db, s.env);
  r.Add(V::get, "/api/v1/committees/{id}/sender-settings", Access::kSession, [senders](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto settings, senders->Get(ActorOf(req), id));
    return Response::MakeJson(ToJson(settings));
  });
  r.Add(V::put, "/api/v1/committees/{id}/sender-settings", Access::kSession, [senders](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"mail_channel_id", "sms_sender", "version"}));
    POL_TRY(auto channel, f.Int("mail_channel_id"));
    POL_TRY(auto line, f.Str("sms_sender", 100));
    POL_TRY(auto version, f.Int("version"));
    if (!version) {
      return Response::Error(
          InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version"));
    }
    POL_TRY(auto settings, senders->Set(ActorOf(req), id, channel, line.value_or(""), *version));
    return Response::MakeJson(ToJson(settings));
  });
  r.Add(V::get, "/api/v1/committee-decisions/{id}/publication", Access::kSession, [pub](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto p, pub->GetPublication(ActorOf(req), id));
    return Response::MakeJson(ToJson(p));
  });
  r.Add(V::put, "/api/v1/committee-decisions/{id}/publication", Access::kSession, [pub](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, FlagAndVersion(req, "published"));
    POL_TRY(auto p, pub->SetPublished(ActorOf(req), id, in.first, in.second));
    return Response::MakeJson(ToJson(p));
  });
}

}  // namespace pol::api
