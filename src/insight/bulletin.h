// The press bulletin (بولتن خبری) of a council over a Jalali day, week or month, built once as a data
// model from the dashboard's read models and rendered by insight/bulletin_render.h as PDF, XLSX and an
// HTML e-mail (every format renders the same tables, so they agree).
//
// Contents: the header (council, period, the Jalali date it was made), the headline numbers with their
// change against the previous period (the dashboard's figures: BuildBulletin reads them through
// InsightService::GetDashboard, so a bulletin's totals equal the dashboard's), the mentions over time,
// the must-read items (store/insight_repo_bulletin.h: ranked by outlet tier, reach and tone, each with
// outlet, time, tone and link), a section per agency of the council (its figures and its must-read
// items), the emerging issues seen in the period (their terms, first seen, growth, items; a table of its
// own in every format, insight/emerging_table.h), the top terms and the citizens' top request topics
// with their change (insight/dashboard_terms.h, kBulletinTerms each), the alerts (spike days, overdue requests, a rise in negative items, and the monitoring alert
// rules that fired in the period), the citizens' snapshot, and an annex table of every mention of the
// period (no cap).
//
// Who may build it: whoever may see the council's dashboard (insight/insight_policy.h); the system
// actor (the CLI, the scheduled job) always. Bad input: the dashboard's (invalid_period, missing_field)
// and `invalid_period` for a kind other than day, week or month.
//
// Thread-safety: BuildBulletin only reads; concurrent calls are safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "insight/dashboard.h"
#include "insight/dashboard_terms.h"
#include "store/emerging_repo.h"
#include "store/insight_repo_bulletin.h"

namespace pol::insight {

inline constexpr int64_t kBulletinMustRead = 10;    // council-wide must-read items
inline constexpr int64_t kBulletinAgencyItems = 3;  // must-read items per agency section
inline constexpr int64_t kBulletinTerms = 10;       // top terms, and top request topics

struct BulletinRequest {
  int64_t council_id = 0;
  std::string period = "day";       // day|week|month
  std::optional<std::string> date;  // a day inside the period (Jalali); default today
};

struct AgencySection {
  int64_t agency_id = 0;
  std::string name;
  std::vector<Figure> figures;  // releases_published, pickups, mentions, mentions_negative,
                                // requests_received, requests_closed, requests_overdue
  std::vector<store::MustReadItem> must_read;
};

struct Bulletin {
  int64_t council_id = 0;
  std::string council_name;
  Period period, previous;
  int64_t made_at_ms = 0;
  Dashboard dashboard;  // the council's dashboard of the same period (figures, ratios, time series)
  std::vector<store::MustReadItem> must_read;
  std::vector<AgencySection> agencies;
  std::vector<store::EmergingIssueRow> emerging;  // issues seen in the period, latest first
  DashboardTerms terms;                           // top terms and request topics with Δ (and coverage)
  std::vector<std::string> alerts;                // Persian sentences, most important first
  std::vector<store::InsightRecord> alerts_fired;
  std::vector<store::InsightRecord> annex;  // every `mentions` record of the period

  // The figure of `metric` (a zero figure when absent).
  Figure Get(const std::string& metric) const;
  // The ratio `name` (empty when absent).
  Ratio GetRatio(const std::string& name) const;
};

// The bulletin's Persian title: «بولتن خبری روزانه» / «… هفتگی» / «… ماهانه».
std::string BulletinTitle(const Period& p);

StatusOr<Bulletin> BuildBulletin(const InsightService& insight, store::Database* db, Env* env,
                                 const accounts::Actor& a, const BulletinRequest& req);

}  // namespace pol::insight
