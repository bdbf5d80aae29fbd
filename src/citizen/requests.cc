#include "citizen/requests.h"

#include <fcntl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "accounts/validate.h"
#include "citizen/tracking_code.h"
#include "store/council_repo.h"
#include "store/release_repo.h"
#include "store/user_repo.h"
#include "text/identifiers.h"
#include "text/minhash.h"
#include "text/normalize.h"
#include "text/number_words.h"
#include "text/search_terms.h"
#include "text/shingles.h"

namespace pol::citizen {
namespace {

using accounts::Actor;
using accounts::Role;
using nlohmann::json;
using store::CitizenRequest;
using store::Conn;

constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kDay = 24 * kHour;
constexpr int kBands = 16;  // LSH: 16 bands × 8 rows; Jaccard 0.8 is found with p ≈ 0.9

const std::vector<RequestType> kTypes = {
    {"question", "پرسش"},      {"complaint", "شکایت"},      {"criticism", "انتقاد"},
    {"suggestion", "پیشنهاد"}, {"appreciation", "قدردانی"}, {"report", "گزارش"},
};

std::optional<int64_t> ActorId(const Actor& a) {
  if (a.IsSystem()) return std::nullopt;
  return a.principal->user_id;
}
std::string ActorName(const Actor& a) { return a.IsSystem() ? "سامانه" : a.principal->name; }

bool HandlesAgency(const Actor& a, std::optional<int64_t> agency_id) {
  if (!agency_id || a.IsSystem()) return a.IsSystem();
  return a.principal->HasInAgency(Role::kCitizenDesk, *agency_id) ||
         a.principal->HasInAgency(Role::kAgencyPrManager, *agency_id);
}

bool CouncilDesk(const Actor& a, int64_t council_id) {
  return a.IsSystemAdmin() || a.principal->HasInCouncil(Role::kCouncilAdmin, council_id);
}

std::string Hex(const unsigned char* p, size_t n) {
  static const char* k = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s.push_back(k[p[i] >> 4]);
    s.push_back(k[p[i] & 15]);
  }
  return s;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return Hex(h, sizeof h);
}

std::string OtpHash(int64_t request_id, const std::string& code) {
  return Sha256Hex("pol-otp:" + std::to_string(request_id) + ":" + code);
}

std::string SignatureHex(const text::MinHashSignature& s) {
  if (s.empty) return "";
  return Hex(reinterpret_cast<const unsigned char*>(s.values.data()), sizeof(uint32_t) * s.values.size());
}

std::optional<text::MinHashSignature> ParseSignature(const std::string& hex) {
  if (hex.size() != sizeof(uint32_t) * text::kMinHashSize * 2) return std::nullopt;
  text::MinHashSignature s;
  s.empty = false;
  auto* bytes = reinterpret_cast<unsigned char*>(s.values.data());
  for (size_t i = 0; i < hex.size() / 2; ++i) {
    auto nib = [](char ch) { return ch <= '9' ? ch - '0' : ch - 'a' + 10; };
    bytes[i] = static_cast<unsigned char>(nib(hex[2 * i]) * 16 + nib(hex[2 * i + 1]));
  }
  return s;
}

// The file's real type from its first bytes; "" when not an accepted type.
std::string SniffType(const std::string& d) {
  auto starts = [&](std::string_view p) { return d.size() >= p.size() && d.compare(0, p.size(), p) == 0; };
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts("\x89PNG\r\n\x1A\n")) return "image/png";
  if (d.size() >= 12 && starts("RIFF") && d.compare(8, 4, "WEBP") == 0) return "image/webp";
  if (starts("%PDF-")) return "application/pdf";
  return "";
}

Status Bad(const char* code, const std::string& message, const char* field) {
  return InvalidArgument(code, message, field);
}

}  // namespace

const std::vector<RequestType>& RequestTypes() { return kTypes; }

std::string TypeName(const std::string& code) {
  for (const auto& t : kTypes) {
    if (code == t.code) return t.name;
  }
  return code;
}

std::string StateName(const std::string& s) {
  if (s == "unverified") return "در انتظار تأیید شمارهٔ همراه";
  if (s == "triage") return "در دبیرخانهٔ شورا برای ارجاع";
  if (s == "open") return "در دست بررسی دستگاه";
  if (s == "answered") return "پاسخ داده شد";
  if (s == "closed") return "بسته شد";
  if (s == "merged") return "ادغام‌شده با درخواست مشابه";
  return s;
}

std::string MaskMobile(const std::string& m) {
  if (m.size() != 11) return m.empty() ? "" : "***";
  return m.substr(0, 4) + "***" + m.substr(7);
}

std::vector<LabelledRequest> ParseLabelledSet(std::string_view jsonl) {
  std::vector<LabelledRequest> out;
  std::istringstream in{std::string(jsonl)};
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    try {
      json j = json::parse(line);
      out.push_back({j.at("agency").get<std::string>(), j.value("type", ""), j.value("subject", ""),
                     j.at("text").get<std::string>()});
    } catch (const std::exception&) {
      continue;
    }
  }
  return out;
}

// ---- rate limiting ----

bool RateLimiter::Allow(const std::string& key, int64_t limit, int64_t window_ms, int64_t now) {
  if (limit <= 0) return true;
  std::lock_guard lock(mu_);
  auto& q = events_[key];
  while (!q.empty() && q.front() <= now - window_ms) q.pop_front();
  if (static_cast<int64_t>(q.size()) >= limit) return false;
  q.push_back(now);
  if (now - last_sweep_ > 10 * 60 * 1000) {  // forget idle keys now and then
    last_sweep_ = now;
    for (auto it = events_.begin(); it != events_.end();) {
      if (it->second.empty() || it->second.back() <= now - kDay) {
        it = events_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return true;
}

int64_t RateLimiter::Count(const std::string& key, int64_t window_ms, int64_t now) {
  std::lock_guard lock(mu_);
  auto it = events_.find(key);
  if (it == events_.end()) return 0;
  auto& q = it->second;
  while (!q.empty() && q.front() <= now - window_ms) q.pop_front();
  return static_cast<int64_t>(q.size());
}

void RateLimiter::Record(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  events_[key].push_back(now);
}

// ---- service ----

struct RequestService::Group {
  const std::function<Status(Conn&)>* fn;
  Status result;
  bool done = false;
};

RequestService::RequestService(store::Database* db, Env* env, jobs::Queue* queue, SmsProvider* sms,
                               SmsOutbox* outbox, Router* router, RequestOptions options)
    : db_(db),
      env_(env),
      queue_(queue),
      sms_(sms),
      outbox_(outbox),
      router_(router),
      options_(std::move(options)),
      calendar_(options_.work_week) {}

Status RequestService::GroupCommit(const std::function<Status(Conn&)>& fn) {
  Group me{&fn};
  std::unique_lock lock(group_mu_);
  group_pending_.push_back(&me);
  while (!me.done) {
    if (group_leader_) {
      group_cv_.wait(lock);
      continue;
    }
    group_leader_ = true;
    std::vector<Group*> batch;
    batch.swap(group_pending_);
    lock.unlock();
    std::vector<Status> results(batch.size());
    Status s = db_->Write([&](Conn& c) -> Status {
      for (size_t i = 0; i < batch.size(); ++i) {
        if (batch.size() == 1) {
          results[i] = (*batch[i]->fn)(c);
          return results[i];
        }
        POL_RETURN_IF_ERROR(c.Exec("SAVEPOINT pol_group").status());
        results[i] = (*batch[i]->fn)(c);
        if (!results[i].ok()) POL_RETURN_IF_ERROR(c.Exec("ROLLBACK TO pol_group").status());
        POL_RETURN_IF_ERROR(c.Exec("RELEASE pol_group").status());
      }
      return Status::Ok();
    });
    lock.lock();
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->result = batch.size() == 1 ? s : (s.ok() ? results[i] : s);
      batch[i]->done = true;
    }
    group_leader_ = false;
    group_cv_.notify_all();
  }
  return me.result;
}

StatusOr<int64_t> RequestService::ServedCouncil() {
  {
    std::lock_guard lock(council_mu_);
    if (council_id_) return *council_id_;
  }
  std::optional<int64_t> id;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    if (!options_.council_slug.empty()) {
      POL_ASSIGN_OR_RETURN(auto co, store::FindCouncilBySlug(c, options_.council_slug));
      if (co) id = co->id;
      return Status::Ok();
    }
    POL_ASSIGN_OR_RETURN(auto all, store::ListCouncils(c));
    for (const auto& co : all) {
      if (!id || co.id < *id) id = co.id;
    }
    return Status::Ok();
  }));
  if (!id) return Unavailable("هنوز شورایی تعریف نشده است.");
  std::lock_guard lock(council_mu_);
  council_id_ = id;
  return *id;
}

