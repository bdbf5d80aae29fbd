// Channel configuration: what each kind of channel needs, validated with Persian errors naming the field.
//
//   telegram, bale  Bot API (same protocol, different base URL): chat_id ("@name" or a numeric id such as
//                   -1001234567890), optional base_url (default https://api.telegram.org /
//                   https://tapi.bale.ai), optional public_username for message links; secret: the bot token.
//                   Messengers (and Eitaa) also take purpose: "releases" (the default: published releases go
//                   there) or "alerts" (the agency's monitoring-alert chat: alerts only, never releases).
//   eitaa           Eitaa's own HTTP API (eitaayar): chat_id, optional base_url (default https://eitaayar.ir);
//                   secret: the API token.
//   email           press e-mail over SMTP: press_list_id, smtp_url (smtp://host:port or smtps://…),
//                   tls ("starttls" — required STARTTLS, the default; "tls" — implicit TLS; "none" — loopback
//                   or test servers only), username, from_address, from_name, reply_to; secret: the password.
//   webhook         url (http/https); secret: the HMAC-SHA256 key.
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace pol::distribution {

bool KnownKind(const std::string& kind);
bool IsMessenger(const std::string& kind);  // telegram, bale, eitaa
// A messenger channel configured as the agency's monitoring-alert chat (config purpose "alerts"): it takes
// alerts and never releases.
bool IsAlertChannel(const std::string& kind, const nlohmann::json& config);
std::string KindPersianName(const std::string& kind);

struct ChannelConfig {
  std::string kind;
  std::string chat_id, base_url, public_username;  // messengers
  std::string purpose = "releases";                // messengers: releases | alerts
  int64_t press_list_id = 0;                       // email
  std::string smtp_url, tls = "starttls", username, from_address, from_name, reply_to;
  std::string url;  // webhook

  nlohmann::json ToJson() const;
  // Validates the fields of `kind` (unknown fields are 400s).
  static StatusOr<ChannelConfig> FromJson(const std::string& kind, const nlohmann::json& j);
};

// Checks the shape of a secret for the kind (bot tokens: "<digits>:<token>").
Status ValidateSecret(const std::string& kind, const std::string& secret);

// The Bot API base URL of a messenger channel (config or default).
std::string DefaultBaseUrl(const std::string& kind);

// Where the channel's secret goes: a messenger's base URL (or its official default), the SMTP URL, the
// webhook URL. Changing it on an existing channel clears the sealed secret (it must come again with
// the change), so a new endpoint can never receive the old secret.
std::string Endpoint(const ChannelConfig& c);

// True when a messenger's base URL is its official host (DefaultBaseUrl); other kinds: true.
bool OnOfficialHost(const ChannelConfig& c);

// The transport rules of an endpoint, checked on save (400, Persian, stable code) and again before each
// send (a stored channel from before the rules cannot leak its secret either):
//   bot, Eitaa and webhook URLs:  https://, or http:// to a loopback host only      (insecure_url)
//   SMTP tls "tls" (implicit TLS): an smtps:// URL — with smtp:// nothing would be encrypted and AUTH
//                                  would cross in the clear                         (tls_requires_smtps)
//   SMTP tls "none":               loopback hosts only                              (insecure_smtp)
Status CheckTransport(const ChannelConfig& c);

}  // namespace pol::distribution
