#include "site/site.h"

// The site's HTML pages: portal, agency, tag, search, article, and the error pages.
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "base/strings.h"
#include "media/images.h"
#include "site/dates.h"
#include "site/html.h"
#include "site/layout.h"
#include "store/council_repo.h"
#include "store/site_repo.h"
#include "text/html_escape.h"
#include "text/search_terms.h"

namespace pol::site {

using internal::Cards;
using internal::Finish;
using internal::Head;
using internal::Layout;
using internal::NewsPath;
using internal::Num;
using internal::Pager;
using internal::ShareLinks;
using internal::TagLinks;
using internal::TimeTag;
using text::EscapeHtml;

namespace {

// An article photo for every screen: the 800 px variant for phones and the 1280 px one for wider
// screens (only the first when the photo is no wider than 800 px), each as WebP and as JPEG for browsers
// without WebP, width and height for the layout before it loads, and `fetchpriority="high"` on the lead
// photo (the page's largest paint); the others load when scrolled to. `main` is at most 60rem wide with
// 1rem padding.
std::string PhotoFigure(const store::SitePhoto& ph, bool lead) {
  const std::string url = "/media/" + std::to_string(ph.media_id) + "/";
  // Photos stored without their size count as wide: the srcset descriptors are then the variants' caps.
  const int64_t large_w = ph.width > 0 ? std::min<int64_t>(ph.width, media::kLargeWidth) : media::kLargeWidth;
  const int64_t medium_w = std::min<int64_t>(large_w, media::kMediumWidth);
  auto srcset = [&](const std::string& ext) {
    std::string out = url + "medium" + ext;
    if (large_w > medium_w) {
      out +=
          " " + std::to_string(medium_w) + "w, " + url + "large" + ext + " " + std::to_string(large_w) + "w";
    }
    return out;
  };
  const std::string sizes =
      large_w > medium_w ? " sizes=\"(min-width: 60rem) 58rem, calc(100vw - 2rem)\"" : "";
  std::string out = "<figure><picture><source type=\"image/webp\" srcset=\"" + srcset(".webp") + "\"" +
                    sizes + "><img src=\"" + url + (large_w > medium_w ? "large" : "medium") + "\"";
  if (large_w > medium_w) out += " srcset=\"" + srcset("") + "\"" + sizes;
  out += " alt=\"" + EscapeHtml(ph.caption) + "\"";
  if (ph.width > 0 && ph.height > 0) {
    out += " width=\"" + std::to_string(large_w) + "\" height=\"" +
           std::to_string(ph.height * large_w / ph.width) + "\"";
  }
  out += lead ? " fetchpriority=\"high\">" : " loading=\"lazy\">";
  out += "</picture>";
  if (!ph.caption.empty()) out += "<figcaption>" + EscapeHtml(ph.caption) + "</figcaption>";
  return out + "</figure>\n";
}

// A JSON string literal, safe inside <script>: quotes, backslashes and control characters escaped,
// and "<", ">" and "&" as \u escapes so "</script>" or "<!--" can never appear.
std::string JsonString(std::string_view in) {
  std::string out = "\"";
  for (char ch : in) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      static const char* kHex = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

// schema.org NewsArticle for an article page (search engines' news cards).
std::string NewsArticleJsonLd(const store::SiteRelease& r, const std::string& canonical,
                              const std::string& base, const std::string& council_name) {
  std::string j = "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\"";
  j += ",\"headline\":" + JsonString(r.title);
  if (!r.lead.empty()) j += ",\"description\":" + JsonString(Excerpt(r.lead, 300));
  j += ",\"mainEntityOfPage\":" + JsonString(canonical) + ",\"url\":" + JsonString(canonical);
  j += ",\"inLanguage\":\"fa\"";
  j += ",\"datePublished\":" + JsonString(Rfc3339(r.published_at));
  j += ",\"dateModified\":" +
       JsonString(Rfc3339(std::max({r.updated_at, r.published_at, r.corrected_at.value_or(0)})));
  if (!r.photos.empty()) {
    j += ",\"image\":[" +
         JsonString(base + "/media/" + std::to_string(r.photos.front().media_id) + "/large") + "]";
  }
  j += ",\"author\":{\"@type\":\"Organization\",\"name\":" + JsonString(r.agency_name) +
       ",\"url\":" + JsonString(base + "/agencies/" + UrlEncode(r.agency_slug)) + "}";
  j += ",\"publisher\":{\"@type\":\"Organization\",\"name\":" + JsonString(council_name) +
       ",\"url\":" + JsonString(base + "/") + "}";
  if (!r.tags.empty()) {
    std::string kw;
    for (const auto& t : r.tags) kw += (kw.empty() ? "" : "، ") + t;
    j += ",\"keywords\":" + JsonString(kw);
  }
  return j + "}";
}

}  // namespace

Page Site::ErrorPage(const std::string& base, const Status& s) {
  if (s.code() == StatusCode::kNotFound) return NotFoundPage(base);
  spdlog::error("site: {}", s.ToString());
  Page p;
  p.status = s.code() == StatusCode::kUnavailable ? 503 : 500;
  p.cache_control = "no-store";
  p.body = Layout("", font_path_, Head{.title = "خطا"},
                  "<h1>خطا</h1><p>" +
                      EscapeHtml(s.code() == StatusCode::kInternal ? "خطای داخلی رخ داد؛ دوباره تلاش کنید."
                                                                   : s.message()) +
                      "</p>\n");
  return p;
}

Page Site::NotFoundPage(const std::string& base) {
  auto council = LoadCouncil();
  Page p;
  p.status = 404;
  p.cache_control = "public, max-age=60";
  Head h{.title = "پیدا نشد", .noindex = true};
  (void)base;
  p.body = Layout(
      council.ok() ? council->name : "", font_path_, h,
      "<h1>پیدا نشد</h1><p>صفحه‌ای که خواستید پیدا نشد. <a href=\"/\">صفحهٔ "
      "نخست</a></p>\n");
  return p;
}

Page Site::Home(const std::string& base, int64_t page) {
  auto council = LoadCouncil();
  if (!council.ok()) return ErrorPage(base, council.status());
  const int64_t now = env_->NowMillis();
  std::pair<std::vector<store::SiteRelease>, int64_t> list;
  std::vector<store::Agency> agencies;
  std::vector<store::SiteTag> tags;
  int64_t changed = 0;
  Status st = db_->Read([&](store::Conn& c) -> Status {
    store::SiteQuery q{.council_id = council->id,
                       .now = now,
                       .limit = options_.page_size,
                       .offset = (page - 1) * options_.page_size};
    POL_ASSIGN_OR_RETURN(list, store::ListPublicReleases(c, q));
    POL_ASSIGN_OR_RETURN(changed, store::LastPublicChange(c, q));
    POL_ASSIGN_OR_RETURN(
        auto ag, store::ListAgencies(c, store::AgencyFilter{.council_id = council->id, .limit = 500}));
    for (auto& a : ag.first) {
      if (!a.disabled) agencies.push_back(std::move(a));
    }
    POL_ASSIGN_OR_RETURN(tags, store::PopularTags(c, council->id, now, 20));
    return Status::Ok();
  });
  if (!st.ok()) return ErrorPage(base, st);
  if (page > 1 && list.first.empty()) return NotFoundPage(base);
  Head h{.title = council->name,
         .description = council->description.empty()
                            ? "تازه‌ترین خبرهای دستگاه‌های عضو " + council->name
                            : council->description,
         .canonical = base + "/" + (page > 1 ? "?page=" + std::to_string(page) : ""),
         .rss = base + "/feed.rss",
         .atom = base + "/feed.atom"};
  std::string main = "<h1>تازه‌ترین خبرها</h1>\n" + Cards(list.first) +
                     Pager("/", "", page, list.second, options_.page_size, &h, base);
  if (!tags.empty()) {
    main += "<h2>برچسب‌ها</h2>\n<p class=\"tags\">";
    for (const auto& t : tags)
      main += "<a href=\"/tags/" + EscapeHtml(UrlEncode(t.tag)) + "\">" + EscapeHtml(t.tag) + "</a>";
    main += "</p>\n";
  }
  if (!agencies.empty()) {
    main += "<h2>دستگاه‌های عضو</h2>\n<ul class=\"agencies\">";
    for (const auto& a : agencies) {
      main += "<li><a href=\"/agencies/" + EscapeHtml(UrlEncode(a.slug)) + "\">" + EscapeHtml(a.name) +
              "</a></li>";
    }
    main += "</ul>\n";
  }
  Page p;
  h.decisions_link = internal::DecisionsPageOn(db_, council->id);
  p.body = Layout(council->name, font_path_, h, main);
  p.last_modified = changed;
  return Finish(std::move(p));
}

Page Site::Agency(const std::string& base, const std::string& slug, int64_t page) {
  auto council = LoadCouncil();
  if (!council.ok()) return ErrorPage(base, council.status());
  const int64_t now = env_->NowMillis();
  std::optional<store::Agency> agency;
  std::pair<std::vector<store::SiteRelease>, int64_t> list;
  int64_t changed = 0;
  Status st = db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(agency, store::FindAgencyBySlug(c, council->id, slug));
    if (!agency || agency->disabled) return NotFound();
    store::SiteQuery q{.council_id = council->id,
                       .agency_id = agency->id,
                       .now = now,
                       .limit = options_.page_size,
                       .offset = (page - 1) * options_.page_size};
    POL_ASSIGN_OR_RETURN(list, store::ListPublicReleases(c, q));
    POL_ASSIGN_OR_RETURN(changed, store::LastPublicChange(c, q));
    return Status::Ok();
  });
  if (!st.ok()) return ErrorPage(base, st);
  if (page > 1 && list.first.empty()) return NotFoundPage(base);
  const std::string path = "/agencies/" + UrlEncode(agency->slug);
  Head h{.title = agency->name + " — " + council->name,
         .description = "خبرهای " + agency->name,
         .canonical = base + path + (page > 1 ? "?page=" + std::to_string(page) : ""),
         .rss = base + path + "/feed.rss",
         .atom = base + path + "/feed.atom"};
  std::string main = "<h1>" + EscapeHtml(agency->name) + "</h1>\n";
  if (!agency->website.empty() &&
      (agency->website.starts_with("https://") || agency->website.starts_with("http://"))) {
    main += "<p class=\"meta\">وب‌گاه: <a href=\"" + EscapeHtml(agency->website) +
            "\" rel=\"noopener nofollow\">" + EscapeHtml(agency->website) + "</a></p>\n";
  }
  main += "<p class=\"meta\">خوراک: <a href=\"" + EscapeHtml(path) + "/feed.rss\">RSS</a> · <a href=\"" +
          EscapeHtml(path) + "/feed.atom\">Atom</a></p>\n";
  main += Cards(list.first) + Pager(path, "", page, list.second, options_.page_size, &h, base);
  Page p;
  h.decisions_link = internal::DecisionsPageOn(db_, council->id);
  p.body = Layout(council->name, font_path_, h, main);
  p.last_modified = changed;
  return Finish(std::move(p));
}

