// The minutes (صورت‌جلسه) of a PR committee meeting, issue 13 §6.
//
// The secretary (or a council admin) writes the minutes of a held meeting in the console as rich text,
// sanitized by the newsroom's sanitizer (newsroom/sanitize.h). Life of a revision:
//   draft --circulate--> review --approve (chair)--> approved (locked)
// Circulating moves the meeting from `held` to `minutes_review`; the chair's approval moves it to
// `minutes_approved`, after which votes and decision edits are refused (decisions.cc) and the minutes
// cannot be edited (`minutes_locked`). A correction of approved minutes is a new revision linked to the
// one it corrects (`corrects_id`, a required reason), again draft → review → approved. Attendees comment
// on a revision in review. The view carries what the minutes record besides their text: attendance,
// quorum, agenda, and the meeting's decisions with their vote results; the PDF (minutes_pdf.h) renders
// them. Permission through committee_policy.h; every write is audited in its transaction; bad input is
// a Persian 4xx with a stable code and nothing is written.
//
// Thread-safety: thread-safe; blocks: worker threads only (PDF rendering holds the fonts' lock).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "base/mutex.h"
#include "committee/committees.h"
#include "report/fonts.h"
#include "store/committee_repo_minutes.h"

namespace pol::committee {

struct MinutesInput {
  std::optional<int64_t> version;  // of the current revision; absent when writing the first one
  std::optional<std::string> body_html;
};

struct MinutesView {
  store::Committee committee;
  MeetingView meeting;                          // agenda, attendance, quorum, Jalali start
  std::vector<store::CommitteeMember> members;  // current members
  std::optional<store::Minutes> current;        // the last revision, if any
  std::vector<store::Minutes> revisions;        // every revision, oldest first
  std::vector<store::MinutesComment> comments;  // on the current revision
  std::vector<DecisionView> decisions;          // decided in this meeting, with their vote results
  std::map<int64_t, std::string> agency_names;  // the decisions' owner agencies and the members' agencies
  std::string approved_jalali;  // «۲۰ آذر ۱۴۰۵» when the current revision is approved
  // What the actor may do now (for the console; the service checks again).
  bool can_edit = false, can_circulate = false, can_approve = false, can_correct = false, can_comment = false;
};

class MinutesService {
 public:
  // `font_dir`: the folder of Vazirmatn-{Regular,Bold}.ttf (report::DefaultFontDir); loaded on the
  // first PDF.
  MinutesService(store::Database* db, Env* env, std::string font_dir)
      : db_(db), env_(env), font_dir_(std::move(font_dir)) {}

  StatusOr<MinutesView> Get(const accounts::Actor& actor, int64_t meeting_id);
  // Writes the text of the current draft or in-review revision, or the first revision of a held meeting.
  StatusOr<MinutesView> Save(const accounts::Actor& actor, int64_t meeting_id, const MinutesInput& in);
  // action: circulate | approve | correct (`reason` required for correct).
  StatusOr<MinutesView> Transition(const accounts::Actor& actor, int64_t meeting_id,
                                   const std::string& action, std::optional<int64_t> version,
                                   const std::string& reason);
  StatusOr<MinutesView> Comment(const accounts::Actor& actor, int64_t meeting_id, const std::string& body);
  // The PDF of the current revision (a draft is marked «پیش‌نویس»).
  StatusOr<std::string> Pdf(const accounts::Actor& actor, int64_t meeting_id);

 private:
  StatusOr<std::shared_ptr<const report::Fonts>> LoadFonts();

  store::Database* const db_;
  Env* const env_;
  const std::string font_dir_;
  const text::WorkCalendar work_calendar_;
  Mutex mu_;
  std::shared_ptr<const report::Fonts> fonts_ GUARDED_BY(mu_);
};

}  // namespace pol::committee
