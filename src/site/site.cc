#include "site/site.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "site/dates.h"
#include "site/feeds.h"
#include "site/html.h"
#include "store/council_repo.h"
#include "store/site_repo.h"
#include "text/search_terms.h"

namespace pol::site {
namespace {

// Mobile first, a few hundred bytes; the font comes from /static with a year-long cache.
constexpr const char* kCss =
    "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.9 Vazirmatn,Tahoma,sans-serif;color:#1d2430;background:#f5f6f8}"
    "a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}"
    "header.site,footer.site{background:#123a63;color:#fff;padding:.6rem 1rem}"
    "header.site a,footer.site a{color:#fff}"
    "header.site{display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:center;justify-content:space-between}"
    ".brand{font-weight:700;font-size:1.1rem}nav a{margin-inline-start:.9rem}"
    "main{max-width:60rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.35rem;line-height:1.7;margin:.2rem 0 .8rem}"
    ".cards{list-style:none;margin:0;padding:0}"
    ".card{background:#fff;border-radius:.5rem;padding:.8rem;margin:0 0 .8rem;display:flex;gap:.8rem}"
    ".card img{width:6.5rem;height:4.5rem;object-fit:cover;border-radius:.3rem;flex:none}"
    ".card h2{font-size:1.05rem;line-height:1.7;margin:0 0 .2rem}.card p{margin:0}"
    ".over,.meta,figcaption{color:#5f6875;font-size:.85rem}.over{margin:0}"
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
    ".agencies{padding:0 1rem;columns:2}"
    "@media(min-width:48rem){h1{font-size:1.75rem}.card img{width:10rem;height:7rem}}";

struct Head {
  std::string title, description, canonical;
  std::string og_type = "website", og_image;
  std::string rss, atom;  // absolute feed URLs for <link rel=alternate>
  std::string prev, next;
  bool noindex = false;
};

std::string NewsPath(int64_t id, const std::string& slug) {
  std::string p = "/news/" + std::to_string(id);
  if (!slug.empty()) p += "/" + UrlEncode(slug);
  return p;
}

std::string Num(int64_t n) { return PersianDigits(std::to_string(n)); }

std::string Meta(const char* attr, const char* key, const std::string& value) {
  return std::string("<meta ") + attr + "=\"" + key + "\" content=\"" + Escape(value) + "\">\n";
}

std::string Layout(const std::string& council_name, const std::string& font_path, const Head& h,
                   const std::string& main) {
  std::string out;
  out.reserve(main.size() + 4096);
  out +=
      "<!doctype html>\n<html lang=\"fa\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  AppendEscaped(&out, h.title);
  out += "</title>\n";
  if (!h.description.empty()) out += Meta("name", "description", h.description);
  if (h.noindex) out += "<meta name=\"robots\" content=\"noindex\">\n";
  if (!h.canonical.empty()) out += "<link rel=\"canonical\" href=\"" + Escape(h.canonical) + "\">\n";
  if (!h.prev.empty()) out += "<link rel=\"prev\" href=\"" + Escape(h.prev) + "\">\n";
  if (!h.next.empty()) out += "<link rel=\"next\" href=\"" + Escape(h.next) + "\">\n";
  out += Meta("property", "og:site_name", council_name);
  out += Meta("property", "og:locale", "fa_IR");
  out += Meta("property", "og:type", h.og_type);
  out += Meta("property", "og:title", h.title);
  if (!h.description.empty()) out += Meta("property", "og:description", h.description);
  if (!h.canonical.empty()) out += Meta("property", "og:url", h.canonical);
  if (!h.og_image.empty()) out += Meta("property", "og:image", h.og_image);
  if (!h.rss.empty()) {
    out += "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"" + Escape(h.rss) +
           "\">\n";
  }
  if (!h.atom.empty()) {
    out += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"" + Escape(h.atom) +
           "\">\n";
  }
  out += "<style>";
  if (!font_path.empty()) {
    out += "@font-face{font-family:Vazirmatn;src:url(" + font_path +
           ") format(\"woff2\");font-weight:100 900;font-display:swap}";
  }
  out += kCss;
  out += "</style>\n</head>\n<body>\n<header class=\"site\"><a class=\"brand\" href=\"/\">";
  AppendEscaped(&out, council_name);
  out +=
      "</a><nav><a href=\"/search\">جستجو</a><a href=\"/feed.rss\">خوراک</a>"
      "<a href=\"/console/\" rel=\"nofollow\">ورود کارکنان</a></nav></header>\n<main>\n";
  out += main;
  out += "</main>\n<footer class=\"site\"><a href=\"/feed.rss\">RSS</a> · <a href=\"/feed.atom\">Atom</a> · ";
  AppendEscaped(&out, council_name);
  out += "</footer>\n</body>\n</html>\n";
  return out;
}

std::string TimeTag(int64_t ms, bool with_time) {
  return "<time datetime=\"" + Rfc3339(ms) + "\">" +
         Escape(with_time ? PersianDateTime(ms) : PersianDate(ms)) + "</time>";
}

// A search snippet, escaped, with the index's \x01…\x02 markers as <mark>…</mark>.
std::string Highlight(std::string_view snippet) {
  std::string out;
  while (!snippet.empty()) {
    const size_t at = snippet.find_first_of("\x01\x02");
    out += Escape(std::string(snippet.substr(0, at)));
    if (at == std::string_view::npos) break;
    out += snippet[at] == '\x01' ? "<mark>" : "</mark>";
    snippet.remove_prefix(at + 1);
  }
  return out;
}

std::string Cards(const std::vector<store::SiteRelease>& releases) {
  if (releases.empty()) return "<p>هنوز خبری منتشر نشده است.</p>\n";
  std::string out = "<ul class=\"cards\">\n";
  for (const auto& r : releases) {
    const std::string href = NewsPath(r.id, r.slug);
    out += "<li class=\"card\">";
    if (!r.photos.empty()) {
      out += "<a href=\"" + Escape(href) + "\" tabindex=\"-1\"><img src=\"/media/" +
             std::to_string(r.photos.front().media_id) + "/thumb\" alt=\"\" loading=\"lazy\"></a>";
    }
    out += "<div>";
    if (!r.over_title.empty()) out += "<p class=\"over\">" + Escape(r.over_title) + "</p>";
    out += "<h2><a href=\"" + Escape(href) + "\">" + Escape(r.title) + "</a></h2>";
    out += "<p class=\"meta\"><a href=\"/agencies/" + Escape(UrlEncode(r.agency_slug)) + "\">" +
           Escape(r.agency_name) + "</a> · " + TimeTag(r.published_at, false) + "</p>";
    if (!r.snippet.empty()) {
      out += "<p class=\"snippet\">" + Highlight(r.snippet) + "</p>";
    } else if (!r.lead.empty()) {
      out += "<p>" + Escape(Excerpt(r.lead, 220)) + "</p>";
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
    out += "<a rel=\"prev\" href=\"" + Escape(url(page - 1)) + "\">→ تازه‌تر</a>";
  } else {
    out += "<span></span>";
  }
  out += "<span>صفحهٔ " + Num(page) + " از " + Num(pages) + "</span>";
  if (page < pages) {
    head->next = base + url(page + 1);
    out += "<a rel=\"next\" href=\"" + Escape(url(page + 1)) + "\">قدیمی‌تر ←</a>";
  } else {
    out += "<span></span>";
  }
  return out + "</nav>\n";
}

std::string ShareLinks(const std::string& url, const std::string& title) {
  const std::string u = UrlEncode(url), t = UrlEncode(title);
  std::string out = "<p class=\"share\">هم‌رسانی: ";
  out += "<a href=\"" + Escape("https://t.me/share/url?url=" + u + "&text=" + t) +
         "\" rel=\"noopener\">تلگرام</a>";
  out += "<a href=\"" + Escape("https://ble.ir/share/url?url=" + u + "&text=" + t) +
         "\" rel=\"noopener\">بله</a>";
  out += "<a href=\"" + Escape("https://eitaa.com/share/url?url=" + u + "&text=" + t) +
         "\" rel=\"noopener\">ایتا</a>";
  out += "<a href=\"" + Escape("https://wa.me/?text=" + t + "%20" + u) +
         "\" rel=\"noopener\">واتس‌اپ</a>";
  return out + "</p>\n";
}

std::string TagLinks(const std::vector<std::string>& tags) {
  if (tags.empty()) return "";
  std::string out = "<p class=\"tags\">";
  for (const auto& t : tags) out += "<a href=\"/tags/" + Escape(UrlEncode(t)) + "\">" + Escape(t) + "</a>";
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

}  // namespace

std::string EtagOf(std::string_view body) {
  unsigned char h[16];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr,
                     0);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return std::string("\"") + hex + "\"";
}

bool NotModified(const Page& page, std::string_view if_none_match, std::string_view if_modified_since) {
  if (page.status != 200) return false;
  if (!if_none_match.empty()) {
    if (page.etag.empty()) return false;
    // A list of (possibly weak) tags, or "*"; compared weakly, as GET allows.
    size_t i = 0;
    while (i < if_none_match.size()) {
      while (i < if_none_match.size() && (if_none_match[i] == ' ' || if_none_match[i] == ',')) ++i;
      size_t j = if_none_match.find(',', i);
      if (j == std::string_view::npos) j = if_none_match.size();
      std::string_view tag = if_none_match.substr(i, j - i);
      while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
      if (tag.starts_with("W/")) tag.remove_prefix(2);
      if (tag == "*" || tag == page.etag) return true;
      i = j;
    }
    return false;
  }
  if (!if_modified_since.empty() && page.last_modified > 0) {
    std::optional<int64_t> since = ParseHttpDate(if_modified_since);
    return since && page.last_modified / 1000 <= *since;
  }
  return false;
}

Site::Site(store::Database* db, Env* env, SiteOptions options)
    : db_(db), env_(env), options_(std::move(options)) {
  if (!options_.font_file.empty()) {
    std::ifstream in(options_.font_file, std::ios::binary);
    if (in) {
      font_body_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (!font_body_.empty()) {
      font_etag_ = EtagOf(font_body_);
      font_name_ = "vazirmatn-" + font_etag_.substr(1, 12) + ".woff2";
      font_path_ = "/static/" + font_name_;
    }
  }
}

std::string Site::BaseUrl(std::string_view host_header) const {
  if (!options_.public_url.empty()) {
    std::string u = options_.public_url;
    while (!u.empty() && u.back() == '/') u.pop_back();
    return u;
  }
  // Only host[:port] characters; anything else falls back to a neutral name.
  bool ok = !host_header.empty() && host_header.size() <= 255 &&
            std::all_of(host_header.begin(), host_header.end(), [](char c) {
              return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
                     c == '[' || c == ']';
            });
  return "http://" + std::string(ok ? host_header : "localhost");
}

StatusOr<Site::Council> Site::LoadCouncil() {
  Council out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    if (!options_.council_slug.empty()) {
      POL_ASSIGN_OR_RETURN(auto found, store::FindCouncilBySlug(c, options_.council_slug));
      if (!found) return NotFound("شورا پیدا نشد.");
      out = Council{found->id, found->slug, found->name, found->description};
      return Status::Ok();
    }
    POL_ASSIGN_OR_RETURN(auto all, store::ListCouncils(c));
    if (all.empty()) return NotFound("هنوز شورایی ثبت نشده است.");
    out = Council{all.front().id, all.front().slug, all.front().name, all.front().description};
    return Status::Ok();
  }));
  return out;
}

