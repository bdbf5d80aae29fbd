// Evidence attachments on a decision's follow-up entries (issue 13 §7): a scan, a photo or a PDF that shows
// the work was done. Uploaded by those who may write the decision's follow-up (committee_policy.h
// CanFollowUp: those who run meetings, the owner person, the owner agency's PR manager); listed and
// downloaded by those who read the decision. The type comes from the content (JPEG, PNG, WebP, PDF — the
// citizens' attachment rules, citizen/attachment_store.h), at most kEvidenceMaxBytes; the file is written
// (content-addressed, atomic, fsynced) under <data_dir>/committee/citizen-attachments/ before its row and
// audit entry commit, so a row always has its file; a refused upload writes nothing.
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "citizen/attachment_store.h"
#include "store/committee_repo_evidence.h"

namespace pol::committee {

inline constexpr size_t kEvidenceMaxBytes = 10 * 1024 * 1024;

class EvidenceService {
 public:
  EvidenceService(store::Database* db, Env* env, const std::string& data_dir)
      : db_(db), env_(env), files_(data_dir + "/committee") {}

  // Attaches `data` to follow-up entry `followup_id` of decision `decision_id`. NotFound when the actor may
  // not read the decision or the entry is not the decision's; PermissionDenied unless the actor may write
  // its follow-up; InvalidArgument for an empty file (`empty_file`), one too large (`too_large`) or of
  // another type (`unsupported_type`).
  StatusOr<store::CommitteeEvidence> Upload(const accounts::Actor& actor, int64_t decision_id,
                                            int64_t followup_id, const std::string& filename,
                                            std::string_view data);
  // The decision's evidence (every entry's).
  StatusOr<std::vector<store::CommitteeEvidence>> List(const accounts::Actor& actor, int64_t decision_id);
  // One file and its bytes.
  StatusOr<std::pair<store::CommitteeEvidence, std::string>> Download(const accounts::Actor& actor,
                                                                      int64_t decision_id, int64_t id);

 private:
  store::Database* const db_;
  Env* const env_;
  const citizen::AttachmentStore files_;
};

}  // namespace pol::committee
