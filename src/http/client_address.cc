#include "http/client_address.h"

#include <boost/beast/core/string.hpp>

#include <algorithm>
#include <optional>

#include "base/strings.h"
#include "net/outbound_guard.h"

namespace pol::http {
namespace {

namespace ip = boost::asio::ip;

// IPv4-mapped IPv6 as IPv4; everything else unchanged.
ip::address Normalize(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

std::optional<ip::address> ParseAddress(std::string_view s) {
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(s), ec);
  if (ec) return std::nullopt;
  return Normalize(a);
}

// A forwarded node: "1.2.3.4", "1.2.3.4:80", "[2001:db8::1]", "[2001:db8::1]:80", "2001:db8::1".
std::optional<ip::address> ParseNode(std::string_view s) {
  s = TrimAscii(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 1 - 1);
  if (!s.empty() && s.front() == '[') {
    size_t close = s.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return ParseAddress(s.substr(1, close - 1));
  }
  if (s.find(':') != std::string_view::npos && s.find(':') == s.rfind(':') &&
      s.find('.') != std::string_view::npos)
    s = s.substr(0, s.find(':'));  // IPv4 with a port
  return ParseAddress(s);
}

// Keeps the first `prefix` bits of `a`.
ip::address Mask(const ip::address& a, int prefix) {
  if (a.is_v4()) {
    uint32_t v = a.to_v4().to_uint();
    uint32_t m = prefix <= 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1);
    return ip::address_v4(v & m);
  }
  auto bytes = a.to_v6().to_bytes();
  for (int i = 0; i < 16; ++i) {
    int keep = std::clamp(prefix - i * 8, 0, 8);
    bytes[i] &= static_cast<unsigned char>(keep == 0 ? 0 : (0xff << (8 - keep)) & 0xff);
  }
  return ip::address_v6(bytes);
}

std::vector<std::string_view> SplitList(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    size_t at = s.find(sep);
    out.push_back(TrimAscii(s.substr(0, at)));
    if (at == std::string_view::npos) break;
    s = s.substr(at + 1);
  }
  return out;
}

// The values of every header named `name`, in order.
std::vector<std::string_view> HeaderValues(const boost::beast::http::fields& headers, std::string_view name) {
  std::vector<std::string_view> out;
  for (const auto& f : headers) {
    if (boost::beast::iequals(f.name_string(), name)) out.emplace_back(f.value().data(), f.value().size());
  }
  return out;
}

// X-Forwarded-For's nodes, in order.
std::vector<std::string> XForwardedFor(const boost::beast::http::fields& headers) {
  std::vector<std::string> out;
  for (std::string_view value : HeaderValues(headers, "X-Forwarded-For")) {
    for (std::string_view node : SplitList(value, ',')) out.emplace_back(node);
  }
  return out;
}

// Forwarded's for= nodes, in order ("" for an element without for=).
std::vector<std::string> ForwardedFor(const boost::beast::http::fields& headers) {
  std::vector<std::string> out;
  for (std::string_view value : HeaderValues(headers, "Forwarded")) {
    for (std::string_view element : SplitList(value, ',')) {
      std::string node;
      for (std::string_view pair : SplitList(element, ';')) {
        if (pair.size() > 4 && AsciiLower(pair.substr(0, 4)) == "for=") node = std::string(pair.substr(4));
      }
      out.push_back(node);
    }
  }
  return out;
}

}  // namespace

StatusOr<NetworkList> NetworkList::Parse(std::string_view text) {
  NetworkList out;
  std::string s(text);
  for (char& c : s) c = c == ' ' ? ',' : c;  // net::ParseCidrList splits on commas only
  POL_ASSIGN_OR_RETURN(out.nets_, net::ParseCidrList(s));
  return out;
}

bool NetworkList::Contains(const ip::address& raw) const {
  const auto a = net::ParseIp(Normalize(raw).to_string());
  return a && std::any_of(nets_.begin(), nets_.end(), [&](const net::Cidr& n) { return n.Contains(*a); });
}

std::string ClientAddress(const ip::address& peer_raw, const boost::beast::http::fields& headers,
                          const NetworkList& trusted) {
  ip::address client = Normalize(peer_raw);
  if (trusted.empty() || !trusted.Contains(client)) return client.to_string();
  std::vector<std::string> hops = XForwardedFor(headers);
  if (hops.empty()) hops = ForwardedFor(headers);
  // From the right: each hop was added by the one after it; stop at the first we do not trust.
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto a = ParseNode(*it);
    if (!a) break;
    client = *a;
    if (!trusted.Contains(client)) break;
  }
  return client.to_string();
}

std::string RateLimitKey(std::string_view address) {
  auto a = ParseAddress(address);
  if (!a || a->is_v4()) return std::string(address);
  return Mask(*a, 64).to_string() + "/64";
}

bool IsLoopback(const ip::address& a) { return Normalize(a).is_loopback(); }

}  // namespace pol::http
