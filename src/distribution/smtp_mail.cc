// Press e-mail over SMTP with libcurl: STARTTLS (CURLUSESSL_ALL) or implicit TLS (smtps://), AUTH with the
// channel's username and password, one message per recipient with a stable Message-ID
// (<pol.d{delivery}.r{release}@{sender domain}>, the same on every attempt: a re-sent message after a
// crash carries the same id, which receiving systems use to drop duplicates). The SMTP session itself is
// net::SendMail (one handle per worker thread, so consecutive messages reuse the connection).
#include <curl/curl.h>

#include "distribution/adapters.h"
#include "distribution/mime.h"
#include "net/smtp_client.h"

namespace pol::distribution {
namespace {

class SmtpAdapter : public ChannelAdapter {
 public:
  SmtpAdapter(ChannelConfig c, std::string password) : c_(std::move(c)), password_(std::move(password)) {}

  SendResult Send(const OutMessage& m) override {
    MailMessage mail;
    mail.from_name = c_.from_name;
    mail.from_address = c_.from_address;
    mail.reply_to = c_.reply_to;
    mail.to_address = m.test ? c_.from_address : m.recipient;
    mail.to_name = m.recipient_name;
    mail.message_id = m.message_id;
    mail.date_ms = m.now_ms;
    if (m.test) {
      mail.subject = "پیام آزمایشی از «پل»";
      mail.text = "اتصال سرور رایانامهٔ این کانال برقرار است.\n";
      mail.html =
          "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><body dir=\"rtl\"><p>اتصال سرور رایانامهٔ این کانال برقرار است.</p></body></html>\n";
    } else {
      if (m.document) {
        if (SendResult big = CheckDocumentSize("email", static_cast<int64_t>(m.document->data.size()));
            !big.error_code.empty())
          return big;
        mail.attachments.push_back({m.document->file_name, m.document->content_type, m.document->data});
      }
      ComposedMail composed = m.mail ? *m.mail : ComposeMail(m.content, m.unsubscribe_url);
      mail.subject = composed.subject;
      mail.text = composed.text;
      mail.html = composed.html;
      if (!m.unsubscribe_url.empty()) {
        mail.extra_headers.emplace_back("List-Unsubscribe", "<" + m.unsubscribe_url + ">");
        mail.extra_headers.emplace_back("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
      if (m.content.release_id)
        mail.extra_headers.emplace_back("X-Pol-Release", std::to_string(m.content.release_id));
    }
    net::MailResult sent = net::SendMail({.url = c_.smtp_url,
                                          .tls = c_.tls,
                                          .username = c_.username,
                                          .password = password_,
                                          .from = c_.from_address,
                                          .to = mail.to_address,
                                          .raw = BuildMail(mail)});
    const CURLcode rc = static_cast<CURLcode>(sent.curl_code);
    const long code = sent.reply_code;
    if (rc == CURLE_OK) return SendResult::Ok(m.message_id, "");
    if (sent.refused) return Refused();
    if (sent.error == "insecure_smtp") {
      return SendResult::Fail(
          false, "insecure_smtp",
          "گذرواژهٔ رایانامه بدون رمزنگاری فرستاده نمی‌شود؛ رمزنگاری کانال را بررسی کنید.",
          "insecure_smtp");
    }
    if (rc == CURLE_FAILED_INIT)
      return SendResult::Fail(true, "internal",
                              "خطای داخلی در آماده‌سازی رایانامه.",
                              "curl " + std::to_string(rc));
    // Codes only: the server's and curl's own text is never passed on.
    std::string detail = "curl " + std::to_string(rc) + " (SMTP " + std::to_string(code) + ")";
    switch (rc) {
      case CURLE_COULDNT_CONNECT:
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_OPERATION_TIMEDOUT:
      case CURLE_GOT_NOTHING:
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
        if (code >= 500 && code < 600) break;
        return SendResult::Fail(true, "smtp_unreachable", "سرور رایانامه (SMTP) در دسترس نبود.", detail);
      case CURLE_LOGIN_DENIED:
        return SendResult::Fail(false, "smtp_auth", "سرور رایانامه نام کاربری یا گذرواژه را نپذیرفت.",
                                detail);
      case CURLE_USE_SSL_FAILED:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
        return SendResult::Fail(false, "smtp_tls", "برقراری اتصال امن (STARTTLS) با سرور رایانامه ممکن نشد.",
                                detail);
      default:
        break;
    }
    if (code >= 400 && code < 500) {
      return SendResult::Fail(true, "smtp_temporary", "سرور رایانامه موقتاً پیام را نپذیرفت.", detail);
    }
    if (code >= 500) {
      return SendResult::Fail(false, "smtp_rejected", "سرور رایانامه نشانی گیرنده یا پیام را نپذیرفت.",
                              detail);
    }
    return SendResult::Fail(true, "smtp_error", "فرستادن رایانامه ناموفق بود.", detail);
  }

 private:
  ChannelConfig c_;
  std::string password_;
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeSmtpAdapter(const ChannelConfig& c, const std::string& password) {
  return std::make_unique<SmtpAdapter>(c, password);
}

}  // namespace pol::distribution
