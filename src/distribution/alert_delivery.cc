// Monitoring alerts delivered through distribution (issue 16 §2; distributor.h "Alerts"): the rows and jobs
// written inside the transaction that records the alert (the outbox), and the job that sends one row —
// an e-mail to a PR manager, a message in the agency's alert chat, or one in a PR manager's own linked chat.
#include <nlohmann/json.hpp>

#include "distribution/distributor.h"
#include "distribution/distributor_internal.h"
#include "jobs/worker_pool.h"
#include "store/alert_delivery_repo.h"
#include "store/messenger_repo.h"
#include "store/messenger_repo_staff.h"
#include "store/user_repo.h"
#include "text/html_escape.h"

namespace pol::distribution {

using namespace internal;  // NOLINT: the states and helpers of this folder
using nlohmann::json;
using store::Conn;

namespace {

constexpr char kAlertSubject[] = "هشدار پایش رسانه";

std::string ToneName(const std::string& tone) {
  if (tone == "negative") return "منفی";
  if (tone == "positive") return "مثبت";
  if (tone == "neutral") return "خنثی";
  return "";
}

// «رسانه: ایرنا · لحن: منفی» (what is known of the two).
std::string OutletLine(const store::AlertDelivery& d) {
  std::string line = d.outlet.empty() ? "" : "رسانه: " + d.outlet;
  if (const std::string tone = ToneName(d.tone); !tone.empty())
    line += (line.empty() ? "" : " · ") + std::string("لحن: ") + tone;
  return line;
}

std::string AlertHtml(const store::AlertDelivery& d) {
  std::string h = "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>" +
                  text::EscapeHtml(d.subject) +
                  "</title></head><body dir=\"rtl\" style=\"font-family:Vazirmatn,Tahoma,sans-serif\">";
  h += "<h1 style=\"font-size:1.2em\">" + text::EscapeHtml(d.subject) + "</h1>";
  h += "<p>" + text::EscapeHtml(d.body) + "</p>";
  if (!d.item_title.empty()) {
    h += "<p><strong>" + text::EscapeHtml(d.item_title) + "</strong>";
    if (!d.outlet.empty()) h += " — <bdi>" + text::EscapeHtml(d.outlet) + "</bdi>";
    h += "</p>";
    if (const std::string tone = ToneName(d.tone); !tone.empty()) h += "<p>لحن: " + tone + "</p>";
  }
  if (!d.link.empty()) h += "<p><a href=\"" + text::EscapeHtml(d.link) + "\">دیدن خبر در «پل»</a></p>";
  return h + "</body></html>\n";
}

std::string AlertText(const store::AlertDelivery& d) {
  std::string t = d.subject + "\n\n" + d.body + "\n";
  if (!d.item_title.empty())
    t += "\n«" + d.item_title + "»" + (d.outlet.empty() ? "" : " — " + d.outlet) + "\n";
  if (const std::string tone = ToneName(d.tone); !tone.empty()) t += "لحن: " + tone + "\n";
  if (!d.link.empty()) t += "\n" + d.link + "\n";
  return t;
}

// A staff member's linked chat as a channel of one message: the messenger bot's kind, base URL and token
// (sealed with the same key as channels' secrets), the chat's id.
store::Channel StaffChatChannel(const store::MessengerBot& bot, const std::string& chat_id) {
  nlohmann::json config{{"chat_id", chat_id}};
  if (!bot.base_url.empty()) config["base_url"] = bot.base_url;
  return store::Channel{.id = 0,
                        .council_id = bot.council_id,
                        .agency_id = bot.agency_id,
                        .kind = bot.kind,
                        .name = "گفتگوی شخصی در «" + bot.name + "»",
                        .config = config.dump(),
                        .secret = bot.token,
                        .enabled = bot.enabled};
}

}  // namespace

Status Distributor::OnAlert(Conn& c, const AlertMessage& a) {
  POL_ASSIGN_OR_RETURN(auto channels, store::ChannelsForRelease(c, a.council_id, a.agency_id, true));
  // The e-mail channel whose SMTP server sends it: the agency's own, else the council's.
  const store::Channel* mail = nullptr;
  std::vector<const store::Channel*> chats;
  for (const store::Channel& ch : channels) {
    if (ch.kind == "email" && (!mail || (ch.agency_id && !mail->agency_id))) mail = &ch;
    if (ch.agency_id && *ch.agency_id == a.agency_id && IsAlertChannel(ch.kind, ParseConfigJson(ch)))
      chats.push_back(&ch);
  }
  store::AlertDelivery base{.event_key = a.event_key,
                            .council_id = a.council_id,
                            .agency_id = a.agency_id,
                            .subject = kAlertSubject,
                            .body = a.message,
                            .item_title = a.item_title,
                            .outlet = a.outlet,
                            .link = a.link,
                            .state = kQueued,
                            .created_at = a.at};
  std::vector<int64_t> ids;
  if (mail) {
    for (int64_t uid : a.manager_ids) {
      POL_ASSIGN_OR_RETURN(store::User u, store::GetUser(c, uid));
      if (u.disabled || !u.email || u.email->empty()) continue;
      store::AlertDelivery d = base;
      d.channel_id = mail->id;
      d.user_id = uid;
      d.recipient = *u.email;
      POL_ASSIGN_OR_RETURN(auto id, store::InsertAlertDelivery(c, d));
      if (id) ids.push_back(*id);
    }
  }
  // Each PR manager's own linked chat (the newest on an enabled, unblocked bot of the council).
  for (int64_t uid : a.manager_ids) {
    POL_ASSIGN_OR_RETURN(store::User u, store::GetUser(c, uid));
    if (u.disabled) continue;
    POL_ASSIGN_OR_RETURN(auto chat, store::StaffChatForCouncil(c, uid, a.council_id));
    if (!chat) continue;
    store::AlertDelivery d = base;
    d.user_id = uid;
    d.bot_id = chat->bot_id;
    d.chat_id = chat->chat_id;
    POL_ASSIGN_OR_RETURN(auto id, store::InsertAlertDelivery(c, d));
    if (id) ids.push_back(*id);
  }
  for (const store::Channel* ch : chats) {
    store::AlertDelivery d = base;
    d.channel_id = ch->id;
    POL_ASSIGN_OR_RETURN(auto id, store::InsertAlertDelivery(c, d));
    if (id) ids.push_back(*id);
  }
  for (int64_t id : ids) {
    POL_RETURN_IF_ERROR(queue_
                            ->EnqueueIn(c, {.queue = kQueue,
                                            .kind = kAlertDeliverJob,
                                            .payload_json = json{{"id", id}}.dump(),
                                            .run_at = a.at,
                                            .max_attempts = options_.max_attempts,
                                            .dedup_key = "distribution.alert:" + std::to_string(id)})
                            .status());
  }
  return Status::Ok();
}

Status Distributor::RunAlertDelivery(const jobs::Job& job) {
  const json p = json::parse(job.payload_json, nullptr, false);
  if (p.is_discarded() || !p.is_object() || !p.contains("id") || !p["id"].is_number_integer())
    return jobs::PermanentError("malformed distribution.alert payload: " + job.payload_json);
  const int64_t id = p["id"].get<int64_t>();
  const int64_t now = env_->NowMillis();
  store::AlertDelivery d;
  store::Channel ch;
  bool send = false;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto row, store::GetAlertDelivery(c, id));
    if (!row || (row->state != kQueued && row->state != kSending)) return Status::Ok();  // sent once
    d = *row;
    d.updated_at = now;
    if (d.channel_id) {
      POL_ASSIGN_OR_RETURN(ch, store::GetChannel(c, d.channel_id));
    } else {  // a PR manager's own chat: the messenger bot as a one-message channel to that chat
      auto found = store::GetMessengerBot(c, d.bot_id.value_or(0));
      if (!found.ok() && found.status().code() != StatusCode::kNotFound) return found.status();
      if (!found.ok()) {
        d.state = kCancelled;
        d.error_code = "bot_missing";
        d.error_fa = "ربات این گفتگو دیگر نیست؛ ارسال لغو شد.";
        return store::SaveAlertDelivery(c, d);
      }
      const store::MessengerBot& bot = *found;
      POL_ASSIGN_OR_RETURN(auto chat, store::GetMessengerChat(c, bot.id, d.chat_id));
      if (chat && chat->blocked) {
        d.state = kCancelled;
        d.error_code = "chat_blocked";
        d.error_fa = "گیرنده ربات را مسدود کرده است؛ ارسال لغو شد.";
        return store::SaveAlertDelivery(c, d);
      }
      ch = StaffChatChannel(bot, d.chat_id);
    }
    if (!ch.enabled) {
      d.state = kCancelled;
      d.error_code = "channel_disabled";
      d.error_fa = d.channel_id ? "کانال غیرفعال شد؛ ارسال لغو شد." : "ربات غیرفعال شد؛ ارسال لغو شد.";
      return store::SaveAlertDelivery(c, d);
    }
    d.state = kSending;
    d.attempts += 1;
    send = true;
    return store::SaveAlertDelivery(c, d);
  }));
  if (!send) return Status::Ok();
  SendResult result = SendOn(ch, [&](const ChannelConfig& config, OutMessage& m) {
    m.delivery_id = d.id;
    // Messengers: the title in bold, the alert, the item's title and outlet, the link (ComposeMessenger).
    m.content = ReleaseContent{.over_title = d.subject,
                               .title = d.item_title.empty() ? d.body : d.item_title,
                               .lead = d.item_title.empty() ? "" : d.body,
                               .body_text = OutletLine(d),
                               .article_url = d.link};
    if (ch.kind != "email") return;
    m.recipient = d.recipient;
    m.message_id = "pol.alert" + std::to_string(d.id) + "@" + Domain(config.from_address);
    m.mail = ComposedMail{.subject = d.subject + ": " + (d.item_title.empty() ? d.body : d.item_title),
                          .text = AlertText(d),
                          .html = AlertHtml(d)};
  });
  const int64_t done_at = env_->NowMillis();
  const Outcome outcome = ApplyOutcome(d, result, job.attempts, job.max_attempts, done_at);
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(store::SaveAlertDelivery(c, d));
    if (outcome != Outcome::kGaveUp) return Status::Ok();
    return NotifyDeliveryFailed(c, d.council_id, d.agency_id,
                                "ارسال هشدار «" + (d.item_title.empty() ? d.body : d.item_title) + "» به «" +
                                    ch.name + "» ناموفق ماند",
                                d.error_fa, "/console/distribution", done_at);
  }));
  if (d.state == kQueued) return Unavailable("alert delivery " + std::to_string(id) + ": " + d.error_detail);
  return Status::Ok();
}

}  // namespace pol::distribution
