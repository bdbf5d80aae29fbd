// RSS 2.0, Atom 1.0 and sitemap.xml documents, built with pugixml (never by
// string concatenation), so they are well-formed whatever the stored text holds:
// characters XML 1.0 forbids are dropped and invalid UTF-8 is replaced.
//
// Dates: RFC 822 (with a four-digit year, as RSS 2.0 recommends) in RSS,
// RFC 3339 in Atom and the sitemap. An item's guid (RSS, isPermaLink) and id
// (Atom) is the release's short canonical URL, /news/{id}: stable across
// edits, corrections and slug changes.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pol::site {

struct FeedInfo {
  std::string title, subtitle;
  std::string html_url;  // absolute URL of the page the feed mirrors
  std::string self_url;  // absolute URL of the feed itself
  std::string author;    // the council (Atom feed author)
  int64_t updated = 0;   // unix ms
};

struct FeedItem {
  std::string title, url, id;  // url: canonical article URL; id: the stable guid
  std::string summary;         // plain text (the lead)
  std::string content_html;    // the sanitized body, carried as escaped HTML
  std::string author;          // the agency
  std::vector<std::string> categories;
  int64_t published = 0, updated = 0;  // unix ms
  // The lead photo (absolute URL of the large JPEG variant; empty: none), with its pixel size when known.
  // RSS carries it as Media RSS (media:content + media:thumbnail), Atom as link rel="enclosure".
  std::string image_url, thumb_url, image_caption;
  int64_t image_width = 0, image_height = 0;
};

std::string RenderRss(const FeedInfo& feed, const std::vector<FeedItem>& items);
std::string RenderAtom(const FeedInfo& feed, const std::vector<FeedItem>& items);

struct SitemapUrl {
  std::string loc;
  int64_t lastmod = 0;  // 0: omitted
};
std::string RenderSitemap(const std::vector<SitemapUrl>& urls);

// `text` with the characters XML 1.0 does not allow removed and invalid UTF-8
// replaced by U+FFFD.
std::string XmlSafe(std::string_view text);

}  // namespace pol::site
