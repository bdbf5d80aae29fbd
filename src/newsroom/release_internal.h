// Internal to the newsroom's release files (releases.cc, release_input.cc, release_workflow.cc,
// release_notify.cc): the helpers they share. Nothing outside src/newsroom/ includes this.
//
// Thread-safety: pure functions, or writes inside the caller's transaction (`Conn`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/actor.h"
#include "newsroom/releases.h"
#include "newsroom/sanitize.h"
#include "store/release_repo.h"

namespace pol::newsroom::internal {

// The acting user's id and name for revisions and notifications; none / «سامانه» for the system.
std::optional<int64_t> ActorId(const accounts::Actor& a);
std::string ActorName(const accounts::Actor& a);

// A time typed by a person must fall in 2020…2100 (invalid_date naming `field`).
Status CheckTime(int64_t t, const char* field);

// What of a release input is prepared BEFORE the write transaction: the body, size- and budget-checked
// and sanitized (the sanitizer never runs while the single writer is held).
struct PreparedInput {
  std::optional<SanitizedHtml> body;  // present when `in.body_html` is
};
StatusOr<PreparedInput> PrepareInput(const ReleaseInput& in);

// Applies the present fields of `in` onto `r`, validated and normalized (the body as `prepared` holds it),
// and records what changed in `changes` for the audit row. Reads agencies, occasions and media through `c`.
Status ApplyInput(store::Conn& c, const ReleaseInput& in, const PreparedInput& prepared, store::Release& r,
                  nlohmann::json& changes);

// Writes `r` (bumping its version), its tags, co-signers and photos, a revision with its snapshot, and
// the audit row.
Status Persist(store::Conn& c, const accounts::Actor& actor, store::Release& r, const std::string& action,
               const std::string& comment, int64_t now, const nlohmann::json& detail);

// In-console notifications, never to the actor themself: to the release's author ("title: release title",
// with `body`), or to each of `users` ("title: release title").
Status NotifyAuthor(store::Conn& c, const accounts::Actor& actor, const store::Release& r,
                    const std::string& kind, const std::string& title, const std::string& body, int64_t now);
Status NotifyUsers(store::Conn& c, const accounts::Actor& actor, const std::vector<int64_t>& users,
                   const store::Release& r, const std::string& kind, const std::string& title, int64_t now);

}  // namespace pol::newsroom::internal