Page Site::ErrorPage(const std::string& base, const Status& s) {
  if (s.code() == StatusCode::kNotFound) return NotFoundPage(base);
  spdlog::error("site: {}", s.ToString());
  Page p;
  p.status = s.code() == StatusCode::kUnavailable ? 503 : 500;
  p.cache_control = "no-store";
  p.body = Layout(
      "", font_path_, Head{.title = "خطا"},
      "<h1>خطا</h1><p>" +
          Escape(s.code() == StatusCode::kInternal ? "خطای داخلی رخ داد؛ دوباره تلاش کنید." : s.message()) +
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
      main += "<a href=\"/tags/" + Escape(UrlEncode(t.tag)) + "\">" + Escape(t.tag) + "</a>";
    main += "</p>\n";
  }
  if (!agencies.empty()) {
    main += "<h2>دستگاه‌های عضو</h2>\n<ul class=\"agencies\">";
    for (const auto& a : agencies) {
      main += "<li><a href=\"/agencies/" + Escape(UrlEncode(a.slug)) + "\">" + Escape(a.name) + "</a></li>";
    }
    main += "</ul>\n";
  }
  Page p;
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
  std::string main = "<h1>" + Escape(agency->name) + "</h1>\n";
  if (!agency->website.empty() &&
      (agency->website.starts_with("https://") || agency->website.starts_with("http://"))) {
    main += "<p class=\"meta\">وب‌گاه: <a href=\"" + Escape(agency->website) +
            "\" rel=\"noopener nofollow\">" + Escape(agency->website) + "</a></p>\n";
  }
  main += "<p class=\"meta\">خوراک: <a href=\"" + Escape(path) + "/feed.rss\">RSS</a> · <a href=\"" +
          Escape(path) + "/feed.atom\">Atom</a></p>\n";
  main += Cards(list.first) + Pager(path, "", page, list.second, options_.page_size, &h, base);
  Page p;
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
  std::string main = "<h1>برچسب: " + Escape(tag) + "</h1>\n<p class=\"meta\">خوراک: <a href=\"" +
                     Escape(path) + "/feed.rss\">RSS</a> · <a href=\"" + Escape(path) +
                     "/feed.atom\">Atom</a></p>\n" + Cards(list.first) +
                     Pager(path, "", page, list.second, options_.page_size, &h, base);
  Page p;
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
      Escape(q) +
      "\" placeholder=\"واژه‌های جستجو\" aria-label=\"واژه‌های "
      "جستجو\"><button>جستجو</button></form>\n";
  if (!q.empty()) {
    if (list.second == 0) {
      main += "<p>خبری با «" + Escape(q) + "» پیدا نشد.</p>\n";
    } else {
      main += "<p class=\"meta\">" + Num(list.second) + " خبر</p>\n" + Cards(list.first) +
              Pager("/search", "&q=" + UrlEncode(q), page, list.second, options_.page_size, &h, base);
    }
  }
  Page p;
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
  std::string main = "<article>\n<p class=\"meta\"><a href=\"" + Escape(agency_href) + "\">" +
                     Escape(r.agency_name) + "</a> · " + TimeTag(r.published_at, true) + "</p>\n";
  Page p;
  p.last_modified =
      std::max({r.updated_at, r.published_at, r.withdrawn_at.value_or(0), r.corrected_at.value_or(0)});
  if (r.status == "withdrawn") {
    p.status = 410;
    h.noindex = true;
    h.description = "این خبر پس گرفته شده است.";
    main += "<h1>" + Escape(r.title) + "</h1>\n<div class=\"notice\" role=\"alert\"><p>این خبر";
    if (r.withdrawn_at) main += " در " + Escape(PersianDate(*r.withdrawn_at));
    main += " از سوی منتشرکننده پس گرفته شده است.</p>";
    if (!r.withdrawn_reason.empty()) main += "<p>دلیل: " + Escape(r.withdrawn_reason) + "</p>";
    main += "</div>\n</article>\n";
  } else {
    if (!r.photos.empty())
      h.og_image = base + "/media/" + std::to_string(r.photos.front().media_id) + "/large";
    h.rss = base + agency_href + "/feed.rss";
    h.atom = base + agency_href + "/feed.atom";
    if (!r.over_title.empty()) main += "<p class=\"over\">" + Escape(r.over_title) + "</p>\n";
    main += "<h1>" + Escape(r.title) + "</h1>\n";
    if (r.corrected_at || !r.correction_note.empty()) {
      main += "<div class=\"notice\"><p>اصلاحیه";
      if (r.corrected_at) main += " (" + Escape(PersianDate(*r.corrected_at)) + ")";
      main += ": " +
              Escape(r.correction_note.empty() ? "این خبر پس از انتشار اصلاح شده است." : r.correction_note) +
              "</p></div>\n";
    }
    if (!r.lead.empty()) main += "<p class=\"lead\">" + Escape(r.lead) + "</p>\n";
    for (size_t i = 0; i < r.photos.size(); ++i) {
      const store::SitePhoto& ph = r.photos[i];
      main += "<figure><img src=\"/media/" + std::to_string(ph.media_id) + "/large\" alt=\"" +
              Escape(ph.caption) + "\"";
      if (ph.width > 0 && ph.height > 0) {
        // The large variant is at most 1280 px wide.
        int64_t w = std::min<int64_t>(ph.width, 1280), hgt = ph.height * w / ph.width;
        main += " width=\"" + std::to_string(w) + "\" height=\"" + std::to_string(hgt) + "\"";
      }
      main += i ? " loading=\"lazy\">" : ">";
      if (!ph.caption.empty()) main += "<figcaption>" + Escape(ph.caption) + "</figcaption>";
      main += "</figure>\n";
    }
    // The newsroom stores sanitized HTML (an allowlist); it is the only markup passed through.
    main += "<div class=\"body\">" + r.body_html + "</div>\n";
    if (!r.source_line.empty()) main += "<p class=\"meta\">منبع: " + Escape(r.source_line) + "</p>\n";
    main += TagLinks(r.tags) + ShareLinks(canonical, r.title) + "</article>\n";
  }
  p.body = Layout(council->name, font_path_, h, main);
  return Finish(std::move(p));
}

