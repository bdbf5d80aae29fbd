// The press bulletin delivered through distribution (issue 12 §4; distributor.h "Bulletins"): the rows and
// jobs written inside the transaction that archives a bulletin (the outbox), and the job that sends one
// row — e-mail with the PDF attached and the bulletin's HTML e-mail as the body, Bale/Telegram/Eitaa the
// PDF as a document with a Persian caption.
#include <nlohmann/json.hpp>

#include "distribution/distributor.h"
#include "distribution/distributor_internal.h"
#include "jobs/worker_pool.h"
#include "store/bulletin_archive_repo.h"
#include "store/bulletin_delivery_repo.h"
#include "store/council_repo.h"
#include "text/number_words.h"

namespace pol::distribution {

using namespace internal;  // NOLINT: the states and helpers of this folder
using nlohmann::json;
using store::Conn;

namespace {

std::string PeriodWord(const std::string& period) { return period == "week" ? "هفتگی" : "روزانه"; }

// «بولتن خبری روزانه ۱۴۰۵-۰۹-۱۴.pdf» from the archive's first day (yyyy/MM/dd).
std::string PersianFileName(const store::BulletinArchiveRow& a) {
  std::string day = a.first_day;
  for (char& ch : day) {
    if (ch == '/') ch = '-';
  }
  return "بولتن خبری " + PeriodWord(a.period) + " " + text::ToPersianDigits(day) + ".pdf";
}

struct BulletinSend {
  store::BulletinDelivery d;
  store::BulletinArchiveRow archive;
  store::Channel channel;
  std::string council_name;
  std::optional<store::PressContact> contact;
};

}  // namespace

Status Distributor::OnBulletinArchived(Conn& c, int64_t archive_id, int64_t council_id,
                                       const std::string& period, int64_t now) {
  POL_ASSIGN_OR_RETURN(std::vector<int64_t> channels, store::BulletinRecipients(c, council_id, period));
  std::vector<int64_t> ids;
  for (int64_t channel_id : channels) {
    POL_ASSIGN_OR_RETURN(store::Channel ch, store::GetChannel(c, channel_id));
    if (!ch.enabled || ch.kind == "webhook") continue;
    if (ch.kind == "email") {
      auto config = ChannelConfig::FromJson("email", ParseConfigJson(ch));
      if (!config.ok()) continue;
      POL_ASSIGN_OR_RETURN(auto contacts, store::ActivePressContacts(c, config->press_list_id));
      for (const auto& contact : contacts) {
        POL_ASSIGN_OR_RETURN(auto id, store::InsertBulletinDelivery(c, {.archive_id = archive_id,
                                                                        .channel_id = ch.id,
                                                                        .contact_id = contact.id,
                                                                        .recipient = contact.email,
                                                                        .state = kQueued,
                                                                        .created_at = now}));
        if (id) ids.push_back(*id);
      }
    } else {
      POL_ASSIGN_OR_RETURN(
          auto id,
          store::InsertBulletinDelivery(
              c, {.archive_id = archive_id, .channel_id = ch.id, .state = kQueued, .created_at = now}));
      if (id) ids.push_back(*id);
    }
  }
  for (int64_t id : ids) {
    POL_RETURN_IF_ERROR(queue_
                            ->EnqueueIn(c, {.queue = kQueue,
                                            .kind = kBulletinDeliverJob,
                                            .payload_json = json{{"id", id}}.dump(),
                                            .run_at = now,
                                            .max_attempts = options_.max_attempts,
                                            .dedup_key = "distribution.bulletin:" + std::to_string(id)})
                            .status());
  }
  return Status::Ok();
}

Status Distributor::RunBulletinDelivery(const jobs::Job& job) {
  const json p = json::parse(job.payload_json, nullptr, false);
  if (p.is_discarded() || !p.is_object() || !p.contains("id") || !p["id"].is_number_integer())
    return jobs::PermanentError("malformed distribution.bulletin payload: " + job.payload_json);
  const int64_t id = p["id"].get<int64_t>();
  const int64_t now = env_->NowMillis();

  // Claim: queued/sending → sending with one attempt more; settled rows and disabled channels end here.
  BulletinSend s;
  bool send = false;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto row, store::GetBulletinDelivery(c, id));
    if (!row || (row->state != kQueued && row->state != kSending)) return Status::Ok();
    s.d = *row;
    POL_ASSIGN_OR_RETURN(s.channel, store::GetChannel(c, s.d.channel_id));
    POL_ASSIGN_OR_RETURN(auto archive, store::GetBulletinArchive(c, s.d.archive_id));
    if (!archive) return Status::Ok();
    s.archive = std::move(*archive);
    auto council = store::GetCouncil(c, s.archive.council_id);
    s.council_name = council.ok() ? council->name : "";
    if (s.d.contact_id) {
      POL_ASSIGN_OR_RETURN(auto list, store::GetPressContacts(c, {*s.d.contact_id}));
      if (!list.empty()) s.contact = list.front();
    }
    s.d.updated_at = now;
    if (!s.channel.enabled) {
      s.d.state = kCancelled;
      s.d.error_code = "channel_disabled";
      s.d.error_fa = "کانال غیرفعال شد؛ ارسال لغو شد.";
      return store::SaveBulletinDelivery(c, s.d);
    }
    if (s.contact && s.contact->unsubscribed_at) {
      s.d.state = kCancelled;
      s.d.error_code = "unsubscribed";
      s.d.error_fa = "گیرنده اشتراک خبرنامه را لغو کرده است.";
      return store::SaveBulletinDelivery(c, s.d);
    }
    s.d.state = kSending;
    s.d.attempts += 1;
    send = true;
    return store::SaveBulletinDelivery(c, s.d);
  }));
  if (!send) return Status::Ok();

  // Send.
  const std::string title = "بولتن خبری " + PeriodWord(s.archive.period) +
                            (s.council_name.empty() ? "" : " «" + s.council_name + "»");
  SendResult result = SendOn(s.channel, [&](const ChannelConfig& config, OutMessage& m) {
    m.delivery_id = s.d.id;
    m.document = OutDocument{.file_name = PersianFileName(s.archive),
                             .content_type = "application/pdf",
                             .data = s.archive.pdf,
                             .caption = title + "\n" + s.archive.label};
    if (s.channel.kind != "email") return;
    m.recipient = s.d.recipient;
    m.message_id = "pol.b" + std::to_string(s.d.id) + ".a" + std::to_string(s.archive.id) + "@" +
                   Domain(config.from_address);
    if (s.contact) {
      m.recipient_name = s.contact->name;
      m.unsubscribe_url = UnsubscribeUrl(s.contact->unsubscribe_token);
    }
    m.mail =
        ComposedMail{.subject = title + " — " + s.archive.label,
                     .text = title + "\n" + s.archive.label + "\n\nمتن کامل بولتن به پیوست (PDF) است.\n" +
                             (m.unsubscribe_url.empty() ? "" : "\nلغو اشتراک: " + m.unsubscribe_url + "\n"),
                     .html = s.archive.html};
  });

  // Record: sent; failed (permanent, or the job's last attempt); else queued again and the job retries.
  const int64_t done_at = env_->NowMillis();
  const Outcome outcome = ApplyOutcome(s.d, result, job.attempts, job.max_attempts, done_at);
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(store::SaveBulletinDelivery(c, s.d));
    if (outcome != Outcome::kGaveUp) return Status::Ok();
    return NotifyDeliveryFailed(c, s.channel.council_id, s.channel.agency_id,
                                "ارسال «" + title + "» به «" + s.channel.name + "» ناموفق ماند", s.d.error_fa,
                                "/console/distribution", done_at);
  }));
  if (s.d.state == kQueued)
    return Unavailable("bulletin delivery " + std::to_string(id) + ": " + result.detail);
  return Status::Ok();
}

}  // namespace pol::distribution
