#include "citizen/form.h"

#include "base/strings.h"

namespace pol::citizen {
namespace {

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int HexVal(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

std::optional<std::string> Decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out.push_back(' ');
    } else if (in[i] == '%') {
      if (i + 2 >= in.size() || !IsHex(in[i + 1]) || !IsHex(in[i + 2])) return std::nullopt;
      out.push_back(static_cast<char>(HexVal(in[i + 1]) * 16 + HexVal(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

// The value of `param` in a header like `form-data; name="x"; filename="y"` (quoted or token).
std::optional<std::string> HeaderParam(std::string_view header, std::string_view param) {
  size_t i = 0;
  while (i < header.size()) {
    size_t semi = header.find(';', i);
    if (semi == std::string_view::npos) return std::nullopt;
    i = semi + 1;
    while (i < header.size() && header[i] == ' ') ++i;
    size_t eq = header.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string key = AsciiLower(header.substr(i, eq - i));
    size_t v = eq + 1;
    std::string value;
    if (v < header.size() && header[v] == '"') {
      ++v;
      while (v < header.size() && header[v] != '"') {
        if (header[v] == '\\' && v + 1 < header.size()) ++v;
        value.push_back(header[v++]);
      }
      ++v;
    } else {
      while (v < header.size() && header[v] != ';') value.push_back(header[v++]);
    }
    i = v;
    if (key == param) return value;
  }
  return std::nullopt;
}

Status Malformed() {
  return InvalidArgument(
      "bad_form",
      "فرم فرستاده‌شده خوانا نیست؛ صفحه را تازه کنید و دوباره بفرستید.");
}

// Fields and files one form may carry, urlencoded or multipart (no page of Pol's has half as many).
constexpr int kMaxParts = 50;

struct Disposition {
  std::optional<std::string> name, filename;
};

// The name and filename of a part's Content-Disposition header.
Disposition PartDisposition(std::string_view headers) {
  Disposition d;
  size_t h = 0;
  while (h < headers.size()) {
    size_t eol = headers.find("\r\n", h);
    if (eol == std::string_view::npos) eol = headers.size();
    std::string_view line = headers.substr(h, eol - h);
    if (AsciiLower(line.substr(0, 20)).starts_with("content-disposition:")) {
      std::string_view v = line.substr(20);
      d.name = HeaderParam(v, "name");
      d.filename = HeaderParam(v, "filename");
    }
    h = eol + 2;
  }
  return d;
}

StatusOr<Form> ParseUrlencoded(std::string_view body) {
  Form f;
  size_t i = 0;
  int pairs = 0;
  while (i <= body.size() && !body.empty()) {
    size_t amp = body.find('&', i);
    if (amp == std::string_view::npos) amp = body.size();
    std::string_view pair = body.substr(i, amp - i);
    if (!pair.empty()) {
      if (++pairs > kMaxParts) return Malformed();  // as many as a multipart form may carry
      size_t eq = pair.find('=');
      auto k = Decode(pair.substr(0, eq));
      auto v = Decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
      if (!k || !v) return Malformed();
      f.fields[*k] = *v;
    }
    i = amp + 1;
    if (amp == body.size()) break;
  }
  return f;
}

StatusOr<Form> ParseMultipart(std::string_view content_type, std::string_view body) {
  Form f;
  auto boundary = HeaderParam(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 200) return Malformed();
  const std::string delim = "--" + *boundary;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return Malformed();
  pos += delim.size();
  for (int parts = 0;; ++parts) {
    if (parts > kMaxParts) return Malformed();
    if (body.substr(pos, 2) == "--") return f;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return Malformed();
    pos += 2;
    size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return Malformed();
    const Disposition d = PartDisposition(body.substr(pos, headers_end - pos));
    size_t data_start = headers_end + 4;
    size_t next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return Malformed();
    std::string_view data = body.substr(data_start, next - data_start);
    if (!d.name) return Malformed();
    if (d.filename) {
      if (!d.filename->empty() || !data.empty()) f.files.push_back({*d.filename, std::string(data)});
    } else {
      f.fields[*d.name] = std::string(data);
    }
    pos = next + 2 + delim.size();
  }
}

}  // namespace

StatusOr<Form> ParseForm(std::string_view content_type, std::string_view body) {
  std::string ct = AsciiLower(content_type);
  if (ct.starts_with("application/x-www-form-urlencoded") || (ct.empty() && body.empty())) {
    return ParseUrlencoded(body);
  }
  if (!ct.starts_with("multipart/form-data")) {
    return Status(StatusCode::kInvalidArgument, "unsupported_media_type",
                  "فرم باید به‌صورت فرم وب فرستاده شود.");
  }
  return ParseMultipart(content_type, body);
}

}  // namespace pol::citizen
