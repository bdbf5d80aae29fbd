// One fetched or read document (already UTF-8) turned into the articles to ingest:
//   JSON lines (the news sample): one article per line; a malformed line is skipped and reported;
//   a feed (RSS, Atom, JSON Feed): entries carrying their full text (≥ 400 bytes of paragraphs) become
//     articles; the others' links are collected for fetching when links are wanted, else taken as is;
//   an HTML page: a listing's article links when links are wanted (and selectors.links is not "-"),
//     else the page itself, extracted later by the pipeline.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "monitor/extract.h"
#include "monitor/pipeline.h"

namespace pol::monitor {

// Where the document came from: stamped on every RawDocument.
struct DocumentOrigin {
  int64_t council_id = 0;
  std::optional<int64_t> source_id;
  int64_t fetched_at = 0;
};

struct ParsedDocument {
  std::vector<RawDocument> docs;
  std::vector<std::string> links;  // pages still to fetch (only when links were wanted)
  Status error;                    // the first problem (malformed feed or line, unknown format)
};

// `url`: where the document was found (relative links resolve against it); `raw`: its bytes as fetched,
// kept as evidence of an HTML page.
ParsedDocument ParseDocument(const DocumentOrigin& origin, const std::string& url, const std::string& utf8,
                             const std::string& raw, const Selectors& sel, bool want_links);

// A source's selectors (JSON object of strings) as Selectors; unknown keys and bad JSON are ignored.
Selectors SelectorsFrom(const std::string& json);

}  // namespace pol::monitor
