// GET/POST /committee/rsvp/{token}: a member answers a meeting invitation from the signed link of the
// e-mail or SMS (yes, no, or a named delegate); a tampered link is a Persian 400 page, an expired one
// 410, nothing written. GET /api/v1/committee-meetings/{id}/notices: what was sent to whom (secretary,
// council admins).
#include "api/json_io.h"
#include "api/routes.h"
#include "citizen/form.h"
#include "text/html_escape.h"
#include "text/number_words.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

std::string Esc(std::string_view s) { return text::EscapeHtml(s); }

Response Page(int status, const std::string& title, const std::string& body) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" +
      Esc(title) +
      "</title><style>body{font-family:Vazirmatn,Tahoma,sans-serif;max-width:36rem;margin:3rem auto;"
      "padding:0 1rem;line-height:1.9;color:#222}button{font:inherit;padding:.4rem 1.2rem;border-radius:.4rem;"
      "border:1px solid #0d6efd;background:#0d6efd;color:#fff;cursor:pointer}label{display:block}"
      "input[type=text]{font:inherit;width:100%}.muted{color:#666}</style></head><body><main><h1>" +
      Esc(title) + "</h1>" + body + "</main></body></html>\n";
  Response r = Response::Text(std::move(html), "text/html; charset=utf-8", status);
  r.With("Cache-Control", "no-store").With("Referrer-Policy", "no-referrer").With("X-Robots-Tag", "noindex");
  return r;
}

Response ErrorPage(const Status& st) {
  if (st.api_code() == "link_expired")
    return Page(410, "پیوند منقضی شده", "<p>" + Esc(st.message()) + "</p>");
  if (st.code() == StatusCode::kNotFound)
    return Page(404, "دعوت پیدا نشد", "<p>" + Esc(st.message()) + "</p>");
  if (st.code() == StatusCode::kInvalidArgument) {
    return Page(400, "پیوند یا پاسخ نامعتبر", "<p>" + Esc(st.message()) + "</p>");
  }
  if (st.code() == StatusCode::kFailedPrecondition) {
    return Page(409, "پاسخ ثبت نشد", "<p>" + Esc(st.message()) + "</p>");
  }
  return Page(500, "خطا", "<p>پاسخ ثبت نشد؛ دوباره تلاش کنید.</p>");
}

std::string AnswerText(const committee::RsvpPage& p) {
  if (p.rsvp == "yes") return "شرکت می‌کنم";
  if (p.rsvp == "no") return "شرکت نمی‌کنم";
  if (p.rsvp == "delegate") return "نماینده می‌فرستم: " + p.delegate_name;
  return "";
}

std::string Details(const committee::RsvpPage& p) {
  std::string b = "<p>" + Esc(p.member_name) + " گرامی، به جلسهٔ شمارهٔ " +
                  text::ToPersianDigits(std::to_string(p.meeting_number)) + " «" + Esc(p.committee_name) +
                  "» دعوت شده‌اید.</p><p>زمان: " + Esc(p.starts_jalali) + "</p>";
  if (!p.place.empty()) b += "<p>مکان: " + Esc(p.place) + "</p>";
  if (!p.online_url.empty()) b += "<p>پیوند برخط: <bdi>" + Esc(p.online_url) + "</bdi></p>";
  if (!p.rsvp.empty())
    b += "<p class=\"answer\">پاسخ ثبت‌شدهٔ شما: " + Esc(AnswerText(p)) + "</p>";
  return b;
}

std::string Form(const std::string& token, const committee::RsvpPage& p) {
  auto radio = [&](const char* value, const char* label) {
    return std::string("<label><input type=\"radio\" name=\"rsvp\" value=\"") + value + "\"" +
           (p.rsvp == value ? " checked" : "") + "> " + label + "</label>";
  };
  return "<form method=\"post\" action=\"/committee/rsvp/" + Esc(token) + "\">" +
         radio("yes", "شرکت می‌کنم") + radio("no", "شرکت نمی‌کنم") +
         radio("delegate", "نماینده می‌فرستم") +
         "<label>نام نماینده <input type=\"text\" name=\"delegate_name\" maxlength=\"200\" value=\"" +
         Esc(p.delegate_name) + "\"></label><p><button type=\"submit\">ثبت پاسخ</button></p></form>";
}

Json NoticeJson(const store::CommitteeNotice& n) {
  return Json{{"id", n.id},
              {"kind", n.kind},
              {"channel", n.channel},
              {"meeting_id", OptJson(n.meeting_id)},
              {"decision_id", OptJson(n.decision_id)},
              {"member_id", OptJson(n.member_id)},
              {"user_id", n.user_id},
              {"sequence", n.sequence},
              {"status", n.status},
              {"error", n.error},
              {"created_at", n.created_at},
              {"sent_at", OptJson(n.sent_at)}};
}

}  // namespace

void RegisterCommitteeInvitationRoutes(http::Router& r, const Services& s) {
  committee::Invitations* inv = s.committee_invitations;  // null only where routes are listed (openapi_test)
  r.Add(V::get, "/committee/rsvp/{token}", Access::kPublic, [inv](Request& req) {
    const std::string token = req.params["token"];
    auto page = inv->OpenRsvp(token);
    if (!page.ok()) return ErrorPage(page.status());
    if (!page->open)
      return Page(409, "پاسخ به دعوت بسته است", Details(*page) + "<p>این جلسه در انتظار پاسخ دعوت نیست.</p>");
    return Page(200, "پاسخ به دعوت جلسه", Details(*page) + Form(token, *page));
  });
  r.Add(V::post, "/committee/rsvp/{token}", Access::kPublic, [inv](Request& req) {
    const std::string token = req.params["token"];
    // A body that is not a form answers nothing (the link is checked first, then the missing answer).
    auto form = citizen::ParseForm(req.Header("content-type"), req.body);
    const std::string rsvp = form.ok() ? form->Get("rsvp") : "";
    const std::string delegate = form.ok() ? form->Get("delegate_name") : "";
    auto page = inv->AnswerRsvp(token, rsvp, delegate, req.remote_ip);
    if (!page.ok()) return ErrorPage(page.status());
    return Page(200, "پاسخ شما ثبت شد", Details(*page) + Form(token, *page));
  });
  r.Add(V::get, "/api/v1/committee-meetings/{id}/notices", Access::kSession, [inv](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto list, inv->MeetingNotices(ActorOf(req), id));
    Json items = Json::array();
    for (const auto& n : list) items.push_back(NoticeJson(n));
    return Response::MakeJson(Json{{"items", items}});
  });
}

}  // namespace pol::api
