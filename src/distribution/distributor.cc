#include "distribution/distributor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "accounts/validate.h"
#include "distribution/mime.h"
#include "store/council_repo.h"

namespace pol::distribution {
namespace {

using accounts::Actor;
using nlohmann::json;
using store::Conn;

constexpr char kQueued[] = "queued";
constexpr char kSending[] = "sending";
constexpr char kSent[] = "sent";
constexpr char kFailed[] = "failed";
constexpr char kCancelled[] = "cancelled";

bool IsPublic(const store::Release& r) { return r.status == "published" || r.status == "corrected"; }

std::string Hex(const std::string& bytes) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char ch : bytes) {
    out.push_back(hex[ch >> 4]);
    out.push_back(hex[ch & 15]);
  }
  return out;
}

std::string Domain(const std::string& address) {
  size_t at = address.find('@');
  return at == std::string::npos ? "pol.local" : address.substr(at + 1);
}

json ParseConfigJson(const store::Channel& ch) {
  json j = json::parse(ch.config, nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

void MarkCancelled(store::Delivery& d, const char* code, const char* fa, int64_t now) {
  d.state = kCancelled;
  d.error_code = code;
  d.error_fa = fa;
  d.updated_at = now;
}

}  // namespace

Distributor::Distributor(store::Database* db, Env* env, jobs::Queue* queue,
                         newsroom::ReleaseService* releases, SecretBox secrets, DistributorOptions options)
    : db_(db),
      env_(env),
      queue_(queue),
      releases_(releases),
      secrets_(std::move(secrets)),
      options_(std::move(options)) {}

std::string Distributor::ArticleUrl(const store::Release& r) const {
  return options_.public_url + "/news/" + std::to_string(r.id);
}

std::string Distributor::UnsubscribeUrl(const std::string& token) const {
  return options_.public_url + "/unsubscribe/" + token;
}

StatusOr<int64_t> Distributor::EnqueueDeliver(Conn& c, const std::vector<int64_t>& ids, int64_t run_at,
                                              const std::string& dedup) {
  jobs::JobSpec spec{.queue = kQueue,
                     .kind = kDeliverJob,
                     .payload_json = json{{"ids", ids}}.dump(),
                     .run_at = run_at,
                     .max_attempts = 10,
                     .dedup_key = dedup};
  return queue_->EnqueueIn(c, spec);
}

// ---------------------------------------------------------------------------------------------------------
// The outbox: inside the publishing transaction.

Status Distributor::OnPublished(Conn& c, const store::Release& r, int64_t now) {
  POL_ASSIGN_OR_RETURN(auto channels,
                       store::ChannelsForRelease(c, r.council_id, r.agency_id, r.council_level));
  for (const store::Channel& ch : channels) {
    if (ch.kind == "email") {
      jobs::JobSpec spec{
          .queue = kQueue,
          .kind = kExpandJob,
          .payload_json = json{{"release_id", r.id}, {"channel_id", ch.id}}.dump(),
          .run_at = now,
          .max_attempts = 20,
          .dedup_key = "distribution.expand:" + std::to_string(r.id) + ":" + std::to_string(ch.id)};
      POL_RETURN_IF_ERROR(queue_->EnqueueIn(c, spec).status());
      continue;
    }
    store::Delivery d{.release_id = r.id,
                      .channel_id = ch.id,
                      .state = kQueued,
                      .max_attempts = options_.max_attempts,
                      .next_at = now,
                      .created_at = now};
    POL_ASSIGN_OR_RETURN(auto id, store::InsertDelivery(c, d));
    if (!id) continue;  // already there (published once before)
    POL_RETURN_IF_ERROR(
        EnqueueDeliver(c, {*id}, now, "distribution.deliver:" + std::to_string(*id) + ":0").status());
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------------------
// Jobs.

Status Distributor::RunExpand(const jobs::Job& job) {
  json p = json::parse(job.payload_json, nullptr, false);
  if (p.is_discarded() || !p.contains("release_id") || !p["release_id"].is_number_integer() ||
      !p.contains("channel_id") || !p["channel_id"].is_number_integer()) {
    return jobs::PermanentError("malformed distribution.expand payload: " + job.payload_json);
  }
  const int64_t release_id = p["release_id"].get<int64_t>(), channel_id = p["channel_id"].get<int64_t>();
  const int64_t now = env_->NowMillis();
  int64_t enqueued = 0;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    auto rel = store::GetRelease(c, release_id);
    if (!rel.ok()) return rel.status().code() == StatusCode::kNotFound ? Status::Ok() : rel.status();
    if (!IsPublic(*rel)) return Status::Ok();
    auto ch = store::GetChannel(c, channel_id);
    if (!ch.ok()) return ch.status().code() == StatusCode::kNotFound ? Status::Ok() : ch.status();
    if (!ch->enabled || ch->kind != "email") return Status::Ok();
    auto config = ChannelConfig::FromJson("email", ParseConfigJson(*ch));
    if (!config.ok()) return Status::Ok();
    POL_ASSIGN_OR_RETURN(auto contacts, store::ActivePressContacts(c, config->press_list_id));
    std::vector<int64_t> batch;
    auto flush = [&]() -> Status {
      if (batch.empty()) return Status::Ok();
      POL_RETURN_IF_ERROR(
          EnqueueDeliver(c, batch, now, "distribution.deliver:b" + std::to_string(batch.front())).status());
      ++enqueued;
      batch.clear();
      return Status::Ok();
    };
    for (const auto& contact : contacts) {
      store::Delivery d{.release_id = release_id,
                        .channel_id = channel_id,
                        .contact_id = contact.id,
                        .recipient = contact.email,
                        .state = kQueued,
                        .max_attempts = options_.max_attempts,
                        .next_at = now,
                        .created_at = now};
      POL_ASSIGN_OR_RETURN(auto id, store::InsertDelivery(c, d));
      if (!id) continue;
      batch.push_back(*id);
      if (static_cast<int>(batch.size()) >= options_.mail_batch) POL_RETURN_IF_ERROR(flush());
    }
    return flush();
  }));
  if (enqueued) queue_->Notify();
  return Status::Ok();
}

