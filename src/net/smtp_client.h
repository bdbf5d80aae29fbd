// Sending one prepared message over SMTP with libcurl, through the same handle policy as every other
// outgoing connection (net::ConfigureHandle with Protocols::kMail: smtp/smtps only, timeouts, the
// outbound-address guard).
//
// Contract: SendMail submits `raw` (a complete RFC 5322 message, CRLF line ends) from `from` to one
// recipient. TLS: "starttls" requires STARTTLS (CURLUSESSL_ALL), "tls" is implicit TLS (an smtps:// URL),
// "none" sends in the clear. SendMail itself refuses "tls" with an smtp:// URL (no TLS would happen and
// AUTH would go in the clear) and "none" with a username (AUTH in the clear) unless the host is a
// loopback address — error "insecure_smtp", curl code CURLE_USE_SSL_FAILED, nothing sent. AUTH with username/password when a username is given. The result carries
// curl's code and text and the server's last reply code; mapping them to retry decisions is the
// caller's. Each thread keeps one handle, so consecutive messages reuse the SMTP connection.
//
// Thread-safety: thread-safe (one handle per thread). Blocks up to limits.timeout_ms; worker threads only.
#pragma once

#include <string>

#include "net/http_client.h"

namespace pol::net {

struct MailRequest {
  std::string url;  // smtp://host:port or smtps://host:port
  std::string tls = "starttls";
  std::string username, password;
  std::string from, to;  // bare addresses (no angle brackets)
  std::string raw;       // the whole message
  RequestLimits limits{.protocols = Protocols::kMail, .timeout_ms = 30000, .max_response_bytes = 0};
};

struct MailResult {
  int curl_code = 0;     // CURLcode; 0 (CURLE_OK) when the server accepted the message
  long reply_code = 0;   // the server's last SMTP reply code
  std::string error;     // curl's error text, or "outbound_refused"
  bool refused = false;  // the outbound-address guard refused the server's address
};

MailResult SendMail(const MailRequest& req);

}  // namespace pol::net
