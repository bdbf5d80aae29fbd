// The PR units' scorecards (ارزیابی عملکرد روابط عمومی, issue 12 §2): per council and period (a Jalali
// season or year) every agency's score on the council's evaluation template (insight/scorecard_template.h)
// — data items computed from the dashboard's metrics (store/insight_repo.h: the same records, so each
// figure links to the records behind it), manual items scored 1–5 by the committee with the evidence
// the agency uploaded — the total, the rank and the change against the previous period. Closing a
// period freezes a snapshot (stored rows); a closed period is read from it only, so later edits of the
// template or the data never change it, and refuses edits with 409 `scorecard_period_closed`.
//
// Who may do what: insight/scorecard_policy.h. Every write is audited (actions "scorecard.template_save", "scorecard.period_create", "scorecard.score_set", "scorecard.evidence_upload", "scorecard.evidence_delete", "scorecard.period_close").
// Bad input: a Persian InvalidArgument with a code — `invalid_period` (not SEASON "1405-3" or YEAR
// "1405"), `invalid_kind`, `unknown_agency`, `unknown_item` (or not a manual item), `invalid_score`
// (outside 1–5), `invalid_evidence_type` (not PDF, JPEG, PNG or WebP by content), `evidence_too_large`
// (over kMaxEvidenceBytes), `empty_file`, and the template's errors; nothing is written.
//
// Evidence files are content-addressed (SHA-256) under DATA/scorecard-evidence/ through the media
// library's FileStore (atomic temp + fsync + rename), written before the row that names them commits.
//
// Thread-safety: ScorecardService is safe for concurrent use (state is the database and the folder;
// the fonts are loaded once under a lock).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "base/mutex.h"
#include "base/thread_annotations.h"
#include "insight/period.h"
#include "insight/scorecard_template.h"
#include "media/storage.h"
#include "report/fonts.h"
#include "store/db.h"
#include "store/scorecard_repo.h"
#include "text/work_calendar.h"

namespace pol::insight {

inline constexpr int64_t kMaxEvidenceBytes = 10 * 1024 * 1024;

struct ScorecardPeriodName {
  std::string kind;  // season | year
  int year = 0;
  int season = 0;  // 1..4; 0 for a year
  Period period;   // its days and instants
};
// "1405-3" (any digits; "/" also accepted) is the third season (پاییز) of 1405; "1405" the year.
StatusOr<ScorecardPeriodName> ParseScorecardPeriod(std::string_view name);
// "1405-3" or "1405" (Latin digits), and the Persian label «پاییز ۱۴۰۵» / «سال ۱۴۰۵».
std::string ScorecardPeriodCode(const store::ScorecardPeriodRow& p);
std::string ScorecardPeriodLabel(const store::ScorecardPeriodRow& p);

struct ScorecardTemplateView {
  int64_t council_id = 0;
  std::string kind;
  int64_t version = 0;  // 0: not stored, the default template applies
  std::vector<ScorecardItem> items;
};

struct ItemScore {
  ScorecardItem item;
  std::optional<double> raw;  // the data value, or the committee's 1–5 score
  double points = 0, max_points = 0;
  std::string metric;  // data items: the dashboard metric whose records are behind the figure
  // The list route + filter that produced the figure, and its XLSX export (scorecard_compute.h's
  // RecordsLinkOf; empty when the figure has no list).
  std::string records_href, records_export_href;
  std::string note;                                   // manual items: the committee's note
  std::vector<store::ScorecardEvidenceRow> evidence;  // manual items: the agency's files
};

struct AgencyScore {
  int64_t agency_id = 0;
  std::string agency_name;
  double total = 0, max_total = 0;
  int64_t rank = 0;  // 1 = best; equal totals share a rank
  std::optional<double> previous_total;
  std::vector<ItemScore> items;
};

struct ScorecardView {
  store::ScorecardPeriodRow period;
  std::string council_name, code, label;
  std::optional<int64_t> previous_period_id;  // the period before, when it exists
  std::vector<AgencyScore> agencies;          // ranked
};

struct ScorecardFile {
  std::string bytes, content_type, file_name;
};

class ScorecardService {
 public:
  // Evidence files go to `data_dir`/scorecard-evidence; PDFs use the fonts of `font_dir`.
  ScorecardService(store::Database* db, Env* env, const std::string& data_dir, std::string font_dir,
                   text::WorkCalendar calendar = {});