Status Distributor::RunDeliver(const jobs::Job& job, jobs::JobContext& ctx) {
  json p = json::parse(job.payload_json, nullptr, false);
  if (p.is_discarded() || !p.contains("ids") || !p["ids"].is_array()) {
    return jobs::PermanentError("malformed distribution.deliver payload: " + job.payload_json);
  }
  std::vector<int64_t> ids;
  for (const json& x : p["ids"]) {
    if (x.is_number_integer()) ids.push_back(x.get<int64_t>());
  }
  if (ids.empty()) return Status::Ok();

  struct Work {
    store::Delivery d;
    bool reconcile = false;
    std::string unsubscribe_token, recipient_name;
    bool attempted = false;
    int64_t resume_at = 0;  // not attempted: when to try again
    SendResult result;
  };
  std::vector<Work> work;
  std::map<int64_t, store::Channel> channels;
  std::map<int64_t, store::Release> releases;
  std::map<int64_t, std::string> agency_names;

  // 1. Claim: queued/sending → sending, one attempt more.
  const int64_t claimed_at = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    work.clear();
    POL_ASSIGN_OR_RETURN(auto ds, store::GetDeliveries(c, ids));
    for (store::Delivery& d : ds) {
      if (d.state != kQueued && d.state != kSending) continue;
      if (d.state == kQueued && d.next_at > claimed_at + 1000) continue;  // a later retry owns it
      if (!releases.count(d.release_id)) {
        POL_ASSIGN_OR_RETURN(releases[d.release_id], store::GetRelease(c, d.release_id));
        auto ag = store::GetAgency(c, releases[d.release_id].agency_id);
        agency_names[d.release_id] = ag.ok() ? ag->name : "";
      }
      if (!channels.count(d.channel_id)) {
        POL_ASSIGN_OR_RETURN(channels[d.channel_id], store::GetChannel(c, d.channel_id));
      }
      Work w;
      w.reconcile = d.state == kSending;
      if (!IsPublic(releases[d.release_id])) {
        MarkCancelled(d, "release_withdrawn", "خبر دیگر منتشرشده نیست (پس گرفته شد)؛ ارسال لغو شد.",
                      claimed_at);
        POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
        continue;
      }
      if (!channels[d.channel_id].enabled) {
        MarkCancelled(d, "channel_disabled", "کانال غیرفعال شد؛ ارسال لغو شد.", claimed_at);
        POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
        continue;
      }
      if (w.reconcile && d.attempts >= d.max_attempts) {
        d.state = kFailed;
        d.error_code = "interrupted";
        d.error_fa = "ارسال چند بار در میانه قطع شد (توقف سرور)؛ وضعیت نامعلوم است.";
        d.updated_at = claimed_at;
        POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
        continue;
      }
      d.state = kSending;
      d.attempts += 1;
      d.sending_at = claimed_at;
      d.updated_at = claimed_at;
      POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
      w.d = d;
      work.push_back(std::move(w));
    }
    return Status::Ok();
  }));
  if (work.empty()) return Status::Ok();

  // The e-mail recipients' contacts (names, unsubscribe tokens, unsubscribed since the expansion), at once.
  std::map<int64_t, store::PressContact> contacts;
  {
    std::vector<int64_t> cids;
    for (const Work& w : work) {
      if (w.d.contact_id) cids.push_back(*w.d.contact_id);
    }
    if (!cids.empty()) {
      POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
        POL_ASSIGN_OR_RETURN(auto list, store::GetPressContacts(c, cids));
        for (auto& x : list) contacts[x.id] = std::move(x);
        return Status::Ok();
      }));
    }
  }

  // 2. Send, one adapter per channel.
  std::map<int64_t, std::unique_ptr<ChannelAdapter>> adapters;
  std::map<int64_t, SendResult> broken;      // channels whose secret or config cannot be used
  std::map<int64_t, int64_t> blocked_until;  // channels that answered 429 in this run
  for (Work& w : work) {
    const store::Channel& ch = channels[w.d.channel_id];
    if (ctx.cancelled()) {
      w.resume_at = env_->NowMillis();
      continue;
    }
    if (auto b = blocked_until.find(ch.id); b != blocked_until.end()) {
      w.resume_at = b->second;
      continue;
    }
    if (!adapters.count(ch.id) && !broken.count(ch.id)) {
      auto config = ChannelConfig::FromJson(ch.kind, ParseConfigJson(ch));
      auto secret = secrets_.Open(ch.secret);
      if (!config.ok()) {
        broken[ch.id] =
            SendResult::Fail(false, "invalid_config", "تنظیمات کانال معتبر نیست؛ آن را ویرایش کنید.",
                             config.status().message());
      } else if (!secret.ok()) {
        broken[ch.id] = SendResult::Fail(
            false, "secret_unreadable",
            "رمز کانال با کلید این سامانه باز نمی‌شود؛ توکن را دوباره وارد کنید.",
            secret.status().ToString());
      } else {
        adapters[ch.id] = MakeAdapter(*config, *secret);
      }
    }
    w.attempted = true;
    if (auto b = broken.find(ch.id); b != broken.end()) {
      w.result = b->second;
      continue;
    }
    const store::Release& r = releases[w.d.release_id];
    OutMessage m;
    m.content = ReleaseContent{.release_id = r.id,
                               .agency_name = agency_names[r.id],
                               .over_title = r.over_title,
                               .title = r.title,
                               .lead = r.lead,
                               .body_text = r.body_text,
                               .article_url = ArticleUrl(r),
                               .published_at = r.published_at.value_or(0)};
    for (const auto& ph : r.photos) {
      m.content.photo_urls.push_back(options_.public_url + "/media/" + std::to_string(ph.media_id) +
                                     "/large");
    }
    m.delivery_id = w.d.id;
    m.now_ms = env_->NowMillis();
    if (ch.kind == "email") {
      m.recipient = w.d.recipient;
      m.message_id = "pol.d" + std::to_string(w.d.id) + ".r" + std::to_string(r.id) + "@" +
                     Domain(ParseConfigJson(ch).value("from_address", "pol.local"));
      if (w.d.contact_id) {
        if (auto it = contacts.find(*w.d.contact_id); it != contacts.end()) {
          m.recipient_name = it->second.name;
          m.unsubscribe_url = UnsubscribeUrl(it->second.unsubscribe_token);
          if (it->second.unsubscribed_at) {
            w.result = SendResult::Fail(false, "unsubscribed", "گیرنده اشتراک خبرنامه را لغو کرده است.", "");
            continue;
          }
        }
      }
    } else if (ch.kind == "webhook") {
      m.payload = json{{"event", "release.published"},
                       {"delivery_id", w.d.id},
                       {"release",
                        {{"id", r.id},
                         {"agency_id", r.agency_id},
                         {"agency", agency_names[r.id]},
                         {"over_title", r.over_title},
                         {"title", r.title},
                         {"lead", r.lead},
                         {"body_html", r.body_html},
                         {"body_text", r.body_text},
                         {"tags", r.tags},
                         {"url", ArticleUrl(r)},
                         {"published_at", r.published_at ? json(*r.published_at) : json()}}}};
    }
    w.result = adapters[ch.id]->Send(m);
    if (!w.result.ok && w.result.retry_after_ms > 0)
      blocked_until[ch.id] = env_->NowMillis() + w.result.retry_after_ms;
  }

  // 3. Record the outcomes, and schedule retries in the same transaction.
  const int64_t done_at = env_->NowMillis();
  bool notify = false;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    for (Work& w : work) {
      store::Delivery& d = w.d;
      d.updated_at = done_at;
      if (!w.attempted) {
        d.state = kQueued;
        d.attempts = std::max<int64_t>(0, d.attempts - 1);
        d.next_at = std::max(w.resume_at, done_at);
        POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
        POL_RETURN_IF_ERROR(
            EnqueueDeliver(c, {d.id}, d.next_at,
                           "distribution.deliver:" + std::to_string(d.id) + ":p" + std::to_string(done_at))
                .status());
        notify = notify || d.next_at <= done_at;
        continue;
      }
      if (w.result.ok) {
        d.state = kSent;
        d.message_id = w.result.message_id;
        d.url = w.result.url;
        d.sent_at = done_at;
        d.error_code.clear();
        d.error_fa.clear();
        d.error_detail.clear();
        POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
        continue;
      }
      d.error_code = w.result.error_code;
      d.error_fa = w.result.error_fa;
      d.error_detail = w.result.detail;
      if (w.result.error_code == "unsubscribed") {
        d.state = kCancelled;
      } else if (!w.result.retryable || d.attempts >= d.max_attempts) {
        d.state = kFailed;
        if (w.result.retryable)
          d.error_fa += " (پس از " + std::to_string(d.attempts) + " تلاش، ارسال متوقف شد.)";
      } else {
        d.state = kQueued;
        const int64_t backoff = jobs::BackoffDelayMs(options_.backoff, d.attempts, jobs::UniformRandom(env_));
        d.next_at = done_at + std::max(w.result.retry_after_ms, backoff);
        POL_RETURN_IF_ERROR(
            EnqueueDeliver(c, {d.id}, d.next_at,
                           "distribution.deliver:" + std::to_string(d.id) + ":" + std::to_string(d.attempts))
                .status());
      }
      POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
    }
    return Status::Ok();
  }));
  if (notify) queue_->Notify();
  return Status::Ok();
}