StatusOr<std::vector<int64_t>> RequestService::CouncilAgencies(Conn& c, int64_t council_id) {
  store::AgencyFilter f{.council_id = council_id, .limit = 1000};
  POL_ASSIGN_OR_RETURN(auto page, store::ListAgencies(c, f));
  std::vector<int64_t> ids;
  for (const auto& a : page.first) {
    if (!a.disabled) ids.push_back(a.id);
  }
  return ids;
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

std::vector<int64_t> RequestService::DuplicateBands(const std::string& hex) const {
  std::vector<int64_t> keys;
  auto sig = ParseSignature(hex);
  if (!sig) return keys;
  const int rows = text::kMinHashSize / kBands;
  for (int b = 0; b < kBands; ++b) {
    uint64_t h = 1469598103934665603ull ^ static_cast<uint64_t>(b);
    for (int r = 0; r < rows; ++r) {
      h ^= sig->values[static_cast<size_t>(b * rows + r)];
      h *= 1099511628211ull;
    }
    keys.push_back(static_cast<int64_t>(h >> 1));
  }
  return keys;
}

std::string RequestService::StoreFile(const std::string& sha, const std::string& data, Status* status) const {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(options_.data_dir) / "citizen-attachments";
  std::error_code ec;
  fs::create_directories(dir, ec);
  fs::path path = dir / sha;
  if (fs::exists(path, ec)) return path.string();
  fs::path tmp = dir / (sha + ".tmp" + std::to_string(::getpid()) + "-" + RandomHex(env_, 4));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) {
    *status = Internal("attachment: cannot create " + tmp.string());
    return "";
  }
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n <= 0) {
      ::close(fd);
      *status = Internal("attachment: write failed");
      return "";
    }
    off += static_cast<size_t>(n);
  }
  // The file is on disk before the row that names it commits.
  if (::fsync(fd) != 0) {
    ::close(fd);
    *status = Internal("attachment: fsync failed");
    return "";
  }
  ::close(fd);
  fs::rename(tmp, path, ec);
  if (ec) {
    *status = Internal("attachment: rename failed");
    return "";
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return path.string();
}

StatusOr<SubmitResult> RequestService::Submit(const SubmitInput& in) {
  // Validation first: bad input changes nothing.
  if (std::none_of(kTypes.begin(), kTypes.end(), [&](const RequestType& t) { return in.type == t.code; })) {
    return Bad("invalid_type", "نوع درخواست را انتخاب کنید.", "type");
  }
  POL_ASSIGN_OR_RETURN(std::string subject, accounts::NormalizeText(in.subject, 200, "subject", true));
  std::replace(subject.begin(), subject.end(), '\n', ' ');
  if (in.text.size() > options_.max_text_chars * 4) {
    return Bad("too_long",
               "متن درخواست طولانی‌تر از حد مجاز (" +
                   text::ToPersianDigits(std::to_string(options_.max_text_chars)) + " نویسه) است.",
               "text");
  }
  auto body = accounts::NormalizeText(in.text, options_.max_text_chars, "text", true);
  if (!body.ok()) {
    if (body.status().api_code() == "too_long") {
      return Bad("too_long",
                 "متن درخواست طولانی‌تر از حد مجاز (" +
                     text::ToPersianDigits(std::to_string(options_.max_text_chars)) + " نویسه) است.",
                 "text");
    }
    return Bad("required", "متن درخواست را بنویسید.", "text");
  }
  if (text::SearchTerms(*body).empty()) return Bad("required", "متن درخواست را بنویسید.", "text");
  POL_ASSIGN_OR_RETURN(std::string name, accounts::NormalizeText(in.name, 100, "name", true));
  auto mobile = text::NormalizeIranianMobile(in.mobile);
  if (!mobile) return Bad("invalid_mobile", "شمارهٔ همراه معتبر نیست؛ مانند ۰۹۱۲۳۴۵۶۷۸۹ بنویسید.", "mobile");
  std::string national_code;
  if (!in.national_code.empty() &&
      !std::all_of(in.national_code.begin(), in.national_code.end(), [](char ch) { return ch == ' '; })) {
    auto nc = text::NormalizeNationalCode(in.national_code);
    if (!nc)
      return Bad("invalid_national_code", "کد ملی درست نیست؛ ده رقم آن را دوباره بررسی کنید.",
                 "national_code");
    national_code = *nc;
  }
  if (in.files.size() > options_.max_files) {
    return Bad("too_many_files",
               "حداکثر " + text::ToPersianDigits(std::to_string(options_.max_files)) +
                   " پیوست می‌توان فرستاد.",
               "attachments");
  }
  struct File {
    std::string name, mime, sha;
    const std::string* data;
  };
  std::vector<File> files;
  for (const Upload& u : in.files) {
    if (u.data.empty()) continue;
    if (u.data.size() > options_.max_file_bytes) {
      return Bad("file_too_large",
                 "هر پیوست حداکثر " + text::ToPersianDigits(std::to_string(options_.max_file_bytes / 1024)) +
                     " کیلوبایت می‌تواند باشد.",
                 "attachments");
    }
    std::string mime = SniffType(u.data);
    if (mime.empty()) {
      return Bad(
          "invalid_file_type",
          "فقط عکس (JPEG، PNG، WebP) و PDF پذیرفته می‌شود؛ محتوای پرونده با این نوع‌ها نمی‌خواند.",
          "attachments");
    }
    auto fname =
        accounts::NormalizeText(u.filename.empty() ? "پیوست" : u.filename, 120, "attachments", false);
    files.push_back({fname.ok() ? *fname : "پیوست", mime, Sha256Hex(u.data), &u.data});
  }
  POL_ASSIGN_OR_RETURN(int64_t council_id, ServedCouncil());

  const int64_t now = env_->NowMillis();
  if (!in.skip_limits && (!limiter_.Allow("ip:" + in.ip, options_.per_ip_per_hour, kHour, now) ||
                          !limiter_.Allow("mobile:" + *mobile, options_.per_mobile_per_hour, kHour, now))) {
    return ResourceExhausted(
        "rate_limited",
        "تعداد درخواست‌های فرستاده‌شده از این نشانی یا این شماره در یک ساعت گذشته زیاد است؛ "
        "کمی بعد دوباره تلاش کنید.");
  }
  for (const File& f : files) {
    Status st;
    StoreFile(f.sha, *f.data, &st);
    if (!st.ok()) return st;
  }

  CitizenRequest r;
  r.council_id = council_id;
  r.type = in.type;
  r.subject = subject;
  r.text = *body;
  r.state = "unverified";
  r.name = name;
  r.mobile = *mobile;
  r.national_code = national_code;
  r.ip = in.ip;
  r.created_at = r.updated_at = now;
  r.signature = SignatureHex(text::MinHash(text::TextShingles(r.subject + "\n" + r.text, 3)));
  std::string otp;
  {
    std::string b = env_->RandomBytes(8);
    uint64_t v = 0;
    for (unsigned char ch : b) v = v * 256 + ch;
    otp = std::to_string(100000 + v % 900000);
  }
  std::string agency_in = in.agency;
  SubmitResult result;
  Status s = GroupCommit([&](Conn& c) -> Status {
    if (!agency_in.empty() && agency_in != "unknown") {
      POL_ASSIGN_OR_RETURN(auto a, store::FindAgencyBySlug(c, council_id, agency_in));
      if (!a || a->disabled)
        return Bad("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.", "agency");
      r.chosen_agency_id = a->id;
    }
    for (int attempt = 0;; ++attempt) {
      r.tracking_code = NewTrackingCode(env_);
      POL_ASSIGN_OR_RETURN(auto existing, store::FindCitizenRequestByCode(c, r.tracking_code));
      if (!existing) break;
      if (attempt > 10) return Internal("tracking code space exhausted?");
    }
    POL_ASSIGN_OR_RETURN(r.id, store::InsertCitizenRequest(c, r));
    POL_RETURN_IF_ERROR(
        store::InsertRequestEvent(c, {.request_id = r.id,
                                      .at = now,
                                      .kind = "submitted",
                                      .actor_name = "شهروند",
                                      .is_public = true,
                                      .body = "درخواست ثبت شد؛ در انتظار تأیید شمارهٔ همراه."}));
    for (const File& f : files) {
      POL_RETURN_IF_ERROR(store::InsertCitizenAttachment(c, {.request_id = r.id,
                                                             .name = f.name,
                                                             .mime = f.mime,
                                                             .size = static_cast<int64_t>(f.data->size()),
                                                             .sha256 = f.sha,
                                                             .created_at = now})
                              .status());
    }
    POL_RETURN_IF_ERROR(store::InsertOtp(c, {.request_id = r.id,
                                             .code_hash = OtpHash(r.id, otp),
                                             .expires_at = now + options_.otp_ttl_ms,
                                             .created_at = now}));
    Actor system{nullptr, in.ip};
    return accounts::Audit(c, system, now, "submit", "citizen_request", std::to_string(r.id),
                           {council_id, {}}, {{"type", r.type}, {"attachments", files.size()}});
  });
  if (!s.ok()) return s;
  result.id = r.id;
  result.tracking_code = r.tracking_code;
  if (outbox_) {
    outbox_->Post(r.mobile, "کد تأیید درخواست شما در سامانهٔ شورا: " + otp + "\nاین کد را به کسی ندهید.");
  }
  return result;
}

