// Emerging issues (src/insight/emerging_service.h, migration 24): the documents of a day to count, the
// daily term counts (the roll-up the z-scores read), the issues and their documents.
//
// Days are Tehran days (days since 1970-01-01, insight::TehranDay); a day's documents are the council's
// media items published (else fetched) in it and its citizens' requests received in it (verified, not
// merged). A request's text is read to count its terms; only its tracking code is stored with an issue.
//
// Thread-safety: free functions over a caller's connection.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct EmergingSource {
  std::string kind;  // "media_item" | "request"
  int64_t id = 0;
  std::string text;               // an item's title, lead and body; a request's subject and text
  std::string title;              // an item's title; a request's tracking code
  std::string copy_key;           // an item's fingerprint ("" for requests)
  std::string tone;               // an item's effective tone ("" for requests)
  std::vector<int64_t> agencies;  // an item's mentioned agencies; a request's agency
};

// The council's documents of [from, to) (Unix ms), items first, each kind by id.
StatusOr<std::vector<EmergingSource>> EmergingSources(Conn& c, int64_t council_id, int64_t from, int64_t to);

// Councils (ids) — the job visits each.
StatusOr<std::vector<int64_t>> EmergingCouncils(Conn& c);

// Day → counted_at of the council's counted days in [from_day, to_day].
StatusOr<std::map<int64_t, int64_t>> EmergingCountedDays(Conn& c, int64_t council_id, int64_t from_day,
                                                         int64_t to_day);
// Replaces the council's counts of `day`: `counts` of every document (kind 'all'), `request_counts` of
// the requests alone (kind 'request').
Status ReplaceEmergingDay(Conn& c, int64_t council_id, int64_t day,
                          const std::map<std::string, int64_t>& counts,
                          const std::map<std::string, int64_t>& request_counts, int64_t documents,
                          int64_t now);
// The day's keys (kind 'all') with at least `min_documents` documents.
StatusOr<std::map<std::string, int64_t>> EmergingDayCounts(Conn& c, int64_t council_id, int64_t day,
                                                           int64_t min_documents);
// Per key of `keys` (kind 'all'), its counts on the counted days of [from_day, to_day) where it occurs.
StatusOr<std::map<std::string, std::vector<int64_t>>> EmergingHistory(Conn& c, int64_t council_id,
                                                                      int64_t from_day, int64_t to_day,
                                                                      const std::vector<std::string>& keys);

// The dashboard's top terms: single terms (no pairs) of `kind` ('all' or 'request') by their documents
// summed over the counted days of [from_day, to_day), most first, at most `limit`.
StatusOr<std::vector<std::pair<std::string, int64_t>>> TopTerms(Conn& c, int64_t council_id,
                                                                const std::string& kind, int64_t from_day,
                                                                int64_t to_day, int64_t limit);
// The summed documents of `terms` over [from_day, to_day) (absent terms are left out).
StatusOr<std::map<std::string, int64_t>> TermTotals(Conn& c, int64_t council_id, const std::string& kind,
                                                    int64_t from_day, int64_t to_day,
                                                    const std::vector<std::string>& terms);

struct EmergingIssueRow {
  int64_t id = 0, council_id = 0;
  std::vector<std::string> terms;
  int64_t first_day = 0, last_day = 0;
  double z = 0, growth = 0;
  int64_t items = 0, requests = 0, positive = 0, neutral = 0, negative = 0;
  std::map<int64_t, int64_t> agencies;  // agency → documents mentioning it
  std::optional<int64_t> owner_agency_id, assigned_by, assigned_at;
  int64_t created_at = 0, updated_at = 0;
};

// The council's issues seen on or after `since_day`, latest first.
StatusOr<std::vector<EmergingIssueRow>> ListEmergingIssues(Conn& c, int64_t council_id, int64_t since_day);
StatusOr<std::optional<EmergingIssueRow>> GetEmergingIssue(Conn& c, int64_t id);
StatusOr<int64_t> InsertEmergingIssue(Conn& c, const EmergingIssueRow& r);
// Writes terms, days, z, growth and the aggregates (not the owner).
Status UpdateEmergingIssue(Conn& c, const EmergingIssueRow& r);
Status SetEmergingOwner(Conn& c, int64_t id, int64_t agency_id, std::optional<int64_t> by, int64_t at);

struct EmergingIssueDoc {
  int64_t issue_id = 0;
  std::string kind;
  int64_t doc_id = 0, day = 0;
  std::string tone;
  std::vector<int64_t> agencies;
  std::string title;
};
// Adds a document to an issue (once).
Status AddEmergingIssueDoc(Conn& c, const EmergingIssueDoc& d);
// The issue's documents by day, then kind and id.
StatusOr<std::vector<EmergingIssueDoc>> EmergingIssueDocs(Conn& c, int64_t issue_id);

}  // namespace pol::store
