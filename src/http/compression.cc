#include "http/compression.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <cstdlib>
#include <deque>
#include <map>
#include <optional>
#include <utility>

#include "base/hex.h"
#include "base/mutex.h"
#include "base/strings.h"

namespace pol::http {
namespace {

constexpr size_t kCacheBudgetBytes = 64u << 20;

std::string_view Suffix(Encoding enc) { return enc == Encoding::kBrotli ? "-br" : "-gz"; }
std::string_view Token(Encoding enc) { return enc == Encoding::kBrotli ? "br" : "gzip"; }

// Compressed bodies by (body SHA-256, encoding), evicted oldest-first past the budget.
class CompressedCache {
 public:
  std::optional<std::string> Find(const std::string& key) EXCLUDES(mu_) {
    MutexLock l(&mu_);
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  void Put(const std::string& key, std::string value) EXCLUDES(mu_) {
    MutexLock l(&mu_);
    if (value.size() > kCacheBudgetBytes / 4 || map_.count(key)) return;
    bytes_ += value.size();
    map_.emplace(key, std::move(value));
    order_.push_back(key);
    while (bytes_ > kCacheBudgetBytes && !order_.empty()) {
      auto it = map_.find(order_.front());
      bytes_ -= it->second.size();
      map_.erase(it);
      order_.pop_front();
    }
  }

 private:
  Mutex mu_;
  std::map<std::string, std::string> map_ GUARDED_BY(mu_);
  std::deque<std::string> order_ GUARDED_BY(mu_);
  size_t bytes_ GUARDED_BY(mu_) = 0;
};

CompressedCache& Cache() {
  static CompressedCache* cache = new CompressedCache();
  return *cache;
}

std::string Compress(std::string_view body, Encoding enc, bool cached) {
  if (enc == Encoding::kBrotli) return BrotliCompress(body, cached ? 9 : 4);
  return GzipCompress(body, cached ? 9 : 6);
}

// Keyed by the SHA-256 of the body, never by the ETag alone: a handler's tag may be a version number
// that another resource (or another user's view of the same one) shares.
std::string CompressCached(std::string_view body, const std::string& etag, Encoding enc) {
  if (etag.empty()) return Compress(body, enc, false);
  std::string key = Sha256(body) + std::string(Token(enc));
  if (auto hit = Cache().Find(key)) return *hit;
  std::string out = Compress(body, enc, true);
  if (!out.empty()) Cache().Put(key, out);
  return out;
}

// "\"abc\"" + "-br" → "\"abc-br\"" (weak tags keep their W/).
std::string SuffixedEtag(std::string_view etag, Encoding enc) {
  if (etag.size() < 2 || etag.back() != '"') return std::string(etag);
  std::string out(etag.substr(0, etag.size() - 1));
  out += Suffix(enc);
  out += '"';
  return out;
}

std::string* FindHeader(Response& r, std::string_view name) {
  for (auto& [k, v] : r.headers) {
    if (EqualsIgnoreCase(k, name)) return &v;
  }
  return nullptr;
}

}  // namespace

Encoding NegotiateEncoding(std::string_view accept) {
  bool br = false, gzip = false, star = false, br_refused = false, gzip_refused = false;
  size_t start = 0;
  while (start <= accept.size()) {
    size_t comma = accept.find(',', start);
    if (comma == std::string_view::npos) comma = accept.size();
    std::string_view item = TrimAscii(accept.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) continue;
    std::string_view name = item;
    double q = 1.0;
    if (size_t semi = item.find(';'); semi != std::string_view::npos) {
      name = TrimAscii(item.substr(0, semi));
      std::string_view param = TrimAscii(item.substr(semi + 1));
      if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        std::string v(param.substr(2));
        char* end = nullptr;
        q = std::strtod(v.c_str(), &end);
        if (end == v.c_str()) q = 1.0;
      }
    }
    const bool accepted = q > 0;
    if (EqualsIgnoreCase(name, "br")) (accepted ? br : br_refused) = true;
    if (EqualsIgnoreCase(name, "gzip") || EqualsIgnoreCase(name, "x-gzip"))
      (accepted ? gzip : gzip_refused) = true;
    if (name == "*" && accepted) star = true;
  }
  if (br || (star && !br_refused)) return Encoding::kBrotli;
  if (gzip || (star && !gzip_refused)) return Encoding::kGzip;
  return Encoding::kIdentity;
}

bool CompressibleType(std::string_view type) {
  std::string t = AsciiLower(std::string(type.substr(0, type.find(';'))));
  if (t.starts_with("text/")) return true;
  return t == "application/json" || t == "application/javascript" || t == "application/xml" ||
         t == "application/rss+xml" || t == "application/atom+xml" || t == "image/svg+xml" ||
         t == "application/manifest+json" || t == "application/geo+json";
}

std::string GzipCompress(std::string_view in, int level) {
  z_stream zs{};
  // 15 + 16: a gzip wrapper rather than zlib's.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out;
  out.resize(deflateBound(&zs, in.size()) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  size_t written = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return {};
  out.resize(written);
  return out;
}

std::string BrotliCompress(std::string_view in, int quality) {
  size_t size = BrotliEncoderMaxCompressedSize(in.size());
  if (size == 0) size = in.size() + 1024;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, in.size(),
                             reinterpret_cast<const uint8_t*>(in.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    return {};
  }
  out.resize(size);
  return out;
}

std::string StripEncodingSuffix(std::string_view inm, Encoding enc) {
  if (enc == Encoding::kIdentity) return std::string(inm);
  const std::string needle = std::string(Suffix(enc)) + "\"";
  std::string out(inm);
  for (size_t pos = out.find(needle); pos != std::string::npos; pos = out.find(needle, pos)) {
    out.erase(pos, Suffix(enc).size());
  }
  return out;
}

void CompressResponse(const Request& req, Response& r, std::string_view secret) {
  if (!CompressibleType(r.content_type)) return;
  if (FindHeader(r, "Content-Encoding")) return;  // already encoded (a pre-compressed asset)
  r.With("Vary", "Accept-Encoding");
  if (r.body.size() < kMinCompressBytes || r.status == 206 || r.status == 304) return;
  if (req.method == bhttp::verb::head) return;
  if (FindHeader(r, "Set-Cookie")) return;                                  // BREACH: login
  if (!secret.empty() && r.body.find(secret) != std::string::npos) return;  // BREACH: CSRF token
  Encoding enc = NegotiateEncoding(req.Header("Accept-Encoding"));
  if (enc == Encoding::kIdentity) return;
  const std::string* etag = FindHeader(r, "ETag");
  const std::string tag = etag ? *etag : std::string();
  std::string out = CompressCached(r.body, tag, enc);
  if (out.empty() || out.size() >= r.body.size()) return;
  r.body = std::move(out);
  if (std::string* e = FindHeader(r, "ETag")) *e = SuffixedEtag(tag, enc);
  r.With("Content-Encoding", std::string(Token(enc)));
}

void PrecompressForCache(std::string_view body, const std::string& etag, std::string_view content_type) {
  if (etag.empty() || body.size() < kMinCompressBytes || !CompressibleType(content_type)) return;
  for (Encoding enc : {Encoding::kBrotli, Encoding::kGzip}) CompressCached(body, etag, enc);
}

}  // namespace pol::http