Page Site::Tag(const std::string& base, const std::string& tag, int64_t page) {
  auto council = LoadCouncil();
  if (!council.ok()) return ErrorPage(base, council.status());
  if (tag.empty() || tag.size() > 200) return NotFoundPage(base);
  const int64_t now = env_->NowMillis();
  std::pair<std::vector<store::SiteRelease>, int64_t> list;
  int64_t changed = 0;
  Status st = db_->Read([&](store::Conn& c) -> Status {
    store::SiteQuery q{.council_id = council->id,
                       .tag = tag,
                       .now = now,
                       .limit = options_.page_size,
                       .offset = (page - 1) * options_.page_size};
    POL_ASSIGN_OR_RETURN(list, store::ListPublicReleases(c, q));
    POL_ASSIGN_OR_RETURN(changed, store::LastPublicChange(c, q));
    return Status::Ok();
  });
  if (!st.ok()) return ErrorPage(base, st);
  if (list.second == 0 || (page > 1 && list.first.empty())) return NotFoundPage(base);
  const std::string path = "/tags/" + UrlEncode(tag);
  Head h{.title = "برچسب «" + tag + "» — " + council->name,
         .description = "خبرهای برچسب‌خورده با «" + tag + "»",
         .canonical = base + path + (page > 1 ? "?page=" + std::to_string(page) : ""),
         .rss = base + path + "/feed.rss",
         .atom = base + path + "/feed.atom"};
  std::string main = "<h1>برچسب: " + EscapeHtml(tag) + "</h1>\n<p class=\"meta\">خوراک: <a href=\"" +
                     EscapeHtml(path) + "/feed.rss\">RSS</a> · <a href=\"" + EscapeHtml(path) +
                     "/feed.atom\">Atom</a></p>\n" + Cards(list.first) +
                     Pager(path, "", page, list.second, options_.page_size, &h, base);
  Page p;
  h.decisions_link = internal::DecisionsPageOn(db_, council->id);
  p.body = Layout(council->name, font_path_, h, main);
  p.last_modified = changed;
  return Finish(std::move(p));
}

