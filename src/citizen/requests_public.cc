// RequestService: what citizens and the public see. A citizen reaches a request with its tracking
// code and the mobile it was filed with (failures throttled per address), rates it once closed, or
// reopens it within reopen_days; the Open311 status shows no personal data.
#include <sodium.h>

#include <algorithm>

#include "accounts/validate.h"
#include "citizen/requests.h"
#include "citizen/requests_internal.h"
#include "citizen/tracking_code.h"
#include "text/identifiers.h"
#include "text/number_words.h"

namespace pol::citizen {

using nlohmann::json;
using store::CitizenRequest;
using store::Conn;
using namespace internal;

namespace {

constexpr int64_t kLookupWindow = 15 * kMinute;

// Constant-time comparison of the mobile; unknown codes compare against a dummy.
bool MobileMatches(const std::optional<CitizenRequest>& r, const std::string& mobile) {
  const std::string have = r ? r->mobile : std::string("00000000000");
  return r && !r->erased && have.size() == mobile.size() &&
         sodium_memcmp(have.data(), mobile.data(), have.size()) == 0;
}

}  // namespace

StatusOr<CitizenView> RequestService::MakeView(Conn& c, const CitizenRequest& r) {
  CitizenView v;
  v.request = r;
  POL_ASSIGN_OR_RETURN(v.events, store::ListRequestEvents(c, r.id, true));
  if (r.merged_into) {
    POL_ASSIGN_OR_RETURN(auto main_events, store::ListRequestEvents(c, *r.merged_into, true));
    for (auto& e : main_events) {
      if (e.kind == "replied" || e.kind == "closed") v.events.push_back(std::move(e));
    }
    std::sort(v.events.begin(), v.events.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  }
  POL_ASSIGN_OR_RETURN(v.attachments, store::ListCitizenAttachments(c, r.id));
  const int64_t now = env_->NowMillis();
  v.can_rate = r.state == "closed" && !r.csat;
  if (r.state == "closed" && r.closed_at) {
    v.reopen_until = *r.closed_at + options_.reopen_days * kDay;
    v.can_reopen = now <= v.reopen_until;
  }
  return v;
}

StatusOr<CitizenView> RequestService::Lookup(const std::string& tracking_code, const std::string& mobile,
                                             const std::string& ip) {
  const int64_t now = env_->NowMillis();
  const Status not_found = NotFound("درخواستی با این کد رهگیری و این شمارهٔ همراه پیدا نشد.");
  if (limiter_.Count("lookupfail:" + ip, kLookupWindow, now) >= options_.lookup_failures_per_ip) {
    return ResourceExhausted(
        "rate_limited",
        "تلاش‌های ناموفق زیاد بود؛ پانزده دقیقهٔ دیگر دوباره تلاش کنید.");
  }
  auto tc = NormalizeTrackingCode(tracking_code);
  auto m = text::NormalizeIranianMobile(mobile);
  if (!tc || !m) {
    limiter_.Record("lookupfail:" + ip, now);
    return not_found;
  }
  CitizenView v;
  bool ok = false;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::FindCitizenRequestByCode(c, *tc));
    ok = MobileMatches(r, *m);
    if (!ok) return Status::Ok();
    POL_ASSIGN_OR_RETURN(v, MakeView(c, *r));
    return Status::Ok();
  }));
  if (!ok) {
    limiter_.Record("lookupfail:" + ip, now);
    return not_found;
  }
  return v;
}

StatusOr<CitizenView> RequestService::ViewByCode(const std::string& tracking_code) {
  auto tc = NormalizeTrackingCode(tracking_code);
  if (!tc) return RequestNotFound();
  CitizenView v;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::FindCitizenRequestByCode(c, *tc));
    if (!r || r->erased) return RequestNotFound();
    POL_ASSIGN_OR_RETURN(v, MakeView(c, *r));
    return Status::Ok();
  }));
  return v;
}