Status RegisterDistributionJobs(jobs::WorkerPool& pool, Distributor* d) {
  POL_RETURN_IF_ERROR(
      pool.Register(kExpandJob, [d](const jobs::Job& job, jobs::JobContext&) { return d->RunExpand(job); }));
  return pool.Register(kDeliverJob,
                       [d](const jobs::Job& job, jobs::JobContext& ctx) { return d->RunDeliver(job, ctx); });
}

// ---------------------------------------------------------------------------------------------------------
// Channels.

Status Distributor::CheckManage(const Actor& actor, int64_t council_id,
                                std::optional<int64_t> agency_id) const {
  if (actor.IsSystemAdmin() || actor.principal->CanManageChannels(council_id, agency_id)) return Status::Ok();
  return NotFound("کانال پیدا نشد.");
}

StatusOr<ChannelView> Distributor::View(const store::Channel& ch) const {
  auto config = ChannelConfig::FromJson(ch.kind, ParseConfigJson(ch));
  if (!config.ok()) return Internal("stored channel config is invalid: " + config.status().ToString());
  return ChannelView{ch, *config};
}

StatusOr<std::vector<ChannelView>> Distributor::ListChannels(const Actor& actor,
                                                             std::optional<int64_t> council_id,
                                                             std::optional<int64_t> agency_id) {
  std::optional<std::vector<int64_t>> councils, agencies;
  if (!actor.IsSystemAdmin()) {
    councils.emplace();
    for (const auto& g : actor.principal->grants) {
      if (g.role == "council_admin" && g.council_id) councils->push_back(*g.council_id);
    }
    agencies = actor.principal->ManagedAgencies();
    if (councils->empty() && agencies->empty()) return std::vector<ChannelView>();
  }
  std::vector<ChannelView> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto list, store::ListChannels(c, councils, agencies, council_id, agency_id));
    for (const auto& ch : list) {
      POL_ASSIGN_OR_RETURN(auto v, View(ch));
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

namespace {

// The press list must exist and belong to the channel's scope (the same agency, or the council's own).
Status CheckPressList(Conn& c, const ChannelConfig& config, int64_t council_id,
                      std::optional<int64_t> agency_id) {
  if (config.kind != "email") return Status::Ok();
  auto l = store::GetPressList(c, config.press_list_id);
  if (!l.ok() && l.status().code() != StatusCode::kNotFound) return l.status();
  if (!l.ok() || l->council_id != council_id || (l->agency_id && l->agency_id != agency_id)) {
    return InvalidArgument("unknown_press_list",
                           "فهرست خبرنگاران انتخاب‌شده پیدا نشد.",
                           "press_list_id");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<ChannelView> Distributor::CreateChannel(const Actor& actor, const ChannelInput& in) {
  if (!in.kind || !KnownKind(*in.kind)) {
    return InvalidArgument(
        "invalid_kind",
        "نوع کانال باید یکی از تلگرام، بله، ایتا، رایانامه یا وب‌هوک باشد.",
        "kind");
  }
  if (!in.name) return InvalidArgument("required", "نام کانال لازم است.", "name");
  POL_ASSIGN_OR_RETURN(std::string name, accounts::NormalizeText(*in.name, 100, "name", true));
  POL_ASSIGN_OR_RETURN(ChannelConfig config,
                       ChannelConfig::FromJson(*in.kind, in.config.value_or(json::object())));
  std::string secret = in.secret.value_or("");
  if (secret.empty() && *in.kind != "email")
    return InvalidArgument("required", "توکن یا کلید کانال لازم است.", "secret");
  if (!secret.empty()) POL_RETURN_IF_ERROR(ValidateSecret(*in.kind, secret));
  const int64_t now = env_->NowMillis();
  store::Channel ch;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    if (in.agency_id) {
      auto a = store::GetAgency(c, *in.agency_id);
      if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
      if (!a.ok() || (!actor.IsSystemAdmin() && !actor.principal->CanReadCouncil(a->council_id))) {
        return InvalidArgument("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.",
                               "agency_id");
      }
      ch.council_id = a->council_id;
      ch.agency_id = a->id;
    } else if (in.council_id) {
      auto co = store::GetCouncil(c, *in.council_id);
      if (!co.ok() && co.status().code() != StatusCode::kNotFound) return co.status();
      if (!co.ok() || (!actor.IsSystemAdmin() && !actor.principal->CanReadCouncil(co->id))) {
        return InvalidArgument("unknown_council", "شورای انتخاب‌شده وجود ندارد.",
                               "council_id");
      }
      ch.council_id = co->id;
    } else {
      return InvalidArgument("required", "دستگاه یا شورای صاحب کانال را انتخاب کنید.", "agency_id");
    }
    if (!actor.IsSystemAdmin() && !actor.principal->CanManageChannels(ch.council_id, ch.agency_id)) {
      return PermissionDenied(
          "مدیریت کانال‌های انتشار این دستگاه در اختیار شما نیست.");
    }
    POL_RETURN_IF_ERROR(CheckPressList(c, config, ch.council_id, ch.agency_id));
    ch.kind = *in.kind;
    ch.name = name;
    ch.config = config.ToJson().dump();
    ch.secret = secret.empty() ? "" : secrets_.Seal(secret);
    ch.secret_hint = Hint(secret);
    ch.enabled = in.enabled.value_or(true);
    ch.created_at = ch.updated_at = now;
    POL_ASSIGN_OR_RETURN(ch.id, store::InsertChannel(c, ch));
    return accounts::Audit(c, actor, now, "channel.create", "channel", std::to_string(ch.id),
                           {ch.council_id, ch.agency_id}, json{{"kind", ch.kind}, {"name", ch.name}});
  }));
  return View(ch);
}

StatusOr<ChannelView> Distributor::GetChannel(const Actor& actor, int64_t id) {
  store::Channel ch;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(ch, store::GetChannel(c, id));
    return Status::Ok();
  }));
  POL_RETURN_IF_ERROR(CheckManage(actor, ch.council_id, ch.agency_id));
  return View(ch);
}

