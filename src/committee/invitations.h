// Invitations, reminders and escalations of the PR committee (issue 13 §3 and §7), through Pol's own
// channels, each message a durable job on the queue.
//
//   invite / cancel   when a meeting is scheduled or changed while scheduled (OnMeetingChanged, called in
//                     the meeting's write transaction), and when a scheduled meeting is cancelled: to every
//                     current member, by e-mail with an RFC 5545 attachment (report/icalendar.h; METHOD
//                     REQUEST or CANCEL, UID "committee-meeting-<id>@<public host>", SEQUENCE = the
//                     meeting's version) and by SMS with the Jalali date and the member's RSVP link.
//   remind_day        a scheduled meeting starting within 24 hours (but more than an hour away),
//   remind_hour       … within the hour; both to members who did not decline (reminders.h).
//   decision_due      an open or in-progress decision whose deadline is within kDueNoticeMs: its owner person.
//   decision_overdue  … past its deadline: escalation to the committee's chair(s) (escalation.h).
//
// Each notice is one row of committee_notices (store/committee_repo_invitations.h) for one person on one
// channel (email: users.email, sms: users.mobile), unique by a dedup key that names what it is about
// (the meeting's version, the start time or the deadline reminded of), and one job "committee.notice"
// enqueued in the same transaction. A second schedule, sweep or restart inserts nothing. The job sends a
// pending notice and records the outcome; when what it announces no longer holds (the meeting changed
// again, was cancelled, the member declined, the decision was closed or its deadline moved) it is
// skipped. E-mail goes through the council's enabled council-level e-mail channel of distribution (its
// SMTP server, sender and sealed password) with a stable Message-ID — or the committee's own channel when
// it names one (sender_settings.h) —; without one (or with its own disabled), e-mail notices are skipped
// ("no_mail_channel"). SMS goes through the citizens' gateway (citizen/sms.h), from the committee's own
// sender line when it names one; without a gateway, "no_sms_gateway". A person who linked a messenger chat (messenger/bots.h, staff chats) on an enabled bot
// of the committee's council also gets each notice there (channel "messenger": the same Persian text as the
// e-mail — Jalali date and time, place or online link, the RSVP link — through the Bot API); unlinked or
// blocked by the time it is sent: skipped ("no_chat") or failed ("chat_blocked"). Retryable failures are
// retried by the queue; refusals are recorded as failed.
//
// Thread-safety: thread-safe; blocks on the database and the network: worker threads only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "citizen/sms.h"
#include "committee/rsvp_link.h"
#include "distribution/secrets.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "messenger/bots.h"
#include "store/committee_repo.h"
#include "store/committee_repo_invitations.h"

namespace pol::committee {

inline constexpr char kNoticeJobKind[] = "committee.notice";
inline constexpr int64_t kHourMs = 3600 * 1000;
inline constexpr int64_t kDueNoticeMs = 3 * 24 * kHourMs;  // a decision's reminder: 3 days before

// What the RSVP page shows and what was answered.
struct RsvpPage {
  std::string committee_name, member_name, starts_jalali, place, online_url;
  int64_t meeting_number = 0;
  std::string rsvp, delegate_name;  // the member's current answer ("" when none)
  bool open = true;                 // the meeting still takes answers (scheduled)
};

class Invitations {
 public:
  // `sms` may be null (no gateway). `public_url` is the absolute base of RSVP links.
  Invitations(store::Database* db, Env* env, jobs::Queue* queue, citizen::SmsProvider* sms,
              distribution::SecretBox secrets, RsvpSigner signer, std::string public_url)
      : db_(db),
        env_(env),
        queue_(queue),
        sms_(sms),
        secrets_(std::move(secrets)),
        signer_(std::move(signer)),
        public_url_(std::move(public_url)) {}

  // The bots' service, for notices to staff members' linked chats; null (the default): none are made.
  void SetMessenger(messenger::MessengerService* messenger) { messenger_ = messenger; }

  // CommitteeService's meeting hook: invitations for a scheduled meeting, cancellations for a cancelled
  // one that was invited. Inside the caller's write transaction.
  Status OnMeetingChanged(store::Conn& c, const store::Meeting& m, int64_t now);

  // The job: sends notice `id` once (a notice no longer pending is left alone).
  Status SendNotice(int64_t id);

  // The periodic sweep (reminders.cc, escalation.cc): enqueues the reminders and escalations due at
  // the Env's now. Returns how many notices it added. Once per cluster.
  StatusOr<int64_t> Sweep();

  // The notices of a meeting, for those who run its meetings (404 for others who may not read it).
  StatusOr<std::vector<store::CommitteeNotice>> MeetingNotices(const accounts::Actor& actor,
                                                               int64_t meeting_id);

  // The signed RSVP link of a member for a meeting (public_url + "/committee/rsvp/" + token).
  std::string RsvpUrl(const store::Meeting& m, int64_t member_id) const;
  // The page of a link (rsvp_link_page.cc); errors: invalid_link (400), link_expired (410-like 409),
  // NotFound when the meeting or the seat is gone.
  StatusOr<RsvpPage> OpenRsvp(const std::string& token);
  // Records the member's answer (yes | no | delegate with a name), audited as the member ("via": "link").
  StatusOr<RsvpPage> AnswerRsvp(const std::string& token, const std::string& answer,
                                const std::string& delegate_name, const std::string& ip);

  // Inserts a notice unless its dedup key exists, with its job, inside `c`. True when added.
  StatusOr<bool> Enqueue(store::Conn& c, store::CommitteeNotice n);
  // Notices on every channel a person has: e-mail when they have an address, SMS when they have a mobile,
  // messenger when they linked a chat on a bot of the committee's council.
  StatusOr<int64_t> EnqueueForUser(store::Conn& c, const store::CommitteeNotice& base,
                                   const std::string& key);

 private:
  Status SendMail(store::Conn& c, const store::CommitteeNotice& n, std::string* error, bool* retry);
  StatusOr<int64_t> SweepMeetings(store::Conn& c, int64_t now);
  StatusOr<int64_t> SweepDecisionsDue(store::Conn& c, int64_t now);
  StatusOr<int64_t> SweepOverdue(store::Conn& c, int64_t now);

  store::Database* const db_;
  Env* const env_;
  jobs::Queue* const queue_;
  citizen::SmsProvider* const sms_;
  const distribution::SecretBox secrets_;
  const RsvpSigner signer_;
  const std::string public_url_;
  messenger::MessengerService* messenger_ = nullptr;
};

// Registers the "committee.notice" job on `pool`.
Status RegisterInvitationJobs(jobs::WorkerPool& pool, Invitations* invitations);

}  // namespace pol::committee
