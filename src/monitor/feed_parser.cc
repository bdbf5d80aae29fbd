#include "monitor/feed_parser.h"

#include <cctype>
#include <cstring>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "base/strings.h"
#include "monitor/web_text.h"
#include "text/number_words.h"

namespace pol::monitor {
namespace {

constexpr size_t kMaxFeedBytes = 4 << 20;
constexpr int kMaxJsonDepth = 16;

// Local name of a (possibly prefixed) XML element.
std::string_view Local(const char* name) {
  std::string_view n(name);
  size_t c = n.find(':');
  return c == std::string_view::npos ? n : n.substr(c + 1);
}

std::string ChildText(const pugi::xml_node& n, const char* local) {
  for (pugi::xml_node c : n.children()) {
    if (Local(c.name()) == local) return c.text().get();
  }
  return "";
}

std::string Trim(std::string_view s) { return std::string(TrimAscii(s)); }

Status Malformed(const std::string& why) {
  return InvalidArgument("malformed_feed", "خوراک خراب است: " + why);
}

StatusOr<Feed> ParseXmlFeed(std::string_view utf8, std::string_view base) {
  pugi::xml_document doc;
  pugi::xml_parse_result res =
      doc.load_buffer(utf8.data(), utf8.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!res) {
    return Malformed("XML نامعتبر در نویسهٔ " + text::PersianNumber(res.offset) + " (" + res.description() +
                     ")");
  }
  pugi::xml_node root = doc.document_element();
  const std::string_view rn = Local(root.name());
  Feed feed;
  if (rn == "rss" || rn == "RDF") {
    feed.kind = "rss";
    pugi::xml_node channel;
    for (pugi::xml_node c : root.children()) {
      if (Local(c.name()) == "channel") channel = c;
    }
    feed.title = Trim(ChildText(channel, "title"));
    // RSS 2.0: items inside channel; RSS 1.0: items are siblings of channel.
    for (pugi::xml_node parent : {channel, root}) {
      for (pugi::xml_node item : parent.children()) {
        if (Local(item.name()) != "item") continue;
        FeedEntry e;
        e.title = Trim(ChildText(item, "title"));
        e.guid = Trim(ChildText(item, "guid"));
        std::string link = Trim(ChildText(item, "link"));
        if (link.empty() && e.guid.find("://") != std::string::npos) link = e.guid;
        e.url = ResolveUrl(base, link);
        e.summary = Trim(ChildText(item, "description"));
        e.content_html = ChildText(item, "encoded");
        e.author = Trim(ChildText(item, "creator"));
        if (e.author.empty()) e.author = Trim(ChildText(item, "author"));
        std::string date = ChildText(item, "pubDate");
        if (date.empty()) date = ChildText(item, "date");
        e.published_at = ParseWebDate(date);
        if (!e.url.empty()) feed.entries.push_back(std::move(e));
      }
    }
    return feed;
  }
  if (rn == "feed") {
    feed.kind = "atom";
    feed.title = Trim(ChildText(root, "title"));
    for (pugi::xml_node entry : root.children()) {
      if (Local(entry.name()) != "entry") continue;
      FeedEntry e;
      e.title = Trim(ChildText(entry, "title"));
      e.guid = Trim(ChildText(entry, "id"));
      std::string link;
      for (pugi::xml_node l : entry.children()) {
        if (Local(l.name()) != "link") continue;
        std::string rel = l.attribute("rel").as_string("alternate");
        if (rel == "alternate" || link.empty()) link = l.attribute("href").as_string();
      }
      e.url = ResolveUrl(base, link);
      e.summary = Trim(ChildText(entry, "summary"));
      e.content_html = ChildText(entry, "content");
      for (pugi::xml_node a : entry.children()) {
        if (Local(a.name()) == "author") e.author = Trim(ChildText(a, "name"));
      }
      std::string date = ChildText(entry, "published");
      if (date.empty()) date = ChildText(entry, "updated");
      e.published_at = ParseWebDate(date);
      if (!e.url.empty()) feed.entries.push_back(std::move(e));
    }
    return feed;
  }
  return Malformed("ریشهٔ سند «" + std::string(rn) + "» است، نه rss یا feed");
}

StatusOr<Feed> ParseJsonFeed(std::string_view utf8, std::string_view base) {
  // Values nested deeper than kMaxJsonDepth are dropped while parsing (a feed needs 4 levels).
  nlohmann::json j = nlohmann::json::parse(
      utf8, [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) { return depth <= kMaxJsonDepth; },
      /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Malformed("JSON نامعتبر");
  if (!j.contains("items") || !j["items"].is_array()) return Malformed("فهرست items ندارد");
  auto str = [](const nlohmann::json& o, const char* k) -> std::string {
    auto it = o.find(k);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  Feed feed;
  feed.kind = "jsonfeed";
  feed.title = str(j, "title");
  for (const auto& it : j["items"]) {
    if (!it.is_object()) continue;
    FeedEntry e;
    e.guid = str(it, "id");
    e.url = ResolveUrl(base, str(it, "url"));
    e.title = str(it, "title");
    e.summary = str(it, "summary");
    e.content_html = str(it, "content_html");
    if (e.content_html.empty()) e.content_html = str(it, "content_text");
    if (auto a = it.find("authors"); a != it.end() && a->is_array() && !a->empty() && (*a)[0].is_object()) {
      e.author = str((*a)[0], "name");
    } else if (auto a1 = it.find("author"); a1 != it.end() && a1->is_object()) {
      e.author = str(*a1, "name");
    }
    e.published_at = ParseWebDate(str(it, "date_published"));
    if (!e.url.empty()) feed.entries.push_back(std::move(e));
  }
  return feed;
}

}  // namespace

DocumentKind SniffDocument(std::string_view utf8) {
  std::string_view s = TrimAsciiLeft(utf8);
  if (s.starts_with("\xEF\xBB\xBF")) s = TrimAsciiLeft(s.substr(3));
  if (s.starts_with("{")) {
    // A JSON Feed names its version near the top; otherwise one JSON object per line (the news sample).
    if (s.substr(0, 300).find("jsonfeed.org/version") != std::string_view::npos)
      return DocumentKind::kJsonFeed;
    return DocumentKind::kJsonLines;
  }
  const std::string head = AsciiLower(s.substr(0, 1024));
  if (head.find("<html") != std::string::npos || head.starts_with("<!doctype html"))
    return DocumentKind::kHtml;
  if (head.starts_with("<?xml") || head.find("<rss") != std::string::npos ||
      head.find("<feed") != std::string::npos || head.find("<rdf:rdf") != std::string::npos) {
    return DocumentKind::kFeedXml;
  }
  if (head.starts_with("<")) return DocumentKind::kHtml;
  return DocumentKind::kUnknown;
}

StatusOr<Feed> ParseFeed(std::string_view utf8, std::string_view base_url) {
  if (utf8.size() > kMaxFeedBytes) return Malformed("بزرگ‌تر از ۴ مگابایت");
  switch (SniffDocument(utf8)) {
    case DocumentKind::kJsonFeed:
      return ParseJsonFeed(utf8, base_url);
    case DocumentKind::kFeedXml:
      return ParseXmlFeed(utf8, base_url);
    default:
      return Malformed("سند نه RSS است، نه Atom و نه JSON Feed");
  }
}

}  // namespace pol::monitor