StatusOr<CitizenRequest> RequestService::Load(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto r, store::GetCitizenRequest(c, id));
  if (!r) return NotFound("درخواست پیدا نشد.");
  return *r;
}

Status RequestService::StartSla(Conn& c, CitizenRequest& r, int64_t now) {
  POL_ASSIGN_OR_RETURN(auto targets, store::ListSlaTargets(c, r.council_id));
  SlaMinutes t = TargetFor(targets, r.agency_id, r.type);
  Deadlines d = ComputeDeadlines(calendar_, now, t);
  r.routed_at = now;
  if (!r.first_response_at) r.first_response_due = d.first_response_due;
  r.resolve_due = d.resolve_due;
  r.warned = 0;
  r.escalation = 0;
  return Status::Ok();
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
    agency_name = a.short_name.empty() ? a.name : a.short_name;
  }
  // Near-duplicates among the last 30 days: the oldest similar request becomes duplicate_of.
  auto bands = DuplicateBands(r.signature);
  POL_ASSIGN_OR_RETURN(auto candidates, store::RequestsWithBands(c, bands, now - 30 * kDay, r.id));
  auto mine = ParseSignature(r.signature);
  for (int64_t cand : candidates) {
    if (!mine) break;
    POL_ASSIGN_OR_RETURN(auto other, store::GetCitizenRequest(c, cand));
    if (!other || other->state == "unverified" || other->merged_into) continue;
    auto sig = ParseSignature(other->signature);
    if (sig && text::EstimateJaccard(*mine, *sig) >= options_.duplicate_jaccard) {
      r.duplicate_of = other->duplicate_of.value_or(other->id);
      break;
    }
  }
  POL_RETURN_IF_ERROR(store::InsertRequestBands(c, r.id, bands, now));
  json detail = {{"source", d.source}, {"confidence", d.confidence}};
  if (d.rule_id) detail["rule_id"] = *d.rule_id;
  if (r.duplicate_of) detail["duplicate_of"] = *r.duplicate_of;
  return store::InsertRequestEvent(c, {.request_id = r.id,
                                       .at = now,
                                       .kind = "routed",
                                       .actor_name = "سامانه",
                                       .agency_id = r.agency_id,
                                       .is_public = true,
                                       .body = r.agency_id ? "درخواست به «" + agency_name + "» ارجاع شد."
                                                           : "درخواست برای ارجاع به دبیرخانهٔ شورا رفت.",
                                       .detail = detail.dump()});
}

Status RequestService::EnqueueSms(Conn& c, int64_t id, const std::string& kind, int64_t now) {
  if (!queue_) return Status::Ok();
  return queue_
      ->EnqueueIn(c,
                  {.kind = kSmsJobKind,
                   .payload_json = json{{"request_id", id}, {"kind", kind}}.dump(),
                   .dedup_key = "citizen.sms:" + std::to_string(id) + ":" + kind + ":" + std::to_string(now)})
      .status();
}

StatusOr<CitizenRequest> RequestService::Verify(const std::string& tracking_code, const std::string& code,
                                                const std::string& ip) {
  auto tc = NormalizeTrackingCode(tracking_code);
  if (!tc) return Bad("invalid_tracking_code", "کد رهگیری درست نیست.", "tracking_code");
  const int64_t now = env_->NowMillis();
  if (limiter_.Count("otpfail:" + ip, 15 * 60 * 1000, now) >= 30) {
    return ResourceExhausted(
        "rate_limited",
        "تلاش‌های نادرست زیاد بود؛ پانزده دقیقهٔ دیگر دوباره تلاش کنید.");
  }
  std::string digits = text::ToLatinDigits(code);
  digits.erase(std::remove(digits.begin(), digits.end(), ' '), digits.end());
  CitizenRequest r;
  Status failure;
  Status s = db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto found, store::FindCitizenRequestByCode(c, *tc));
    if (!found) return Bad("invalid_code", "کد تأیید نادرست یا منقضی است.", "code");
    r = *found;
    if (r.verified) return Bad("invalid_code", "کد تأیید نادرست یا منقضی است.", "code");  // replay
    POL_ASSIGN_OR_RETURN(auto otp, store::LatestOtp(c, r.id));
    if (!otp || otp->used_at || otp->expires_at < now || otp->attempts >= options_.otp_max_attempts) {
      return Bad("invalid_code", "کد تأیید نادرست یا منقضی است؛ کد تازه بخواهید.", "code");
    }
    otp->attempts += 1;
    const std::string want = otp->code_hash, got = OtpHash(r.id, digits);
    if (want.size() != got.size() || sodium_memcmp(want.data(), got.data(), want.size()) != 0) {
      // Count the failed attempt (committed), then answer the error.
      failure = Bad("invalid_code", "کد تأیید نادرست است.", "code");
      return store::UpdateOtp(c, *otp);
    }
    otp->used_at = now;
    POL_RETURN_IF_ERROR(store::UpdateOtp(c, *otp));
    r.verified = true;
    POL_RETURN_IF_ERROR(store::InsertRequestEvent(c, {.request_id = r.id,
                                                      .at = now,
                                                      .kind = "verified",
                                                      .actor_name = "شهروند",
                                                      .is_public = true,
                                                      .body = "شمارهٔ همراه تأیید شد."}));
    POL_RETURN_IF_ERROR(RouteIn(c, r, now));
    POL_RETURN_IF_ERROR(store::UpdateCitizenRequest(c, r, now));
    r.version += 1;
    POL_RETURN_IF_ERROR(EnqueueSms(c, r.id, "tracking", now));
    Actor system{nullptr, ip};
    return accounts::Audit(c, system, now, "verify", "citizen_request", std::to_string(r.id),
                           {r.council_id, r.agency_id}, {{"state", r.state}, {"route", r.route_source}});
  });
  if (!s.ok()) {
    if (s.api_code() == "invalid_code") limiter_.Record("otpfail:" + ip, now);
    return s;
  }
  if (!failure.ok()) {
    limiter_.Record("otpfail:" + ip, now);
    return failure;
  }
  if (queue_) queue_->Notify();
  return r;
}

Status RequestService::ResendCode(const std::string& tracking_code, const std::string& ip) {
  auto tc = NormalizeTrackingCode(tracking_code);
  if (!tc) return Bad("invalid_tracking_code", "کد رهگیری درست نیست.", "tracking_code");
  const int64_t now = env_->NowMillis();
  if (!limiter_.Allow("resend:" + ip, 10, kHour, now)) {
    return ResourceExhausted("rate_limited", "درخواست کد تازه زیاد بود؛ کمی بعد دوباره تلاش کنید.");
  }
  std::string otp;
  {
    std::string b = env_->RandomBytes(8);
    uint64_t v = 0;
    for (unsigned char ch : b) v = v * 256 + ch;
    otp = std::to_string(100000 + v % 900000);
  }
  std::string mobile;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::FindCitizenRequestByCode(c, *tc));
    if (!r || r->verified) return Status::Ok();  // nothing to say about codes that do not wait for one
    POL_ASSIGN_OR_RETURN(int64_t sent, store::CountOtps(c, r->id));
    if (sent >= options_.otp_max_sends) {
      return ResourceExhausted("rate_limited", "برای این درخواست کد تأیید بیش از اندازه فرستاده شده است.");
    }
    mobile = r->mobile;
    return store::InsertOtp(c, {.request_id = r->id,
                                .code_hash = OtpHash(r->id, otp),
                                .expires_at = now + options_.otp_ttl_ms,
                                .created_at = now});
  }));
  if (!mobile.empty() && outbox_) {
    outbox_->Post(mobile, "کد تأیید درخواست شما در سامانهٔ شورا: " + otp + "\nاین کد را به کسی ندهید.");
  }
  return Status::Ok();
}

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
  if (limiter_.Count("lookupfail:" + ip, 15 * 60 * 1000, now) >= options_.lookup_failures_per_ip) {
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
    // Constant-time comparison of the mobile; unknown codes compare against a dummy.
    const std::string have = r ? r->mobile : std::string("00000000000");
    ok = r && !r->erased && have.size() == m->size() &&
         sodium_memcmp(have.data(), m->data(), have.size()) == 0;
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
  if (!tc) return NotFound("درخواست پیدا نشد.");
  CitizenView v;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::FindCitizenRequestByCode(c, *tc));
    if (!r || r->erased) return NotFound("درخواست پیدا نشد.");
    POL_ASSIGN_OR_RETURN(v, MakeView(c, *r));
    return Status::Ok();
  }));
  return v;
}