Page Site::Search(const std::string& base, const std::string& q_in, int64_t page) {
  auto council = LoadCouncil();
  if (!council.ok()) return ErrorPage(base, council.status());
  std::string q = q_in.size() > 200 ? q_in.substr(0, 200) : q_in;
  // Every query word must occur in any spelling (the full-text index of the newsroom, through the text
  // core's tokenizer), best matches first.
  const std::vector<std::string> words = text::QueryWords(q, 8);
  std::pair<std::vector<store::SiteRelease>, int64_t> list;
  if (!words.empty()) {
    Status st = db_->Read([&](store::Conn& c) -> Status {
      store::SiteQuery sq{.council_id = council->id,
                          .words = words,
                          .now = env_->NowMillis(),
                          .limit = options_.page_size,
                          .offset = (page - 1) * options_.page_size};
      POL_ASSIGN_OR_RETURN(list, store::ListPublicReleases(c, sq));
      return Status::Ok();
    });
    if (!st.ok()) return ErrorPage(base, st);
  }
  Head h{.title = q.empty() ? "جستجو — " + council->name : "جستجوی «" + q + "» — " + council->name,
         .canonical = base + "/search",
         .noindex = true};
  std::string main =
      "<h1>جستجو در خبرها</h1>\n<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"
      "<input type=\"search\" name=\"q\" value=\"" +
      EscapeHtml(q) +
      "\" placeholder=\"واژه‌های جستجو\" aria-label=\"واژه‌های "
      "جستجو\"><button>جستجو</button></form>\n";
  if (!q.empty()) {
    if (list.second == 0) {
      main += "<p>خبری با «" + EscapeHtml(q) + "» پیدا نشد.</p>\n";
    } else {
      main += "<p class=\"meta\">" + Num(list.second) + " خبر</p>\n" + Cards(list.first) +
              Pager("/search", "&q=" + UrlEncode(q), page, list.second, options_.page_size, &h, base);
    }
  }
  Page p;
  h.decisions_link = internal::DecisionsPageOn(db_, council->id);
  p.body = Layout(council->name, font_path_, h, main);
  return Finish(std::move(p));
}

