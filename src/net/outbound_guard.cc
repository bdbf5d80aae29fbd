#include "net/outbound_guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <set>
#include <utility>

#include "base/mutex.h"
#include "base/strings.h"
#include "base/thread_annotations.h"
#include "net/http_client.h"

namespace pol::net {
namespace {

// The allowance and the refusal marks, process-wide.
struct GuardState {
  SharedMutex policy_mu;
  std::shared_ptr<const std::vector<Cidr>> allow GUARDED_BY(policy_mu) =
      std::make_shared<const std::vector<Cidr>>();
  Mutex refused_mu;
  std::set<const CURL*> refused GUARDED_BY(refused_mu);
};

GuardState& State() {
  static GuardState* s = new GuardState();  // never destroyed: callbacks may run during exit
  return *s;
}

std::shared_ptr<const std::vector<Cidr>> Allowance() {
  GuardState& s = State();
  ReaderLock lock(&s.policy_mu);
  return s.allow;
}

void MarkRefused(const CURL* h) {
  GuardState& s = State();
  MutexLock lock(&s.refused_mu);
  if (s.refused.size() > 4096) s.refused.clear();  // marks nobody took: never grows without bound
  s.refused.insert(h);
}

void ClearRefused(const CURL* h) {
  GuardState& s = State();
  MutexLock lock(&s.refused_mu);
  s.refused.erase(h);
}

// A /n of the 128-bit form as a CIDR (for the table below).
struct Range {
  const char* text;
  AddressClass cls;
};

IpAddress V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  IpAddress ip;
  ip.bytes[10] = ip.bytes[11] = 0xff;
  ip.bytes[12] = a;
  ip.bytes[13] = b;
  ip.bytes[14] = c;
  ip.bytes[15] = d;
  return ip;
}

bool InPrefix(const IpAddress& ip, const IpAddress& base, int len) {
  for (int i = 0; i < 16 && len > 0; ++i, len -= 8) {
    const uint8_t mask = len >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - len));
    if ((ip.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
  }
  return true;
}

const std::vector<std::pair<Cidr, AddressClass>>& Ranges() {
  static const auto* ranges = [] {
    const Range table[] = {
        // IPv4 (held as ::ffff:a.b.c.d).
        {"0.0.0.0/8", AddressClass::kThisNetwork},
        {"10.0.0.0/8", AddressClass::kPrivate},
        {"100.64.0.0/10", AddressClass::kCgnat},
        {"127.0.0.0/8", AddressClass::kLoopback},
        {"169.254.0.0/16", AddressClass::kLinkLocal},
        {"172.16.0.0/12", AddressClass::kPrivate},
        {"192.0.0.0/24", AddressClass::kReserved},
        {"192.0.2.0/24", AddressClass::kReserved},
        {"192.88.99.0/24", AddressClass::kReserved},
        {"192.168.0.0/16", AddressClass::kPrivate},
        {"198.18.0.0/15", AddressClass::kReserved},
        {"198.51.100.0/24", AddressClass::kReserved},
        {"203.0.113.0/24", AddressClass::kReserved},
        {"224.0.0.0/4", AddressClass::kMulticast},
        {"240.0.0.0/4", AddressClass::kReserved},  // and 255.255.255.255
        // IPv6.
        {"::/128", AddressClass::kThisNetwork},
        {"::1/128", AddressClass::kLoopback},
        {"::/96", AddressClass::kReserved},  // IPv4-compatible (deprecated)
        {"100::/64", AddressClass::kReserved},
        {"64:ff9b:1::/48", AddressClass::kPrivate},
        {"2001::/32", AddressClass::kReserved},  // Teredo
        {"2001:2::/48", AddressClass::kReserved},
        {"2001:10::/28", AddressClass::kReserved},
        {"2001:20::/28", AddressClass::kReserved},
        {"2001:db8::/32", AddressClass::kReserved},
        {"3fff::/20", AddressClass::kReserved},
        {"fc00::/7", AddressClass::kUniqueLocal},
        {"fe80::/10", AddressClass::kLinkLocal},
        {"fec0::/10", AddressClass::kUniqueLocal},
        {"ff00::/8", AddressClass::kMulticast},
    };
    auto* out = new std::vector<std::pair<Cidr, AddressClass>>();
    for (const Range& r : table) out->emplace_back(*ParseCidr(r.text), r.cls);
    return out;
  }();
  return *ranges;
}

// The IPv4 address an IPv6 address carries (NAT64 well-known prefix, 6to4), if any.
std::optional<IpAddress> EmbeddedV4(const IpAddress& ip) {
  static const IpAddress nat64 = *ParseIp("64:ff9b::");
  const auto& b = ip.bytes;
  if (InPrefix(ip, nat64, 96)) return V4(b[12], b[13], b[14], b[15]);
  if (b[0] == 0x20 && b[1] == 0x02) return V4(b[2], b[3], b[4], b[5]);  // 2002:AABB:CCDD::/48
  return std::nullopt;
}

bool Allowed(const IpAddress& ip, const std::vector<Cidr>& allow) {
  if (Classify(ip) == AddressClass::kPublic) return true;
  for (const Cidr& c : allow) {
    if (c.Contains(ip)) return true;
  }
  return false;
}

curl_socket_t OpenSocket(void* clientp, curlsocktype purpose, struct curl_sockaddr* address) {
  auto* h = static_cast<CURL*>(clientp);
  if (purpose != CURLSOCKTYPE_IPCXN || !address) return CURL_SOCKET_BAD;
  std::optional<IpAddress> ip = FromSockaddr(&address->addr);
  if (!ip || !OutboundAllowed(*ip)) {
    MarkRefused(h);
    return CURL_SOCKET_BAD;  // nothing was sent: the answer is the same whether the port is open or not
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

int PreRequest(void* clientp, char* conn_primary_ip, char* /*conn_local_ip*/, int /*conn_primary_port*/,
               int /*conn_local_port*/) {
  auto* h = static_cast<CURL*>(clientp);
  std::optional<IpAddress> ip = ParseIp(conn_primary_ip ? conn_primary_ip : "");
  if (!ip || !OutboundAllowed(*ip)) {
    MarkRefused(h);
    return CURL_PREREQFUNC_ABORT;
  }
  return CURL_PREREQFUNC_OK;
}

}  // namespace

bool IpAddress::IsV4() const {
  for (int i = 0; i < 10; ++i) {
    if (bytes[i] != 0) return false;
  }
  return bytes[10] == 0xff && bytes[11] == 0xff;
}

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (IsV4()) {
    inet_ntop(AF_INET, bytes.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
  }
  return buf;
}

std::optional<IpAddress> ParseIp(std::string_view text) {
  std::string s(TrimAscii(text));
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  if (s.empty() || s.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  IpAddress ip;
  in_addr v4{};
  if (s.find(':') == std::string::npos) {
    if (inet_pton(AF_INET, s.c_str(), &v4) != 1) return std::nullopt;
    std::memcpy(ip.bytes.data() + 12, &v4, 4);
    ip.bytes[10] = ip.bytes[11] = 0xff;
    return ip;
  }
  if (s.find('%') != std::string::npos) return std::nullopt;  // zone ids are not accepted
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) != 1) return std::nullopt;
  std::memcpy(ip.bytes.data(), &v6, 16);
  return ip;
}

std::optional<IpAddress> FromSockaddr(const struct sockaddr* sa) {
  if (!sa) return std::nullopt;
  IpAddress ip;
  if (sa->sa_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, sa, sizeof in);
    std::memcpy(ip.bytes.data() + 12, &in.sin_addr, 4);
    ip.bytes[10] = ip.bytes[11] = 0xff;
    return ip;
  }
  if (sa->sa_family == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, sa, sizeof in6);
    std::memcpy(ip.bytes.data(), &in6.sin6_addr, 16);
    return ip;
  }
  return std::nullopt;  // unix sockets and the rest: not an outbound address
}