StatusOr<CitizenView> RequestService::Rate(const std::string& tracking_code, int64_t score,
                                           const std::string& comment, const std::string& ip) {
  if (score < 1 || score > 5) return Bad("invalid_score", "امتیاز باید از ۱ تا ۵ باشد.", "score");
  POL_ASSIGN_OR_RETURN(std::string note, accounts::NormalizeText(comment, 1000, "comment", false));
  auto tc = NormalizeTrackingCode(tracking_code);
  if (!tc) return NotFound("درخواست پیدا نشد.");
  const int64_t now = env_->NowMillis();
  CitizenView v;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::FindCitizenRequestByCode(c, *tc));
    if (!r || r->erased) return NotFound("درخواست پیدا نشد.");
    if (r->state != "closed")
      return FailedPrecondition("not_closed", "نظرسنجی پس از بسته شدن درخواست ممکن است.");
    if (r->csat)
      return FailedPrecondition(
          "already_rated",
          "نظر شما دربارهٔ این درخواست پیش‌تر ثبت شده است.");
    r->csat = score;
    r->csat_comment = note;
    r->rated_at = now;
    POL_RETURN_IF_ERROR(store::InsertRequestEvent(
        c, {.request_id = r->id,
            .at = now,
            .kind = "rated",
            .actor_name = "شهروند",
            .agency_id = r->agency_id,
            .is_public = true,
            .body = "رضایت شما ثبت شد: " + text::ToPersianDigits(std::to_string(score)) + " از ۵.",
            .detail = json{{"score", score}}.dump()}));
    POL_RETURN_IF_ERROR(store::UpdateCitizenRequest(c, *r, now));
    r->version += 1;
    Actor system{nullptr, ip};
    POL_RETURN_IF_ERROR(accounts::Audit(c, system, now, "rate", "citizen_request", std::to_string(r->id),
                                        {r->council_id, r->agency_id}, {{"score", score}}));
    POL_ASSIGN_OR_RETURN(v, MakeView(c, *r));
    return Status::Ok();
  }));
  return v;
}

StatusOr<CitizenView> RequestService::Reopen(const std::string& tracking_code, const std::string& reason,
                                             const std::string& ip) {
  POL_ASSIGN_OR_RETURN(std::string why, accounts::NormalizeText(reason, 2000, "reason", true));
  auto tc = NormalizeTrackingCode(tracking_code);
  if (!tc) return NotFound("درخواست پیدا نشد.");
  const int64_t now = env_->NowMillis();
  CitizenView v;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::FindCitizenRequestByCode(c, *tc));
    if (!r || r->erased) return NotFound("درخواست پیدا نشد.");
    if (r->state != "closed" || !r->closed_at) {
      return FailedPrecondition(
          "not_closed",
          "فقط درخواست بسته‌شده را می‌توان دوباره باز کرد.");
    }
    if (now > *r->closed_at + options_.reopen_days * kDay) {
      return FailedPrecondition(
          "reopen_expired",
          "مهلت اعلام «حل نشد» (" + text::ToPersianDigits(std::to_string(options_.reopen_days)) +
              " روز پس از بسته شدن) گذشته است؛ درخواست تازه‌ای ثبت کنید.");
    }
    r->state = r->agency_id ? "open" : "triage";
    r->reopen_count += 1;
    r->closed_at.reset();
    r->outcome.clear();
    r->csat.reset();
    r->csat_comment.clear();
    r->rated_at.reset();
    POL_RETURN_IF_ERROR(StartSla(c, *r, now));
    POL_RETURN_IF_ERROR(store::InsertRequestEvent(c, {.request_id = r->id,
                                                      .at = now,
                                                      .kind = "reopened",
                                                      .actor_name = "شهروند",
                                                      .agency_id = r->agency_id,
                                                      .is_public = true,
                                                      .body = "شهروند اعلام کرد مشکل حل نشده است: " + why}));
    POL_RETURN_IF_ERROR(store::UpdateCitizenRequest(c, *r, now));
    r->version += 1;
    Actor system{nullptr, ip};
    POL_RETURN_IF_ERROR(accounts::Audit(c, system, now, "reopen", "citizen_request", std::to_string(r->id),
                                        {r->council_id, r->agency_id}));
    POL_ASSIGN_OR_RETURN(v, MakeView(c, *r));
    return Status::Ok();
  }));
  return v;
}

StatusOr<CitizenRequest> RequestService::PublicStatus(const std::string& tracking_code) {
  auto tc = NormalizeTrackingCode(tracking_code);
  if (!tc) return NotFound("درخواست پیدا نشد.");
  CitizenRequest out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::FindCitizenRequestStatus(c, *tc));
    if (!r || !r->verified || r->erased) return NotFound("درخواست پیدا نشد.");
    out = std::move(*r);
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<CitizenRequest>> RequestService::PublicStatuses(const std::vector<std::string>& codes) {
  std::vector<CitizenRequest> out;
  for (const auto& code : codes) {
    auto r = PublicStatus(code);
    if (r.ok()) out.push_back(std::move(*r));
  }
  return out;
}

// ---- staff ----

Status RequestService::CheckHandle(const Actor& a, const CitizenRequest& r) const {
  if (r.state == "unverified") return NotFound("درخواست پیدا نشد.");
  if (a.IsSystemAdmin() || CouncilDesk(a, r.council_id) || HandlesAgency(a, r.agency_id)) return Status::Ok();
  return NotFound("درخواست پیدا نشد.");
}

StatusOr<std::pair<std::vector<CitizenRequest>, int64_t>> RequestService::List(const Actor& actor,
                                                                               store::CitizenFilter f) {
  f.now = env_->NowMillis();
  f.include_unverified = false;
  if (!actor.IsSystemAdmin()) {
    std::vector<int64_t> agencies, councils;
    for (const auto& g : actor.principal->grants) {
      auto role = accounts::ParseRole(g.role);
      if (!role) continue;
      if ((*role == Role::kCitizenDesk || *role == Role::kAgencyPrManager) && g.agency_id) {
        agencies.push_back(*g.agency_id);
      }
      if (*role == Role::kCouncilAdmin && g.council_id) councils.push_back(*g.council_id);
    }
    if (agencies.empty() && councils.empty()) {
      return PermissionDenied(
          "دسترسی به درخواست‌های مردمی فقط برای میز پاسخگویی دستگاه‌ها و دبیرخانهٔ شوراست.");
    }
    f.only_agencies = std::move(agencies);
    f.only_councils = std::move(councils);
  }
  std::pair<std::vector<CitizenRequest>, int64_t> page;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(page, store::ListCitizenRequests(c, f));
    return Status::Ok();
  }));
  return page;
}

StatusOr<StaffView> RequestService::Get(const Actor& actor, int64_t id) {
  StaffView v;
  const int64_t now = env_->NowMillis();
  // Reading personal data is audited, so this is a write.
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(v.request, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, v.request));
    POL_ASSIGN_OR_RETURN(v.events, store::ListRequestEvents(c, id, false));
    POL_ASSIGN_OR_RETURN(v.attachments, store::ListCitizenAttachments(c, id));
    POL_ASSIGN_OR_RETURN(auto dups, store::DuplicatesOf(c, id));
    for (int64_t d : dups) {
      POL_ASSIGN_OR_RETURN(auto dr, store::GetCitizenRequest(c, d));
      if (dr && dr->state != "unverified") v.duplicates.push_back(std::move(*dr));
    }
    return accounts::Audit(c, actor, now, "view_personal", "citizen_request", std::to_string(id),
                           {v.request.council_id, v.request.agency_id});
  }));
  return v;
}

