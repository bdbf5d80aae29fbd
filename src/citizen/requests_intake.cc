// RequestService: filing a request (validation, attachments, group commit), routing it once its
// mobile is verified (rules and model, SLA clock, near-duplicates), and the demo's shortcut.
#include <algorithm>

#include "accounts/validate.h"
#include "citizen/duplicates.h"
#include "citizen/requests.h"
#include "citizen/requests_internal.h"
#include "citizen/tracking_code.h"
#include "text/identifiers.h"
#include "text/minhash.h"
#include "text/number_words.h"
#include "text/search_terms.h"

namespace pol::citizen {

using accounts::Actor;
using nlohmann::json;
using store::CitizenRequest;
using store::Conn;
using namespace internal;

struct RequestService::ValidSubmission {
  struct File {
    std::string name, mime, sha;
    const std::string* data;
  };
  std::string subject, text, name, mobile, national_code;
  std::vector<File> files;
};

namespace {

Status TooLong(size_t max_chars) {
  return Bad("too_long",
             "متن درخواست طولانی‌تر از حد مجاز (" +
                 text::ToPersianDigits(std::to_string(max_chars)) + " نویسه) است.",
             "text");
}

StatusOr<std::string> ValidText(const std::string& in, size_t max_chars) {
  if (in.size() > max_chars * 4) return TooLong(max_chars);
  auto body = accounts::NormalizeText(in, max_chars, "text", true);
  if (!body.ok()) {
    if (body.status().api_code() == "too_long") return TooLong(max_chars);
    return Bad("required", "متن درخواست را بنویسید.", "text");
  }
  if (text::SearchTerms(*body).empty()) return Bad("required", "متن درخواست را بنویسید.", "text");
  return *body;
}

// "" when none was given (blank is none).
StatusOr<std::string> ValidNationalCode(const std::string& in) {
  if (in.empty() || std::all_of(in.begin(), in.end(), [](char ch) { return ch == ' '; }))
    return std::string();
  auto nc = text::NormalizeNationalCode(in);
  if (!nc) {
    return Bad("invalid_national_code", "کد ملی درست نیست؛ ده رقم آن را دوباره بررسی کنید.", "national_code");
  }
  return *nc;
}

}  // namespace

StatusOr<RequestService::ValidSubmission> RequestService::Validate(const SubmitInput& in) const {
  ValidSubmission v;
  if (!IsRequestType(in.type)) return Bad("invalid_type", "نوع درخواست را انتخاب کنید.", "type");
  POL_ASSIGN_OR_RETURN(v.subject, accounts::NormalizeText(in.subject, 200, "subject", true));
  std::replace(v.subject.begin(), v.subject.end(), '\n', ' ');
  POL_ASSIGN_OR_RETURN(v.text, ValidText(in.text, options_.max_text_chars));
  POL_ASSIGN_OR_RETURN(v.name, accounts::NormalizeText(in.name, 100, "name", true));
  auto mobile = text::NormalizeIranianMobile(in.mobile);
  if (!mobile) return Bad("invalid_mobile", "شمارهٔ همراه معتبر نیست؛ مانند ۰۹۱۲۳۴۵۶۷۸۹ بنویسید.", "mobile");
  v.mobile = *mobile;
  POL_ASSIGN_OR_RETURN(v.national_code, ValidNationalCode(in.national_code));
  if (in.files.size() > options_.max_files) {
    return Bad("too_many_files",
               "حداکثر " + text::ToPersianDigits(std::to_string(options_.max_files)) +
                   " پیوست می‌توان فرستاد.",
               "attachments");
  }
  for (const Upload& u : in.files) {
    if (u.data.empty()) continue;
    if (u.data.size() > options_.max_file_bytes) {
      return Bad("file_too_large",
                 "هر پیوست حداکثر " + text::ToPersianDigits(std::to_string(options_.max_file_bytes / 1024)) +
                     " کیلوبایت می‌تواند باشد.",
                 "attachments");
    }
    std::string mime = SniffAttachmentType(u.data);
    if (mime.empty()) {
      return Bad(
          "invalid_file_type",
          "فقط عکس (JPEG، PNG، WebP) و PDF پذیرفته می‌شود؛ محتوای پرونده با این نوع‌ها نمی‌خواند.",
          "attachments");
    }
    auto fname =
        accounts::NormalizeText(u.filename.empty() ? "پیوست" : u.filename, 120, "attachments", false);
    v.files.push_back({fname.ok() ? *fname : "پیوست", mime, Sha256Hex(u.data), &u.data});
  }
  return v;
}

StatusOr<SubmitResult> RequestService::Submit(const SubmitInput& in) {
  // Validation first: bad input changes nothing.
  POL_ASSIGN_OR_RETURN(ValidSubmission v, Validate(in));
  POL_ASSIGN_OR_RETURN(int64_t council_id, ServedCouncil());
  const int64_t now = env_->NowMillis();
  // A known Open311 client submits for many citizens from one address: only the per-mobile limit.
  if (!in.skip_limits &&
      ((!in.known_client && !limiter_.Allow("ip:" + in.ip, options_.per_ip_per_hour, kHour, now)) ||
       !limiter_.Allow("mobile:" + v.mobile, options_.per_mobile_per_hour, kHour, now))) {
    return ResourceExhausted(
        "rate_limited",
        "تعداد درخواست‌های فرستاده‌شده از این نشانی یا این شماره در یک ساعت گذشته زیاد است؛ "
        "کمی بعد دوباره تلاش کنید.");
  }
  // Open311 without an API key: a small budget per address and one shared by all such clients.
  if (!in.skip_limits && in.keyless_open311 &&
      ((options_.open311_keyless_per_ip > 0 &&
        !limiter_.Allow("open311-keyless:" + in.ip, options_.open311_keyless_per_ip, kHour, now)) ||
       (options_.open311_keyless_per_hour > 0 &&
        !limiter_.Allow("open311-keyless", options_.open311_keyless_per_hour, kHour, now)))) {
    return ResourceExhausted(
        "rate_limited",
        "درخواست‌های بدون کلید API در این ساعت به سقف رسیده است؛ کمی بعد دوباره تلاش کنید یا از فرم درخواست "
        "در وبگاه استفاده کنید.");
  }
  // The files are on disk before the rows that name them commit.
  for (const auto& f : v.files) POL_RETURN_IF_ERROR(attachments_.Put(f.sha, *f.data));

  CitizenRequest r;
  r.council_id = council_id;
  r.type = in.type;
  r.subject = v.subject;
  r.text = v.text;
  r.state = "unverified";
  r.name = v.name;
  r.mobile = v.mobile;
  r.national_code = v.national_code;
  r.ip = in.ip;
  r.channel = in.channel.empty() ? "web" : in.channel;
  r.created_at = r.updated_at = now;
  r.signature = RequestSignature(r.subject, r.text);
  const std::string otp = NewOtp();
  POL_RETURN_IF_ERROR(
      AfterReserve(group_commit_.Run([&](Conn& c) { return Insert(c, in, v, r, otp); }), now));
  if (!in.mobile_verified) PostOtp(r.mobile, otp);
  return SubmitResult{.id = r.id, .tracking_code = r.tracking_code};
}

// Inside the shared transaction: the request with a fresh tracking code, its first event, its
// attachments' rows, the one-time code and the audit row.
Status RequestService::Insert(Conn& c, const SubmitInput& in, const ValidSubmission& v, CitizenRequest& r,
                              const std::string& otp) {
  const int64_t now = r.created_at;
  if (!in.agency.empty() && in.agency != "unknown") {
    POL_ASSIGN_OR_RETURN(auto a, store::FindAgencyBySlug(c, r.council_id, in.agency));
    if (!a || a->disabled)
      return Bad("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.", "agency");
    r.chosen_agency_id = a->id;
  }
  // A fresh tracking code; the column's unique index tells a code already given (one statement, not a
  // lookup before every insert).
  for (int attempt = 0;; ++attempt) {
    r.tracking_code = NewTrackingCode(env_);
    StatusOr<int64_t> id = store::InsertCitizenRequest(c, r);
    if (id.ok()) {
      r.id = *id;
      break;
    }
    const auto taken = store::AsUniqueViolation(id.status());
    if (!taken || !taken->Covers("tracking_code")) return id.status();
    if (attempt > 10) return Internal("tracking code space exhausted?");
  }
  POL_RETURN_IF_ERROR(store::InsertRequestEvent(c, {.request_id = r.id,
                                                    .at = now,
                                                    .kind = "submitted",
                                                    .actor_name = kCitizenName,
                                                    .is_public = true,
                                                    .body = "درخواست ثبت شد؛ در انتظار تأیید شمارهٔ همراه."}));
  for (const auto& f : v.files) {
    POL_RETURN_IF_ERROR(store::InsertCitizenAttachment(c, {.request_id = r.id,
                                                           .name = f.name,
                                                           .mime = f.mime,
                                                           .size = static_cast<int64_t>(f.data->size()),
                                                           .sha256 = f.sha,
                                                           .created_at = now})
                            .status());
  }
  if (in.mobile_verified) {
    // The messenger's own-contact mobile: verified without a code, routed at once.
    r.verified = true;
    POL_RETURN_IF_ERROR(RouteIn(c, r, now));
    POL_RETURN_IF_ERROR(store::UpdateCitizenRequest(c, r, now));
    r.version += 1;
  } else {
    if (!in.skip_limits) POL_RETURN_IF_ERROR(ReserveOtpSend(c, r.mobile, now, false));
    POL_RETURN_IF_ERROR(store::InsertOtp(c, {.request_id = r.id,
                                             .code_hash = OtpHash(r.id, otp),
                                             .expires_at = now + options_.otp_ttl_ms,
                                             .created_at = now}));
  }
  if (in.in_transaction) POL_RETURN_IF_ERROR(in.in_transaction(c, r));
  const Actor system{nullptr, in.ip};
  return accounts::Audit(c, system, now, "submit", "citizen_request", std::to_string(r.id),
                         {r.council_id, {}}, {{"type", r.type}, {"attachments", v.files.size()}});
}

Status RequestService::RouteIn(Conn& c, CitizenRequest& r, int64_t now) {
  POL_ASSIGN_OR_RETURN(auto allowed, CouncilAgencies(c, r.council_id));
  RouteDecision d = router_->Route(r.council_id, r.chosen_agency_id, r.type, r.subject, r.text, allowed);
  r.agency_id = d.agency_id;
  r.route_source = d.source;
  r.route_confidence = d.confidence;
  r.state = d.agency_id ? "open" : "triage";
  POL_RETURN_IF_ERROR(StartSla(c, r, now));
  std::string agency_name;
  if (r.agency_id) {
    POL_ASSIGN_OR_RETURN(auto a, store::GetAgency(c, *r.agency_id));
    agency_name = AgencyLabel(a);
  }
  const std::vector<int64_t> bands = DuplicateBands(r.signature);
  POL_RETURN_IF_ERROR(FindDuplicate(c, r, bands, now));
  POL_RETURN_IF_ERROR(store::InsertRequestBands(c, r.id, bands, now));
  json detail = {{"source", d.source}, {"confidence", d.confidence}};
  if (d.rule_id) detail["rule_id"] = *d.rule_id;
  if (r.duplicate_of) detail["duplicate_of"] = *r.duplicate_of;
  return store::InsertRequestEvent(c, {.request_id = r.id,
                                       .at = now,
                                       .kind = "routed",
                                       .actor_name = kSystemName,
                                       .agency_id = r.agency_id,
                                       .is_public = true,
                                       .body = r.agency_id ? "درخواست به «" + agency_name + "» ارجاع شد."
                                                           : "درخواست برای ارجاع به دبیرخانهٔ شورا رفت.",
                                       .detail = detail.dump()});
}

// Near-duplicates among the last 30 days: the oldest similar request becomes duplicate_of.
Status RequestService::FindDuplicate(Conn& c, CitizenRequest& r, const std::vector<int64_t>& bands,
                                     int64_t now) {
  auto mine = ParseSignature(r.signature);
  if (!mine) return Status::Ok();
  POL_ASSIGN_OR_RETURN(auto candidates, store::RequestsWithBands(c, bands, now - 30 * kDay, r.id));
  for (int64_t cand : candidates) {
    POL_ASSIGN_OR_RETURN(auto other, store::GetCitizenRequest(c, cand));
    if (!other || other->state == "unverified" || other->merged_into) continue;
    auto sig = ParseSignature(other->signature);
    if (sig && text::EstimateJaccard(*mine, *sig) >= options_.duplicate_jaccard) {
      r.duplicate_of = other->duplicate_of.value_or(other->id);
      break;
    }
  }
  return Status::Ok();
}

StatusOr<CitizenRequest> RequestService::DemoSubmit(const SubmitInput& in) {
  SubmitInput x = in;
  x.skip_limits = true;
  POL_ASSIGN_OR_RETURN(SubmitResult res, Submit(x));
  // Verify directly (the demo has no phone): mark the code used and route.
  const int64_t now = env_->NowMillis();
  CitizenRequest r;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, Load(c, res.id));
    POL_ASSIGN_OR_RETURN(auto otp, store::LatestOtp(c, r.id));
    if (otp) {
      otp->used_at = now;
      POL_RETURN_IF_ERROR(store::UpdateOtp(c, *otp));
    }
    r.verified = true;
    POL_RETURN_IF_ERROR(RouteIn(c, r, now));
    POL_RETURN_IF_ERROR(store::UpdateCitizenRequest(c, r, now));
    r.version += 1;
    return Status::Ok();
  }));
  return r;
}

}  // namespace pol::citizen