bool Cidr::Contains(const IpAddress& ip) const { return InPrefix(ip, base, prefix_len); }

StatusOr<Cidr> ParseCidr(std::string_view text) {
  const std::string_view t = TrimAscii(text);
  auto bad = [&] {
    return InvalidArgument(
        "invalid_cidr",
        "«" + std::string(t) +
            "» نشانی یا بازهٔ IP معتبری نیست (مانند ‎10.0.0.0/8‎ یا ‎fd00::/8‎).");
  };
  const size_t slash = t.find('/');
  std::optional<IpAddress> ip = ParseIp(t.substr(0, slash));
  if (!ip) return bad();
  const int max = ip->IsV4() ? 32 : 128;
  int len = max;
  if (slash != std::string_view::npos) {
    const std::string_view n = t.substr(slash + 1);
    if (n.empty() || n.size() > 3) return bad();
    len = 0;
    for (char ch : n) {
      if (ch < '0' || ch > '9') return bad();
      len = len * 10 + (ch - '0');
    }
    if (len > max) return bad();
  }
  Cidr c;
  c.prefix_len = ip->IsV4() ? 96 + len : len;
  // Keep only the prefix bits.
  for (int i = 0; i < 16; ++i) {
    const int bits = std::max(0, std::min(8, c.prefix_len - i * 8));
    const uint8_t mask = bits == 0 ? 0 : static_cast<uint8_t>(0xff << (8 - bits));
    c.base.bytes[i] = ip->bytes[i] & mask;
  }
  return c;
}

