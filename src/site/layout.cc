#include "site/layout.h"

#include <algorithm>

#include "base/strings.h"
#include "site/dates.h"
#include "site/html.h"
#include "text/html_escape.h"

namespace pol::site::internal {
namespace {

using text::AppendEscapedHtml;
using text::EscapeHtml;

// Mobile first, a few hundred bytes; the font comes from /static with a year-long cache.
constexpr const char* kCss =
    "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.9 Vazirmatn,Tahoma,sans-serif;color:#1d2430;background:#f5f6f8}"
    "a{color:#0b5cad;text-decoration:none}a:hover,p a,.body a{text-decoration:underline}"
    "header.site,footer.site{background:#123a63;color:#fff;padding:.6rem 1rem}"
    "header.site a,footer.site a{color:#fff}header.site a.portal{font-weight:700;text-decoration:underline}"
    "header.site{display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:center;justify-content:space-between}"
    ".brand{font-weight:700;font-size:1.1rem}nav a{margin-inline-start:.9rem}"
    "main{max-width:60rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.35rem;line-height:1.7;margin:.2rem 0 .8rem}"
    ".cards{list-style:none;margin:0;padding:0}"
    ".card{background:#fff;border-radius:.5rem;padding:.8rem;margin:0 0 .8rem;display:flex;gap:.8rem}"
    ".card img{width:6.5rem;height:4.5rem;object-fit:cover;border-radius:.3rem;flex:none}"
    ".card h2{font-size:1.05rem;line-height:1.7;margin:0 0 .2rem}.card p{margin:0}"
    ".over,.meta,figcaption{color:#5f6875;font-size:.85rem}.over{margin:0}"
    "time{white-space:nowrap}"  // a Jalali date never breaks between its day, month and year
    ".lead{font-weight:600}"
    "article{background:#fff;border-radius:.5rem;padding:1rem}"
    "figure{margin:1rem 0}figure img{max-width:100%;height:auto;border-radius:.3rem}"
    ".notice{background:#fff4e5;border-inline-start:4px solid #e08a00;padding:.6rem .8rem;margin:.8rem 0}"
    ".tags a,.share a{display:inline-block;background:#e9eef5;border-radius:1rem;padding:0 "
    ".7rem;margin:.2rem}"
    ".pager{display:flex;justify-content:space-between;margin:1rem 0}"
    "form.search{display:flex;gap:.5rem;margin:0 0 1rem}"
    "form.search input{flex:1;font:inherit;padding:.3rem .5rem;border:1px solid #b9c2ce;border-radius:.3rem}"
    "form.search button{font:inherit;padding:.3rem 1rem}mark{background:#fff1a8;padding:0 .1rem}"
    ".agencies{padding:0 1rem;columns:2;column-gap:2.5rem}"
    "@media(min-width:48rem){h1{font-size:1.75rem}.card img{width:10rem;height:7rem}}";

std::string Meta(const char* attr, const char* key, const std::string& value) {
  return std::string("<meta ") + attr + "=\"" + key + "\" content=\"" + EscapeHtml(value) + "\">\n";
}

}  // namespace

StatusOr<store::Council> SiteCouncil(store::Conn& c, const std::string& slug) {
  if (!slug.empty()) {
    POL_ASSIGN_OR_RETURN(auto found, store::FindCouncilBySlug(c, slug));
    if (!found) return NotFound("شورا پیدا نشد.");
    return *found;
  }
  POL_ASSIGN_OR_RETURN(auto all, store::ListCouncils(c));
  if (all.empty()) return NotFound("هنوز شورایی ثبت نشده است.");
  return all.front();
}

std::string NewsPath(int64_t id, const std::string& slug) {
  std::string p = "/news/" + std::to_string(id);
  if (!slug.empty()) p += "/" + UrlEncode(slug);
  return p;
}

std::string Num(int64_t n) { return PersianDigits(std::to_string(n)); }

std::string Layout(const std::string& council_name, const std::string& font_path, const Head& h,
                   const std::string& main) {
  std::string out;
  out.reserve(main.size() + 4096);
  out +=
      "<!doctype html>\n<html lang=\"fa\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  AppendEscapedHtml(&out, h.title);
  out += "</title>\n";
  if (!h.description.empty()) out += Meta("name", "description", h.description);
  if (h.noindex) out += "<meta name=\"robots\" content=\"noindex\">\n";
  if (!h.canonical.empty()) out += "<link rel=\"canonical\" href=\"" + EscapeHtml(h.canonical) + "\">\n";
  if (!h.prev.empty()) out += "<link rel=\"prev\" href=\"" + EscapeHtml(h.prev) + "\">\n";
  if (!h.next.empty()) out += "<link rel=\"next\" href=\"" + EscapeHtml(h.next) + "\">\n";
  out += Meta("property", "og:site_name", council_name);
  out += Meta("property", "og:locale", "fa_IR");
  out += Meta("property", "og:type", h.og_type);
  out += Meta("property", "og:title", h.title);
  if (!h.description.empty()) out += Meta("property", "og:description", h.description);
  if (!h.canonical.empty()) out += Meta("property", "og:url", h.canonical);
  if (!h.og_image.empty()) out += Meta("property", "og:image", h.og_image);
  if (!h.rss.empty()) {
    out += "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"" + EscapeHtml(h.rss) +
           "\">\n";
  }
  if (!h.atom.empty()) {
    out += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"" +
           EscapeHtml(h.atom) + "\">\n";
  }
  if (!h.json_ld.empty()) {
    // "</" cannot end the script early: the JSON is written with "<" escaped (\u003c).
    out += "<script type=\"application/ld+json\">" + h.json_ld + "</script>\n";
  }
  if (!font_path.empty()) {
    // Preloaded, and `optional`: the font is used if it arrives within the first paint, else the
    // fallback stays for this page view — no swap, so nothing shifts. The URL is the console's own
    // hashed font file when there is one (one download for site and console).
    out += "<link rel=\"preload\" href=\"" + EscapeHtml(font_path) +
           "\" as=\"font\" type=\"font/woff2\" crossorigin>\n";
  }
  out += "<style>";
  if (!font_path.empty()) {
    out += "@font-face{font-family:Vazirmatn;src:url(" + font_path +
           ") format(\"woff2\");font-weight:100 900;font-display:optional}";
  }
  out += kCss;
  out += "</style>\n</head>\n<body>\n<header class=\"site\"><a class=\"brand\" href=\"/\">";
  AppendEscapedHtml(&out, council_name);
  out +=
      "</a><nav><a class=\"portal\" href=\"/citizen\">ثبت درخواست / پیگیری</a>"
      "<a href=\"/search\">جستجو</a><a href=\"/feed.rss\">خوراک</a>"
      "<a href=\"/console/\" rel=\"nofollow\">ورود کارکنان</a></nav></header>\n<main>\n";
  out += main;
  out += "</main>\n<footer class=\"site\">";
  if (h.decisions_link) out += "<a href=\"/decisions\">مصوبات کمیتهٔ روابط عمومی</a> · ";
  out += "<a href=\"/feed.rss\">RSS</a> · <a href=\"/feed.atom\">Atom</a> · ";
  AppendEscapedHtml(&out, council_name);
  out += "</footer>\n</body>\n</html>\n";
  return out;
}

std::string TimeTag(int64_t ms, bool with_time) {
  return "<time datetime=\"" + Rfc3339(ms) + "\">" +
         EscapeHtml(with_time ? PersianDateTime(ms) : PersianDate(ms)) + "</time>";
}

std::string Cards(const std::vector<store::SiteRelease>& releases) {
  if (releases.empty()) return "<p>هنوز خبری منتشر نشده است.</p>\n";
  std::string out = "<ul class=\"cards\">\n";
  for (const auto& r : releases) {
    const std::string href = NewsPath(r.id, r.slug);
    out += "<li class=\"card\">";
    if (!r.photos.empty()) {
      // The photo link repeats the title link: out of the tab order, named by the title.
      out += "<a href=\"" + EscapeHtml(href) + "\" tabindex=\"-1\"><img src=\"/media/" +
             std::to_string(r.photos.front().media_id) + "/thumb\" alt=\"" + EscapeHtml(r.title) +
             "\" loading=\"lazy\" width=\"400\" height=\"280\"></a>";
    }
    out += "<div>";
    if (!r.over_title.empty()) out += "<p class=\"over\">" + EscapeHtml(r.over_title) + "</p>";
    out += "<h2><a href=\"" + EscapeHtml(href) + "\">" + EscapeHtml(r.title) + "</a></h2>";
    out += "<p class=\"meta\"><a href=\"/agencies/" + EscapeHtml(UrlEncode(r.agency_slug)) + "\"><bdi>" +
           EscapeHtml(r.agency_name) + "</bdi></a> · " + TimeTag(r.published_at, false) + "</p>";
    if (!r.snippet.empty()) {
      out += "<p class=\"snippet\">" + text::SnippetToHtml(r.snippet) + "</p>";
    } else if (!r.lead.empty()) {
      out += "<p>" + EscapeHtml(Excerpt(r.lead, 220)) + "</p>";
    }
    out += "</div></li>\n";
  }
  return out + "</ul>\n";
}

// Prev/next links; `path` is the page's path, `extra` more query (already encoded, "&q=…").
std::string Pager(const std::string& path, const std::string& extra, int64_t page, int64_t total,
                  int64_t page_size, Head* head, const std::string& base) {
  const int64_t pages = std::max<int64_t>(1, (total + page_size - 1) / page_size);
  if (pages <= 1) return "";
  auto url = [&](int64_t p) {
    std::string q = p > 1 ? "page=" + std::to_string(p) + extra : extra.empty() ? "" : extra.substr(1);
    return path + (q.empty() ? "" : "?" + q);
  };
  std::string out = "<nav class=\"pager\">";
  if (page > 1) {
    head->prev = base + url(page - 1);
    out += "<a rel=\"prev\" href=\"" + EscapeHtml(url(page - 1)) + "\">→ تازه‌تر</a>";
  } else {
    out += "<span></span>";
  }
  out += "<span>صفحهٔ " + Num(page) + " از " + Num(pages) + "</span>";
  if (page < pages) {
    head->next = base + url(page + 1);
    out += "<a rel=\"next\" href=\"" + EscapeHtml(url(page + 1)) + "\">قدیمی‌تر ←</a>";
  } else {
    out += "<span></span>";
  }
  return out + "</nav>\n";
}

std::string ShareLinks(const std::string& url, const std::string& title) {
  const std::string u = UrlEncode(url), t = UrlEncode(title);
  std::string out = "<p class=\"share\">هم‌رسانی: ";
  out += "<a href=\"" + EscapeHtml("https://t.me/share/url?url=" + u + "&text=" + t) +
         "\" rel=\"noopener\">تلگرام</a>";
  out += "<a href=\"" + EscapeHtml("https://ble.ir/share/url?url=" + u + "&text=" + t) +
         "\" rel=\"noopener\">بله</a>";
  out += "<a href=\"" + EscapeHtml("https://eitaa.com/share/url?url=" + u + "&text=" + t) +
         "\" rel=\"noopener\">ایتا</a>";
  out += "<a href=\"" + EscapeHtml("https://wa.me/?text=" + t + "%20" + u) +
         "\" rel=\"noopener\">واتس‌اپ</a>";
  return out + "</p>\n";
}

std::string TagLinks(const std::vector<std::string>& tags) {
  if (tags.empty()) return "";
  std::string out = "<p class=\"tags\">";
  for (const auto& t : tags)
    out += "<a href=\"/tags/" + EscapeHtml(UrlEncode(t)) + "\">" + EscapeHtml(t) + "</a>";
  return out + "</p>\n";
}

Page Finish(Page p) {
  p.etag = EtagOf(p.body);
  return p;
}

Page Plain(int status, std::string body) {
  Page p;
  p.status = status;
  p.content_type = "text/plain; charset=utf-8";
  p.body = std::move(body);
  p.cache_control = "no-store";
  return p;
}

}  // namespace pol::site::internal