StatusOr<CitizenView> RequestService::Rate(const std::string& tracking_code, int64_t score,
                                           const std::string& comment, const std::string& ip) {
  if (score < 1 || score > 5) return Bad("invalid_score", "امتیاز باید از ۱ تا ۵ باشد.", "score");
  POL_ASSIGN_OR_RETURN(std::string note, accounts::NormalizeText(comment, 1000, "comment", false));
  return ChangeByCode(tracking_code, ip, "rate", [&](Edit& e, CitizenRequest& r) -> Status {
    if (r.state != "closed")
      return FailedPrecondition("not_closed", "نظرسنجی پس از بسته شدن درخواست ممکن است.");
    if (r.csat)
      return FailedPrecondition(
          "already_rated",
          "نظر شما دربارهٔ این درخواست پیش‌تر ثبت شده است.");
    r.csat = score;
    r.csat_comment = note;
    r.rated_at = e.now;
    e.detail = {{"score", score}};
    return store::InsertRequestEvent(
        e.c, {.request_id = r.id,
              .at = e.now,
              .kind = "rated",
              .actor_name = kCitizenName,
              .agency_id = r.agency_id,
              .is_public = true,
              .body = "رضایت شما ثبت شد: " + text::ToPersianDigits(std::to_string(score)) + " از ۵.",
              .detail = json{{"score", score}}.dump()});
  });
}

StatusOr<CitizenView> RequestService::Reopen(const std::string& tracking_code, const std::string& reason,
                                             const std::string& ip) {
  POL_ASSIGN_OR_RETURN(std::string why, accounts::NormalizeText(reason, 2000, "reason", true));
  return ChangeByCode(tracking_code, ip, "reopen", [&](Edit& e, CitizenRequest& r) -> Status {
    if (r.state != "closed" || !r.closed_at) {
      return FailedPrecondition(
          "not_closed",
          "فقط درخواست بسته‌شده را می‌توان دوباره باز کرد.");
    }
    if (e.now > *r.closed_at + options_.reopen_days * kDay) {
      return FailedPrecondition(
          "reopen_expired",
          "مهلت اعلام «حل نشد» (" + text::ToPersianDigits(std::to_string(options_.reopen_days)) +
              " روز پس از بسته شدن) گذشته است؛ درخواست تازه‌ای ثبت کنید.");
    }
    r.state = r.agency_id ? "open" : "triage";
    r.reopen_count += 1;
    r.closed_at.reset();
    r.outcome.clear();
    r.csat.reset();
    r.csat_comment.clear();
    r.rated_at.reset();
    POL_RETURN_IF_ERROR(StartSla(e.c, r, e.now));
    return store::InsertRequestEvent(e.c, {.request_id = r.id,
                                           .at = e.now,
                                           .kind = "reopened",
                                           .actor_name = kCitizenName,
                                           .agency_id = r.agency_id,
                                           .is_public = true,
                                           .body = "شهروند اعلام کرد مشکل حل نشده است: " + why});
  });
}

StatusOr<CitizenRequest> RequestService::PublicStatus(const std::string& tracking_code,
                                                      const std::string& ip) {
  POL_ASSIGN_OR_RETURN(auto list, PublicStatuses({tracking_code}, ip));
  if (list.empty()) return RequestNotFound();
  return std::move(list.front());
}

StatusOr<std::vector<CitizenRequest>> RequestService::PublicStatuses(const std::vector<std::string>& codes,
                                                                     const std::string& ip) {
  // Every code asked counts, found or not: tracking codes cannot be enumerated from one address.
  const int64_t now = env_->NowMillis();
  const int64_t limit = options_.status_lookups_per_ip;
  if (limit > 0) {
    const std::string key = "status:" + ip;
    if (limiter_.Count(key, kHour, now) + static_cast<int64_t>(codes.size()) > limit) {
      return ResourceExhausted(
          "rate_limited",
          "پرسش‌های وضعیت از این نشانی در یک ساعت گذشته زیاد بود؛ کمی بعد دوباره تلاش کنید.");
    }
    limiter_.Record(key, now, static_cast<int64_t>(codes.size()));
  }
  std::vector<CitizenRequest> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    for (const auto& code : codes) {
      auto tc = NormalizeTrackingCode(code);
      if (!tc) continue;
      POL_ASSIGN_OR_RETURN(auto r, store::FindCitizenRequestStatus(c, *tc));
      if (r && r->verified && !r->erased) out.push_back(std::move(*r));
    }
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<store::Agency>> RequestService::PublicAgencies() {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  std::vector<store::Agency> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    store::AgencyFilter f{.council_id = council, .limit = 1000};
    POL_ASSIGN_OR_RETURN(auto page, store::ListAgencies(c, f));
    for (auto& a : page.first) {
      if (!a.disabled) out.push_back(std::move(a));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace pol::citizen
