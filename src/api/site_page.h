// A rendered public page (site::Page) as an HTTP response, shared by the site's routes and the committee's
// public decisions page: ETag, Last-Modified and Cache-Control headers, 304 on a matching conditional GET;
// and the `?page=N` parameter of paged public pages.
//
// Thread-safety: stateless.
#pragma once

#include <cstdint>

#include "http/message.h"
#include "site/site.h"

namespace pol::api {

http::Response SitePageResponse(const http::Request& req, site::Page p);

// ?page=N (1 to 100,000); anything else is the first page.
int64_t SitePageParam(const http::Request& req);

}  // namespace pol::api