Status RequestService::Persist(Conn& c, const Actor& actor, CitizenRequest& r, const std::string& action,
                               int64_t now, const json& detail) {
  POL_RETURN_IF_ERROR(store::UpdateCitizenRequest(c, r, now));
  r.version += 1;
  r.updated_at = now;
  return accounts::Audit(c, actor, now, action, "citizen_request", std::to_string(r.id),
                         {r.council_id, r.agency_id}, detail);
}

namespace {
Status CheckVersion(const CitizenRequest& r, std::optional<int64_t> version) {
  if (version && *version != r.version) return store::VersionConflict();
  return Status::Ok();
}
Status Active(const CitizenRequest& r) {
  if (r.state == "closed" || r.state == "merged") {
    return FailedPrecondition("invalid_transition", "این درخواست " + StateName(r.state) + " است.");
  }
  return Status::Ok();
}
}  // namespace

StatusOr<CitizenRequest> RequestService::Reply(const Actor& actor, int64_t id, std::optional<int64_t> version,
                                               const std::string& body) {
  POL_ASSIGN_OR_RETURN(std::string text, accounts::NormalizeText(body, 5000, "body", true));
  const int64_t now = env_->NowMillis();
  CitizenRequest r;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, r));
    POL_RETURN_IF_ERROR(CheckVersion(r, version));
    POL_RETURN_IF_ERROR(Active(r));
    if (!r.agency_id) {
      return FailedPrecondition("not_routed",
                                "درخواست هنوز به دستگاهی ارجاع نشده است؛ ابتدا آن را ارجاع دهید.");
    }
    r.state = "answered";
    if (!r.first_response_at) r.first_response_at = now;
    if (!r.assignee_id && !actor.IsSystem()) r.assignee_id = actor.principal->user_id;
    POL_RETURN_IF_ERROR(store::InsertRequestEvent(c, {.request_id = r.id,
                                                      .at = now,
                                                      .kind = "replied",
                                                      .actor_id = ActorId(actor),
                                                      .actor_name = r.agency_name,
                                                      .agency_id = r.agency_id,
                                                      .is_public = true,
                                                      .body = text}));
    POL_RETURN_IF_ERROR(EnqueueSms(c, r.id, "reply", now));
    return Persist(c, actor, r, "reply", now);
  }));
  if (queue_) queue_->Notify();
  return r;
}

StatusOr<CitizenRequest> RequestService::Note(const Actor& actor, int64_t id, const std::string& body) {
  POL_ASSIGN_OR_RETURN(std::string text, accounts::NormalizeText(body, 5000, "body", true));
  const int64_t now = env_->NowMillis();
  CitizenRequest r;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, r));
    POL_RETURN_IF_ERROR(store::InsertRequestEvent(c, {.request_id = r.id,
                                                      .at = now,
                                                      .kind = "note",
                                                      .actor_id = ActorId(actor),
                                                      .actor_name = ActorName(actor),
                                                      .agency_id = r.agency_id,
                                                      .body = text}));
    return Persist(c, actor, r, "note", now);
  }));
  return r;
}

StatusOr<CitizenRequest> RequestService::Assign(const Actor& actor, int64_t id,
                                                std::optional<int64_t> version,
                                                std::optional<int64_t> user_id) {
  const int64_t now = env_->NowMillis();
  CitizenRequest r;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, r));
    POL_RETURN_IF_ERROR(CheckVersion(r, version));
    POL_RETURN_IF_ERROR(Active(r));
    std::string who = "هیچ‌کس";
    if (user_id) {
      auto u = store::GetUser(c, *user_id);
      if (!u.ok() && u.status().code() != StatusCode::kNotFound) return u.status();
      bool fits = u.ok() && !u->disabled;
      if (fits) {
        accounts::Principal p{u->id, u->username, u->name, u->roles};
        Actor as{&p, ""};
        fits = CheckHandle(as, r).ok();
      }
      if (!fits) return Bad("invalid_assignee", "این کاربر به این درخواست دسترسی ندارد.", "user_id");
      who = u->name;
    }
    r.assignee_id = user_id;
    POL_RETURN_IF_ERROR(store::InsertRequestEvent(c, {.request_id = r.id,
                                                      .at = now,
                                                      .kind = "assigned",
                                                      .actor_id = ActorId(actor),
                                                      .actor_name = ActorName(actor),
                                                      .agency_id = r.agency_id,
                                                      .body = "ارجاع به " + who}));
    return Persist(c, actor, r, "assign", now, {{"user_id", user_id ? json(*user_id) : json()}});
  }));
  POL_ASSIGN_OR_RETURN(StaffView v, Get(actor, id));
  return v.request;
}

void RequestService::ScheduleRetrain(Conn& c, int64_t council_id, int64_t now) {
  if (!queue_) return;
  // One retraining per council per minute at most; corrections in between ride along.
  auto s = queue_->EnqueueIn(
      c, {.kind = kRetrainJobKind,
          .payload_json = json{{"council_id", council_id}}.dump(),
          .run_at = now + 5000,
          .dedup_key = "citizen.retrain:" + std::to_string(council_id) + ":" + std::to_string(now / 60000)});
  if (!s.ok()) spdlog::warn("citizen: scheduling retraining: {}", s.status().ToString());
}

StatusOr<CitizenRequest> RequestService::Transfer(const Actor& actor, int64_t id,
                                                  std::optional<int64_t> version, int64_t agency_id,
                                                  const std::string& reason) {
  POL_ASSIGN_OR_RETURN(std::string why, accounts::NormalizeText(reason, 1000, "reason", true));
  const int64_t now = env_->NowMillis();
  CitizenRequest r;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, r));
    POL_RETURN_IF_ERROR(CheckVersion(r, version));
    POL_RETURN_IF_ERROR(Active(r));
    auto a = store::GetAgency(c, agency_id);
    if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
    if (!a.ok() || a->council_id != r.council_id || a->disabled) {
      return Bad(
          "unknown_agency",
          "دستگاه مقصد باید از دستگاه‌های فعال همین شورا باشد.",
          "agency_id");
    }
    if (r.agency_id == agency_id)
      return Bad("same_agency", "درخواست هم‌اکنون در همین دستگاه است.",
                 "agency_id");
    const std::optional<int64_t> from = r.agency_id;
    r.agency_id = agency_id;
    r.state = r.state == "triage" ? "open" : r.state == "answered" ? "open" : r.state;
    r.assignee_id.reset();
    r.route_source = "staff";
    r.training_label = true;
    r.first_response_at.reset();
    POL_RETURN_IF_ERROR(StartSla(c, r, now));
    const std::string to_name = a->short_name.empty() ? a->name : a->short_name;
    POL_RETURN_IF_ERROR(store::InsertRequestEvent(
        c, {.request_id = r.id,
            .at = now,
            .kind = "transferred",
            .actor_id = ActorId(actor),
            .actor_name = ActorName(actor),
            .agency_id = agency_id,
            .is_public = true,
            .body = "درخواست به «" + to_name + "» ارجاع شد. دلیل: " + why,
            .detail = json{{"from", from ? json(*from) : json()}, {"to", agency_id}}.dump()}));
    ScheduleRetrain(c, r.council_id, now);
    return Persist(c, actor, r, "transfer", now, {{"from", from ? json(*from) : json()}, {"to", agency_id}});
  }));
  if (queue_) queue_->Notify();
  return r;
}

StatusOr<CitizenRequest> RequestService::Close(const Actor& actor, int64_t id, std::optional<int64_t> version,
                                               const std::string& outcome, const std::string& note) {
  static const std::set<std::string> kOutcomes = {"resolved", "answered", "rejected", "not_competent",
                                                  "duplicate"};
  if (!kOutcomes.count(outcome)) {
    return Bad("invalid_outcome",
               "نتیجهٔ بستن را انتخاب کنید (حل شد، پاسخ داده شد، رد شد، خارج از صلاحیت، تکراری).", "outcome");
  }
  POL_ASSIGN_OR_RETURN(std::string text, accounts::NormalizeText(note, 2000, "note", false));
  const int64_t now = env_->NowMillis();
  CitizenRequest r;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, r));
    POL_RETURN_IF_ERROR(CheckVersion(r, version));
    POL_RETURN_IF_ERROR(Active(r));
    if (!r.agency_id) return FailedPrecondition("not_routed", "درخواست هنوز به دستگاهی ارجاع نشده است.");
    r.state = "closed";
    r.closed_at = now;
    r.outcome = outcome;
    if (!r.first_response_at) r.first_response_at = now;
    POL_RETURN_IF_ERROR(
        store::InsertRequestEvent(c, {.request_id = r.id,
                                      .at = now,
                                      .kind = "closed",
                                      .actor_id = ActorId(actor),
                                      .actor_name = r.agency_name,
                                      .agency_id = r.agency_id,
                                      .is_public = true,
                                      .body = text.empty() ? "درخواست بسته شد." : "درخواست بسته شد: " + text,
                                      .detail = json{{"outcome", outcome}}.dump()}));
    POL_RETURN_IF_ERROR(EnqueueSms(c, r.id, "closed", now));
    ScheduleRetrain(c, r.council_id, now);
    return Persist(c, actor, r, "close", now, {{"outcome", outcome}});
  }));
  if (queue_) queue_->Notify();
  return r;
}

