// Read-only SQL for the public site and its feeds.
//
// The data contract with the newsroom: a release is public when its status is
// 'published' (or 'corrected', a published release with a correction note) and
// its embargo, if any, has passed (`embargo_until IS NULL OR embargo_until <= now`).
// A 'withdrawn' release is absent from every list and feed; its article page
// still resolves (GetSiteRelease) so the site can say it was withdrawn.
// Every other status (draft, submitted, approved, scheduled, …) is invisible.
// A release appears under its own agency and under each co-signing agency
// (release_agencies).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct SitePhoto {
  int64_t media_id = 0;
  std::string caption, content_type;
  int64_t width = 0, height = 0;
};

struct SiteRelease {
  int64_t id = 0, agency_id = 0, council_id = 0;
  std::string agency_slug, agency_name;
  std::string status;  // published | corrected | withdrawn (only these are returned)
  std::string over_title, title, lead, body_html, category, source_line, slug;
  int64_t published_at = 0, updated_at = 0;  // published_at falls back to updated_at
  std::optional<int64_t> corrected_at, withdrawn_at;
  std::string correction_note, withdrawn_reason;
  std::vector<std::string> tags;  // filled for single releases and list pages
  std::vector<SitePhoto> photos;  // first photo only in lists; all in GetSiteRelease
  std::string snippet;            // search results only: text with \x01…\x02 around the matched words
};

struct SiteQuery {
  int64_t council_id = 0;
  std::optional<int64_t> agency_id;  // own or co-signed releases of this agency
  std::optional<std::string> tag;
  // Search (text::QueryWords): every word must occur, in any spelling, in the over-title, title, lead
  // or body text, through the releases' full-text index (FTS5 with the text core's tokenizer). With
  // words, results are ordered by relevance and carry a snippet.
  std::vector<std::string> words;
  int64_t now = 0;  // unix ms, for embargoes
  int64_t limit = 20, offset = 0;
  bool with_body = false;  // feeds carry the body; pages do not need it
};

// Public releases, newest first, and the total matching the query.
StatusOr<std::pair<std::vector<SiteRelease>, int64_t>> ListPublicReleases(Conn& c, const SiteQuery& q);

// The newest update among the public releases of the query (0 when none): the
// Last-Modified of a list or feed. Withdrawals count, since they change lists.
StatusOr<int64_t> LastPublicChange(Conn& c, const SiteQuery& q);

// One release for its article page: public, or withdrawn; nullopt otherwise
// (drafts, scheduled, embargoed and unknown ids look the same).
StatusOr<std::optional<SiteRelease>> GetSiteRelease(Conn& c, int64_t id, int64_t now);

struct SiteTag {
  std::string tag;
  int64_t count = 0;
};
// The most used tags of the council's public releases.
StatusOr<std::vector<SiteTag>> PopularTags(Conn& c, int64_t council_id, int64_t now, int64_t limit);

struct SitemapEntry {
  int64_t id = 0, updated_at = 0;
  std::string slug;
};
// Every public release of the council (for sitemap.xml), newest first, at most `limit`.
StatusOr<std::vector<SitemapEntry>> SitemapEntries(Conn& c, int64_t council_id, int64_t now, int64_t limit);

// Is this media item a photo of a public release? (public /media/ access)
StatusOr<bool> MediaIsPublic(Conn& c, int64_t media_id, int64_t now);

// A stamp of the site's content: the newest audit row's id, the newest release id and the newest
// release change, combined (each an indexed MAX). Every write the public site shows is audited and
// touches releases.updated_at or adds a release, so a different stamp means the content may have
// changed (site/page_cache.h). Three indexed lookups.
StatusOr<std::string> ContentStamp(Conn& c);

// The earliest embargo end after `now` of a published or corrected release (0 when none).
StatusOr<int64_t> NextEmbargoEnd(Conn& c, int64_t now);

}  // namespace pol::store