Page Site::Feed(const std::string& base, FeedScope scope, const std::string& key, FeedFormat format) {
  auto council = LoadCouncil();
  if (!council.ok())
    return Plain(council.status().code() == StatusCode::kNotFound ? 404 : 500, "پیدا نشد.\n");
  const int64_t now = env_->NowMillis();
  FeedInfo info{.author = council->name};
  std::string path;
  std::vector<store::SiteRelease> releases;
  int64_t changed = 0;
  Status st = db_->Read([&](store::Conn& c) -> Status {
    store::SiteQuery q{.council_id = council->id, .now = now, .limit = options_.feed_size, .with_body = true};
    if (scope == FeedScope::kAgency) {
      POL_ASSIGN_OR_RETURN(auto agency, store::FindAgencyBySlug(c, council->id, key));
      if (!agency || agency->disabled) return NotFound();
      q.agency_id = agency->id;
      info.title = agency->name + " — " + council->name;
      info.subtitle = "خبرهای " + agency->name;
      path = "/agencies/" + UrlEncode(agency->slug);
    } else if (scope == FeedScope::kTag) {
      if (key.empty() || key.size() > 200) return NotFound();
      q.tag = key;
      info.title = "برچسب «" + key + "» — " + council->name;
      info.subtitle = "خبرهای برچسب‌خورده با «" + key + "»";
      path = "/tags/" + UrlEncode(key);
    } else {
      info.title = council->name;
      info.subtitle = "تازه‌ترین خبرهای دستگاه‌های عضو " + council->name;
    }
    POL_ASSIGN_OR_RETURN(auto list, store::ListPublicReleases(c, q));
    releases = std::move(list.first);
    POL_ASSIGN_OR_RETURN(changed, store::LastPublicChange(c, q));
    return Status::Ok();
  });
  if (!st.ok()) return Plain(st.code() == StatusCode::kNotFound ? 404 : 500, "پیدا نشد.\n");
  const bool rss = format == FeedFormat::kRss;
  info.html_url = base + (path.empty() ? "/" : path);
  info.self_url = base + path + (rss ? "/feed.rss" : "/feed.atom");
  info.updated = changed;
  std::vector<FeedItem> items;
  items.reserve(releases.size());
  for (const auto& r : releases) {
    FeedItem it{.title = r.title,
                .url = base + NewsPath(r.id, r.slug),
                .id = base + "/news/" + std::to_string(r.id),
                .summary = r.lead,
                .content_html = r.body_html,
                .author = r.agency_name,
                .categories = r.tags,
                .published = r.published_at,
                .updated = r.updated_at};
    items.push_back(std::move(it));
  }
  Page p;
  p.content_type = rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8";
  p.body = rss ? RenderRss(info, items) : RenderAtom(info, items);
  p.last_modified = changed;
  p.cache_control = "public, max-age=300";
  return Finish(std::move(p));
}