StatusOr<CitizenRequest> RequestService::Merge(const Actor& actor, int64_t id,
                                               const std::vector<int64_t>& dups) {
  if (dups.empty() || dups.size() > 500)
    return Bad("required", "درخواست‌های تکراری را انتخاب کنید.", "ids");
  const int64_t now = env_->NowMillis();
  CitizenRequest main;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(main, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, main));
    if (main.state == "merged")
      return FailedPrecondition("invalid_transition", "این درخواست خود ادغام شده است.");
    for (int64_t d : dups) {
      if (d == id)
        return Bad("invalid_merge", "درخواست را نمی‌توان با خودش ادغام کرد.",
                   "ids");
      auto dr = Load(c, d);
      if (!dr.ok() && dr.status().code() == StatusCode::kNotFound) {
        return Bad("invalid_merge", "درخواست تکراری پیدا نشد.", "ids");
      }
      if (!dr.ok()) return dr.status();
      if (!CheckHandle(actor, *dr).ok()) return Bad("invalid_merge", "درخواست تکراری پیدا نشد.", "ids");
      if (dr->state == "merged" || dr->state == "closed") {
        return Bad(
            "invalid_merge",
            "درخواست بسته یا ادغام‌شده را نمی‌توان دوباره ادغام کرد.",
            "ids");
      }
      dr->state = "merged";
      dr->merged_into = id;
      dr->duplicate_of = id;
      POL_RETURN_IF_ERROR(store::InsertRequestEvent(
          c,
          {.request_id = d,
           .at = now,
           .kind = "merged",
           .actor_id = ActorId(actor),
           .actor_name = ActorName(actor),
           .agency_id = main.agency_id,
           .is_public = true,
           .body =
               "این درخواست با درخواست مشابهی ادغام شد؛ پاسخ آن در همین صفحه نمایش داده می‌شود.",
           .detail = json{{"into", id}}.dump()}));
      POL_RETURN_IF_ERROR(Persist(c, actor, *dr, "merge", now, {{"into", id}}));
    }
    return store::InsertRequestEvent(c, {.request_id = id,
                                         .at = now,
                                         .kind = "note",
                                         .actor_id = ActorId(actor),
                                         .actor_name = ActorName(actor),
                                         .agency_id = main.agency_id,
                                         .body = text::ToPersianDigits(std::to_string(dups.size())) +
                                                 " درخواست مشابه در این درخواست ادغام شد.",
                                         .detail = json{{"merged", dups}}.dump()});
  }));
  return main;
}

StatusOr<std::pair<store::CitizenAttachment, std::string>> RequestService::Attachment(const Actor& actor,
                                                                                      int64_t id,
                                                                                      int64_t attachment_id) {
  store::CitizenAttachment a;
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, r));
    POL_ASSIGN_OR_RETURN(auto found, store::GetCitizenAttachment(c, id, attachment_id));
    if (!found) return NotFound("پیوست پیدا نشد.");
    a = *found;
    return accounts::Audit(c, actor, now, "view_attachment", "citizen_request", std::to_string(id),
                           {r.council_id, r.agency_id}, {{"attachment_id", attachment_id}});
  }));
  std::ifstream f(std::filesystem::path(options_.data_dir) / "citizen-attachments" / a.sha256,
                  std::ios::binary);
  if (!f) return NotFound("پیوست پیدا نشد.");
  std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return std::make_pair(a, std::move(data));
}

StatusOr<std::vector<store::ReplyTemplate>> RequestService::Templates(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  std::optional<std::vector<int64_t>> agencies;
  if (!actor.IsSystemAdmin() && !CouncilDesk(actor, council)) {
    std::vector<int64_t> mine;
    for (const auto& g : actor.principal->grants) {
      if (g.agency_id && HandlesAgency(actor, g.agency_id)) mine.push_back(*g.agency_id);
    }
    if (mine.empty())
      return PermissionDenied("قالب‌های پاسخ فقط برای میز پاسخگویی است.");
    agencies = mine;
  }
  std::vector<store::ReplyTemplate> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListReplyTemplates(c, council, agencies));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::ReplyTemplate> RequestService::AddTemplate(const Actor& actor,
                                                           std::optional<int64_t> agency_id,
                                                           const std::string& title,
                                                           const std::string& body) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (agency_id ? !(actor.IsSystemAdmin() || CouncilDesk(actor, council) ||
                    actor.principal->HasInAgency(Role::kAgencyPrManager, *agency_id))
                : !CouncilDesk(actor, council)) {
    return PermissionDenied(
        "قالب پاسخ را مدیر روابط عمومی دستگاه یا دبیرخانهٔ شورا می‌سازد.");
  }
  store::ReplyTemplate t{.council_id = council, .agency_id = agency_id};
  POL_ASSIGN_OR_RETURN(t.title, accounts::NormalizeText(title, 200, "title", true));
  POL_ASSIGN_OR_RETURN(t.body, accounts::NormalizeText(body, 5000, "body", true));
  t.created_at = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    if (agency_id) {
      auto a = store::GetAgency(c, *agency_id);
      if (!a.ok() || a->council_id != council)
        return Bad("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.", "agency_id");
    }
    POL_ASSIGN_OR_RETURN(t.id, store::InsertReplyTemplate(c, t));
    return accounts::Audit(c, actor, t.created_at, "create", "reply_template", std::to_string(t.id),
                           {council, agency_id});
  }));
  return t;
}

StatusOr<RoutingInfo> RequestService::Routing(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CouncilDesk(actor, council)) return PermissionDenied("تنظیم ارجاع خودکار با دبیرخانهٔ شوراست.");
  RoutingInfo info;
  info.min_confidence = router_->min_confidence();
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto m, store::LoadRoutingModel(c, council));
    if (m) {
      info.samples = m->samples;
      info.held_out = m->held_out;
      info.accuracy = m->accuracy;
      info.trained_at = m->trained_at;
    }
    POL_ASSIGN_OR_RETURN(info.rules, store::ListRoutingRules(c, council));
    return Status::Ok();
  }));
  return info;
}

namespace {
std::vector<Rule> ToRules(const std::vector<store::RoutingRule>& rows) {
  std::vector<Rule> rules;
  for (const auto& r : rows) {
    Rule x{r.id, r.agency_id, r.priority, RuleTerms(r.keywords), {}};
    std::string t;
    std::istringstream in(r.types);
    while (std::getline(in, t, ',')) {
      if (!t.empty()) x.types.push_back(t);
    }
    rules.push_back(std::move(x));
  }
  return rules;
}
}  // namespace

StatusOr<store::RoutingRule> RequestService::AddRule(const Actor& actor, int64_t agency_id,
                                                     const std::string& keywords, const std::string& types,
                                                     int64_t priority) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CouncilDesk(actor, council)) return PermissionDenied("تنظیم ارجاع خودکار با دبیرخانهٔ شوراست.");
  POL_ASSIGN_OR_RETURN(std::string kw, accounts::NormalizeText(keywords, 500, "keywords", false));
  std::vector<std::string> type_list;
  {
    std::string t;
    std::istringstream in(types);
    while (std::getline(in, t, ',')) {
      if (t.empty()) continue;
      if (std::none_of(kTypes.begin(), kTypes.end(), [&](const RequestType& k) { return t == k.code; })) {
        return Bad("invalid_type", "نوع درخواست ناشناخته است.", "types");
      }
      type_list.push_back(t);
    }
  }
  if (RuleTerms(kw).empty() && type_list.empty()) {
    return Bad("required",
               "دست‌کم یک کلیدواژه یا یک نوع درخواست لازم است.",
               "keywords");
  }
  if (priority < -1000 || priority > 1000)
    return Bad("invalid_priority", "اولویت باید بین ۱۰۰۰- و ۱۰۰۰ باشد.", "priority");
  store::RoutingRule rule{.council_id = council,
                          .agency_id = agency_id,
                          .keywords = kw,
                          .priority = priority,
                          .created_by = ActorId(actor),
                          .created_at = env_->NowMillis()};
  for (size_t i = 0; i < type_list.size(); ++i) rule.types += (i ? "," : "") + type_list[i];
  std::vector<store::RoutingRule> all;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    auto a = store::GetAgency(c, agency_id);
    if (!a.ok() || a->council_id != council)
      return Bad("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.", "agency_id");
    POL_ASSIGN_OR_RETURN(rule.id, store::InsertRoutingRule(c, rule));
    POL_ASSIGN_OR_RETURN(all, store::ListRoutingRules(c, council));
    return accounts::Audit(c, actor, rule.created_at, "create", "routing_rule", std::to_string(rule.id),
                           {council, agency_id}, {{"keywords", kw}, {"types", rule.types}});
  }));
  router_->SetRules(council, ToRules(all));
  return rule;
}

