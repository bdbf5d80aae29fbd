// EmergingService: the council's emerging issues (issue 12 §3) over the detection core of
// insight/emerging.h and the roll-up of store/emerging_repo.h.
//
// Refresh() is the job (the periodic task "insight.emerging", once per cluster): for each council it
// counts the keys of every day of the baseline window not yet counted, and recounts yesterday and today
// (late items still arrive), storing per day and key the documents that carry it; then for yesterday and
// today it flags the keys whose count stands out of their previous `baseline_days` days, groups the
// day's documents carrying them, and files each group under an issue: the council's issue seen in the
// last two days whose terms hold the group's first term, or a new one. An issue's figures (items,
// requests, tone split, agencies mentioned) are recomputed from its documents; `growth` is the latest
// day's top-term count over its baseline mean (floored at 1). Requests never show their text: an issue
// lists them by tracking code.
//
// The council admin may assign an owner agency (CanManageEmerging); the agency's PR managers get a
// notification (the console's bell) and may open that issue. Writes are audited
// ("insight.emerging.assign_owner", "insight.emerging.recount").
//
// Bad input: `unknown_agency` (not of the issue's council), `missing_field`; an issue the actor may not
// see is NotFound. Thread-safety: thread-safe (state is in the database).
#pragma once

#include <cstdint>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "base/status.h"
#include "insight/emerging.h"
#include "report/table.h"
#include "store/db.h"
#include "store/emerging_repo.h"

namespace pol::insight {

struct EmergingIssueDetail {
  store::EmergingIssueRow issue;
  std::vector<store::EmergingIssueDoc> docs;
  std::vector<std::pair<int64_t, int64_t>> per_day;  // Tehran day → documents
};

struct EmergingRefreshStats {
  int64_t days_counted = 0;    // days (re)counted
  int64_t issues_touched = 0;  // issues created or updated
};

class EmergingService {
 public:
  EmergingService(store::Database* db, Env* env, EmergingOptions options = {});

  // The job, for every council.
  StatusOr<EmergingRefreshStats> Refresh() const;
  // The job for one council (the system's own work; no permission check).
  StatusOr<EmergingRefreshStats> RefreshCouncil(int64_t council_id) const;
  // "Recount now", for the council admin (audited).
  StatusOr<EmergingRefreshStats> RefreshNow(const accounts::Actor& a, int64_t council_id) const;

  // The council's issues seen in the last `days` days (1…365), latest first.
  StatusOr<std::vector<store::EmergingIssueRow>> List(const accounts::Actor& a, int64_t council_id,
                                                      int64_t days) const;
  // The same list as one table (insight/emerging_table.h) with the agencies' names, for the CSV/XLSX
  // export: every issue of the window, no cap (emerging_table.cc).
  StatusOr<report::Table> ListTable(const accounts::Actor& a, int64_t council_id, int64_t days) const;
  StatusOr<EmergingIssueDetail> Get(const accounts::Actor& a, int64_t id) const;
  // Sets the owner agency and notifies its PR managers.
  StatusOr<store::EmergingIssueRow> AssignOwner(const accounts::Actor& a, int64_t id,
                                                int64_t agency_id) const;

  const EmergingOptions& options() const { return options_; }

 private:
  Status CountDay(int64_t council_id, int64_t day, std::vector<EmergingDoc>* docs,
                  std::vector<store::EmergingSource>* sources) const;
  StatusOr<int64_t> DetectDay(int64_t council_id, int64_t day, const std::vector<EmergingDoc>& docs,
                              const std::vector<store::EmergingSource>& sources) const;

  store::Database* db_;
  Env* env_;
  EmergingOptions options_;
};

}  // namespace pol::insight