StatusOr<ChannelView> Distributor::UpdateChannel(const Actor& actor, int64_t id, const ChannelInput& in) {
  if (!in.version)
    return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  if (in.kind || in.agency_id || in.council_id) {
    return InvalidArgument("immutable", "نوع و صاحب کانال تغییرپذیر نیست؛ کانال تازه بسازید.",
                           in.kind ? "kind" : "agency_id");
  }
  const int64_t now = env_->NowMillis();
  store::Channel ch;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(ch, store::GetChannel(c, id));
    POL_RETURN_IF_ERROR(CheckManage(actor, ch.council_id, ch.agency_id));
    json detail = json::object();
    if (in.name) {
      POL_ASSIGN_OR_RETURN(ch.name, accounts::NormalizeText(*in.name, 100, "name", true));
      detail["name"] = ch.name;
    }
    if (in.config) {
      POL_ASSIGN_OR_RETURN(ChannelConfig config, ChannelConfig::FromJson(ch.kind, *in.config));
      POL_RETURN_IF_ERROR(CheckPressList(c, config, ch.council_id, ch.agency_id));
      ch.config = config.ToJson().dump();
      detail["config"] = true;
    }
    if (in.secret) {
      if (!in.secret->empty()) POL_RETURN_IF_ERROR(ValidateSecret(ch.kind, *in.secret));
      if (in.secret->empty() && ch.kind != "email") {
        return InvalidArgument("required", "توکن یا کلید کانال لازم است.", "secret");
      }
      ch.secret = in.secret->empty() ? "" : secrets_.Seal(*in.secret);
      ch.secret_hint = Hint(*in.secret);
      detail["secret"] = "replaced";
    }
    if (in.enabled) {
      ch.enabled = *in.enabled;
      detail["enabled"] = ch.enabled;
    }
    if (ch.version != *in.version) return store::VersionConflict();
    POL_RETURN_IF_ERROR(store::UpdateChannel(c, ch, now));
    ch.version += 1;
    ch.updated_at = now;
    return accounts::Audit(c, actor, now, "channel.update", "channel", std::to_string(ch.id),
                           {ch.council_id, ch.agency_id}, detail);
  }));
  return View(ch);
}

