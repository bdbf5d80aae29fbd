// The public news site of one council: server-rendered Persian pages (no
// JavaScript), RSS 2.0 and Atom feeds, sitemap.xml and robots.txt.
//
// Pages: the council portal (/), an agency (/agencies/{slug}), an article
// (/news/{id}[/{slug}]), a tag (/tags/{tag}), search (/search?q=); feeds per
// council (/feed.rss, /feed.atom), agency and tag. Only public releases appear
// (store/site_repo.h has the contract); a withdrawn release's page answers 410
// and says it was withdrawn, and why.
//
// Each answer is a Page: the body with its content type, an ETag (a hash of
// the body), Last-Modified (the newest change it shows) and Cache-Control;
// NotModified() decides a conditional GET (304).
//
// Thread-safety: thread-safe; blocks on the database (worker threads only).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/env.h"
#include "base/status.h"
#include "store/db.h"

namespace pol::site {

struct SiteOptions {
  // The council the site shows (its slug); empty: the first council (lowest id).
  std::string council_slug;
  // Absolute base URL for canonical links and feeds, e.g. "https://news.example.ir" — their one
  // source (never the request's Host header). cli/settings fills it with the listen address when
  // public_url is not configured; empty: "http://localhost".
  std::string public_url;
  // A Vazirmatn woff2 served at FontPath() with a year-long cache; empty or
  // missing: the pages fall back to system fonts.
  std::string font_file;
  int64_t page_size = 20;
  int64_t feed_size = 30;
};

struct Page {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string etag;           // quoted
  int64_t last_modified = 0;  // unix ms; 0: none
  std::string cache_control = "public, max-age=60";
  std::string location;  // redirects
};

enum class FeedScope { kCouncil, kAgency, kTag };
enum class FeedFormat { kRss, kAtom };

class Site {
 public:
  Site(store::Database* db, Env* env, SiteOptions options);

  // The absolute base URL (no trailing slash): SiteOptions::public_url.
  std::string BaseUrl() const;

  Page Home(const std::string& base, int64_t page);
  Page Agency(const std::string& base, const std::string& slug, int64_t page);
  Page Article(const std::string& base, int64_t id);
  Page Tag(const std::string& base, const std::string& tag, int64_t page);
  Page Search(const std::string& base, const std::string& q, int64_t page);
  Page Feed(const std::string& base, FeedScope scope, const std::string& key, FeedFormat format);
  Page Sitemap(const std::string& base);
  Page Robots(const std::string& base);
  Page NotFoundPage(const std::string& base);
  // The font: "/static/<name>" with the content hash in the name.
  const std::string& FontPath() const { return font_path_; }
  Page Font(std::string_view name) const;

  // May anyone see this media item (a photo of a public release)?
  StatusOr<bool> MediaIsPublic(int64_t media_id);

 private:
  struct Council {
    int64_t id = 0;
    std::string slug, name, description;
  };
  StatusOr<Council> LoadCouncil();
  Page ErrorPage(const std::string& base, const Status& s);

  store::Database* const db_;
  Env* const env_;
  const SiteOptions options_;
  std::string font_body_, font_path_, font_name_, font_etag_;
};

// A conditional GET: If-None-Match (takes precedence) or If-Modified-Since.
bool NotModified(const Page& page, std::string_view if_none_match, std::string_view if_modified_since);

// Quoted strong ETag of a body.
std::string EtagOf(std::string_view body);

}  // namespace pol::site
