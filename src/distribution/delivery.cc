// The delivery state machine: one run of a distribution.deliver job, in named steps.
//
//   ClaimDeliveries  load the rows; queued/sending → sending with one attempt more (one transaction);
//                    a withdrawn release or a disabled channel cancels, an interrupted send out of
//                    attempts fails ("interrupted")
//   LoadRecipients   the press contacts of e-mail rows (names, unsubscribe links, unsubscribed since)
//   SendOne          compose for the channel (ComposeFor) and send through its adapter; a channel that
//                    answered 429 is not tried again in this run
//   RecordOutcomes   sent / failed (permanent, or attempts used up: give up) / cancelled (unsubscribed) /
//                    queued again with a retry job at now + max(retry_after, backoff); rows not attempted
//                    go back to queued without using an attempt (one transaction)
#include <algorithm>
#include <map>

#include "distribution/distributor.h"
#include "distribution/distributor_internal.h"
#include "store/council_repo.h"
#include "store/release_repo.h"
#include "text/number_words.h"

namespace pol::distribution {

using namespace internal;  // NOLINT: the states and helpers of this folder
using nlohmann::json;
using store::Conn;

struct DeliveryRun {
  struct Work {
    store::Delivery d;
    bool attempted = false;
    int64_t resume_at = 0;  // not attempted: when to try again
    SendResult result;
  };
  std::vector<Work> work;
  std::map<int64_t, store::Channel> channels;
  std::map<int64_t, store::Release> releases;
  std::map<int64_t, std::string> agency_names;  // by release id
  std::map<int64_t, store::PressContact> contacts;
  std::map<int64_t, std::unique_ptr<ChannelAdapter>> adapters;
  std::map<int64_t, SendResult> broken;      // channels whose secret or config cannot be used
  std::map<int64_t, int64_t> blocked_until;  // channels that answered 429 in this run
};

namespace {

// A delivery that stopped for good tells the PR managers of the release's agency (in their bell), with
// the cause and a link to the release, where its deliveries can be retried.
Status NotifyFailure(Conn& c, const DeliveryRun& run, const store::Delivery& d, int64_t now) {
  auto r = run.releases.find(d.release_id);
  auto ch = run.channels.find(d.channel_id);
  if (r == run.releases.end() || ch == run.channels.end()) return Status::Ok();
  return NotifyDeliveryFailed(c, r->second.council_id, r->second.agency_id,
                              "ارسال «" + r->second.title + "» به «" + ch->second.name + "» ناموفق ماند",
                              d.error_fa, "/console/releases/" + std::to_string(r->second.id), now);
}

void MarkCancelled(store::Delivery& d, const char* code, const char* fa, int64_t now) {
  d.state = kCancelled;
  d.error_code = code;
  d.error_fa = fa;
  d.updated_at = now;
}

// Loads what a row needs into the run's maps and decides it: true to send it in this run; false when
// it is not this run's (a later retry owns it) or was settled here (cancelled, interrupted).
StatusOr<bool> ClaimOne(Conn& c, DeliveryRun& run, store::Delivery& d, int64_t now) {
  if (d.state != kQueued && d.state != kSending) return false;
  if (d.state == kQueued && d.next_at > now + 1000) return false;  // a later retry owns it
  if (!run.releases.count(d.release_id)) {
    POL_ASSIGN_OR_RETURN(run.releases[d.release_id], store::GetRelease(c, d.release_id));
    auto ag = store::GetAgency(c, run.releases[d.release_id].agency_id);
    run.agency_names[d.release_id] = ag.ok() ? ag->name : "";
  }
  if (!run.channels.count(d.channel_id)) {
    POL_ASSIGN_OR_RETURN(run.channels[d.channel_id], store::GetChannel(c, d.channel_id));
  }
  if (!IsPublic(run.releases[d.release_id])) {
    MarkCancelled(d, "release_withdrawn", "خبر دیگر منتشرشده نیست (پس گرفته شد)؛ ارسال لغو شد.", now);
    POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
    return false;
  }
  if (!run.channels[d.channel_id].enabled) {
    MarkCancelled(d, "channel_disabled", "کانال غیرفعال شد؛ ارسال لغو شد.", now);
    POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
    return false;
  }
  if (d.state == kSending && d.attempts >= d.max_attempts) {
    d.state = kFailed;
    d.error_code = "interrupted";
    d.error_fa = "ارسال چند بار در میانه قطع شد (توقف سرور)؛ وضعیت نامعلوم است.";
    d.updated_at = now;
    POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
    return false;
  }
  return true;
}

json WebhookPayload(const store::Release& r, int64_t delivery_id, const std::string& agency,
                    const std::string& article_url) {
  return json{{"event", "release.published"},
              {"delivery_id", delivery_id},
              {"release",
               {{"id", r.id},
                {"agency_id", r.agency_id},
                {"agency", agency},
                {"over_title", r.over_title},
                {"title", r.title},
                {"lead", r.lead},
                {"body_html", r.body_html},
                {"body_text", r.body_text},
                {"tags", r.tags},
                {"url", article_url},
                {"published_at", r.published_at ? json(*r.published_at) : json()}}}};
}

// The adapter of a channel, made once per run; nullptr (and run.broken set) when its config or secret
// cannot be used.
template <typename MakeFn>
ChannelAdapter* AdapterFor(DeliveryRun& run, const store::Channel& ch, const SecretBox& secrets,
                           const MakeFn& make) {
  if (auto a = run.adapters.find(ch.id); a != run.adapters.end()) return a->second.get();
  if (run.broken.count(ch.id)) return nullptr;
  auto config = ChannelConfig::FromJson(ch.kind, ParseConfigJson(ch));
  auto secret = secrets.Open(ch.secret);
  if (!config.ok()) {
    run.broken[ch.id] = SendResult::Fail(
        false, "invalid_config", "تنظیمات کانال معتبر نیست؛ آن را ویرایش کنید.", config.status().message());
    return nullptr;
  }
  if (!secret.ok()) {
    run.broken[ch.id] = SendResult::Fail(
        false, "secret_unreadable",
        "رمز کانال با کلید این سامانه باز نمی‌شود؛ توکن را دوباره وارد کنید.",
        secret.status().ToString());
    return nullptr;
  }
  return (run.adapters[ch.id] = make(*config, *secret)).get();
}

}  // namespace

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
  return Deliver(ids, [&ctx] { return ctx.cancelled(); });
}

