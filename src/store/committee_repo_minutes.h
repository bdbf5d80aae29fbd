// SQL of the PR committee's minutes (src/committee/minutes.h): one row per revision of a meeting's
// minutes, and the attendees' comments. Plain rows; the rules live in committee/.
//
// Thread-safety: functions of a Conn, which the caller holds inside Database::Read/Write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct Minutes {
  int64_t id = 0, meeting_id = 0, revision = 1;
  std::optional<int64_t> corrects_id;  // the approved revision this one corrects
  std::string correction_reason;
  std::string body_html, body_text;  // sanitized HTML and its plain text
  std::string status = "draft";      // draft | review | approved
  int64_t version = 1;
  std::optional<int64_t> created_by;
  int64_t created_at = 0, updated_at = 0;
  std::optional<int64_t> circulated_at, approved_by, approved_at;
};

struct MinutesComment {
  int64_t id = 0, minutes_id = 0;
  std::optional<int64_t> member_id, user_id;
  std::string body;
  int64_t at = 0;
  std::string user_name;  // read only: users.name
};

StatusOr<int64_t> InsertMinutes(Conn& c, const Minutes& m);
// Every revision of a meeting's minutes, oldest first (the last is the current one).
StatusOr<std::vector<Minutes>> ListMinutesRevisions(Conn& c, int64_t meeting_id);
// Writes body, status, circulated/approved fields when `m.version` matches; VersionConflict otherwise.
Status UpdateMinutes(Conn& c, const Minutes& m, int64_t now);

StatusOr<int64_t> InsertMinutesComment(Conn& c, const MinutesComment& v);
StatusOr<std::vector<MinutesComment>> ListMinutesComments(Conn& c, int64_t minutes_id);

}  // namespace pol::store