Status RequestService::DeleteRule(const Actor& actor, int64_t rule_id) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CouncilDesk(actor, council)) return PermissionDenied("تنظیم ارجاع خودکار با دبیرخانهٔ شوراست.");
  std::vector<store::RoutingRule> all;
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::GetRoutingRule(c, rule_id));
    if (!r || r->council_id != council) return NotFound("قاعده پیدا نشد.");
    POL_RETURN_IF_ERROR(store::DeleteRoutingRule(c, rule_id));
    POL_ASSIGN_OR_RETURN(all, store::ListRoutingRules(c, council));
    return accounts::Audit(c, actor, now, "delete", "routing_rule", std::to_string(rule_id),
                           {council, r->agency_id});
  }));
  router_->SetRules(council, ToRules(all));
  return Status::Ok();
}

Status RequestService::LoadRouting() {
  return db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto councils, store::ListCouncils(c));
    for (const auto& co : councils) {
      POL_ASSIGN_OR_RETURN(auto m, store::LoadRoutingModel(c, co.id));
      if (m) {
        auto model = NaiveBayes::FromJson(json::parse(m->model, nullptr, false));
        if (model.ok()) {
          router_->SetModel(co.id, std::make_shared<const NaiveBayes>(std::move(*model)));
        } else {
          spdlog::warn("routing model of council {}: {}", co.id, model.status().ToString());
        }
      }
      POL_ASSIGN_OR_RETURN(auto rules, store::ListRoutingRules(c, co.id));
      router_->SetRules(co.id, ToRules(rules));
    }
    return Status::Ok();
  });
}

StatusOr<RoutingInfo> RequestService::TrainCouncil(int64_t council_id,
                                                   const std::vector<LabelledRequest>& seed) {
  std::vector<LabelledText> samples;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    store::AgencyFilter f{.council_id = council_id, .limit = 1000};
    POL_ASSIGN_OR_RETURN(auto agencies, store::ListAgencies(c, f));
    std::map<std::string, int64_t> by_slug;
    for (const auto& a : agencies.first) by_slug[a.slug] = a.id;
    for (const auto& s : seed) {
      if (auto it = by_slug.find(s.agency); it != by_slug.end())
        samples.push_back({s.subject + "\n" + s.text, it->second});
    }
    POL_ASSIGN_OR_RETURN(auto rows, store::RoutingTrainingRows(c, council_id));
    for (const auto& r : rows) samples.push_back({r.subject + "\n" + r.text, r.agency_id});
    return Status::Ok();
  }));
  TrainReport report;
  NaiveBayes model = TrainWithHoldout(samples, &report);
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    return store::SaveRoutingModel(
        c, {council_id, model.ToJson().dump(), report.samples, report.held_out, report.accuracy, now});
  }));
  router_->SetModel(council_id, std::make_shared<const NaiveBayes>(std::move(model)));
  RoutingInfo info{report.samples, report.held_out, report.accuracy, now, router_->min_confidence(), {}};
  return info;
}

StatusOr<RoutingInfo> RequestService::Retrain(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CouncilDesk(actor, council)) return PermissionDenied("تنظیم ارجاع خودکار با دبیرخانهٔ شوراست.");
  POL_ASSIGN_OR_RETURN(RoutingInfo info, TrainCouncil(council, ParseLabelledSet(ShippedLabelledSet())));
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    return accounts::Audit(c, actor, info.trained_at, "retrain", "routing_model", std::to_string(council),
                           {council, {}}, {{"samples", info.samples}, {"accuracy", info.accuracy}});
  }));
  return Routing(actor);
}

StatusOr<std::vector<store::CsatRow>> RequestService::Csat(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!actor.IsSystemAdmin() && !actor.principal->CanReadCouncil(council)) return NotFound("شورا پیدا نشد.");
  std::vector<store::CsatRow> rows;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(rows, store::CsatByAgency(c, council, env_->NowMillis()));
    return Status::Ok();
  }));
  return rows;
}

StatusOr<std::vector<store::SlaTarget>> RequestService::SlaTargets(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CouncilDesk(actor, council))
    return PermissionDenied(
        "تعیین مهلت‌های پاسخگویی با دبیرخانهٔ شوراست.");
  std::vector<store::SlaTarget> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListSlaTargets(c, council));
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<store::SlaTarget>> RequestService::SetSlaTarget(const Actor& actor,
                                                                     std::optional<int64_t> agency_id,
                                                                     std::optional<std::string> type,
                                                                     int64_t first_response_minutes,
                                                                     int64_t resolve_minutes) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CouncilDesk(actor, council))
    return PermissionDenied(
        "تعیین مهلت‌های پاسخگویی با دبیرخانهٔ شوراست.");
  if (type &&
      std::none_of(kTypes.begin(), kTypes.end(), [&](const RequestType& t) { return *type == t.code; })) {
    return Bad("invalid_type", "نوع درخواست ناشناخته است.", "type");
  }
  const int64_t max_minutes = 60 * kOfficeDayMinutes;
  if (first_response_minutes < 30 || first_response_minutes > max_minutes) {
    return Bad("invalid_minutes", "مهلت پاسخ نخست باید بین ۳۰ دقیقه و ۶۰ روز کاری باشد.",
               "first_response_minutes");
  }
  if (resolve_minutes < first_response_minutes || resolve_minutes > max_minutes) {
    return Bad("invalid_minutes",
               "مهلت رسیدگی باید از مهلت پاسخ نخست کمتر نباشد و از ۶۰ روز کاری بیشتر نشود.",
               "resolve_minutes");
  }
  const int64_t now = env_->NowMillis();
  std::vector<store::SlaTarget> out;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    if (agency_id) {
      auto a = store::GetAgency(c, *agency_id);
      if (!a.ok() || a->council_id != council)
        return Bad("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.", "agency_id");
    }
    POL_RETURN_IF_ERROR(store::UpsertSlaTarget(c,
                                               {.council_id = council,
                                                .agency_id = agency_id,
                                                .type = type,
                                                .first_response_minutes = first_response_minutes,
                                                .resolve_minutes = resolve_minutes},
                                               now));
    POL_ASSIGN_OR_RETURN(out, store::ListSlaTargets(c, council));
    return accounts::Audit(
        c, actor, now, "set_sla", "sla_target", type.value_or("*"), {council, agency_id},
        {{"first_response_minutes", first_response_minutes}, {"resolve_minutes", resolve_minutes}});
  }));
  return out;
}

StatusOr<json> RequestService::Export(const Actor& actor, const std::string& mobile_in) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CouncilDesk(actor, council))
    return PermissionDenied(
        "برون‌بری و حذف داده‌های شهروندان با دبیرخانهٔ شوراست.");
  auto mobile = text::NormalizeIranianMobile(mobile_in);
  if (!mobile) return Bad("invalid_mobile", "شمارهٔ همراه معتبر نیست.", "mobile");
  json out = {{"mobile", *mobile}, {"requests", json::array()}};
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto rows, store::CitizenRequestsByMobile(c, *mobile));
    for (const auto& r : rows) {
      if (r.council_id != council) continue;
      POL_ASSIGN_OR_RETURN(auto events, store::ListRequestEvents(c, r.id, true));
      json ev = json::array();
      for (const auto& e : events) ev.push_back({{"at", e.at}, {"kind", e.kind}, {"body", e.body}});
      out["requests"].push_back({{"tracking_code", r.tracking_code},
                                 {"type", r.type},
                                 {"subject", r.subject},
                                 {"text", r.text},
                                 {"name", r.name},
                                 {"mobile", r.mobile},
                                 {"national_code", r.national_code},
                                 {"state", r.state},
                                 {"agency", r.agency_name},
                                 {"created_at", r.created_at},
                                 {"csat", r.csat ? json(*r.csat) : json()},
                                 {"csat_comment", r.csat_comment},
                                 {"events", ev}});
    }
    return accounts::Audit(c, actor, now, "export_personal", "citizen", MaskMobile(*mobile), {council, {}},
                           {{"requests", out["requests"].size()}});
  }));
  return out;
}