StatusOr<TestResult> Distributor::TestChannel(const Actor& actor, int64_t id) {
  POL_ASSIGN_OR_RETURN(ChannelView v, GetChannel(actor, id));
  auto secret = secrets_.Open(v.channel.secret);
  TestResult out;
  if (!secret.ok()) {
    out.error_code = "secret_unreadable";
    out.error_fa =
        "رمز کانال با کلید این سامانه باز نمی‌شود؛ توکن را دوباره وارد کنید.";
    return out;
  }
  auto adapter = MakeAdapter(v.config, *secret);
  OutMessage m;
  m.test = true;
  m.now_ms = env_->NowMillis();
  m.delivery_id = 0;
  m.message_id =
      "pol.test." + std::to_string(id) + "." + std::to_string(m.now_ms) + "@" + Domain(v.config.from_address);
  SendResult r = adapter->Send(m);
  out.ok = r.ok;
  out.message_id = r.message_id;
  out.url = r.url;
  out.error_code = r.error_code;
  out.error_fa = r.error_fa;
  out.detail = r.detail;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Press lists.

StatusOr<std::vector<store::PressList>> Distributor::ListPressLists(const Actor& actor) {
  std::optional<std::vector<int64_t>> councils, agencies;
  if (!actor.IsSystemAdmin()) {
    councils.emplace();
    for (const auto& g : actor.principal->grants) {
      if (g.role == "council_admin" && g.council_id) councils->push_back(*g.council_id);
    }
    agencies = actor.principal->ManagedAgencies();
    if (councils->empty() && agencies->empty()) return std::vector<store::PressList>();
  }
  std::vector<store::PressList> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListPressLists(c, councils, agencies));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::PressList> Distributor::CreatePressList(const Actor& actor, int64_t council_id,
                                                        std::optional<int64_t> agency_id,
                                                        const std::string& raw_name) {
  POL_ASSIGN_OR_RETURN(std::string name, accounts::NormalizeText(raw_name, 100, "name", true));
  const int64_t now = env_->NowMillis();
  store::PressList l;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    if (agency_id) {
      auto a = store::GetAgency(c, *agency_id);
      if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
      if (!a.ok() || (!actor.IsSystemAdmin() && !actor.principal->CanReadCouncil(a->council_id))) {
        return InvalidArgument("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.",
                               "agency_id");
      }
      council_id = a->council_id;
    } else {
      auto co = store::GetCouncil(c, council_id);
      if (!co.ok() && co.status().code() != StatusCode::kNotFound) return co.status();
      if (!co.ok() || (!actor.IsSystemAdmin() && !actor.principal->CanReadCouncil(council_id))) {
        return InvalidArgument("unknown_council", "شورای انتخاب‌شده وجود ندارد.",
                               "council_id");
      }
    }
    if (!actor.IsSystemAdmin() && !actor.principal->CanManageChannels(council_id, agency_id)) {
      return PermissionDenied("مدیریت فهرست خبرنگاران این دستگاه در اختیار شما نیست.");
    }
    l = store::PressList{
        .council_id = council_id, .agency_id = agency_id, .name = name, .created_at = now, .updated_at = now};
    POL_ASSIGN_OR_RETURN(l.id, store::InsertPressList(c, l));
    return accounts::Audit(c, actor, now, "press_list.create", "press_list", std::to_string(l.id),
                           {council_id, agency_id}, json{{"name", name}});
  }));
  return l;
}

