// Serves a built single-page app (the staff console, web/dist) from memory.
// Files are read once at startup. Hashed assets (assets/…) are cached for a
// year as immutable; index.html must be revalidated (ETag) so a new build is
// picked up at once. Unknown paths without an extension fall back to
// index.html, so client-side routes survive a reload.
//
// Thread-safety: immutable after Load(); safe from any thread.
#pragma once

#include <string>
#include <unordered_map>

#include "http/message.h"

namespace pol::http {

class StaticFiles {
 public:
  // Loads every file under `root`; an absent root leaves the set empty.
  void Load(const std::string& root);
  bool empty() const { return files_.empty(); }
  // `rel` is the path below the mount point ("" for the index).
  Response Serve(const Request& req, const std::string& rel) const;

 private:
  struct File {
    std::string body, content_type, etag;
    bool immutable = false;
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace pol::http
