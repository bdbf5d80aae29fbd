#include "site/site.h"

#include "base/hex.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "site/dates.h"
#include "site/feeds.h"
#include "site/layout.h"
#include "store/council_repo.h"
#include "store/site_repo.h"

namespace pol::site {

using internal::Finish;
using internal::NewsPath;
using internal::Plain;

std::string EtagOf(std::string_view body) { return StrongEtag(body); }

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
      // The console build's own Vazirmatn (web/dist/assets/, what the site module picks by default) is
      // linked at its console URL, so site and console share one download and one cache entry.
      namespace fs = std::filesystem;
      const fs::path file(options_.font_file);
      if (file.parent_path().filename() == "assets" && file.filename().string().starts_with("Vazirmatn")) {
        font_path_ = "/console/assets/" + file.filename().string();
      }
    }
  }
}

std::string Site::BaseUrl() const {
  // Never the request's Host header: a page, feed or sitemap cached by a proxy would carry whatever
  // host a client claimed.
  std::string u = options_.public_url.empty() ? "http://localhost" : options_.public_url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u;
}

StatusOr<Site::Council> Site::LoadCouncil() {
  Council out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Council found, internal::SiteCouncil(c, options_.council_slug));
    out = Council{found.id, found.slug, found.name, found.description};
    return Status::Ok();
  }));
  return out;
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
  // An empty feed is as new as now (Atom requires a date; 0 would read as 1970).
  info.updated = changed > 0 ? changed : now;
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
    if (!r.photos.empty()) {
      const store::SitePhoto& ph = r.photos.front();
      const std::string media = base + "/media/" + std::to_string(ph.media_id);
      it.image_url = media + "/large";
      it.thumb_url = media + "/thumb";
      it.image_caption = ph.caption;
      if (ph.width > 0 && ph.height > 0) {
        // The large variant is at most 1280 px wide.
        it.image_width = std::min<int64_t>(ph.width, 1280);
        it.image_height = ph.height * it.image_width / ph.width;
      }
    }
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