StatusOr<std::pair<std::vector<store::PressContact>, int64_t>> Distributor::ListContacts(const Actor& actor,
                                                                                         int64_t list_id,
                                                                                         int64_t limit,
                                                                                         int64_t offset) {
  std::pair<std::vector<store::PressContact>, int64_t> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto l, store::GetPressList(c, list_id));
    if (!actor.IsSystemAdmin() && !actor.principal->CanManageChannels(l.council_id, l.agency_id)) {
      return NotFound("فهرست خبرنگاران پیدا نشد.");
    }
    POL_ASSIGN_OR_RETURN(out, store::ListPressContacts(c, list_id, limit, offset));
    return Status::Ok();
  }));
  return out;
}

StatusOr<ImportReport> Distributor::ImportContacts(const Actor& actor, int64_t list_id,
                                                   const std::vector<ContactInput>& contacts) {
  if (contacts.size() > 20000)
    return InvalidArgument(
        "too_many", "در هر بار حداکثر ۲۰٬۰۰۰ نشانی می‌توان افزود.",
        "contacts");
  ImportReport report;
  struct Clean {
    int64_t line;
    store::PressContact c;
  };
  std::vector<Clean> clean;
  std::set<std::string> seen;
  for (size_t i = 0; i < contacts.size(); ++i) {
    const ContactInput& in = contacts[i];
    const int64_t line = static_cast<int64_t>(i) + 1;
    std::string email = in.email;
    while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) email.pop_back();
    while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) email.erase(0, 1);
    for (char& ch : email) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!ValidEmail(email)) {
      report.problems.push_back({line, in.email, "invalid_email", "نشانی رایانامه معتبر نیست."});
      continue;
    }
    if (!seen.insert(email).second) {
      report.problems.push_back({line, in.email, "duplicate", "این نشانی در همین فهرست تکرار شده است."});
      continue;
    }
    auto name = accounts::NormalizeText(in.name, 200, "name", false);
    auto outlet = accounts::NormalizeText(in.outlet, 200, "outlet", false);
    auto beats = accounts::NormalizeText(in.beats, 300, "beats", false);
    if (!name.ok() || !outlet.ok() || !beats.ok()) {
      report.problems.push_back(
          {line, in.email, "invalid_field", "نام، رسانه یا حوزهٔ خبری این ردیف معتبر نیست."});
      continue;
    }
    clean.push_back(
        {line, store::PressContact{
                   .list_id = list_id, .outlet = *outlet, .name = *name, .email = email, .beats = *beats}});
  }
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto l, store::GetPressList(c, list_id));
    if (!actor.IsSystemAdmin() && !actor.principal->CanManageChannels(l.council_id, l.agency_id)) {
      return NotFound("فهرست خبرنگاران پیدا نشد.");
    }
    report.added = report.updated = 0;
    for (auto& x : clean) {
      x.c.unsubscribe_token = Hex(env_->RandomBytes(16));
      x.c.created_at = now;
      POL_ASSIGN_OR_RETURN(auto res, store::UpsertPressContact(c, x.c));
      (res.second ? report.added : report.updated) += 1;
    }
    return accounts::Audit(
        c, actor, now, "press_list.import", "press_list", std::to_string(list_id),
        {l.council_id, l.agency_id},
        json{{"added", report.added}, {"updated", report.updated}, {"rejected", report.problems.size()}});
  }));
  return report;
}

