#include "net/smtp_client.h"

#include <algorithm>
#include <cstring>

#include "net/outbound_guard.h"

namespace pol::net {
namespace {

struct Reader {
  const std::string* data;
  size_t pos = 0;
};

size_t Read(char* buf, size_t size, size_t n, void* user) {
  auto* r = static_cast<Reader*>(user);
  const size_t len = std::min(size * n, r->data->size() - r->pos);
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

}  // namespace

MailResult SendMail(const MailRequest& req) {
  thread_local SmtpHandle handle;
  MailResult out;
  CURL* h = handle.h;
  if (!h) {
    out.curl_code = CURLE_FAILED_INIT;
    out.error = "curl_easy_init failed";
    return out;
  }
  const bool clear = req.tls == "none" || (req.tls == "tls" && !req.url.starts_with("smtps://"));
  if (clear && (req.tls == "tls" || !req.username.empty()) && !IsLoopbackHost(UrlHost(req.url))) {
    out.curl_code = CURLE_USE_SSL_FAILED;  // the password would cross the network in the clear
    out.error = "insecure_smtp";
    return out;
  }
  curl_easy_reset(h);
  ConfigureHandle(h, req.limits);
  char errbuf[CURL_ERROR_SIZE] = {0};
  Reader reader{&req.raw};
  curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  if (req.tls == "starttls") curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!req.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, req.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, req.password.c_str());
  }
  const std::string from = "<" + req.from + ">";
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + req.to + ">").c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, Read);
  curl_easy_setopt(h, CURLOPT_READDATA, &reader);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(req.raw.size()));
  const CURLcode rc = curl_easy_perform(h);
  out.curl_code = rc;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out.reply_code);
  out.refused = TakeOutboundRefusal(h);
  if (out.refused) {
    out.error = kOutboundRefused;
  } else if (rc != CURLE_OK) {
    out.error = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  }
  curl_slist_free_all(rcpt);
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  return out;
}

}  // namespace pol::net