Page Site::Article(const std::string& base, int64_t id) {
  auto council = LoadCouncil();
  if (!council.ok()) return ErrorPage(base, council.status());
  std::optional<store::SiteRelease> found;
  Status st = db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(found, store::GetSiteRelease(c, id, env_->NowMillis()));
    return Status::Ok();
  });
  if (!st.ok()) return ErrorPage(base, st);
  if (!found || found->council_id != council->id) return NotFoundPage(base);
  const store::SiteRelease& r = *found;
  const std::string canonical = base + NewsPath(r.id, r.slug);
  const std::string agency_href = "/agencies/" + UrlEncode(r.agency_slug);
  Head h{.title = r.title + " — " + council->name,
         .description = Excerpt(r.lead, 300),
         .canonical = canonical,
         .og_type = "article"};
  std::string main = "<article>\n<p class=\"meta\"><a href=\"" + EscapeHtml(agency_href) + "\"><bdi>" +
                     EscapeHtml(r.agency_name) + "</bdi></a> · " + TimeTag(r.published_at, true) + "</p>\n";
  Page p;
  p.last_modified =
      std::max({r.updated_at, r.published_at, r.withdrawn_at.value_or(0), r.corrected_at.value_or(0)});
  if (r.status == "withdrawn") {
    p.status = 410;
    h.noindex = true;
    h.description = "این خبر پس گرفته شده است.";
    main += "<h1>" + EscapeHtml(r.title) + "</h1>\n<div class=\"notice\" role=\"alert\"><p>این خبر";
    if (r.withdrawn_at) main += " در " + EscapeHtml(PersianDate(*r.withdrawn_at));
    main += " از سوی منتشرکننده پس گرفته شده است.</p>";
    if (!r.withdrawn_reason.empty()) main += "<p>دلیل: " + EscapeHtml(r.withdrawn_reason) + "</p>";
    main += "</div>\n</article>\n";
  } else {
    if (!r.photos.empty())
      h.og_image = base + "/media/" + std::to_string(r.photos.front().media_id) + "/large";
    h.json_ld = NewsArticleJsonLd(r, canonical, base, council->name);
    h.rss = base + agency_href + "/feed.rss";
    h.atom = base + agency_href + "/feed.atom";
    if (!r.over_title.empty()) main += "<p class=\"over\">" + EscapeHtml(r.over_title) + "</p>\n";
    main += "<h1>" + EscapeHtml(r.title) + "</h1>\n";
    if (r.corrected_at || !r.correction_note.empty()) {
      main += "<div class=\"notice\"><p>اصلاحیه";
      if (r.corrected_at) main += " (" + EscapeHtml(PersianDate(*r.corrected_at)) + ")";
      main +=
          ": " +
          EscapeHtml(r.correction_note.empty() ? "این خبر پس از انتشار اصلاح شده است." : r.correction_note) +
          "</p></div>\n";
    }
    if (!r.lead.empty()) main += "<p class=\"lead\">" + EscapeHtml(r.lead) + "</p>\n";
    for (size_t i = 0; i < r.photos.size(); ++i) main += PhotoFigure(r.photos[i], i == 0);
    // The newsroom stores sanitized HTML (an allowlist); it is the only markup passed through.
    main += "<div class=\"body\">" + r.body_html + "</div>\n";
    if (!r.source_line.empty()) main += "<p class=\"meta\">منبع: " + EscapeHtml(r.source_line) + "</p>\n";
    main += TagLinks(r.tags) + ShareLinks(canonical, r.title) + "</article>\n";
  }
  h.decisions_link = internal::DecisionsPageOn(db_, council->id);
  p.body = Layout(council->name, font_path_, h, main);
  return Finish(std::move(p));
}

}  // namespace pol::site