StatusOr<std::vector<ContactInput>> Distributor::ParseContactsCsv(const std::string& csv,
                                                                  ImportReport& report) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    char ch = csv[i];
    if (quoted) {
      if (ch == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        field.push_back(ch);
      }
      continue;
    }
    if (ch == '"') {
      quoted = true;
      any = true;
    } else if (ch == ',' || ch == ';' || ch == '\t') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (ch == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
      any = false;
    } else if (ch != '\r') {
      field.push_back(ch);
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  if (rows.empty()) return InvalidArgument("invalid_csv", "پرونده خالی است.", "csv");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < rows[0].size(); ++i) {
    std::string h = rows[0][i];
    if (h.starts_with("\xEF\xBB\xBF")) h.erase(0, 3);
    for (char& ch : h) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    while (!h.empty() && h.back() == ' ') h.pop_back();
    while (!h.empty() && h.front() == ' ') h.erase(0, 1);
    col[h] = i;
  }
  if (!col.count("email")) {
    return InvalidArgument(
        "invalid_csv",
        "سطر اول باید نام ستون‌ها باشد و ستون email داشته باشد.",
        "csv");
  }
  auto get = [&](const std::vector<std::string>& r, const char* name) -> std::string {
    auto it = col.find(name);
    return it == col.end() || it->second >= r.size() ? "" : r[it->second];
  };
  std::vector<ContactInput> out;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() == 1 && r[0].empty()) continue;
    out.push_back({get(r, "outlet"), get(r, "name"), get(r, "email"), get(r, "beats")});
  }
  (void)report;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Deliveries.

StatusOr<ReleaseDistribution> Distributor::ForRelease(const Actor& actor, int64_t release_id) {
  ReleaseDistribution out;
  POL_ASSIGN_OR_RETURN(out.release, releases_->Get(actor, release_id));
  out.article_url = ArticleUrl(out.release);
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto counts, store::CountReleaseDeliveries(c, release_id));
    POL_ASSIGN_OR_RETURN(auto rows, store::ListReleaseDeliveries(c, release_id, 300));
    std::map<int64_t, store::Channel> channels;
    auto channel = [&](int64_t id) -> StatusOr<store::Channel*> {
      if (!channels.count(id)) {
        POL_ASSIGN_OR_RETURN(channels[id], store::GetChannel(c, id));
      }
      return &channels[id];
    };
    std::map<int64_t, ChannelSummary> sums;
    std::vector<int64_t> order;
    auto summary = [&](int64_t id) -> StatusOr<ChannelSummary*> {
      if (!sums.count(id)) {
        POL_ASSIGN_OR_RETURN(store::Channel * ch, channel(id));
        sums[id] = ChannelSummary{.channel_id = id, .kind = ch->kind, .name = ch->name};
        order.push_back(id);
      }
      return &sums[id];
    };
    for (const auto& n : counts) {
      POL_ASSIGN_OR_RETURN(ChannelSummary * s, summary(n.channel_id));
      if (n.state == kQueued) s->queued += n.count;
      if (n.state == kSending) s->sending += n.count;
      if (n.state == kSent) s->sent += n.count;
      if (n.state == kFailed) s->failed += n.count;
      if (n.state == kCancelled) s->cancelled += n.count;
      s->last_at = std::max(s->last_at, n.last_at);
    }
    if (IsPublic(out.release)) {
      // Channels whose deliveries are not written yet (a press list being expanded).
      POL_ASSIGN_OR_RETURN(auto current,
                           store::ChannelsForRelease(c, out.release.council_id, out.release.agency_id,
                                                     out.release.council_level));
      for (const auto& ch : current) {
        if (sums.count(ch.id)) continue;
        channels[ch.id] = ch;
        POL_RETURN_IF_ERROR(summary(ch.id).status());
      }
    }
    for (int64_t id : order) out.channels.push_back(sums[id]);
    for (auto& d : rows) {
      POL_ASSIGN_OR_RETURN(store::Channel * ch, channel(d.channel_id));
      out.deliveries.push_back({std::move(d), ch->kind, ch->name});
    }
    return Status::Ok();
  }));
  return out;
}

