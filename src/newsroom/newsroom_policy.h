// Who may do what in the newsroom (releases, their workflow, the approval queue
// and the editorial calendar). This file alone decides; the services call these
// functions and never the role primitives of accounts/roles.h.
//
// The rules, in short: the system (CLI, demo loader, jobs) and system admins may do everything; a
// council's roles (council_admin, committee_member, analyst) read every release of their council; an
// agency's roles read its own releases and those it co-signs; editors and the PR manager write an
// agency's drafts; the PR manager approves, returns, withdraws and corrects (and signs as a co-signer);
// council admins and committee members approve council-level releases; council admins manage their
// council's calendar occasions, system admins the shared ones.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "accounts/actor.h"
#include "store/release_repo.h"

namespace pol::newsroom {

// A council's releases, calendar and occasions are seen by anyone with a role in the council or one of
// its agencies (system admins: every council).
bool CanSeeCouncil(const accounts::Actor& a, int64_t council_id);

// Council-scoped roles (and system admins) see every agency's releases in their council.
bool SeesAllCouncilReleases(const accounts::Actor& a, int64_t council_id);

// A release is read by whoever sees all of its council's releases, and by any role of its agency or of
// one of its co-signing agencies.
bool CanReadRelease(const accounts::Actor& a, const store::Release& r);

// An agency's drafts are created, edited and submitted by its editors and its PR manager.
bool CanWriteReleases(const accounts::Actor& a, int64_t agency_id);

// An agency's PR manager approves, returns, withdraws and corrects its releases, edits submitted ones,
// and signs releases the agency co-signs.
bool CanManageReleases(const accounts::Actor& a, int64_t agency_id);

// Council-level releases are approved (or returned) by the council's admins and committee members.
bool CanApproveForCouncil(const accounts::Actor& a, int64_t council_id);

// A system admin's approval also stands for the council's step of a council-level release.
bool ApprovalCoversCouncilStep(const accounts::Actor& a);

// The releases a list may show: nullopt = all; else the agencies where the actor holds any role (their
// own and co-signed releases) and the councils where they hold a council role.
struct ReleaseScope {
  std::vector<int64_t> agencies, councils;
};
std::optional<ReleaseScope> ReadableReleases(const accounts::Actor& a);

// The approval queue: nullopt = every release; else the agencies the actor manages as PR manager and
// the councils where they approve council-level releases.
std::optional<ReleaseScope> ApprovableReleases(const accounts::Actor& a);

// A council's own calendar occasions are managed by its council admins; the shared ones (no council) by
// system admins only.
bool CanManageOccasion(const accounts::Actor& a, std::optional<int64_t> council_id);

}  // namespace pol::newsroom
