// The newsroom: releases written by an agency's PR unit, their workflow, their
// revisions, search, the approver's queue and in-console notifications.
//
// Workflow (status):
//   draft ──submit──▶ submitted ──approve (agency PR manager)──▶ approved
//     ▲                  │                                          │ co-signers' managers sign (approve),
//     └──── returned ◀───┴── return with a comment (any approver) ◀─┤ council-level: council_admin or
//           (editable; submit again)                                │ committee_member approves
//                                                                   ▼ all steps done
//                      scheduled (publish_at/embargo in the future; a queued job publishes it)
//                      published ──correct (note)──▶ corrected ──correct──▶ corrected
//                      scheduled/published/corrected ──withdraw (reason)──▶ withdrawn (kept, never deleted)
// Access: system admins everything; council roles (council_admin, committee_member, analyst) read every
// release of their council; agency roles read their agency's releases and the ones it co-signs; others get
// 404. Editors and PR managers of the agency write drafts (draft, returned); PR managers approve, withdraw
// and correct. Every change is checked against `version` (409 version_conflict), audited, and recorded as
// a revision (a JSON snapshot) in the same transaction.
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/actor.h"
#include "base/env.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "newsroom/sanitize.h"
#include "store/release_repo.h"

namespace pol::newsroom {

inline constexpr char kPublishJobKind[] = "newsroom.publish";

struct PhotoInput {
  int64_t media_id = 0;
  std::string caption;
};

// Optional fields: absent = unchanged. For occasion_id, embargo_until and publish_at, 0 clears.
struct ReleaseInput {
  std::optional<int64_t> version;    // required for changes
  std::optional<int64_t> agency_id;  // create only
  std::optional<std::string> over_title, title, lead, body_html, category, urgency, source_line;
  std::optional<int64_t> occasion_id, embargo_until, publish_at;
  std::optional<bool> council_level;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<int64_t>> co_agency_ids;
  std::optional<std::vector<PhotoInput>> photos;
};

struct ActionInput {
  std::optional<int64_t> version;
  std::string comment;                // return (required), approve (optional)
  std::optional<int64_t> publish_at;  // approve: when to publish (default: the release's, or now)
  std::string reason;                 // withdraw (required)
  std::string note;                   // correct (required)
  ReleaseInput changes;               // correct: the corrected content
};

struct ReleaseQuery {
  std::string q;
  std::optional<int64_t> agency_id, council_id, from, to;
  std::optional<std::string> status, tag;
  int64_t limit = 50, offset = 0;
};

struct DiffOp {
  std::string op;  // "eq", "del", "ins"
  std::string text;
};
struct FieldDiff {
  std::string field;
  std::vector<DiffOp> ops;
};
struct RevisionDiff {
  int64_t from = 0, to = 0;
  std::vector<FieldDiff> fields;  // only the fields that changed
};

// A word-level diff (whitespace-separated words; runs of one kind merged).
std::vector<DiffOp> DiffWords(std::string_view before, std::string_view after);

// Called inside the transaction that makes a release public (approve → published, or the scheduled job),
// so that work which must follow a publication (distribution's delivery jobs) commits with it or not at all.
using PublishHook = std::function<Status(store::Conn&, const store::Release&, int64_t now)>;
// Called inside the transaction that corrects a public release (event "corrected") or withdraws one that was
// public (event "withdrawn"), with the release as it is being written: distribution re-announces it.
using ChangeHook =
    std::function<Status(store::Conn&, const store::Release&, const std::string& event, int64_t now)>;

class ReleaseService {
 public:
  // `queue` may be null (no scheduling: releases due later stay 'scheduled' until a job publishes them).
  ReleaseService(store::Database* db, Env* env, jobs::Queue* queue) : db_(db), env_(env), queue_(queue) {}

  // Create, Update and Correct sanitize the body before their write transaction and refuse a body over
  // the sanitizer's budget (body_too_complex); `warnings` (optional) receives what the sanitizer dropped.
  StatusOr<store::Release> Create(const accounts::Actor& actor, const ReleaseInput& in,
                                  std::vector<SanitizeWarning>* warnings = nullptr);
  StatusOr<store::Release> Get(const accounts::Actor& actor, int64_t id);
  // A page of the releases the actor may read (store::ListReleases: a word search counts up to a cap).
  StatusOr<store::ReleasePage> List(const accounts::Actor& actor, const ReleaseQuery& q);
  StatusOr<store::Release> Update(const accounts::Actor& actor, int64_t id, const ReleaseInput& in,
                                  std::vector<SanitizeWarning>* warnings = nullptr);

  StatusOr<store::Release> Submit(const accounts::Actor& actor, int64_t id, const ActionInput& in);
  StatusOr<store::Release> Approve(const accounts::Actor& actor, int64_t id, const ActionInput& in);
  StatusOr<store::Release> Return(const accounts::Actor& actor, int64_t id, const ActionInput& in);
  StatusOr<store::Release> Withdraw(const accounts::Actor& actor, int64_t id, const ActionInput& in);
  StatusOr<store::Release> Correct(const accounts::Actor& actor, int64_t id, const ActionInput& in,
                                   std::vector<SanitizeWarning>* warnings = nullptr);

  StatusOr<std::vector<store::ReleaseRevision>> Revisions(const accounts::Actor& actor, int64_t id);
  StatusOr<store::ReleaseRevision> Revision(const accounts::Actor& actor, int64_t id, int64_t rev);
  StatusOr<RevisionDiff> Diff(const accounts::Actor& actor, int64_t id, int64_t from, int64_t to);

  // Releases waiting for a step the actor may take.
  StatusOr<std::vector<store::Release>> Approvals(const accounts::Actor& actor);

  // The scheduled-publication job: publishes release `id` if it is still scheduled for `publish_at` and due.
  // Idempotent: a second run (or a superseded schedule) changes nothing.
  Status PublishDue(int64_t id, int64_t publish_at);

  StatusOr<std::pair<std::vector<store::Notification>, int64_t>> Notifications(const accounts::Actor& actor,
                                                                               bool unread_only,
                                                                               int64_t limit, int64_t offset);
  Status MarkRead(const accounts::Actor& actor, int64_t id);

  // Set once, before serving (not synchronized).
  void SetPublishHook(PublishHook hook) { publish_hook_ = std::move(hook); }
  void SetChangeHook(ChangeHook hook) { change_hook_ = std::move(hook); }

  // For `pol demo`: inserts a published release as the system.
  StatusOr<store::Release> CreatePublished(int64_t agency_id, const ReleaseInput& in);

 private:
  using Mutator = std::function<Status(store::Conn&, store::Release&, nlohmann::json& detail)>;
  // Loads the release, checks read scope and version, applies `fn`, writes, revision, audit.
  StatusOr<store::Release> Change(const accounts::Actor& actor, int64_t id, std::optional<int64_t> version,
                                  const std::string& action, const std::string& comment, const Mutator& fn);
  // The last approval step: publishes `r` now (running the publish hook), or schedules it (a job at its
  // publish_at/embargo time), and tells the author.
  Status PublishOrSchedule(store::Conn& c, const accounts::Actor& actor, store::Release& r,
                           const std::string& comment, int64_t now, nlohmann::json& detail);

  store::Database* const db_;
  Env* const env_;
  jobs::Queue* const queue_;
  PublishHook publish_hook_;
  ChangeHook change_hook_;
};

// Registers the scheduled-publication job handler.
Status RegisterNewsroomJobs(jobs::WorkerPool& pool, ReleaseService* releases);

// The JSON snapshot stored with each revision.
nlohmann::json Snapshot(const store::Release& r);

}  // namespace pol::newsroom