StatusOr<DeliveryView> Distributor::Retry(const Actor& actor, int64_t delivery_id) {
  const int64_t now = env_->NowMillis();
  DeliveryView out;
  int64_t release_id = 0;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto d, store::GetDelivery(c, delivery_id));
    release_id = d.release_id;
    return Status::Ok();
  }));
  POL_RETURN_IF_ERROR(releases_->Get(actor, release_id).status());  // 404 outside the release's readers
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Delivery d, store::GetDelivery(c, delivery_id));
    POL_ASSIGN_OR_RETURN(store::Channel ch, store::GetChannel(c, d.channel_id));
    if (!actor.IsSystemAdmin() && !actor.principal->CanManageChannels(ch.council_id, ch.agency_id)) {
      return PermissionDenied("ارسال دوباره با مدیر روابط عمومی دستگاه است.");
    }
    if (d.state != kFailed && d.state != kCancelled) {
      return FailedPrecondition(
          "not_retryable",
          "فقط ارسال ناموفق یا لغوشده را می‌توان دوباره فرستاد.");
    }
    POL_ASSIGN_OR_RETURN(auto rel, store::GetRelease(c, d.release_id));
    if (!IsPublic(rel)) return FailedPrecondition("release_not_published", "این خبر دیگر منتشرشده نیست.");
    d.state = kQueued;
    d.max_attempts = d.attempts + options_.max_attempts;
    d.next_at = now;
    d.updated_at = now;
    d.error_code.clear();
    d.error_fa.clear();
    d.error_detail.clear();
    POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
    POL_RETURN_IF_ERROR(
        EnqueueDeliver(c, {d.id}, now,
                       "distribution.deliver:" + std::to_string(d.id) + ":m" + std::to_string(now))
            .status());
    out = {d, ch.kind, ch.name};
    return accounts::Audit(c, actor, now, "delivery.retry", "delivery", std::to_string(d.id),
                           {ch.council_id, ch.agency_id}, json{{"release_id", d.release_id}});
  }));
  queue_->Notify();
  return out;
}

StatusOr<DeliveryView> Distributor::Cancel(const Actor& actor, int64_t delivery_id) {
  const int64_t now = env_->NowMillis();
  DeliveryView out;
  int64_t release_id = 0;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto d, store::GetDelivery(c, delivery_id));
    release_id = d.release_id;
    return Status::Ok();
  }));
  POL_RETURN_IF_ERROR(releases_->Get(actor, release_id).status());
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Delivery d, store::GetDelivery(c, delivery_id));
    POL_ASSIGN_OR_RETURN(store::Channel ch, store::GetChannel(c, d.channel_id));
    if (!actor.IsSystemAdmin() && !actor.principal->CanManageChannels(ch.council_id, ch.agency_id)) {
      return PermissionDenied("لغو ارسال با مدیر روابط عمومی دستگاه است.");
    }
    if (d.state == kSending) {
      return FailedPrecondition("delivery_in_flight",
                                "این ارسال همین حالا در جریان است؛ کمی بعد دوباره نگاه کنید.");
    }
    if (d.state != kQueued && d.state != kFailed) {
      return FailedPrecondition(
          "not_cancellable",
          "فقط ارسالِ در صف یا ناموفق را می‌توان لغو کرد.");
    }
    d.state = kCancelled;
    d.error_code = "cancelled_by_user";
    d.error_fa = "به دست " + (actor.IsSystem() ? std::string("سامانه") : actor.principal->name) + " لغو شد.";
    d.updated_at = now;
    POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
    out = {d, ch.kind, ch.name};
    return accounts::Audit(c, actor, now, "delivery.cancel", "delivery", std::to_string(d.id),
                           {ch.council_id, ch.agency_id}, json{{"release_id", d.release_id}});
  }));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Unsubscribe.

StatusOr<std::pair<store::PressContact, std::string>> Distributor::UnsubscribeInfo(const std::string& token) {
  std::pair<store::PressContact, std::string> out;
  if (token.size() != 32) return NotFound("این پیوند لغو اشتراک معتبر نیست.");
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto contact, store::FindContactByToken(c, token));
    if (!contact) return NotFound("این پیوند لغو اشتراک معتبر نیست.");
    POL_ASSIGN_OR_RETURN(auto list, store::GetPressList(c, contact->list_id));
    out = {*contact, list.name};
    return Status::Ok();
  }));
  return out;
}

Status Distributor::Unsubscribe(const std::string& token) {
  if (token.size() != 32) return NotFound("این پیوند لغو اشتراک معتبر نیست.");
  const int64_t now = env_->NowMillis();
  return db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto contact, store::FindContactByToken(c, token));
    if (!contact) return NotFound("این پیوند لغو اشتراک معتبر نیست.");
    if (contact->unsubscribed_at) return Status::Ok();
    POL_ASSIGN_OR_RETURN(auto list, store::GetPressList(c, contact->list_id));
    POL_RETURN_IF_ERROR(store::SetUnsubscribed(c, contact->id, now));
    accounts::Actor system;
    return accounts::Audit(c, system, now, "press_contact.unsubscribe", "press_contact",
                           std::to_string(contact->id), {list.council_id, list.agency_id},
                           json{{"list_id", list.id}});
  });
}

}  // namespace pol::distribution
