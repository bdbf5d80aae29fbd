#include "committee/rsvp_link.h"

#include <sodium.h>

#include <charconv>
#include <vector>

#include "base/hex.h"

namespace pol::committee {
namespace {

std::string Hmac(std::string_view key, std::string_view msg) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
  crypto_auth_hmacsha256_final(&st, mac);
  return std::string(reinterpret_cast<const char*>(mac), sizeof mac);
}

bool ParseId(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out > 0;
}

Status Invalid() { return InvalidArgument("invalid_link", "این پیوند پاسخ به دعوت معتبر نیست."); }

}  // namespace

std::string DeriveRsvpKey(std::string_view master_key) {
  return Hmac(master_key, "pol committee rsvp key v1");
}

std::string RsvpSigner::Mac(int64_t meeting_id, int64_t member_id, int64_t expires_at) const {
  return HexEncode(Hmac(key_, "pol-committee-rsvp:" + std::to_string(meeting_id) + "." +
                                  std::to_string(member_id) + "." + std::to_string(expires_at)));
}

std::string RsvpSigner::Sign(int64_t meeting_id, int64_t member_id, int64_t expires_at) const {
  return std::to_string(meeting_id) + "." + std::to_string(member_id) + "." + std::to_string(expires_at) +
         "." + Mac(meeting_id, member_id, expires_at);
}

StatusOr<RsvpTarget> RsvpSigner::Verify(std::string_view token, int64_t now) const {
  if (token.size() > 200) return Invalid();
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= token.size(); ++i) {
    if (i == token.size() || token[i] == '.') {
      parts.push_back(token.substr(start, i - start));
      start = i + 1;
    }
  }
  RsvpTarget t;
  if (parts.size() != 4 || !ParseId(parts[0], &t.meeting_id) || !ParseId(parts[1], &t.member_id) ||
      !ParseId(parts[2], &t.expires_at)) {
    return Invalid();
  }
  const std::string want = Mac(t.meeting_id, t.member_id, t.expires_at);
  if (parts[3].size() != want.size() || sodium_memcmp(parts[3].data(), want.data(), want.size()) != 0) {
    return Invalid();
  }
  if (now >= t.expires_at) {
    return FailedPrecondition("link_expired", "مهلت این پیوند پاسخ به دعوت گذشته است.");
  }
  return t;
}

}  // namespace pol::committee
