// Registers every route of the API and the pages served by `pol serve`.
// Each Register* lives in its own file, next to the resource it serves.
#pragma once

#include "api/services.h"
#include "http/router.h"

namespace pol::api {

void RegisterAuthRoutes(http::Router& r, const Services& s);
void RegisterUserRoutes(http::Router& r, const Services& s);
void RegisterCouncilRoutes(http::Router& r, const Services& s);
void RegisterAuditRoutes(http::Router& r, const Services& s);
void RegisterSystemRoutes(http::Router& r, const Services& s);
void RegisterJobRoutes(http::Router& r, const Services& s);
// The newsroom: release_routes.cc (releases, approvals, notifications), calendar_routes.cc.
void RegisterReleaseRoutes(http::Router& r, const Services& s);
void RegisterCalendarRoutes(http::Router& r, const Services& s);
// The media library (uploads, lists, the image files): media_routes.cc.
void RegisterMediaRoutes(http::Router& r, const Services& s);
// Distribution (channels, press lists, deliveries, unsubscribe): distribution_routes.cc.
void RegisterDistributionRoutes(http::Router& r, const Services& s);
// The public news site (pages, feeds, sitemap): site_routes.cc.
void RegisterSiteRoutes(http::Router& r, const Services& s);
// Media monitoring: monitor_routes.cc.
void RegisterMonitorRoutes(http::Router& r, const Services& s);
// Citizens: the staff API, the citizens' pages and Open311 (citizen_routes.cc).
void RegisterCitizenRoutes(http::Router& r, const Services& s);
// The work calendar's closures and corrections (closure_routes.cc).
void RegisterClosureRoutes(http::Router& r, const Services& s);
// Messenger bots: configuration, test connection and the webhook (messenger_routes.cc).
void RegisterMessengerRoutes(http::Router& r, const Services& s);
// A staff member's own messenger chats: the one-time link code, the linked chats, unlinking
// (staff_chat_routes.cc).
void RegisterStaffChatRoutes(http::Router& r, const Services& s);
// The PR committee: committees, meetings, decisions (committee_routes.cc).
void RegisterCommitteeRoutes(http::Router& r, const Services& s);
// The committee's invitations: the public RSVP page of a signed link, a meeting's notices
// (committee_invitation_routes.cc).
void RegisterCommitteeInvitationRoutes(http::Router& r, const Services& s);
// The committee's public page and its switches (committee_public_routes.cc): GET /decisions (the site's page
// of published decisions of the council s.site_council_slug names; 404 while off), GET/PUT
// /api/v1/councils/{id}/committee-settings, GET/PUT /api/v1/committee-decisions/{id}/publication, GET/PUT
// /api/v1/committees/{id}/reminder-settings, GET/PUT /api/v1/committees/{id}/sender-settings.
void RegisterCommitteePublicRoutes(http::Router& r, const Services& s);
// Evidence on decisions' follow-up entries (committee_evidence_routes.cc, s.committee_evidence): upload
// (the file is the body), the list, the bytes as a download.
void RegisterCommitteeEvidenceRoutes(http::Router& r, const Services& s);
// Insight: the dashboard and the records behind its numbers (insight_routes.cc).
void RegisterInsightRoutes(http::Router& r, const Services& s);
// The press bulletin (insight_bulletin_routes.cc).
void RegisterInsightBulletinRoutes(http::Router& r, const insight::BulletinService* bulletins);

// Emerging issues: the council's issues, one issue, its owner, recount now (emerging_routes.cc).
void RegisterEmergingRoutes(http::Router& r, const Services& s);
// The press bulletin's schedule and archive (bulletin_schedule_routes.cc).
void RegisterBulletinScheduleRoutes(http::Router& r, const Services& s);
// The PR units' scorecards (scorecard_routes.cc, s.scorecards).
void RegisterScorecardRoutes(http::Router& r, const Services& s);

inline void RegisterAll(http::Router& r, const Services& s) {
  RegisterAuthRoutes(r, s);
  RegisterUserRoutes(r, s);
  RegisterCouncilRoutes(r, s);
  RegisterAuditRoutes(r, s);
  RegisterJobRoutes(r, s);
  RegisterReleaseRoutes(r, s);
  RegisterCalendarRoutes(r, s);
  RegisterMediaRoutes(r, s);
  RegisterMonitorRoutes(r, s);
  RegisterDistributionRoutes(r, s);
  RegisterSystemRoutes(r, s);
  RegisterSiteRoutes(r, s);
  RegisterCitizenRoutes(r, s);
  RegisterClosureRoutes(r, s);
  RegisterMessengerRoutes(r, s);
  RegisterStaffChatRoutes(r, s);
  RegisterCommitteeRoutes(r, s);
  RegisterCommitteeInvitationRoutes(r, s);
  RegisterCommitteePublicRoutes(r, s);
  RegisterCommitteeEvidenceRoutes(r, s);
  RegisterInsightRoutes(r, s);
  RegisterInsightBulletinRoutes(r, s.bulletins);
  RegisterEmergingRoutes(r, s);
  RegisterBulletinScheduleRoutes(r, s);
  RegisterScorecardRoutes(r, s);
}

}  // namespace pol::api
