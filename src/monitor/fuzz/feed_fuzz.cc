// libFuzzer target: the feed parser (RSS/RDF/Atom with pugixml, JSON Feed with nlohmann-json) and the
// HTML of each entry's content, on arbitrary bytes.
// Checks: no crash, hang or unbounded memory (ASan/UBSan); entries carry absolute URLs; a refused feed
// says why with the stable code malformed_feed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "monitor/extract.h"
#include "monitor/feed_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 18) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)pol::monitor::SniffDocument(in);
  auto feed = pol::monitor::ParseFeed(in, "https://news.example.ir/feed/");
  if (!feed.ok()) {
    if (feed.status().api_code() != "malformed_feed") std::abort();
    return 0;
  }
  for (const auto& e : feed->entries) {
    if (e.url.rfind("http://", 0) != 0 && e.url.rfind("https://", 0) != 0) std::abort();
    (void)pol::monitor::HtmlParagraphs(e.content_html);
  }
  return 0;
}
