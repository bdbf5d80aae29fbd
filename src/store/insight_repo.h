// Insight's read models (src/insight): read-only SQL over the other capabilities' tables — releases,
// pickups, media items and mentions, deliveries, citizens' requests. Nothing here writes.
//
// Every dashboard number is a *metric*: a stable code naming one set of records (see kInsightMetrics).
// CountMetric and ListMetric run the same FROM/WHERE, so a number always equals the length of its
// drill-down list. The aggregate widgets (per day, per agency, per outlet, …) group that same set.
//
// Index use: releases by releases_council (council_id, status, published_at); media items by
// media_items_time (council_id, published_at) — the time condition is on COALESCE(published_at,
// fetched_at), so items without a publication time are found through the council prefix; citizens'
// requests by citizen_requests_insight / _closed / _rated. Deliveries' lists by deliveries_sent.
//
// Mentions (the mentions* counts, per day, per agency, per outlet) read the daily roll-ups
// (store/insight_rollup_repo.h) for the clean days of a whole-day scope and count its dirty days live
// (media_items_day), so they still equal their lists; the lists always read the live tables. The
// deliveries_* counts of a whole-day scope sum insight_delivery_days (migrations 75/76), which triggers
// keep exact at every commit.
//
// Thread-safety: free functions over a caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/db.h"

namespace pol::store {

// The records behind a number: a council (and optionally one agency) over [from, to), with the
// drill-down filters a widget adds (an outlet, a tone, a request type, an outlet tier).
struct InsightScope {
  int64_t council_id = 0;
  std::optional<int64_t> agency_id;
  int64_t from = 0, to = 0;
  int64_t now = 0;  // for "overdue"
  std::optional<std::string> tier, outlet, tone, request_type;
  // Count from the live tables only, never the roll-ups (tests compare both; the bench measures both).
  bool live = false;
};

// The metric codes, in the order of the KPI strip.
inline constexpr std::string_view kInsightMetrics[] = {
    "releases_published",  // releases published (or corrected) in the period
    "releases_picked_up",  // … of which at least one press item picked up
    "pickups",             // press items that picked up a release published in the period
    "mentions",            // monitored items of the period mentioning an agency (the agency)
    "mentions_positive",
    "mentions_neutral",
    "mentions_negative",       // … by effective tone
    "deliveries_messenger",    // deliveries sent in the period to Telegram, Bale, Eitaa
    "deliveries_email",        // … to press e-mail lists
    "requests_received",       // citizens' requests received (verified, not merged) in the period
    "requests_open",           // received before the period's end and still open (triage/open/answered)
    "requests_overdue",        // … and past their resolution deadline now
    "requests_closed",         // closed in the period
    "requests_closed_in_sla",  // … by their resolution deadline
    "requests_rated",          // rated (CSAT) in the period
};
// Records-only metrics (the scorecards' figures drill down to them; not in the KPI strip).
inline constexpr std::string_view kInsightDrillMetrics[] = {
    "releases_with_photo",       // releases_published with at least one photo (release_media)
    "requests_closed_reopened",  // requests_closed that were reopened at least once (reopen_count > 0)
    // Attendance recorded for members seated for an agency at the council's committee meetings held in
    // the period (committee/participation.h's meeting_attendance counts these: present, late or
    // delegated ÷ all). A record: the meeting (id, its start), the member (related_id), the status.
    "committee_attendance",
};
// Either list.
bool IsInsightMetric(std::string_view metric);

// One record behind a number, whatever its kind.
struct InsightRecord {
  std::string kind;  // release | media_item | pickup | delivery | citizen_request | attendance
  int64_t id = 0;    // the release, media item, delivery or request
  std::string title;
  std::optional<int64_t> at;  // the time that put it in the period
  std::optional<int64_t> agency_id;
  std::string label;                  // outlet, channel kind, request type, …
  std::string tone;                   // media items: the effective tone
  std::string url;                    // media items: their URL
  std::optional<int64_t> related_id;  // a pickup's release; a request's close time is in `end_at`
  std::optional<int64_t> end_at;      // requests: closed_at; deliveries: none
  std::optional<int64_t> value;       // requests: csat; releases: pickups
};

StatusOr<int64_t> CountMetric(Conn& c, std::string_view metric, const InsightScope& s);
// limit < 0: every record (exports have no cap).
StatusOr<std::vector<InsightRecord>> ListMetric(Conn& c, std::string_view metric, const InsightScope& s,
                                                int64_t limit = -1, int64_t offset = 0);

// The (created, closed) times of the `requests_closed` records, in no order: all the median handling
// time needs (a year's full records took most of its 0.8 s at 200,000 requests).
// The messenger channels the scope's deliveries_messenger records went out on (distinct channels).
StatusOr<int64_t> MessengerChannelsUsed(Conn& c, const InsightScope& s);
StatusOr<std::vector<std::pair<int64_t, int64_t>>> ClosedRequestTimes(Conn& c, const InsightScope& s);

struct InsightBucket {
  std::string key;    // a day number, an agency id, an outlet, a tone, a request type
  std::string label;  // the agency's name; otherwise = key
  std::string tone;   // per-day tone split
  int64_t count = 0;
};
// Mentioned items per Tehran day (days since 1970-01-01) and effective tone.
StatusOr<std::vector<InsightBucket>> MentionsPerDay(Conn& c, const InsightScope& s);
// Mentioned items per agency of the council (share of voice; the agency filter is ignored).
StatusOr<std::vector<InsightBucket>> MentionsPerAgency(Conn& c, const InsightScope& s);
// Mentioned items per outlet, most first, at most `limit`.
StatusOr<std::vector<InsightBucket>> MentionsPerOutlet(Conn& c, const InsightScope& s, int64_t limit);
// Requests received per type, and per agency (key = agency id, "" for the council's triage desk).
StatusOr<std::vector<InsightBucket>> RequestsPerType(Conn& c, const InsightScope& s);
StatusOr<std::vector<InsightBucket>> RequestsPerAgency(Conn& c, const InsightScope& s);
// The mean CSAT of the requests rated in the period (nullopt when none).
StatusOr<std::optional<double>> MeanCsat(Conn& c, const InsightScope& s);
// Releases published in the period with their pickup counts (`value`): most picked up first (best)
// or least first (worst), at most `limit`.
StatusOr<std::vector<InsightRecord>> ReleasesByPickups(Conn& c, const InsightScope& s, bool best,
                                                       int64_t limit);

// The releases_published records with a submission time: (submitted_at, published_at) each.
StatusOr<std::vector<std::pair<int64_t, int64_t>>> ReleaseLeadTimes(Conn& c, const InsightScope& s);

// The `pickups` records as (release, outlet) with their source's tier ("" without a source) and reach
// weight (1 without a source), by release and outlet: one row per pickup (an outlet may repeat).
struct PickupOutlet {
  int64_t release_id = 0;
  std::string outlet, tier;
  double reach_weight = 1;
};
StatusOr<std::vector<PickupOutlet>> PickupOutlets(Conn& c, const InsightScope& s);

// The agency's council (nullopt when there is no such agency).
StatusOr<std::optional<int64_t>> AgencyCouncil(Conn& c, int64_t agency_id);

}  // namespace pol::store
