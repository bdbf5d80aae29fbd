// Channel adapters: one interface, one implementation per protocol.
//
//   bot_api.cc    Telegram and Bale (Bot API: sendMessage / sendPhoto, HTML parse mode; sendDocument)
//   eitaa.cc      Eitaa (eitaayar HTTP API: sendMessage, plain text; sendFile)
//   smtp_mail.cc  press e-mail over SMTP with libcurl (STARTTLS, AUTH), MIME from mime.h
//   webhook.cc    JSON POST signed with HMAC-SHA256
//
// Documents (a file such as the press bulletin's PDF, OutMessage::document): e-mail attaches it
// (multipart/mixed, the Persian filename in RFC 2231 and RFC 2047 form), Bot API channels upload it with
// sendDocument and Eitaa with sendFile (multipart/form-data, form_data.h), each with a plain-text caption
// cut to the channel's limit (1,024 UTF-16 units). A document larger than MaxDocumentBytes(kind) fails
// without sending ("document_too_large", not retried); webhooks carry no documents ("unsupported_document").
//
// Send() returns the channel's message id and link, or an error: a stable code, a Persian message for
// the console, a detail of status and codes only ("HTTP 502", "curl 7", "outbound_refused" — never the
// remote host's body nor curl's text, which would make Pol a probe of other hosts), and whether
// retrying can help (network errors, 5xx, 429 with retry_after). A destination the outbound-address
// guard refuses fails with "outbound_refused" (not retried). A channel whose endpoint breaks
// CheckTransport (channels.h) fails without sending.
//
// Thread-safety: an adapter is used by one thread at a time; create one per job run.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "distribution/channels.h"
#include "distribution/compose.h"
#include "net/http_client.h"

namespace pol::distribution {

// A file sent as a document, with its caption (plain text) on messengers.
struct OutDocument {
  std::string file_name, content_type, data;
  std::string caption;
};

struct OutMessage {
  ReleaseContent content;
  std::optional<OutDocument> document;  // set: the message is this document (see above)
  std::optional<ComposedMail> mail;     // e-mail: the subject and bodies as given, not composed from content
  int64_t delivery_id = 0;
  std::string recipient, recipient_name;  // e-mail
  std::string unsubscribe_url;            // e-mail
  std::string message_id;                 // e-mail: stable Message-ID (no brackets)
  nlohmann::json payload;                 // webhook body
  int64_t now_ms = 0;
  bool test = false;  // the console's "test channel" message
};

struct SendResult {
  bool ok = false;
  std::string message_id, url;  // when ok
  bool retryable = false;
  int64_t retry_after_ms = 0;                // the channel asked to wait (429)
  std::string error_code, error_fa, detail;  // when not ok; detail: the channel's own answer

  static SendResult Ok(std::string id, std::string url) {
    SendResult r;
    r.ok = true;
    r.message_id = std::move(id);
    r.url = std::move(url);
    return r;
  }
  static SendResult Fail(bool retryable, std::string code, std::string fa, std::string detail) {
    SendResult r;
    r.retryable = retryable;
    r.error_code = std::move(code);
    r.error_fa = std::move(fa);
    r.detail = std::move(detail);
    return r;
  }
};

// The result of an operation a channel's protocol does not have (not retried).
SendResult Unsupported();

class ChannelAdapter {
 public:
  virtual ~ChannelAdapter() = default;
  virtual SendResult Send(const OutMessage& m) = 0;
  // A correction of a sent message (`message_id`, as Send returned it) to `m`'s content: the Bot API edits
  // it in place — editMessageCaption when it was sent with a photo (m.content.photo_urls), else
  // editMessageText; "message is not modified" counts as done. Other kinds: Unsupported() (Eitaa's API
  // has no edit; e-mail sends a correction message; webhooks post the event).
  virtual SendResult Edit(const OutMessage& /*m*/, const std::string& /*message_id*/) {
    return Unsupported();
  }
  // A withdrawal: the Bot API deletes the message (deleteMessage; one already gone counts as done).
  virtual SendResult Remove(const std::string& /*message_id*/) { return Unsupported(); }
};

std::unique_ptr<ChannelAdapter> MakeBotApiAdapter(const ChannelConfig& c, const std::string& token);
std::unique_ptr<ChannelAdapter> MakeEitaaAdapter(const ChannelConfig& c, const std::string& token);
std::unique_ptr<ChannelAdapter> MakeSmtpAdapter(const ChannelConfig& c, const std::string& password);
std::unique_ptr<ChannelAdapter> MakeWebhookAdapter(const ChannelConfig& c, const std::string& key);
std::unique_ptr<ChannelAdapter> MakeAdapter(const ChannelConfig& c, const std::string& secret);

// The limits of every channel's HTTP request: 5 s to connect, 20 s in all, answers up to 64 KiB
// (net::kMaxAnswerBytes), redirects not followed, user agent "Pol/1 (distribution)".
net::RequestLimits ChannelLimits();

// The largest document a channel of `kind` accepts, in bytes: Telegram's Bot API 50 MB (its documented
// upload limit); Bale 20 MB and Eitaa 20 MB (conservative: their upload limits are not documented as
// firmly); e-mail 10 MiB before base64 (≈ 13.5 MiB on the wire, under the 20–25 MB most mail servers
// take); 0 for kinds that take no documents (webhook).
int64_t MaxDocumentBytes(const std::string& kind);
// The limits of an upload: as ChannelLimits, with 120 s for the whole transfer.
net::RequestLimits DocumentLimits();
// "document_too_large" (not retried) when `bytes` is over the channel's limit; ok=false with an empty
// error_code when it fits.
SendResult CheckDocumentSize(const std::string& kind, int64_t bytes);
// `text` cut to at most `limit` UTF-16 units, at a word boundary, with "…" when cut.
std::string FitCaption(const std::string& text, size_t limit);

// "sha256=" + hex HMAC-SHA256 of `timestamp + "." + body` under `key` (libsodium crypto_auth_hmacsha256).
std::string WebhookSignature(const std::string& key, const std::string& timestamp, const std::string& body);

// The result of a destination the outbound-address guard refused.
SendResult Refused();

// Maps an HTTP-level failure (no answer, 5xx, 429) to a retryable SendResult; nullopt-like ok=false,
// error_code "" when the status is not one of these.
SendResult TransportFailure(int http_status, int curl_code, const std::string& curl_error,
                            const std::string& retry_after_header, const std::string& body);

}  // namespace pol::distribution