StatusOr<std::vector<Cidr>> ParseCidrList(std::string_view text) {
  std::vector<Cidr> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view item = TrimAscii(text.substr(start, comma - start));
    if (!item.empty()) {
      POL_ASSIGN_OR_RETURN(Cidr c, ParseCidr(item));
      out.push_back(c);
    }
    start = comma + 1;
  }
  return out;
}

AddressClass Classify(const IpAddress& ip) {
  if (!ip.IsV4()) {
    if (std::optional<IpAddress> v4 = EmbeddedV4(ip)) return Classify(*v4);
  }
  for (const auto& [cidr, cls] : Ranges()) {
    if (cidr.Contains(ip)) return cls;
  }
  return AddressClass::kPublic;
}

const char* AddressClassName(AddressClass c) {
  switch (c) {
    case AddressClass::kPublic:
      return "public";
    case AddressClass::kThisNetwork:
      return "this_network";
    case AddressClass::kLoopback:
      return "loopback";
    case AddressClass::kPrivate:
      return "private";
    case AddressClass::kCgnat:
      return "cgnat";
    case AddressClass::kLinkLocal:
      return "link_local";
    case AddressClass::kUniqueLocal:
      return "unique_local";
    case AddressClass::kMulticast:
      return "multicast";
    case AddressClass::kReserved:
      return "reserved";
  }
  return "reserved";
}

std::string UrlHost(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  const size_t at = rest.rfind('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  std::string_view host;
  if (rest.starts_with("[")) {
    const size_t close = rest.find(']');
    if (close == std::string_view::npos) return "";
    host = rest.substr(1, close - 1);
  } else {
    host = rest.substr(0, rest.find(':'));
  }
  return AsciiLower(host);
}

bool IsLoopbackHost(std::string_view host) {
  const std::string h = AsciiLower(host);
  if (h == "localhost" || h.ends_with(".localhost")) return true;
  std::optional<IpAddress> ip = ParseIp(h);
  return ip && Classify(*ip) == AddressClass::kLoopback;
}

void SetOutboundPolicy(std::vector<Cidr> allow) {
  auto next = std::make_shared<const std::vector<Cidr>>(std::move(allow));
  GuardState& s = State();
  WriterLock lock(&s.policy_mu);
  s.allow = std::move(next);
}

std::vector<Cidr> OutboundPolicy() { return *Allowance(); }

bool OutboundAllowed(const IpAddress& ip) { return Allowed(ip, *Allowance()); }

void InstallOutboundGuard(CURL* handle, const RequestLimits& limits) {
  (void)limits;
  ClearRefused(handle);
  curl_easy_setopt(handle, CURLOPT_PROXY, "");  // no proxy (nor the environment's): the guard must see
                                                // the destination itself
  curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, OpenSocket);
  curl_easy_setopt(handle, CURLOPT_OPENSOCKETDATA, handle);
  curl_easy_setopt(handle, CURLOPT_PREREQFUNCTION, PreRequest);
  curl_easy_setopt(handle, CURLOPT_PREREQDATA, handle);
}

bool TakeOutboundRefusal(CURL* handle) {
  GuardState& s = State();
  MutexLock lock(&s.refused_mu);
  return s.refused.erase(handle) > 0;
}

}  // namespace pol::net
