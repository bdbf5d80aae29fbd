#include "distribution/distributor.h"

#include <algorithm>
#include <map>

#include "distribution/distribution_policy.h"
#include "distribution/distributor_internal.h"
#include "distribution/mime.h"
#include "store/council_repo.h"

namespace pol::distribution {

using accounts::Actor;
using namespace internal;  // NOLINT: the states and helpers of this folder
using nlohmann::json;
using store::Conn;

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

ReleaseContent Distributor::ContentOf(const store::Release& r, const std::string& agency_name) const {
  ReleaseContent content{.release_id = r.id,
                         .agency_name = agency_name,
                         .over_title = r.over_title,
                         .title = r.title,
                         .lead = r.lead,
                         .body_text = r.body_text,
                         .article_url = ArticleUrl(r),
                         .published_at = r.published_at.value_or(0)};
  for (const auto& ph : r.photos) {
    content.photo_urls.push_back(options_.public_url + "/media/" + std::to_string(ph.media_id) + "/large");
  }
  return content;
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

std::unique_ptr<ChannelAdapter> Distributor::NewAdapter(const ChannelConfig& config,
                                                        const std::string& secret) const {
  return options_.make_adapter ? options_.make_adapter(config, secret) : MakeAdapter(config, secret);
}

std::unique_ptr<ChannelAdapter> Distributor::OpenAdapter(const store::Channel& ch, ChannelConfig* config,
                                                         SendResult* failure) const {
  auto cfg = ChannelConfig::FromJson(ch.kind, ParseConfigJson(ch));
  if (!cfg.ok()) {
    *failure = SendResult::Fail(false, "invalid_config", "تنظیمات کانال معتبر نیست؛ آن را ویرایش کنید.",
                                "invalid_config");
    return nullptr;
  }
  auto secret = secrets_.Open(ch.secret);
  if (!secret.ok()) {
    *failure = SendResult::Fail(
        false, "secret_unreadable",
        "رمز کانال با کلید این سامانه باز نمی‌شود؛ توکن را دوباره وارد کنید.",
        "secret_unreadable");
    return nullptr;
  }
  *config = *cfg;
  return NewAdapter(*cfg, *secret);
}

SendResult Distributor::SendOn(const store::Channel& ch,
                               const std::function<void(const ChannelConfig&, OutMessage&)>& fill) const {
  ChannelConfig config;
  SendResult failure;
  std::unique_ptr<ChannelAdapter> adapter = OpenAdapter(ch, &config, &failure);
  if (!adapter) return failure;
  OutMessage m;
  m.now_ms = env_->NowMillis();
  fill(config, m);
  return adapter->Send(m);
}

// ---------------------------------------------------------------------------------------------------------
// The outbox: inside the publishing transaction.

Status Distributor::OnPublished(Conn& c, const store::Release& r, int64_t now) {
  POL_ASSIGN_OR_RETURN(auto channels,
                       store::ChannelsForRelease(c, r.council_id, r.agency_id, r.council_level));
  for (const store::Channel& ch : channels) {
    if (IsAlertChannel(ch.kind, ParseConfigJson(ch))) continue;  // an alert chat takes no releases
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

Status RegisterDistributionJobs(jobs::WorkerPool& pool, Distributor* d) {
  POL_RETURN_IF_ERROR(
      pool.Register(kExpandJob, [d](const jobs::Job& job, jobs::JobContext&) { return d->RunExpand(job); }));
  POL_RETURN_IF_ERROR(pool.Register(kBulletinDeliverJob, [d](const jobs::Job& job, jobs::JobContext&) {
    return d->RunBulletinDelivery(job);
  }));
  POL_RETURN_IF_ERROR(pool.Register(
      kAlertDeliverJob, [d](const jobs::Job& job, jobs::JobContext&) { return d->RunAlertDelivery(job); }));
  POL_RETURN_IF_ERROR(pool.Register(
      kReleaseUpdateJob, [d](const jobs::Job& job, jobs::JobContext&) { return d->RunReleaseUpdate(job); }));
  return pool.Register(kDeliverJob,
                       [d](const jobs::Job& job, jobs::JobContext& ctx) { return d->RunDeliver(job, ctx); });
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
        if (sums.count(ch.id) || IsAlertChannel(ch.kind, ParseConfigJson(ch))) continue;
        channels[ch.id] = ch;
        POL_RETURN_IF_ERROR(summary(ch.id).status());
      }
    }
    for (int64_t id : order) out.channels.push_back(sums[id]);
    for (auto& d : rows) {
      POL_ASSIGN_OR_RETURN(store::Channel * ch, channel(d.channel_id));
      // Press contacts' addresses: in full only for those who manage the press lists.
      if (!d.recipient.empty() && !CanSeePressContacts(actor, ch->council_id, ch->agency_id)) {
        d.recipient = MaskEmail(d.recipient);
      }
      out.deliveries.push_back({std::move(d), ch->kind, ch->name});
    }
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::pair<std::vector<FailedDeliveryView>, int64_t>> Distributor::ListFailed(
    const Actor& actor, std::optional<int64_t> agency_id, int64_t limit, int64_t offset) {
  const ManageScope scope = ManageableScope(actor);
  std::pair<std::vector<FailedDeliveryView>, int64_t> out{{}, 0};
  if (scope.none) return out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(
        auto page, store::ListFailedDeliveries(c, scope.councils, scope.agencies, agency_id, limit, offset));
    out.second = page.second;
    for (auto& f : page.first) {
      if (!f.delivery.recipient.empty() && !CanSeePressContacts(actor, f.council_id, f.agency_id)) {
        f.delivery.recipient = MaskEmail(f.delivery.recipient);
      }
      const bool live = f.release_status == "published" || f.release_status == "corrected";
      out.first.push_back(FailedDeliveryView{
          .view = {std::move(f.delivery), f.channel_kind, f.channel_name},
          .council_id = f.council_id,
          .agency_id = f.agency_id,
          .release_title = f.release_title,
          .release_status = f.release_status,
          .retryable = live && CanRetryOrCancelDelivery(actor, f.council_id, f.agency_id)});
    }
    return Status::Ok();
  }));
  return out;
}

Status Distributor::CheckDeliveryReadable(const Actor& actor, int64_t delivery_id) {
  int64_t release_id = 0;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto d, store::GetDelivery(c, delivery_id));
    release_id = d.release_id;
    return Status::Ok();
  }));
  return releases_->Get(actor, release_id).status();  // 404 outside the release's readers
}

StatusOr<DeliveryView> Distributor::Retry(const Actor& actor, int64_t delivery_id) {
  const int64_t now = env_->NowMillis();
  DeliveryView out;
  POL_RETURN_IF_ERROR(CheckDeliveryReadable(actor, delivery_id));
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Delivery d, store::GetDelivery(c, delivery_id));
    POL_ASSIGN_OR_RETURN(store::Channel ch, store::GetChannel(c, d.channel_id));
    if (!CanRetryOrCancelDelivery(actor, ch.council_id, ch.agency_id)) {
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
  POL_RETURN_IF_ERROR(CheckDeliveryReadable(actor, delivery_id));
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Delivery d, store::GetDelivery(c, delivery_id));
    POL_ASSIGN_OR_RETURN(store::Channel ch, store::GetChannel(c, d.channel_id));
    if (!CanRetryOrCancelDelivery(actor, ch.council_id, ch.agency_id)) {
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

}  // namespace pol::distribution
