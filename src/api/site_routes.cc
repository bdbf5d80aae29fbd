// The public news site: server-rendered pages, feeds, sitemap.xml, robots.txt
// and the site's font. Every route is public; the site shows only public
// releases (src/site/site.h). Conditional GETs (ETag / Last-Modified) get 304.
// Pages and feeds (not search) come from a cache of rendered pages that any
// audited write or an ending embargo invalidates (site/page_cache.h). Unknown
// public paths answer the site's Persian 404 page (http/not_found_page.h).
#include <memory>
#include <string_view>

#include "api/routes.h"
#include "api/site_page.h"
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

std::string Base(const Services& s, const Request&) { return s.site->BaseUrl(); }

// The cache key of a page: its path and the page number (other query parameters change nothing).
std::string Key(const Request& req) { return req.path + "?" + std::to_string(SitePageParam(req)); }

}  // namespace

void RegisterSiteRoutes(http::Router& r, const Services& s) {
  auto cache = std::make_shared<site::PageCache>(s.db, s.env);
  auto cached = [cache](const Request& req, const std::function<site::Page()>& render) {
    return SitePageResponse(req, cache->GetCurrent(Key(req), render));
  };
  r.Add(V::get, "/", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] { return s.site->Home(Base(s, req), SitePageParam(req)); });
  });
  r.Add(V::get, "/agencies/{slug}", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] { return s.site->Agency(Base(s, req), req.params["slug"], SitePageParam(req)); });
  });
  auto article_cached = [s, cache](Request& req) {
    auto id = req.IdParam();
    if (!id.ok()) return SitePageResponse(req, s.site->NotFoundPage(Base(s, req)));
    return SitePageResponse(req, cache->GetCurrent("/news/" + std::to_string(*id),
                                                   [&] { return s.site->Article(Base(s, req), *id); }));
  };
  r.Add(V::get, "/news/{id}", Access::kPublic, article_cached);
  // The slug is decoration: the id decides, and the page's canonical link names the current slug.
  r.Add(V::get, "/news/{id}/{slug}", Access::kPublic, article_cached);
  r.Add(V::get, "/tags/{tag}", Access::kPublic, [s, cached](Request& req) {
    return cached(req, [&] { return s.site->Tag(Base(s, req), req.params["tag"], SitePageParam(req)); });
  });
  r.Add(V::get, "/search", Access::kPublic, [s](Request& req) {
    return SitePageResponse(req,
                            s.site->Search(Base(s, req), req.Query("q").value_or(""), SitePageParam(req)));
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
        [s](Request& req) { return SitePageResponse(req, s.site->Robots(Base(s, req))); });
  r.Add(V::get, "/static/{file}", Access::kPublic,
        [s](Request& req) { return SitePageResponse(req, s.site->Font(req.params["file"])); });
  // The icon browsers ask for on their own: the console build's favicon.ico (web/public).
  r.Add(V::get, "/favicon.ico", Access::kPublic, [s](Request& req) {
    if (s.console) {
      Response res = s.console->Serve(req, "favicon.ico");
      if (res.status == 200 || res.status == 304) return res.With("Cache-Control", "public, max-age=86400");
    }
    return SitePageResponse(req, s.site->NotFoundPage(Base(s, req)));
  });
  // Every unknown public path (the pipeline sends GETs outside /api/ and /open311/ here).
  // Written out (not the constant) so the authorization matrix's route scan sees it.
  static_assert(std::string_view(http::kNotFoundPagePath) == "/.not-found");
  r.Add(V::get, "/.not-found", Access::kPublic,
        [s](Request& req) { return SitePageResponse(req, s.site->NotFoundPage(Base(s, req))); });
}

}  // namespace pol::api
