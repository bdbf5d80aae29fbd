#include "http/message.h"

#include "base/strings.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace pol::http {

std::string Request::Header(std::string_view name) const {
  auto it = headers.find(boost::beast::string_view(name.data(), name.size()));
  if (it == headers.end()) return {};
  return std::string(it->value());
}

std::string Request::Cookie(std::string_view name) const {
  std::string all = Header("Cookie");
  std::string_view rest = all;
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return {};
}

std::optional<std::string> Request::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

StatusOr<int64_t> Request::IdParam(const std::string& name) const {
  auto it = params.find(name);
  int64_t id = 0;
  if (it != params.end()) {
    const std::string& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec == std::errc() && p == s.data() + s.size() && id > 0) return id;
  }
  return NotFound();
}

std::string Request::MediaType() const {
  // What comes before any ";" parameter, compared case-insensitively.
  const std::string ct = Header("Content-Type");
  return AsciiLower(TrimAsciiRight(std::string_view(ct).substr(0, ct.find(';'))));
}

StatusOr<Json> ParseJsonLimited(std::string_view text) {
  // Count [ and { outside strings; a string ends at an unescaped quote. Malformed text is left to the
  // parser: only the depth is decided here.
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        return InvalidArgument("json_too_deep", "ساختار JSON درخواست بیش از " +
                                                    std::to_string(kMaxJsonDepth) + " لایه تودرتو است.");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument("malformed_json", "بدنهٔ درخواست JSON معتبر نیست.");
  return j;
}

StatusOr<Json> Request::JsonBody() const {
  if (MediaType() != "application/json") {
    return Status(StatusCode::kInvalidArgument, "unsupported_media_type",
                  "نوع محتوای درخواست باید application/json باشد.");
  }
  POL_ASSIGN_OR_RETURN(Json j, ParseJsonLimited(body));
  if (!j.is_object()) return InvalidArgument("malformed_json", "بدنهٔ درخواست باید یک شیء JSON باشد.");
  return j;
}

Response Response::MakeJson(const Json& j, int status) {
  Response r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Response::Text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      if (s.api_code() == "unsupported_media_type" || s.api_code() == "unsupported_image") return 415;
      if (s.api_code() == "payload_too_large" || s.api_code() == "image_too_large") return 413;
      if (s.api_code() == "method_not_allowed") return 405;
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kFailedPrecondition:
      return s.api_code() == "precondition_failed" ? 412 : 409;
    case StatusCode::kAborted:  // VersionConflict()
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

Response Response::Error(const Status& s) {
  Json err = {{"code", s.api_code()}, {"message", s.message()}};
  // Internal details stay in the logs.
  if (!s.field().empty() && s.code() != StatusCode::kInternal) err["field"] = s.field();
  Response r = MakeJson(Json{{"error", err}}, HttpStatusFor(s));
  if (r.status >= 500) r.log_detail = s.ToString();
  return r;
}

static int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> UrlDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    size_t eq = part.find('=');
    auto key = UrlDecode(part.substr(0, eq), true);
    auto value =
        eq == std::string_view::npos ? std::optional<std::string>("") : UrlDecode(part.substr(eq + 1), true);
    if (key && value) out.emplace(std::move(*key), std::move(*value));
  }
  return out;
}

}  // namespace pol::http
