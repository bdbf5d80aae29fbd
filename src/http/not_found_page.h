// The path at which a front end (the public site) registers its HTML "not found" page.
//
// When no route matches a GET or HEAD outside the API (/api/, /open311/), the pipeline answers with
// the GET route registered at this path, if any, instead of the JSON 404; API paths keep JSON.
// The path itself is reachable too, and answers the same 404 page.
#pragma once

namespace pol::http {

inline constexpr const char* kNotFoundPagePath = "/.not-found";

}  // namespace pol::http
