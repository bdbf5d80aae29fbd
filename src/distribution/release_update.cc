// Corrections and withdrawals re-announced through distribution (issue 16 §2; distributor.h "Corrections
// and withdrawals"): the rows and jobs written inside the transaction that corrects or withdraws a release
// (the outbox), and the job that carries one out — edit or delete the Bot API message, the correction
// e-mail to a press contact who received the release, the webhook called with the event.
#include <map>

#include <nlohmann/json.hpp>

#include "distribution/distributor.h"
#include "distribution/distributor_internal.h"
#include "jobs/worker_pool.h"
#include "store/council_repo.h"
#include "store/release_update_repo.h"
#include "text/html_escape.h"

namespace pol::distribution {

using namespace internal;  // NOLINT: the states and helpers of this folder
using nlohmann::json;
using store::Conn;

Status Distributor::OnReleaseChanged(Conn& c, const store::Release& r, const std::string& event,
                                     int64_t now) {
  POL_ASSIGN_OR_RETURN(std::vector<store::Delivery> sent, store::SentReleaseDeliveries(c, r.id));
  std::map<int64_t, store::Channel> channels;
  std::vector<int64_t> ids;
  for (const store::Delivery& d : sent) {
    if (!channels.count(d.channel_id)) {
      POL_ASSIGN_OR_RETURN(channels[d.channel_id], store::GetChannel(c, d.channel_id));
    }
    const store::Channel& ch = channels[d.channel_id];
    if (!ch.enabled) continue;
    // Eitaa's API has neither edit nor delete; a withdrawal sends no e-mail (the correction does).
    if (ch.kind == "eitaa") continue;
    if (ch.kind == "email" && event != "corrected") continue;
    POL_ASSIGN_OR_RETURN(
        auto id,
        store::InsertReleaseUpdate(c, {.release_id = r.id,
                                       .event = event,
                                       .event_at = now,
                                       .note = event == "corrected" ? r.correction_note : r.withdrawn_reason,
                                       .delivery_id = d.id,
                                       .channel_id = d.channel_id,
                                       .state = kQueued,
                                       .created_at = now}));
    if (id) ids.push_back(*id);
  }
  for (int64_t id : ids) {
    POL_RETURN_IF_ERROR(queue_
                            ->EnqueueIn(c, {.queue = kQueue,
                                            .kind = kReleaseUpdateJob,
                                            .payload_json = json{{"id", id}}.dump(),
                                            .run_at = now,
                                            .max_attempts = options_.max_attempts,
                                            .dedup_key = "distribution.update:" + std::to_string(id)})
                            .status());
  }
  return Status::Ok();
}

Status Distributor::RunReleaseUpdate(const jobs::Job& job) {
  const json p = json::parse(job.payload_json, nullptr, false);
  if (p.is_discarded() || !p.is_object() || !p.contains("id") || !p["id"].is_number_integer())
    return jobs::PermanentError("malformed distribution.update payload: " + job.payload_json);
  const int64_t id = p["id"].get<int64_t>();
  const int64_t now = env_->NowMillis();
  store::ReleaseUpdate u;
  store::Delivery d;
  store::Channel ch;
  store::Release r;
  std::string agency;
  std::optional<store::PressContact> contact;
  bool send = false;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto row, store::GetReleaseUpdate(c, id));
    if (!row || (row->state != kQueued && row->state != kSending)) return Status::Ok();  // done once
    u = *row;
    POL_ASSIGN_OR_RETURN(d, store::GetDelivery(c, u.delivery_id));
    POL_ASSIGN_OR_RETURN(ch, store::GetChannel(c, u.channel_id));
    POL_ASSIGN_OR_RETURN(r, store::GetRelease(c, u.release_id));
    auto ag = store::GetAgency(c, r.agency_id);
    agency = ag.ok() ? ag->name : "";
    if (d.contact_id) {
      POL_ASSIGN_OR_RETURN(auto list, store::GetPressContacts(c, {*d.contact_id}));
      if (!list.empty()) contact = list.front();
    }
    u.updated_at = now;
    if (!ch.enabled || (contact && contact->unsubscribed_at)) {
      u.state = kCancelled;
      u.error_code = ch.enabled ? "unsubscribed" : "channel_disabled";
      u.error_fa = ch.enabled ? "گیرنده اشتراک خبرنامه را لغو کرده است." : "کانال غیرفعال شد؛ ارسال لغو شد.";
      return store::SaveReleaseUpdate(c, u);
    }
    // A correction superseded by a withdrawal is not sent any more.
    if (u.event == "corrected" && !IsPublic(r)) {
      u.state = kCancelled;
      u.error_code = "release_withdrawn";
      u.error_fa = "خبر پس گرفته شد؛ اصلاحیه فرستاده نشد.";
      return store::SaveReleaseUpdate(c, u);
    }
    u.state = kSending;
    u.attempts += 1;
    send = true;
    return store::SaveReleaseUpdate(c, u);
  }));
  if (!send) return Status::Ok();

  const bool withdrawn = u.event == "withdrawn";
  const std::string event_name = withdrawn ? "release.withdrawn" : "release.corrected";
  ChannelConfig config;
  SendResult result;
  std::unique_ptr<ChannelAdapter> adapter = OpenAdapter(ch, &config, &result);
  OutMessage composed;
  composed.now_ms = env_->NowMillis();
  composed.delivery_id = u.id;
  composed.content = ContentOf(r, agency);
  if (adapter) {
    if (ch.kind == "telegram" || ch.kind == "bale") {
      result = withdrawn ? adapter->Remove(d.message_id) : adapter->Edit(composed, d.message_id);
    } else if (ch.kind == "email") {
      OutMessage m = composed;
      m.recipient = d.recipient;
      m.message_id =
          "pol.u" + std::to_string(u.id) + ".r" + std::to_string(r.id) + "@" + Domain(config.from_address);
      ComposedMail mail = ComposeMail(m.content, contact ? UnsubscribeUrl(contact->unsubscribe_token) : "");
      mail.subject = "اصلاحیه: " + mail.subject;
      const std::string lead_in =
          "این خبر اصلاح شد" + (u.note.empty() ? std::string(".") : ": " + u.note) + "\n\n";
      mail.text = lead_in + mail.text;
      if (size_t body = mail.html.find("<body"); body != std::string::npos) {
        if (size_t gt = mail.html.find('>', body); gt != std::string::npos)
          mail.html.insert(gt + 1, "<p><strong>" + text::EscapeHtml(lead_in.substr(0, lead_in.size() - 2)) +
                                       "</strong></p>");
      }
      m.mail = std::move(mail);
      if (contact) {
        m.recipient_name = contact->name;
        m.unsubscribe_url = UnsubscribeUrl(contact->unsubscribe_token);
      }
      result = adapter->Send(m);
    } else if (ch.kind == "webhook") {
      OutMessage m = composed;
      m.payload = json{{"event", event_name},
                       {"delivery_id", u.id},
                       {"release",
                        {{"id", r.id},
                         {"agency_id", r.agency_id},
                         {"agency", agency},
                         {"title", r.title},
                         {"lead", r.lead},
                         {"body_html", withdrawn ? "" : r.body_html},
                         {"url", ArticleUrl(r)},
                         {"status", r.status}}},
                       {withdrawn ? "reason" : "note", u.note}};
      result = adapter->Send(m);
    } else {
      result = Unsupported();
    }
  }
  const int64_t done_at = env_->NowMillis();
  const Outcome outcome = ApplyOutcome(u, result, job.attempts, job.max_attempts, done_at);
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(store::SaveReleaseUpdate(c, u));
    if (outcome != Outcome::kGaveUp) return Status::Ok();
    return NotifyDeliveryFailed(c, ch.council_id, ch.agency_id,
                                std::string(withdrawn ? "پس‌گرفتن" : "اصلاحیهٔ") + " «" + r.title +
                                    "» در «" + ch.name + "» ناموفق ماند",
                                u.error_fa, "/console/distribution", done_at);
  }));
  if (u.state == kQueued) return Unavailable("release update " + std::to_string(id) + ": " + u.error_detail);
  return Status::Ok();
}

}  // namespace pol::distribution