  StatusOr<ScorecardTemplateView> GetTemplate(const accounts::Actor& a, int64_t council_id,
                                              const std::string& kind) const;
  StatusOr<ScorecardTemplateView> PutTemplate(const accounts::Actor& a, int64_t council_id,
                                              const std::string& kind,
                                              const std::vector<ScorecardItem>& items,
                                              std::optional<int64_t> version) const;

  StatusOr<store::ScorecardPeriodRow> CreatePeriod(const accounts::Actor& a, int64_t council_id,
                                                   const std::string& name) const;
  // Readers of the council's scorecards, and the PR managers of its agencies.
  StatusOr<std::vector<store::ScorecardPeriodRow>> ListPeriods(const accounts::Actor& a,
                                                               int64_t council_id) const;
  // The ranked table with every agency's items (readers of the council's scorecards).
  StatusOr<ScorecardView> GetPeriod(const accounts::Actor& a, int64_t period_id) const;
  // One agency's card (also its PR manager).
  StatusOr<AgencyScore> GetCard(const accounts::Actor& a, int64_t period_id, int64_t agency_id) const;

  Status SetScore(const accounts::Actor& a, int64_t period_id, int64_t agency_id, const std::string& item,
                  double score, const std::string& note) const;
  StatusOr<store::ScorecardEvidenceRow> UploadEvidence(const accounts::Actor& a, int64_t period_id,
                                                       int64_t agency_id, const std::string& item,
                                                       const std::string& file_name,
                                                       std::string_view bytes) const;
  // The file's row and bytes (whoever may read the agency's card).
  StatusOr<std::pair<store::ScorecardEvidenceRow, std::string>> GetEvidence(const accounts::Actor& a,
                                                                            int64_t evidence_id) const;
  // Deletes a piece of evidence of an open period (insight/scorecard_policy.h's CanDeleteEvidence; 404
  // to whoever may not read the agency's card, 409 `scorecard_period_closed` once closed). The row goes
  // with its audit entry in one transaction, which also removes the file when no other row names it.
  Status DeleteEvidence(const accounts::Actor& a, int64_t evidence_id) const;
  // Closes an open period: computes and stores the snapshot (one transaction, audited).
  StatusOr<ScorecardView> Close(const accounts::Actor& a, int64_t period_id) const;

  // A closed period's scorecard as a PDF or XLSX file (`invalid_format`; an open period is 409
  // `scorecard_period_open`).
  StatusOr<ScorecardFile> Export(const accounts::Actor& a, int64_t period_id,
                                 const std::string& format) const;
  // The same for the CLI (the system actor): the council's period named `name`.
  StatusOr<ScorecardFile> ExportByName(int64_t council_id, const std::string& name, const std::string& format,
                                       ScorecardView* view = nullptr) const;

 private:
  StatusOr<ScorecardView> BuildView(store::Conn& c, const store::ScorecardPeriodRow& p) const;
  StatusOr<std::vector<AgencyScore>> Compute(store::Conn& c, const store::ScorecardPeriodRow& p) const;
  StatusOr<std::vector<ScorecardItem>> TemplateFor(store::Conn& c, int64_t council_id,
                                                   const std::string& kind) const;
  StatusOr<bool> Office(store::Conn& c, const accounts::Actor& a, int64_t council_id) const;
  StatusOr<store::ScorecardPeriodRow> OpenPeriodForEdit(store::Conn& c, int64_t period_id) const;
  StatusOr<ScorecardFile> Render(const ScorecardView& v, const std::string& format) const;

  store::Database* db_;
  Env* env_;
  std::unique_ptr<media::FileStore> files_;
  std::string font_dir_;
  text::WorkCalendar calendar_;
  mutable Mutex mu_;
  mutable std::shared_ptr<const report::Fonts> fonts_ GUARDED_BY(mu_);
};

}  // namespace pol::insight
