// The public news site: server-rendered pages, feeds, sitemap.xml, robots.txt
// and the site's font. Every route is public; the site shows only public
// releases (src/site/site.h). Conditional GETs (ETag / Last-Modified) get 304.
// Pages and feeds (not search) come from a cache of rendered pages that any
// audited write or an ending embargo invalidates (site/page_cache.h). Unknown
// public paths answer the site's Persian 404 page (http/not_found_page.h).
#include <charconv>
#include <memory>
#include <string_view>

#include "api/routes.h"
#include "http/not_found_page.h"
#include "site/dates.h"
#include "site/page_cache.h"
#include "site/site.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Response Render(const Request& req, site::Page p) {
  Response r;
  r.status = p.status;
  r.content_type = p.content_type;
  if (!p.etag.empty()) r.With("ETag", p.etag);
  if (p.last_modified > 0) r.With("Last-Modified", site::HttpDate(p.last_modified));
  if (!p.cache_control.empty()) r.With("Cache-Control", p.cache_control);
  if (site::NotModified(p, req.Header("If-None-Match"), req.Header("If-Modified-Since"))) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.body = std::move(p.body);
  return r;
}

// ?page=N; anything else is the first page. Past the last page the site answers 404.
int64_t PageParam(const Request& req) {
  auto v = req.Query("page");
  int64_t page = 1;
  if (v) {
    auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), page);
    if (ec != std::errc() || ptr != v->data() + v->size() || page < 1 || page > 100000) page = 1;
  }
  return page;
}

std::string Base(const Services& s, const Request&) { return s.site->BaseUrl(); }

// The cache key of a page: its path and the page number (other query parameters change nothing).
std::string Key(const Request& req) { return req.path + "?" + std::to_string(PageParam(req)); }

}  // namespace

void RegisterSiteRoutes(http::Router& r, const Services& s) {
  auto cache = std::make_shared<site::PageCache>(s.db, s.env);
  auto cached = [cache](const Request& req, const std::function<site::Page()>& render) {
    return Render(req, cache->GetCurrent(Key(req), render));
  };
  r.Add(V::get, "/", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] { return s.site->Home(Base(s, req), PageParam(req)); });
  });
  r.Add(V::get, "/agencies/{slug}", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] { return s.site->Agency(Base(s, req), req.params["slug"], PageParam(req)); });
  });
  auto article_cached = [s, cache](Request& req) {
    auto id = req.IdParam();
    if (!id.ok()) return Render(req, s.site->NotFoundPage(Base(s, req)));
    return Render(req, cache->GetCurrent("/news/" + std::to_string(*id),
                                         [&] { return s.site->Article(Base(s, req), *id); }));
  };
  r.Add(V::get, "/news/{id}", Access::kPublic, article_cached);
  // The slug is decoration: the id decides, and the page's canonical link names the current slug.
  r.Add(V::get, "/news/{id}/{slug}", Access::kPublic, article_cached);
  r.Add(V::get, "/tags/{tag}", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] { return s.site->Tag(Base(s, req), req.params["tag"], PageParam(req)); });
  });
  r.Add(V::get, "/search", Access::kPublic, [s](Request& req) {
    return Render(req, s.site->Search(Base(s, req), req.Query("q").value_or(""), PageParam(req)));
  });

  using site::FeedFormat;
  using site::FeedScope;
  r.Add(V::get, "/feed.rss", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] { return s.site->Feed(Base(s, req), FeedScope::kCouncil, "", FeedFormat::kRss); });
  });
  r.Add(V::get, "/feed.atom", Access::kPublic, [s, cached](Request& req) {
    return cached(req,
                  [&] { return s.site->Feed(Base(s, req), FeedScope::kCouncil, "", FeedFormat::kAtom); });
  });
  r.Add(V::get, "/agencies/{slug}/feed.rss", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] {
      return s.site->Feed(Base(s, req), FeedScope::kAgency, req.params["slug"], FeedFormat::kRss);
    });
  });
  r.Add(V::get, "/agencies/{slug}/feed.atom", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] {
      return s.site->Feed(Base(s, req), FeedScope::kAgency, req.params["slug"], FeedFormat::kAtom);
    });
  });
  r.Add(V::get, "/tags/{tag}/feed.rss", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] {
      return s.site->Feed(Base(s, req), FeedScope::kTag, req.params["tag"], FeedFormat::kRss);
    });
  });
  r.Add(V::get, "/tags/{tag}/feed.atom", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] {
      return s.site->Feed(Base(s, req), FeedScope::kTag, req.params["tag"], FeedFormat::kAtom);
    });
  });
  r.Add(V::get, "/sitemap.xml", Access::kPublic,
        [s, cached](Request& req) { return cached(req, [&] { return s.site->Sitemap(Base(s, req)); }); });
  r.Add(V::get, "/robots.txt", Access::kPublic,
        [s](Request& req) { return Render(req, s.site->Robots(Base(s, req))); });
  r.Add(V::get, "/static/{file}", Access::kPublic,
        [s](Request& req) { return Render(req, s.site->Font(req.params["file"])); });
  // The icon browsers ask for on their own: the console build's favicon.ico (web/public).
  r.Add(V::get, "/favicon.ico", Access::kPublic, [s](Request& req) {
    if (s.console) {
      Response res = s.console->Serve(req, "favicon.ico");
      if (res.status == 200 || res.status == 304) return res.With("Cache-Control", "public, max-age=86400");
    }
    return Render(req, s.site->NotFoundPage(Base(s, req)));
  });
  // Every unknown public path (the pipeline sends GETs outside /api/ and /open311/ here).
  // Written out (not the constant) so the authorization matrix's route scan sees it.
  static_assert(std::string_view(http::kNotFoundPagePath) == "/.not-found");
  r.Add(V::get, "/.not-found", Access::kPublic,
        [s](Request& req) { return Render(req, s.site->NotFoundPage(Base(s, req))); });
}

}  // namespace pol::api
