// The citizens' pages: server-rendered, Persian, mobile first, no JavaScript,
// each page a few kilobytes (the budget is 60 KB).
//
//   GET  /citizen                       the form (type, subject, text, agency or "I don't know",
//                                       attachments, name, mobile, national code, a challenge)
//   POST /citizen/requests              files the request (urlencoded or multipart/form-data) →
//                                       303 to the one-time-code page, which shows the tracking code
//   GET  /citizen/verify?code=…         the one-time-code form; POST /citizen/verify checks it (or,
//                                       with resend=1, sends a new code) → 303 to the status page
//   GET  /citizen/track                 tracking code + mobile; POST /citizen/track → 303 to the status page
//   GET  /citizen/requests/{code}       the status page (needs the signed status cookie set by a
//                                       successful lookup or verification)
//   POST /citizen/requests/{code}/rate, /reopen
//
// The challenge needs no outside service: a sum written in Persian words ("سه به‌علاوهٔ پنج"), its
// answer bound to a single-use signed token (HMAC; ten minutes), spent by the first attempt whether its
// answer is right or wrong. The key is PortalOptions::key — `pol serve` gives every node the same one
// (stored once in the database, sealed: app/citizen_module.cc) so a challenge drawn on one node is
// checked on another — or, without one, a random key of this process. Spent tokens are remembered in
// memory, or in the database (PortalOptions::shared_tokens, store/throttle_repo.h) when several nodes
// must refuse a token spent on any of them. The status
// cookie is `pol_track` = code.expiry.HMAC, HttpOnly, SameSite=Strict, an hour.
//
// The form parser is form.h; the pages escape every value with text/html_escape.h.
//
// Thread-safety: thread-safe (RequestService is; the used-token set has its own mutex).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "base/mutex.h"
#include "citizen/form.h"
#include "citizen/requests.h"
#include "store/db.h"

namespace pol::citizen {

struct PortalPage {
  int status = 200;
  std::string body;
  std::string location;                  // for 303
  std::vector<std::string> set_cookies;  // Set-Cookie values
};

// The HTTP status a page answers for an error.
int HttpStatusOf(const Status& s);

struct PortalOptions {
  std::string font_path;  // the site's font (site::Site::FontPath()); empty: system fonts
  bool challenge = true;  // POL_CITIZEN_CHALLENGE=off turns it off (benchmarks)
  bool secure_cookies = false;
  // The HMAC key of challenges and status cookies (crypto_auth_KEYBYTES bytes); empty or another length:
  // a random key of this process.
  std::string key;
  // When set, spent challenge tokens are recorded in this database (several nodes); else in memory.
  store::Database* shared_tokens = nullptr;
};

class Portal {
 public:
  Portal(RequestService* service, Env* env, PortalOptions options);

  PortalPage FormPage();
  PortalPage Submit(std::string_view content_type, std::string_view body, const std::string& ip);
  PortalPage VerifyPage(const std::string& code, const std::string& message = "");
  PortalPage Verify(std::string_view content_type, std::string_view body, const std::string& ip);
  PortalPage TrackPage(const std::string& message = "", int status = 200);
  PortalPage Track(std::string_view content_type, std::string_view body, const std::string& ip);
  PortalPage StatusPage(const std::string& code, const std::string& cookie_header);
  PortalPage Rate(const std::string& code, const std::string& cookie_header, std::string_view content_type,
                  std::string_view body, const std::string& ip);
  PortalPage Reopen(const std::string& code, const std::string& cookie_header, std::string_view content_type,
                    std::string_view body, const std::string& ip);

  // The challenge (exposed for tests).
  struct Challenge {
    std::string question, token;
  };
  Challenge NewChallenge();
  bool CheckChallenge(const std::string& token, const std::string& answer);
  std::string TrackCookie(const std::string& code);
  bool CookieAllows(const std::string& cookie_header, const std::string& code);

 private:
  PortalPage FormWith(const Form& values, const Status& error);
  PortalPage Render(int status, const std::string& title, const std::string& main);
  std::string Mac(const std::string& data) const;
  // Records a challenge's nonce; false when it was used before (single use).
  bool Spend(const std::string& nonce, int64_t expiry, int64_t now) EXCLUDES(mu_);

  RequestService* const service_;
  Env* const env_;
  const PortalOptions options_;
  std::string key_;
  Mutex mu_;
  std::unordered_map<std::string, int64_t> used_tokens_ GUARDED_BY(mu_);  // nonce → expiry
};

}  // namespace pol::citizen