Status Distributor::Deliver(const std::vector<int64_t>& ids, const std::function<bool()>& cancelled) {
  DeliveryRun run;
  POL_RETURN_IF_ERROR(ClaimDeliveries(ids, run));
  if (run.work.empty()) return Status::Ok();
  POL_RETURN_IF_ERROR(LoadRecipients(run));
  for (size_t i = 0; i < run.work.size(); ++i) SendOne(run, i, cancelled);
  return RecordOutcomes(run);
}

Status Distributor::ClaimDeliveries(const std::vector<int64_t>& ids, DeliveryRun& run) {
  const int64_t claimed_at = env_->NowMillis();
  return db_->Write([&](Conn& c) -> Status {
    run.work.clear();
    POL_ASSIGN_OR_RETURN(auto ds, store::GetDeliveries(c, ids));
    for (store::Delivery& d : ds) {
      POL_ASSIGN_OR_RETURN(bool send, ClaimOne(c, run, d, claimed_at));
      if (!send) continue;
      DeliveryRun::Work w;
      d.state = kSending;
      d.attempts += 1;
      d.sending_at = claimed_at;
      d.updated_at = claimed_at;
      POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
      w.d = d;
      run.work.push_back(std::move(w));
    }
    return Status::Ok();
  });
}

Status Distributor::LoadRecipients(DeliveryRun& run) {
  std::vector<int64_t> cids;
  for (const auto& w : run.work) {
    if (w.d.contact_id) cids.push_back(*w.d.contact_id);
  }
  if (cids.empty()) return Status::Ok();
  return db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto list, store::GetPressContacts(c, cids));
    for (auto& x : list) run.contacts[x.id] = std::move(x);
    return Status::Ok();
  });
}

