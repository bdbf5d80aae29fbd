// A small client of the Telegram Bot API protocol (Telegram, and Bale at its own host): one method call
// is POST {base}/bot{token}/{method} with a JSON body; files come from {base}/file/bot{token}/{path}.
// Every call goes through net::HttpSend (ConfigureHandle: the outbound-address guard applies).
//
// Thread-safety: stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace pol::messenger {

struct BotCall {
  int status = 0;  // HTTP status; 0 when no answer came (refused by the outbound guard, network)
  bool ok = false;
  nlohmann::json result;    // "result" when ok
  std::string description;  // the host's words (logs only)
  int64_t retry_after_s = 0;
  bool refused = false;  // the outbound guard refused the address

  // 403 "bot was blocked by the user" / "user is deactivated": stop sending to the chat.
  bool Blocked() const;
};

class BotApi {
 public:
  // `base_url` "" = the official host of `kind` ("telegram", "bale").
  BotApi(const std::string& kind, const std::string& base_url, std::string token);

  // `timeout_ms` bounds the whole call (long polls pass their timeout plus a margin).
  BotCall Call(const std::string& method, const nlohmann::json& body, int64_t timeout_ms = 20000) const;
  // getFile then the download; "" with `error` set when it failed or passed `max_bytes`.
  std::string Download(const std::string& file_id, int64_t max_bytes, std::string& error) const;

  const std::string& base() const { return base_; }

 private:
  std::string base_;
  std::string token_;
};

// The official host of a kind (https://api.telegram.org, https://tapi.bale.ai).
std::string OfficialBaseUrl(const std::string& kind);

}  // namespace pol::messenger
