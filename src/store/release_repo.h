// SQL for the newsroom: releases with their co-signing agencies, tags, photos
// and revisions; release search; the approval queue; occasions (the editorial
// calendar) and in-console notifications.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct ReleaseCoSigner {
  int64_t agency_id = 0;
  std::optional<int64_t> signed_by, signed_at;
};

struct ReleasePhoto {
  int64_t media_id = 0;
  int64_t position = 0;
  std::string caption;
};

struct Release {
  int64_t id = 0, agency_id = 0, council_id = 0;
  std::string status = "draft";
  bool council_level = false;
  std::optional<int64_t> council_approved_by, council_approved_at;
  std::optional<int64_t> approved_by, approved_at, submitted_at;
  std::string over_title, title, lead, body_html, body_text, category;
  std::optional<int64_t> occasion_id;
  std::string urgency = "normal", source_line, slug;
  std::optional<int64_t> embargo_until, publish_at, published_at, withdrawn_at, corrected_at;
  std::string withdrawn_reason, correction_note, return_comment;
  std::optional<int64_t> author_id;
  int64_t version = 1, created_at = 0, updated_at = 0;

  // From the side tables (LoadReleaseParts).
  std::vector<std::string> tags;
  std::vector<ReleaseCoSigner> co_signers;
  std::vector<ReleasePhoto> photos;
  std::string snippet;  // search results only: text with \x01…\x02 around the matched words
};

struct ReleaseFilter {
  std::optional<std::vector<int64_t>> only_agencies;  // authorization scope (own or co-signed)
  std::optional<std::vector<int64_t>> only_councils;  // authorization scope (council roles)
  std::optional<int64_t> agency_id, council_id;
  std::optional<std::string> status, tag;
  std::optional<int64_t> from, to;  // on COALESCE(published_at, publish_at, updated_at)
  // Full-text query, already split into words; each word must match (any spelling variant).
  std::vector<std::string> words;
  int64_t limit = 50, offset = 0;
};

StatusOr<int64_t> InsertRelease(Conn& c, const Release& r);
StatusOr<Release> GetRelease(Conn& c, int64_t id);  // with its parts
// Writes every column when `version` matches (and bumps it); version_conflict otherwise.
Status UpdateRelease(Conn& c, const Release& r, int64_t now);
// Replaces the side tables of a release.
Status SaveReleaseTags(Conn& c, int64_t release_id, const std::vector<std::string>& tags);
Status SaveReleaseCoSigners(Conn& c, int64_t release_id, const std::vector<ReleaseCoSigner>& co);
Status SaveReleasePhotos(Conn& c, int64_t release_id, const std::vector<ReleasePhoto>& photos);
Status LoadReleaseParts(Conn& c, Release& r);
// Matches counted for a word search stop here: past it the answer is "more than kReleaseSearchCountCap"
// and the page is the newest matches instead of the best by bm25 — an exact count and a bm25 ranking touch
// every match, which for a frequent word over 100,000 releases costs 50+ ms (the same rule as monitoring's
// kSearchCountCap). Listings without words are counted exactly.
inline constexpr int64_t kReleaseSearchCountCap = 1000;

struct ReleasePage {
  std::vector<Release> items;  // without body_html
  int64_t total = 0;           // exact, or kReleaseSearchCountCap when total_capped
  bool total_capped = false;   // a word search with more than kReleaseSearchCountCap matches
};

// A page and its total. With `words`: ordered by relevance (or newest first when capped) with snippets.
StatusOr<ReleasePage> ListReleases(Conn& c, const ReleaseFilter& f);
// Releases in a council whose day (published_at, else publish_at) falls in [from, to).
StatusOr<std::vector<Release>> ListReleasesPlanned(Conn& c, int64_t council_id, int64_t from, int64_t to);
// Releases waiting for an approval step: submitted ones of these agencies; approved ones with an unsigned
// co-signer among these agencies; approved council-level ones of these councils without the council's
// approval.
StatusOr<std::vector<Release>> ListAwaitingApproval(Conn& c,
                                                    const std::optional<std::vector<int64_t>>& agencies,
                                                    const std::optional<std::vector<int64_t>>& councils);
// The agency of a media item, if it exists.
StatusOr<std::optional<int64_t>> MediaAgency(Conn& c, int64_t media_id);

struct ReleaseRevision {
  int64_t id = 0, release_id = 0, rev = 0;
  std::string action;
  std::optional<int64_t> author_id;
  std::string author_name;
  int64_t at = 0;
  std::string comment, snapshot;  // snapshot: JSON
};
Status InsertReleaseRevision(Conn& c, const ReleaseRevision& r);
StatusOr<std::vector<ReleaseRevision>> ListReleaseRevisions(Conn& c, int64_t release_id, bool with_snapshots);
StatusOr<ReleaseRevision> GetReleaseRevision(Conn& c, int64_t release_id, int64_t rev);

// Users holding `role` in an agency (for notifications).
StatusOr<std::vector<int64_t>> UsersWithAgencyRole(Conn& c, int64_t agency_id, const std::string& role);
StatusOr<std::vector<int64_t>> UsersWithCouncilRoles(Conn& c, int64_t council_id,
                                                     const std::vector<std::string>& roles);

struct Occasion {
  int64_t id = 0;
  std::optional<int64_t> council_id;  // nullopt: shared by every council
  std::string name, calendar = "solar";
  int64_t month = 1, day = 1;
  std::string description;
  int64_t version = 1, created_at = 0, updated_at = 0;
};
StatusOr<int64_t> InsertOccasion(Conn& c, const Occasion& o);
StatusOr<Occasion> GetOccasion(Conn& c, int64_t id);
// The council's own occasions and the shared ones.
StatusOr<std::vector<Occasion>> ListOccasions(Conn& c, int64_t council_id);
Status UpdateOccasion(Conn& c, const Occasion& o, int64_t now);
Status DeleteOccasion(Conn& c, int64_t id, int64_t version);

struct Notification {
  int64_t id = 0, user_id = 0;
  std::string kind, title, body, link;
  int64_t created_at = 0;
  std::optional<int64_t> read_at;
};
StatusOr<int64_t> InsertNotification(Conn& c, const Notification& n);
// Newest first; the page and the number of unread ones.
StatusOr<std::pair<std::vector<Notification>, int64_t>> ListNotifications(Conn& c, int64_t user_id,
                                                                          bool unread_only, int64_t limit,
                                                                          int64_t offset);
// Marks one of the user's notifications read; NotFound if it is not theirs.
Status MarkNotificationRead(Conn& c, int64_t user_id, int64_t id, int64_t now);
// Erasure: every notification that links to `link` gets `title` and an empty body (the old ones may
// quote what is being erased, e.g. a citizen's subject in an SLA warning).
Status RewriteNotificationsLinkingTo(Conn& c, const std::string& link, const std::string& title);

}  // namespace pol::store