void Distributor::SendOne(DeliveryRun& run, size_t index, const std::function<bool()>& cancelled) {
  DeliveryRun::Work& w = run.work[index];
  const store::Channel& ch = run.channels[w.d.channel_id];
  if (cancelled()) {
    w.resume_at = env_->NowMillis();
    return;
  }
  if (auto b = run.blocked_until.find(ch.id); b != run.blocked_until.end()) {
    w.resume_at = b->second;
    return;
  }
  ChannelAdapter* adapter =
      AdapterFor(run, ch, secrets_,
                 [this](const ChannelConfig& config, const std::string& s) { return NewAdapter(config, s); });
  w.attempted = true;
  if (!adapter) {
    w.result = run.broken[ch.id];
    return;
  }
  if (w.d.contact_id) {
    auto it = run.contacts.find(*w.d.contact_id);
    if (it != run.contacts.end() && it->second.unsubscribed_at) {
      w.result = SendResult::Fail(false, "unsubscribed", "گیرنده اشتراک خبرنامه را لغو کرده است.", "");
      return;
    }
  }
  w.result = adapter->Send(ComposeFor(run, index));
  if (!w.result.ok && w.result.retry_after_ms > 0) {
    run.blocked_until[ch.id] = env_->NowMillis() + w.result.retry_after_ms;
  }
}

OutMessage Distributor::ComposeFor(const DeliveryRun& run, size_t index) {
  const DeliveryRun::Work& w = run.work[index];
  const store::Channel& ch = run.channels.at(w.d.channel_id);
  const store::Release& r = run.releases.at(w.d.release_id);
  const std::string& agency = run.agency_names.at(r.id);
  OutMessage m;
  m.content = ContentOf(r, agency);
  m.delivery_id = w.d.id;
  m.now_ms = env_->NowMillis();
  if (ch.kind == "email") {
    m.recipient = w.d.recipient;
    m.message_id = "pol.d" + std::to_string(w.d.id) + ".r" + std::to_string(r.id) + "@" +
                   Domain(ParseConfigJson(ch).value("from_address", "pol.local"));
    if (w.d.contact_id) {
      if (auto it = run.contacts.find(*w.d.contact_id); it != run.contacts.end()) {
        m.recipient_name = it->second.name;
        m.unsubscribe_url = UnsubscribeUrl(it->second.unsubscribe_token);
      }
    }
  } else if (ch.kind == "webhook") {
    m.payload = WebhookPayload(r, w.d.id, agency, ArticleUrl(r));
  }
  return m;
}

Status Distributor::RecordOutcomes(DeliveryRun& run) {
  const int64_t done_at = env_->NowMillis();
  bool notify = false;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    for (size_t i = 0; i < run.work.size(); ++i) {
      POL_RETURN_IF_ERROR(RecordOne(c, run, i, done_at));
      const DeliveryRun::Work& w = run.work[i];
      notify = notify || (!w.attempted && w.d.next_at <= done_at);
    }
    return Status::Ok();
  }));
  if (notify) queue_->Notify();
  return Status::Ok();
}

Status Distributor::RecordOne(Conn& c, DeliveryRun& run, size_t index, int64_t done_at) {
  DeliveryRun::Work& w = run.work[index];
  store::Delivery& d = w.d;
  d.updated_at = done_at;
  if (!w.attempted) {  // back to the queue; the attempt it was charged is returned
    d.state = kQueued;
    d.attempts = std::max<int64_t>(0, d.attempts - 1);
    d.next_at = std::max(w.resume_at, done_at);
    POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
    return EnqueueDeliver(c, {d.id}, d.next_at,
                          "distribution.deliver:" + std::to_string(d.id) + ":p" + std::to_string(done_at))
        .status();
  }
  switch (ApplyOutcome(d, w.result, d.attempts, d.max_attempts, done_at)) {
    case Outcome::kDone:
    case Outcome::kUnsubscribed:
      break;
    case Outcome::kGaveUp:
      POL_RETURN_IF_ERROR(NotifyFailure(c, run, d, done_at));
      break;
    case Outcome::kRetry: {  // after the channel's wait or the backoff, whichever is longer
      const int64_t backoff = jobs::BackoffDelayMs(options_.backoff, d.attempts, jobs::UniformRandom(env_));
      d.next_at = done_at + std::max(w.result.retry_after_ms, backoff);
      POL_RETURN_IF_ERROR(
          EnqueueDeliver(c, {d.id}, d.next_at,
                         "distribution.deliver:" + std::to_string(d.id) + ":" + std::to_string(d.attempts))
              .status());
      break;
    }
  }
  return store::SaveDelivery(c, d);
}

}  // namespace pol::distribution
