// The "committee.notice" job: composes one notice (Persian text, the e-mail with its iCalendar part, or the
// SMS) from the current state of its meeting or decision and sends it once.
#include <curl/curl.h>

#include <nlohmann/json.hpp>

#include "committee/committee_internal.h"
#include "committee/invitations.h"
#include "distribution/channels.h"
#include "distribution/mime.h"
#include "net/smtp_client.h"
#include "report/icalendar.h"
#include "store/committee_repo_senders.h"
#include "store/council_repo.h"
#include "store/distribution_repo.h"
#include "store/messenger_repo_staff.h"
#include "store/user_repo.h"
#include "text/html_escape.h"
#include "text/number_words.h"

namespace pol::committee {
namespace {

std::string Num(int64_t n) { return text::ToPersianDigits(std::to_string(n)); }

// Everything one notice needs, read in one transaction.
struct Loaded {
  store::CommitteeNotice notice;
  store::User user;
  store::Committee committee;
  std::optional<store::Meeting> meeting;
  std::optional<store::Decision> decision;
  std::string agency_name;                      // decisions: the owner agency
  std::vector<store::CommitteeMember> members;  // meetings: current members (iCalendar attendees)
  std::vector<store::User> member_users;        // the same order
  std::vector<store::Attendance> attendance;    // meetings: RSVPs
  std::optional<store::Channel> mail_channel;   // the council's e-mail channel
  std::optional<store::StaffChat> chat;         // messenger: the person's linked chat
  store::CommitteeSenders senders;              // the committee's own channel and line, if any
};

std::string HostOf(const std::string& url) {
  size_t p = url.find("://");
  std::string h = p == std::string::npos ? url : url.substr(p + 3);
  h = h.substr(0, h.find_first_of("/:?"));
  return h.empty() ? "pol.local" : h;
}

std::string RsvpOf(const Loaded& l) {
  for (const auto& a : l.attendance) {
    if (l.notice.member_id && a.member_id == *l.notice.member_id) return a.rsvp;
  }
  return "";
}

// Why the notice no longer holds ("" when it does).
std::string Stale(const Loaded& l) {
  const store::CommitteeNotice& n = l.notice;
  if (n.kind == "invite") {
    if (!l.meeting || l.meeting->status != "scheduled" || l.meeting->version != n.sequence)
      return "superseded";
  } else if (n.kind == "cancel") {
    if (!l.meeting || l.meeting->status != "cancelled") return "superseded";
  } else if (n.kind == "remind_day" || n.kind == "remind_hour") {
    if (!l.meeting || l.meeting->status != "scheduled" || l.meeting->starts_at != n.sequence)
      return "superseded";
    if (RsvpOf(l) == "no") return "declined";
  } else if (n.kind == "decision_due" || n.kind == "decision_overdue") {
    if (!l.decision || (l.decision->status != "open" && l.decision->status != "in_progress") ||
        l.decision->deadline != n.sequence) {
      return "superseded";
    }
  }
  return "";
}

struct Composed {
  std::string subject, body;  // body: plain text lines
  std::string sms;
};

Composed Compose(const Loaded& l, const std::string& rsvp_url) {
  const store::CommitteeNotice& n = l.notice;
  Composed out;
  const std::string committee = "«" + l.committee.name + "»";
  if (l.meeting) {
    const store::Meeting& m = *l.meeting;
    const std::string meeting = "جلسهٔ شمارهٔ " + Num(m.number) + " " + committee;
    const std::string when = internal::JalaliDateTime(m.starts_at);
    if (n.kind == "invite") {
      out.subject = "دعوت به " + meeting;
    } else if (n.kind == "cancel") {
      out.subject = "لغو " + meeting;
    } else if (n.kind == "remind_day") {
      out.subject = "یادآوری: " + meeting + " در ۲۴ ساعت آینده";
    } else {
      out.subject = "یادآوری: " + meeting + " تا یک ساعت دیگر";
    }
    out.body = l.user.name + " گرامی،\n" + out.subject + ".\nزمان: " + when + "\n";
    if (!m.place.empty()) out.body += "مکان: " + m.place + "\n";
    if (!m.online_url.empty()) out.body += "پیوند جلسهٔ برخط: " + m.online_url + "\n";
    out.sms = out.subject + "، " + when;
    if (!m.place.empty()) out.sms += "، " + m.place;
    if (n.kind != "cancel") {
      out.body +=
          "پاسخ به دعوت (شرکت می‌کنم، نمی‌کنم، نماینده): " + rsvp_url +
          "\n";
      out.sms += ". پاسخ: " + rsvp_url;
    }
  } else if (l.decision) {
    const store::Decision& d = *l.decision;
    const std::string deadline = internal::JalaliDay(d.deadline);
    if (n.kind == "decision_due") {
      out.subject = "یادآوری مهلت مصوبهٔ کمیتهٔ " + committee;
    } else {
      out.subject = "گذشتن مهلت مصوبهٔ کمیتهٔ " + committee;
    }
    out.body = l.user.name + " گرامی،\n" + out.subject + ":\n«" + d.text + "»\nمسئول: " + l.agency_name +
               "\nمهلت: " + deadline + "\nپیشرفت: " + Num(d.progress) + "٪\n";
    out.sms = out.subject + ": «" + d.text + "»، مهلت " + deadline + "، پیشرفت " + Num(d.progress) + "٪";
  }
  return out;
}

report::PartStat PartStatOf(const std::string& rsvp) {
  if (rsvp == "yes") return report::PartStat::kAccepted;
  if (rsvp == "no") return report::PartStat::kDeclined;
  if (rsvp == "delegate") return report::PartStat::kTentative;
  return report::PartStat::kNeedsAction;
}

StatusOr<std::string> Ics(const Loaded& l, const distribution::ChannelConfig& cfg, const std::string& host,
                          const std::string& rsvp_url, int64_t now) {
  const store::Meeting& m = *l.meeting;
  report::ICalendar cal;
  cal.method = l.notice.kind == "cancel" ? report::ICalMethod::kCancel : report::ICalMethod::kRequest;
  report::ICalEvent e;
  e.uid = "committee-meeting-" + std::to_string(m.id) + "@" + host;
  e.sequence = static_cast<int>(l.notice.sequence);
  e.dtstamp = now / 1000;
  e.start = m.starts_at / 1000;
  e.end = e.start + m.duration_min * 60;
  e.summary = "جلسهٔ شمارهٔ " + Num(m.number) + " «" + l.committee.name + "»";
  e.description = "زمان: " + internal::JalaliDateTime(m.starts_at);
  if (l.notice.kind != "cancel") e.description += "\nپاسخ به دعوت: " + rsvp_url;
  e.location = !m.place.empty() ? m.place : m.online_url;
  e.url = m.online_url;
  e.organizer_name = cfg.from_name.empty() ? l.committee.name : cfg.from_name;
  e.organizer_email = cfg.from_address;
  for (size_t i = 0; i < l.members.size(); ++i) {
    const store::User& u = l.member_users[i];
    if (!u.email || u.email->empty() || !distribution::ValidEmail(*u.email)) continue;
    report::ICalAttendee a;
    a.name = u.name;
    a.email = *u.email;
    a.role = l.members[i].role == "chair"   ? report::AttendeeRole::kChair
             : l.members[i].role == "guest" ? report::AttendeeRole::kOptional
                                            : report::AttendeeRole::kRequired;
    std::string rsvp;
    for (const auto& at : l.attendance) {
      if (at.member_id == l.members[i].id) rsvp = at.rsvp;
    }
    a.partstat = PartStatOf(rsvp);
    e.attendees.push_back(std::move(a));
  }
  if (cal.method == report::ICalMethod::kRequest) e.alarms.push_back({60, e.summary});
  cal.events.push_back(std::move(e));
  return report::RenderICalendar(cal);
}

std::string Html(const std::string& body) {
  std::string html = "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><body dir=\"rtl\">";
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    html += "<p>" + text::EscapeHtml(body.substr(start, end - start)) + "</p>";
    start = end + 1;
  }
  return html + "</body></html>\n";
}

}  // namespace

