// What the HTTP handlers may call: the capabilities, wired once by `pol serve`.
#pragma once

#include <string>

#include "accounts/login.h"
#include "accounts/sessions.h"
#include "accounts/users.h"
#include "citizen/portal.h"
#include "citizen/requests.h"
#include "citizen/sla_calendar.h"
#include "committee/committees.h"
#include "committee/invitations.h"
#include "council/councils.h"
#include "distribution/distributor.h"
#include "http/metrics.h"
#include "http/static_files.h"
#include "insight/dashboard.h"
#include "media/media.h"
#include "messenger/bots.h"
#include "monitor/monitor.h"
#include "newsroom/calendar.h"
#include "newsroom/releases.h"
#include "ops/job_admin.h"
#include "site/site.h"
#include "store/db.h"

namespace pol::committee {
class MinutesService;   // committee/minutes.h
class EvidenceService;  // committee/evidence.h
}  // namespace pol::committee
namespace pol::insight {
class BulletinService;   // insight/bulletin_service.h
class ScorecardService;  // insight/scorecard.h
}  // namespace pol::insight

namespace pol::api {

struct Services {
  store::Database* db = nullptr;
  Env* env = nullptr;
  accounts::SessionManager* sessions = nullptr;
  accounts::LoginService* login = nullptr;
  accounts::UserService* users = nullptr;
  council::CouncilService* councils = nullptr;
  ops::JobAdmin* jobs = nullptr;
  newsroom::ReleaseService* releases = nullptr;
  newsroom::CalendarService* calendar = nullptr;
  media::MediaLibrary* media = nullptr;
  monitor::MonitorService* monitoring = nullptr;  // media monitoring
  http::Metrics* metrics = nullptr;
  const http::StaticFiles* console = nullptr;
  site::Site* site = nullptr;                         // the public news site
  citizen::RequestService* citizen = nullptr;         // requests from citizens
  citizen::Portal* portal = nullptr;                  // the citizens' pages
  citizen::ClosureService* closures = nullptr;        // the SLA calendar's closures
  distribution::Distributor* distribution = nullptr;  // channels, press lists, deliveries
  committee::CommitteeService* committees = nullptr;  // the PR committee
  committee::MinutesService* minutes = nullptr;       // the committee's minutes and their PDF
  insight::InsightService* insight = nullptr;         // dashboards and the records behind them
  insight::BulletinService* bulletins = nullptr;      // the press bulletin (PDF, XLSX, HTML e-mail)
  messenger::MessengerService* messenger = nullptr;   // citizens' bots (Bale, Telegram)
  bool secure_cookies = false;                        // set the Secure flag (behind HTTPS)
  // The committee's invitations, RSVP links and reminders.
  committee::Invitations* committee_invitations = nullptr;
  committee::EvidenceService* committee_evidence = nullptr;  // evidence files on decisions' follow-up
  const insight::ScorecardService* scorecards = nullptr;     // the PR units' scorecards
  std::string site_council_slug;  // the council the site's pages show (site.council_slug; "" = the first)
};

}  // namespace pol::api
