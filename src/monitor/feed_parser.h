// Feeds: RSS 2.0 (and RSS 1.0/RDF), Atom (pugixml) and JSON Feed 1.x
// (nlohmann-json). Malformed documents are reported, never half-trusted:
// InvalidArgument "malformed_feed" with a Persian message naming the problem.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace pol::monitor {

struct FeedEntry {
  std::string url;  // absolute (resolved against the feed's URL)
  std::string guid, title, summary, author;
  std::string content_html;             // content:encoded / atom content / content_html, when present
  std::optional<int64_t> published_at;  // unix ms
};

struct Feed {
  std::string kind;  // "rss", "atom", "jsonfeed"
  std::string title;
  std::vector<FeedEntry> entries;
};

enum class DocumentKind { kFeedXml, kJsonFeed, kHtml, kJsonLines, kUnknown };
// Sniffs a UTF-8 document.
DocumentKind SniffDocument(std::string_view utf8);

// Parses an RSS, Atom or JSON Feed document (UTF-8); `base_url` resolves relative links.
StatusOr<Feed> ParseFeed(std::string_view utf8, std::string_view base_url);

}  // namespace pol::monitor
