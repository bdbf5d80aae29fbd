// libFuzzer target: the article extractor and the listing-page link finder on arbitrary bytes (pages
// as hostile as the web: unclosed tags, deep nesting, broken JSON-LD, odd selectors).
// Checks: no crash, hang or unbounded memory (ASan/UBSan); image and canonical URLs are absolute http(s);
// links stay on the page's host.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "monitor/extract.h"
#include "monitor/web_text.h"

namespace {

bool Absolute(const std::string& u) { return u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 18) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::string page = "https://news.example.ir/a/1.html";
  // The first byte picks a selector set, so per-source overrides are fuzzed too.
  pol::monitor::Selectors sel;
  if (!in.empty() && (in[0] & 1))
    sel = {.title = "h1.t",
           .lead = ".lead",
           .body = "#body",
           .author = "[rel=author]",
           .date = "time",
           .links = "ul.list"};
  pol::monitor::Article a = pol::monitor::ExtractArticle(in, page, sel);
  for (const auto& img : a.images) {
    if (!Absolute(img)) std::abort();
  }
  if (!a.canonical_url.empty() && !Absolute(a.canonical_url)) std::abort();
  for (const auto& l : pol::monitor::ExtractLinks(in, page, sel)) {
    if (pol::monitor::UrlHost(l) != "news.example.ir") std::abort();
  }
  return 0;
}
