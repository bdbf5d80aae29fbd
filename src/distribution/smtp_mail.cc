// Press e-mail over SMTP with libcurl: STARTTLS (CURLUSESSL_ALL) or implicit TLS (smtps://), AUTH with the
// channel's username and password, one message per recipient with a stable Message-ID
// (<pol.d{delivery}.r{release}@{sender domain}>, the same on every attempt: a re-sent message after a
// crash carries the same id, which receiving systems use to drop duplicates). Each worker thread keeps one
// curl handle, so consecutive messages reuse the SMTP connection.
#include <curl/curl.h>

#include <cstring>

#include "distribution/adapters.h"
#include "distribution/http_client.h"
#include "distribution/mime.h"

namespace pol::distribution {
namespace {

struct Reader {
  const std::string* data;
  size_t pos = 0;
};

size_t Read(char* buf, size_t size, size_t n, void* user) {
  auto* r = static_cast<Reader*>(user);
  size_t len = std::min(size * n, r->data->size() - r->pos);
  std::memcpy(buf, r->data->data() + r->pos, len);
  r->pos += len;
  return len;
}

struct SmtpHandle {
  CURL* h = nullptr;
  SmtpHandle() {
    EnsureCurlInit();
    h = curl_easy_init();
  }
  ~SmtpHandle() {
    if (h) curl_easy_cleanup(h);
  }
};

class SmtpAdapter : public ChannelAdapter {
 public:
  SmtpAdapter(ChannelConfig c, std::string password) : c_(std::move(c)), password_(std::move(password)) {}

  SendResult Send(const OutMessage& m) override {
    thread_local SmtpHandle handle;
    CURL* h = handle.h;
    if (!h)
      return SendResult::Fail(true, "internal",
                              "خطای داخلی در آماده‌سازی رایانامه.",
                              "curl_easy_init failed");
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
      ComposedMail composed = ComposeMail(m.content, m.unsubscribe_url);
      mail.subject = composed.subject;
      mail.text = composed.text;
      mail.html = composed.html;
      if (!m.unsubscribe_url.empty()) {
        mail.extra_headers.emplace_back("List-Unsubscribe", "<" + m.unsubscribe_url + ">");
        mail.extra_headers.emplace_back("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
      mail.extra_headers.emplace_back("X-Pol-Release", std::to_string(m.content.release_id));
    }
    const std::string raw = BuildMail(mail);

    curl_easy_reset(h);
    char errbuf[CURL_ERROR_SIZE] = {0};
    Reader reader{&raw};
    curl_easy_setopt(h, CURLOPT_URL, c_.smtp_url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    if (c_.tls == "starttls") curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!c_.username.empty()) {
      curl_easy_setopt(h, CURLOPT_USERNAME, c_.username.c_str());
      curl_easy_setopt(h, CURLOPT_PASSWORD, password_.c_str());
    }
    const std::string from = "<" + c_.from_address + ">";
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + mail.to_address + ">").c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, Read);
    curl_easy_setopt(h, CURLOPT_READDATA, &reader);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(raw.size()));
    CURLcode rc = curl_easy_perform(h);
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(rcpt);
    if (rc == CURLE_OK) return SendResult::Ok(m.message_id, "");
    std::string detail = "curl " + std::to_string(rc) + " (SMTP " + std::to_string(code) +
                         "): " + (errbuf[0] ? errbuf : curl_easy_strerror(rc));
    switch (rc) {
      case CURLE_COULDNT_CONNECT:
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_OPERATION_TIMEDOUT:
      case CURLE_GOT_NOTHING:
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
        if (code >= 500 && code < 600) break;
        return SendResult::Fail(
            true, "smtp_unreachable",
            "سرور رایانامه (SMTP) در دسترس نبود؛ دوباره تلاش می‌شود.",
            detail);
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
      return SendResult::Fail(
          true, "smtp_temporary",
          "سرور رایانامه موقتاً پیام را نپذیرفت؛ دوباره تلاش می‌شود.",
          detail);
    }
    if (code >= 500) {
      return SendResult::Fail(false, "smtp_rejected", "سرور رایانامه نشانی گیرنده یا پیام را نپذیرفت.",
                              detail);
    }
    return SendResult::Fail(
        true, "smtp_error",
        "فرستادن رایانامه ناموفق بود؛ دوباره تلاش می‌شود.", detail);
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