Status Invitations::SendNotice(int64_t id) {
  const int64_t now = env_->NowMillis();
  Loaded l;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(l.notice, store::GetNotice(c, id));
    if (l.notice.status != "pending") return Status::Ok();
    POL_ASSIGN_OR_RETURN(l.user, store::GetUser(c, l.notice.user_id));
    POL_ASSIGN_OR_RETURN(l.committee, store::GetCommittee(c, l.notice.committee_id));
    if (l.notice.meeting_id) {
      POL_ASSIGN_OR_RETURN(l.meeting, store::GetMeeting(c, *l.notice.meeting_id));
      POL_ASSIGN_OR_RETURN(l.members, store::ListMembers(c, l.committee.id, true));
      for (const auto& m : l.members) {
        POL_ASSIGN_OR_RETURN(store::User u, store::GetUser(c, m.user_id));
        l.member_users.push_back(std::move(u));
      }
      POL_ASSIGN_OR_RETURN(l.attendance, store::ListAttendance(c, l.meeting->id));
    }
    if (l.notice.decision_id) {
      POL_ASSIGN_OR_RETURN(l.decision, store::GetDecision(c, *l.notice.decision_id));
      POL_ASSIGN_OR_RETURN(store::Agency a, store::GetAgency(c, l.decision->owner_agency_id));
      l.agency_name = a.name;
    }
    if (l.notice.channel == "messenger") {
      POL_ASSIGN_OR_RETURN(l.chat, store::StaffChatForCouncil(c, l.user.id, l.committee.council_id));
    }
    POL_ASSIGN_OR_RETURN(l.senders, store::GetCommitteeSenders(c, l.committee.id));
    if (l.notice.channel == "email" && l.senders.mail_channel_id) {
      // The committee's own channel (sender_settings.h); disabled meanwhile: none.
      auto ch = store::GetChannel(c, *l.senders.mail_channel_id);
      if (!ch.ok() && ch.status().code() != StatusCode::kNotFound) return ch.status();
      if (ch.ok() && ch->kind == "email" && ch->enabled && ch->council_id == l.committee.council_id)
        l.mail_channel = *ch;
    } else if (l.notice.channel == "email") {
      POL_ASSIGN_OR_RETURN(auto channels, store::ListChannels(c, std::nullopt, std::nullopt,
                                                              l.committee.council_id, std::nullopt));
      for (auto& ch : channels) {
        if (ch.kind == "email" && ch.enabled && !ch.agency_id && !l.mail_channel) l.mail_channel = ch;
      }
    }
    return Status::Ok();
  }));
  if (l.notice.status != "pending") return Status::Ok();

  std::string outcome = "sent", error = Stale(l);
  if (!error.empty()) outcome = "skipped";
  const std::string rsvp_url =
      l.meeting && l.notice.member_id ? RsvpUrl(*l.meeting, *l.notice.member_id) : "";
  if (outcome == "sent") {
    const Composed msg = Compose(l, rsvp_url);
    if (l.notice.channel == "messenger") {
      if (!messenger_) {
        outcome = "skipped", error = "no_messenger";
      } else if (!l.chat) {
        outcome = "skipped", error = "no_chat";
      } else {
        Status s = messenger_->SendToStaffChat(l.chat->bot_id, l.chat->chat_id, msg.body);
        if (!s.ok() && s.code() != StatusCode::kFailedPrecondition) return s;  // retried by the queue
        if (!s.ok()) outcome = "failed", error = s.api_code();
      }
    } else if (l.notice.channel == "sms") {
      if (!sms_) {
        outcome = "skipped", error = "no_sms_gateway";
      } else if (!l.user.mobile || l.user.mobile->empty()) {
        outcome = "skipped", error = "no_mobile";
      } else {
        Status s = sms_->SendFrom(l.senders.sms_sender, *l.user.mobile, msg.sms);
        if (!s.ok() && s.code() != StatusCode::kInvalidArgument) return s;  // retried by the queue
        if (!s.ok()) outcome = "failed", error = "sms_refused";
      }
    } else if (!l.mail_channel) {
      outcome = "skipped", error = "no_mail_channel";
    } else if (!l.user.email || !distribution::ValidEmail(*l.user.email)) {
      outcome = "skipped", error = "no_email";
    } else {
      auto cfg = distribution::ChannelConfig::FromJson(
          "email", nlohmann::json::parse(l.mail_channel->config, nullptr, false));
      std::string password;
      if (cfg.ok() && !l.mail_channel->secret.empty()) {
        auto opened = secrets_.Open(l.mail_channel->secret);
        if (!opened.ok()) return jobs::PermanentError("mail channel secret: " + opened.status().ToString());
        password = *opened;
      }
      if (!cfg.ok() || !distribution::CheckTransport(*cfg).ok()) {
        outcome = "failed", error = "mail_channel_invalid";
      } else {
        const std::string host = HostOf(public_url_);
        distribution::MailMessage mail;
        mail.from_name = cfg->from_name.empty() ? l.committee.name : cfg->from_name;
        mail.from_address = cfg->from_address;
        mail.reply_to = cfg->reply_to;
        mail.to_name = l.user.name;
        mail.to_address = *l.user.email;
        mail.subject = msg.subject;
        const std::string& from = cfg->from_address;
        mail.message_id =
            "pol.committee.n" + std::to_string(l.notice.id) + "@" + from.substr(from.find('@') + 1);
        mail.date_ms = now;
        mail.text = msg.body;
        mail.html = Html(msg.body);
        if (l.meeting && (l.notice.kind == "invite" || l.notice.kind == "cancel")) {
          POL_ASSIGN_OR_RETURN(std::string ics, Ics(l, *cfg, host, rsvp_url, now));
          const char* method = l.notice.kind == "cancel" ? "CANCEL" : "REQUEST";
          mail.attachments.push_back(
              {"invite.ics", std::string("text/calendar; charset=UTF-8; method=") + method, std::move(ics)});
        }
        net::MailResult sent = net::SendMail({.url = cfg->smtp_url,
                                              .tls = cfg->tls,
                                              .username = cfg->username,
                                              .password = password,
                                              .from = cfg->from_address,
                                              .to = mail.to_address,
                                              .raw = distribution::BuildMail(mail)});
        if (sent.curl_code != CURLE_OK) {
          const bool permanent = sent.refused || sent.error == "insecure_smtp" ||
                                 sent.curl_code == CURLE_LOGIN_DENIED || sent.reply_code >= 500;
          if (!permanent) {
            return Unavailable("smtp: curl " + std::to_string(sent.curl_code) + " (SMTP " +
                               std::to_string(sent.reply_code) + ")");
          }
          outcome = "failed", error = sent.refused ? "outbound_refused" : "smtp_rejected";
        }
      }
    }
  }
  const int64_t at = env_->NowMillis();
  return db_->Write([&](store::Conn& c) { return store::FinishNotice(c, id, outcome, error, at); });
}

}  // namespace pol::committee