Page Site::Sitemap(const std::string& base) {
  auto council = LoadCouncil();
  if (!council.ok()) return Plain(404, "پیدا نشد.\n");
  const int64_t now = env_->NowMillis();
  std::vector<SitemapUrl> urls;
  int64_t newest = 0;
  Status st = db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto entries, store::SitemapEntries(c, council->id, now, 45000));
    for (const auto& e : entries) newest = std::max(newest, e.updated_at);
    urls.push_back(SitemapUrl{base + "/", newest});
    POL_ASSIGN_OR_RETURN(
        auto ag, store::ListAgencies(c, store::AgencyFilter{.council_id = council->id, .limit = 500}));
    for (const auto& a : ag.first) {
      if (!a.disabled) urls.push_back(SitemapUrl{base + "/agencies/" + UrlEncode(a.slug), 0});
    }
    for (const auto& e : entries) urls.push_back(SitemapUrl{base + NewsPath(e.id, e.slug), e.updated_at});
    return Status::Ok();
  });
  if (!st.ok()) return Plain(500, "خطای داخلی رخ داد.\n");
  Page p;
  p.content_type = "application/xml; charset=utf-8";
  p.body = RenderSitemap(urls);
  p.last_modified = newest;
  p.cache_control = "public, max-age=300";
  return Finish(std::move(p));
}

Page Site::Robots(const std::string& base) {
  Page p;
  p.content_type = "text/plain; charset=utf-8";
  p.body =
      "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /console/\nDisallow: /search\n\nSitemap: " + base +
      "/sitemap.xml\n";
  p.cache_control = "public, max-age=3600";
  return Finish(std::move(p));
}

Page Site::Font(std::string_view name) const {
  if (font_body_.empty() || name != font_name_) return Plain(404, "پیدا نشد.\n");
  Page p;
  p.content_type = "font/woff2";
  p.body = font_body_;
  p.etag = font_etag_;
  p.cache_control = "public, max-age=31536000, immutable";
  return p;
}

StatusOr<bool> Site::MediaIsPublic(int64_t media_id) {
  bool out = false;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::MediaIsPublic(c, media_id, env_->NowMillis()));
    return Status::Ok();
  }));
  return out;
}

}  // namespace pol::site
