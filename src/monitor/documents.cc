#include "monitor/documents.h"

#include <nlohmann/json.hpp>

#include "monitor/feed_parser.h"
#include "monitor/web_text.h"
#include "text/number_words.h"

namespace pol::monitor {
namespace {

// An article from one JSON line (title, abstract|lead, paragraphs|body, author, published, link).
RawDocument JsonLineDocument(const DocumentOrigin& origin, const std::string& url, const std::string& line,
                             size_t line_no, const nlohmann::json& o) {
  auto str = [&](const char* k) {
    return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
  };
  Article a;
  a.title = str("title");
  a.lead = str("abstract");
  if (a.lead.empty()) a.lead = str("lead");
  if (o.contains("paragraphs") && o["paragraphs"].is_array()) {
    for (const auto& p : o["paragraphs"]) {
      if (p.is_string()) a.paragraphs.push_back(p.get<std::string>());
    }
  } else {
    a.paragraphs = HtmlParagraphs(str("body"));
  }
  a.author = str("author");
  a.published_at = ParseWebDate(str("published"));
  std::string link = str("link");
  if (link.empty()) link = url + "#" + std::to_string(line_no);
  return {.url = link,
          .raw = line,
          .article = a,
          .source_id = origin.source_id,
          .council_id = origin.council_id,
          .fetched_at = origin.fetched_at};
}

void ParseJsonLines(const DocumentOrigin& origin, const std::string& url, const std::string& utf8,
                    ParsedDocument* out) {
  size_t i = 0, line_no = 0;
  while (i < utf8.size()) {
    size_t j = utf8.find('\n', i);
    if (j == std::string::npos) j = utf8.size();
    std::string line = utf8.substr(i, j - i);
    i = j + 1;
    ++line_no;
    if (line.find_first_not_of(" \r\t") == std::string::npos) continue;
    nlohmann::json o = nlohmann::json::parse(line, nullptr, false);
    if (!o.is_object() || !o.contains("title")) {
      if (out->error.ok())
        out->error =
            InvalidArgument("malformed_line", "سطر " + text::PersianNumber(static_cast<int64_t>(line_no)) +
                                                  " JSON معتبر نیست.");
      continue;
    }
    out->docs.push_back(JsonLineDocument(origin, url, line, line_no, o));
  }
}

void ParseFeedEntries(const DocumentOrigin& origin, const std::string& url, const std::string& utf8,
                      bool want_links, ParsedDocument* out) {
  auto feed = ParseFeed(utf8, url);
  if (!feed.ok()) {
    out->error = feed.status();
    return;
  }
  for (const auto& e : feed->entries) {
    // Entries with their full text are taken from the feed; others need their page.
    std::vector<std::string> paras = HtmlParagraphs(e.content_html);
    size_t chars = 0;
    for (const auto& p : paras) chars += p.size();
    if (chars < 400 && want_links) {
      out->links.push_back(e.url);
      continue;
    }
    Article a;
    a.title = e.title;
    const std::vector<std::string> summary = HtmlParagraphs(e.summary);
    a.lead = summary.empty() ? "" : summary[0];
    a.paragraphs = paras;
    a.author = e.author;
    a.published_at = e.published_at;
    out->docs.push_back({.url = e.url,
                         .raw = e.content_html.empty() ? e.summary : e.content_html,
                         .article = a,
                         .source_id = origin.source_id,
                         .council_id = origin.council_id,
                         .fetched_at = origin.fetched_at});
  }
}

}  // namespace

ParsedDocument ParseDocument(const DocumentOrigin& origin, const std::string& url, const std::string& utf8,
                             const std::string& raw, const Selectors& sel, bool want_links) {
  ParsedDocument out;
  switch (SniffDocument(utf8)) {
    case DocumentKind::kJsonLines:
      ParseJsonLines(origin, url, utf8, &out);
      break;
    case DocumentKind::kFeedXml:
    case DocumentKind::kJsonFeed:
      ParseFeedEntries(origin, url, utf8, want_links, &out);
      break;
    case DocumentKind::kHtml:
      if (want_links && sel.links != "-") {
        // A listing page when asked for one (the caller decides by the source's kind).
        out.links = ExtractLinks(utf8, url, sel);
      } else {
        out.docs.push_back({.url = url,
                            .html = utf8,
                            .raw = raw,
                            .selectors = sel,
                            .source_id = origin.source_id,
                            .council_id = origin.council_id,
                            .fetched_at = origin.fetched_at});
      }
      break;
    default:
      out.error =
          InvalidArgument("unknown_document", "قالب سند شناخته نشد (نه خوراک، نه صفحهٔ HTML، نه JSON).");
  }
  return out;
}

Selectors SelectorsFrom(const std::string& json) {
  Selectors s;
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return s;
  auto get = [&](const char* k, std::string& out) {
    if (j.contains(k) && j[k].is_string()) out = j[k].get<std::string>();
  };
  get("title", s.title);
  get("lead", s.lead);
  get("body", s.body);
  get("author", s.author);
  get("date", s.date);
  get("links", s.links);
  return s;
}

}  // namespace pol::monitor
