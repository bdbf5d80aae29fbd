#include "http/static_files.h"

#include "base/hex.h"
#include "http/compression.h"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace pol::http {
namespace {

std::string ContentTypeFor(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (path.size() >= std::char_traits<char>::length(ext) && path.ends_with(ext)) return type;
  }
  return "application/octet-stream";
}

std::string Etag(const std::string& body) { return StrongEtag(body); }

}  // namespace

void StaticFiles::Load(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    File f;
    f.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    std::string rel = fs::relative(entry.path(), root).generic_string();
    f.content_type = ContentTypeFor(rel);
    f.etag = Etag(f.body);
    f.immutable = rel.rfind("assets/", 0) == 0;
    files_.emplace(rel, std::move(f));
  }
}

Response StaticFiles::Serve(const Request& req, const std::string& rel) const {
  auto it = files_.find(rel.empty() ? "index.html" : rel);
  if (it == files_.end()) {
    // Client-side routes (no extension) get the app; missing assets get 404.
    bool looks_like_file = rel.find('.') != std::string::npos;
    if (looks_like_file) return Response::Text("پیدا نشد.", "text/plain; charset=utf-8", 404);
    it = files_.find("index.html");
    if (it == files_.end()) {
      return Response::Text(
          "میز کار هنوز ساخته نشده است (make run آن را می‌سازد).",
          "text/plain; charset=utf-8", 503);
    }
  }
  const File& f = it->second;
  Response r;
  r.content_type = f.content_type;
  // A sibling "x.br" / "x.gz" written by the console's build (web/scripts/precompress.mjs) is the
  // same file compressed once at the highest level; the pipeline compresses (and caches) the rest.
  const Encoding enc = NegotiateEncoding(req.Header("Accept-Encoding"));
  const File* pre = nullptr;
  if (enc != Encoding::kIdentity && CompressibleType(f.content_type)) {
    auto sib = files_.find(it->first + (enc == Encoding::kBrotli ? ".br" : ".gz"));
    if (sib != files_.end()) pre = &sib->second;
  }
  if (pre) {
    std::string tag = f.etag;
    tag.insert(tag.size() - 1, enc == Encoding::kBrotli ? "-br" : "-gz");
    r.With("ETag", tag);
    r.With("Content-Encoding", enc == Encoding::kBrotli ? "br" : "gzip");
    r.With("Vary", "Accept-Encoding");
  } else {
    r.With("ETag", f.etag);
  }
  r.With("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (req.Header("If-None-Match") == f.etag) {
    r.status = 304;
    return r;
  }
  r.body = pre ? pre->body : f.body;
  return r;
}

}  // namespace pol::http
