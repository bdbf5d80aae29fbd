#include "api/site_page.h"

#include <charconv>
#include <utility>

#include "site/dates.h"

namespace pol::api {

http::Response SitePageResponse(const http::Request& req, site::Page p) {
  http::Response r;
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

int64_t SitePageParam(const http::Request& req) {
  auto v = req.Query("page");
  int64_t page = 1;
  if (v) {
    auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), page);
    if (ec != std::errc() || ptr != v->data() + v->size() || page < 1 || page > 100000) page = 1;
  }
  return page;
}

}  // namespace pol::api