StatusOr<int64_t> RequestService::Erase(const Actor& actor, const std::string& mobile_in) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CouncilDesk(actor, council))
    return PermissionDenied(
        "برون‌بری و حذف داده‌های شهروندان با دبیرخانهٔ شوراست.");
  auto mobile = text::NormalizeIranianMobile(mobile_in);
  if (!mobile) return Bad("invalid_mobile", "شمارهٔ همراه معتبر نیست.", "mobile");
  const int64_t now = env_->NowMillis();
  int64_t n = 0;
  std::vector<std::string> files;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto rows, store::CitizenRequestsByMobile(c, *mobile));
    for (auto r : rows) {
      if (r.council_id != council) continue;
      POL_ASSIGN_OR_RETURN(auto atts, store::ListCitizenAttachments(c, r.id));
      for (const auto& a : atts) files.push_back(a.sha256);
      POL_RETURN_IF_ERROR(store::DeleteCitizenAttachments(c, r.id));
      r.name = "";
      r.mobile = "";
      r.national_code = "";
      r.text = "[به درخواست شهروند حذف شد]";
      r.csat_comment = "";
      r.signature = "";
      r.erased = true;
      if (r.state != "closed" && r.state != "merged") {
        r.state = "closed";
        r.closed_at = now;
        r.outcome = "erased";
      }
      POL_RETURN_IF_ERROR(
          c.Exec("UPDATE request_events SET body = '[حذف شد]' WHERE request_id = ? AND kind IN "
                 "('reopened')",
                 {r.id})
              .status());
      POL_RETURN_IF_ERROR(store::UpdateCitizenRequest(c, r, now));
      ++n;
    }
    return accounts::Audit(c, actor, now, "erase_personal", "citizen", MaskMobile(*mobile), {council, {}},
                           {{"requests", n}});
  }));
  // Attachment files: removed once no remaining row names them.
  for (const auto& sha : files) {
    bool used = false;
    (void)db_->Read([&](Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(auto row,
                           c.QueryOne("SELECT COUNT(*) FROM citizen_attachments WHERE sha256 = ?", {sha}));
      used = row.Int(0) > 0;
      return Status::Ok();
    });
    if (!used) {
      std::error_code ec;
      std::filesystem::remove(std::filesystem::path(options_.data_dir) / "citizen-attachments" / sha, ec);
    }
  }
  return n;
}

StatusOr<int64_t> RequestService::CheckSla() {
  const int64_t now = env_->NowMillis();
  // Candidates: anything whose warning time may have come (deadline within the longest target).
  std::vector<CitizenRequest> due;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(due, store::ActiveRequestsDueBefore(c, now + 30 * kDay));
    return Status::Ok();
  }));
  int64_t actions = 0;
  for (CitizenRequest r : due) {
    Status s = db_->Write([&](Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(auto targets, store::ListSlaTargets(c, r.council_id));
      POL_ASSIGN_OR_RETURN(r, Load(c, r.id));
      SlaMinutes t = TargetFor(targets, r.agency_id, r.type);
      SlaAction a = NextSlaAction(calendar_, r, t, now);
      if (a == SlaAction::kNone) return Status::Ok();
      std::vector<int64_t> notify;
      std::string kind, body;
      if (a == SlaAction::kWarn) {
        r.warned = 1;
        kind = "warned";
        body = "مهلت پاسخ این درخواست نزدیک است.";
        if (r.assignee_id) notify.push_back(*r.assignee_id);
        if (r.agency_id) {
          POL_ASSIGN_OR_RETURN(auto desk, store::UsersWithAgencyRole(c, *r.agency_id, "citizen_desk"));
          notify.insert(notify.end(), desk.begin(), desk.end());
        }
      } else if (a == SlaAction::kEscalateManager) {
        r.escalation = 1;
        kind = "escalated";
        body = "مهلت پاسخ گذشت؛ به مدیر دستگاه گزارش شد.";
        if (r.agency_id) {
          POL_ASSIGN_OR_RETURN(notify, store::UsersWithAgencyRole(c, *r.agency_id, "agency_pr_manager"));
        } else {
          POL_ASSIGN_OR_RETURN(notify, store::UsersWithCouncilRoles(c, r.council_id, {"council_admin"}));
        }
      } else {
        r.escalation = 2;
        kind = "escalated";
        body = "مهلت پاسخ مدت‌ها گذشته است؛ به شورا گزارش شد.";
        POL_ASSIGN_OR_RETURN(notify, store::UsersWithCouncilRoles(c, r.council_id, {"council_admin"}));
      }
      std::sort(notify.begin(), notify.end());
      notify.erase(std::unique(notify.begin(), notify.end()), notify.end());
      for (int64_t u : notify) {
        POL_RETURN_IF_ERROR(store::InsertNotification(c, {.user_id = u,
                                                          .kind = "citizen." + kind,
                                                          .title = body + " (" + r.subject + ")",
                                                          .link = "/console/citizen/" + std::to_string(r.id),
                                                          .created_at = now})
                                .status());
      }
      POL_RETURN_IF_ERROR(store::InsertRequestEvent(c, {.request_id = r.id,
                                                        .at = now,
                                                        .kind = kind,
                                                        .actor_name = "سامانه",
                                                        .agency_id = r.agency_id,
                                                        .body = body,
                                                        .detail = json{{"level", r.escalation}}.dump()}));
      ++actions;
      Actor system;
      return Persist(c, system, r, "sla_" + kind, now, {{"level", r.escalation}});
    });
    if (!s.ok()) spdlog::warn("citizen sla check of request {}: {}", r.id, s.ToString());
  }
  return actions;
}

Status RequestService::SendRequestSms(int64_t id, const std::string& kind) {
  if (!sms_) return Status::Ok();
  CitizenRequest r;
  bool found = false;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto x, store::GetCitizenRequest(c, id));
    if (x && !x->erased && !x->mobile.empty()) {
      r = std::move(*x);
      found = true;
    }
    return Status::Ok();
  }));
  if (!found) return Status::Ok();
  std::string text;
  if (kind == "tracking") {
    text = "درخواست شما در سامانهٔ شورا ثبت شد. کد رهگیری: " + r.tracking_code;
  } else if (kind == "reply") {
    text = "به درخواست " + r.tracking_code + " پاسخ داده شد. پاسخ را در صفحهٔ پیگیری ببینید.";
  } else if (kind == "closed") {
    text = "درخواست " + r.tracking_code + " بسته شد. لطفاً در صفحهٔ پیگیری میزان رضایت خود را ثبت کنید.";
  } else {
    return jobs::PermanentError("unknown sms kind " + kind);
  }
  // Durable messages are sent by the job itself, so a failure is retried by the queue; a refusal by the
  // gateway (bad number, no credit) is permanent.
  Status s = sms_->Send(r.mobile, text);
  if (!s.ok() && s.code() == StatusCode::kInvalidArgument) return jobs::PermanentError(s.ToString());
  return s;
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

Status RegisterCitizenJobs(jobs::WorkerPool& pool, RequestService* service) {
  POL_RETURN_IF_ERROR(
      pool.Register(kSmsJobKind, [service](const jobs::Job& job, jobs::JobContext&) -> Status {
        json p = json::parse(job.payload_json, nullptr, false);
        if (!p.is_object() || !p.contains("request_id") || !p.contains("kind")) {
          return jobs::PermanentError("bad payload");
        }
        return service->SendRequestSms(p["request_id"].get<int64_t>(), p["kind"].get<std::string>());
      }));
  return pool.Register(kRetrainJobKind, [service](const jobs::Job& job, jobs::JobContext&) -> Status {
    json p = json::parse(job.payload_json, nullptr, false);
    if (!p.is_object() || !p.contains("council_id")) return jobs::PermanentError("bad payload");
    return service->TrainCouncil(p["council_id"].get<int64_t>(), ParseLabelledSet(ShippedLabelledSet()))
        .status();
  });
}

}  // namespace pol::citizen
