#include "site/feeds.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstdint>
#include <sstream>

#include "site/dates.h"

namespace pol::site {
namespace {

// Decodes one code point at s[i]; returns its length, or 0 for invalid UTF-8.
size_t Decode(std::string_view s, size_t i, uint32_t* cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = 0;
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
    *cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    *cp = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    *cp = b & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (c & 0x3F);
  }
  if ((n == 3 && *cp < 0x800) || (n == 4 && (*cp < 0x10000 || *cp > 0x10FFFF)) ||
      (*cp >= 0xD800 && *cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

void Text(pugi::xml_node parent, const char* name, std::string_view value) {
  parent.append_child(name).append_child(pugi::node_pcdata).set_value(XmlSafe(value).c_str());
}

pugi::xml_node Link(pugi::xml_node parent, const char* rel, const std::string& href,
                    const char* type = nullptr) {
  pugi::xml_node l = parent.append_child("link");
  l.append_attribute("rel") = rel;
  if (type) l.append_attribute("type") = type;
  l.append_attribute("href") = XmlSafe(href).c_str();
  return l;
}

std::string Save(pugi::xml_document& doc) {
  pugi::xml_node decl = doc.prepend_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  std::ostringstream out;
  doc.save(out, " ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

}  // namespace

std::string XmlSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    size_t n = Decode(text, i, &cp);
    if (n == 0) {
      out.append("\xEF\xBF\xBD");
      ++i;
      continue;
    }
    // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    bool ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
              (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
    if (ok) out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string RenderRss(const FeedInfo& feed, const std::vector<FeedItem>& items) {
  pugi::xml_document doc;
  pugi::xml_node rss = doc.append_child("rss");
  rss.append_attribute("version") = "2.0";
  rss.append_attribute("xmlns:atom") = "http://www.w3.org/2005/Atom";
  rss.append_attribute("xmlns:content") = "http://purl.org/rss/1.0/modules/content/";
  rss.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  rss.append_attribute("xmlns:media") = "http://search.yahoo.com/mrss/";
  pugi::xml_node ch = rss.append_child("channel");
  Text(ch, "title", feed.title);
  Text(ch, "link", feed.html_url);
  Text(ch, "description", feed.subtitle.empty() ? feed.title : feed.subtitle);
  Text(ch, "language", "fa");
  if (feed.updated > 0) Text(ch, "lastBuildDate", Rfc822(feed.updated));
  Text(ch, "generator", "Pol");
  pugi::xml_node self = ch.append_child("atom:link");
  self.append_attribute("href") = XmlSafe(feed.self_url).c_str();
  self.append_attribute("rel") = "self";
  self.append_attribute("type") = "application/rss+xml";
  for (const FeedItem& it : items) {
    pugi::xml_node item = ch.append_child("item");
    Text(item, "title", it.title);
    Text(item, "link", it.url);
    pugi::xml_node guid = item.append_child("guid");
    guid.append_attribute("isPermaLink") = "true";
    guid.append_child(pugi::node_pcdata).set_value(XmlSafe(it.id).c_str());
    Text(item, "pubDate", Rfc822(it.published));
    if (!it.author.empty()) Text(item, "dc:creator", it.author);
    for (const std::string& c : it.categories) Text(item, "category", c);
    Text(item, "description", it.summary);
    if (!it.content_html.empty()) Text(item, "content:encoded", it.content_html);
    if (!it.image_url.empty()) {
      pugi::xml_node media = item.append_child("media:content");
      media.append_attribute("url") = XmlSafe(it.image_url).c_str();
      media.append_attribute("type") = "image/jpeg";
      media.append_attribute("medium") = "image";
      if (it.image_width > 0 && it.image_height > 0) {
        media.append_attribute("width") = std::to_string(it.image_width).c_str();
        media.append_attribute("height") = std::to_string(it.image_height).c_str();
      }
      if (!it.image_caption.empty()) Text(media, "media:description", it.image_caption);
      if (!it.thumb_url.empty())
        media.append_child("media:thumbnail").append_attribute("url") = XmlSafe(it.thumb_url).c_str();
    }
  }
  return Save(doc);
}

std::string RenderAtom(const FeedInfo& feed, const std::vector<FeedItem>& items) {
  pugi::xml_document doc;
  pugi::xml_node f = doc.append_child("feed");
  f.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
  f.append_attribute("xml:lang") = "fa";
  Text(f, "title", feed.title);
  if (!feed.subtitle.empty()) Text(f, "subtitle", feed.subtitle);
  Text(f, "id", feed.self_url);
  Text(f, "updated", Rfc3339(feed.updated));
  Link(f, "self", feed.self_url, "application/atom+xml");
  Link(f, "alternate", feed.html_url, "text/html");
  Text(f.append_child("author"), "name", feed.author.empty() ? feed.title : feed.author);
  Text(f, "generator", "Pol");
  for (const FeedItem& it : items) {
    pugi::xml_node e = f.append_child("entry");
    Text(e, "title", it.title);
    Text(e, "id", it.id);
    Link(e, "alternate", it.url, "text/html");
    if (!it.image_url.empty()) Link(e, "enclosure", it.image_url, "image/jpeg");
    Text(e, "published", Rfc3339(it.published));
    Text(e, "updated", Rfc3339(std::max(it.updated, it.published)));
    Text(e.append_child("author"), "name", it.author.empty() ? feed.title : it.author);
    for (const std::string& c : it.categories)
      e.append_child("category").append_attribute("term") = XmlSafe(c).c_str();
    pugi::xml_node summary = e.append_child("summary");
    summary.append_attribute("type") = "text";
    summary.append_child(pugi::node_pcdata).set_value(XmlSafe(it.summary).c_str());
    if (!it.content_html.empty()) {
      pugi::xml_node content = e.append_child("content");
      content.append_attribute("type") = "html";
      content.append_child(pugi::node_pcdata).set_value(XmlSafe(it.content_html).c_str());
    }
  }
  return Save(doc);
}

std::string RenderSitemap(const std::vector<SitemapUrl>& urls) {
  pugi::xml_document doc;
  pugi::xml_node set = doc.append_child("urlset");
  set.append_attribute("xmlns") = "http://www.sitemaps.org/schemas/sitemap/0.9";
  for (const SitemapUrl& u : urls) {
    pugi::xml_node url = set.append_child("url");
    Text(url, "loc", u.loc);
    if (u.lastmod > 0) Text(url, "lastmod", Rfc3339(u.lastmod));
  }
  return Save(doc);
}

}  // namespace pol::site
