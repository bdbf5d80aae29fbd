// Signed RSVP links: a token that lets one member answer one meeting's invitation without logging in,
// until it expires. Token: "<meeting>.<member>.<expires_ms>.<mac>" where mac is the lowercase hex
// HMAC-SHA256 (libsodium) of "pol-committee-rsvp:<meeting>.<member>.<expires_ms>" under a key derived from
// the server's persistent key material (the data folder's distribution.key): DeriveRsvpKey hashes that
// master key with a fixed label, so the link key is never the secret-box key itself. Ids in the token are
// not secret; the MAC is what cannot be guessed or altered.
//
// Thread-safety: immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace pol::committee {

// HMAC-SHA256(master, "pol committee rsvp key v1"): 32 bytes.
std::string DeriveRsvpKey(std::string_view master_key);

struct RsvpTarget {
  int64_t meeting_id = 0, member_id = 0, expires_at = 0;
};

class RsvpSigner {
 public:
  explicit RsvpSigner(std::string key) : key_(std::move(key)) {}
  std::string Sign(int64_t meeting_id, int64_t member_id, int64_t expires_at) const;
  // The target of a well-formed token with a valid MAC that has not expired at `now`. Errors (Persian):
  // InvalidArgument "invalid_link" (malformed or tampered), FailedPrecondition "link_expired".
  StatusOr<RsvpTarget> Verify(std::string_view token, int64_t now) const;

 private:
  std::string Mac(int64_t meeting_id, int64_t member_id, int64_t expires_at) const;
  std::string key_;
};

}  // namespace pol::committee
