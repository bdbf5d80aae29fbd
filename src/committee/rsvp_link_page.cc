// RSVP from a signed link: what the page shows, and the answer written as the member (audited).
#include "committee/committee_internal.h"
#include "committee/invitations.h"
#include "store/user_repo.h"

namespace pol::committee {
namespace {

struct Target {
  store::Meeting meeting;
  store::Committee committee;
  store::CommitteeMember member;
};

// The meeting and the seat of a verified link; NotFound when either is gone or does not match.
StatusOr<Target> LoadTarget(store::Conn& c, const RsvpTarget& t) {
  Target out;
  auto m = store::GetMeeting(c, t.meeting_id);
  auto member = store::GetMember(c, t.member_id);
  if (!m.ok() || !member.ok() || member->committee_id != m->committee_id || member->left_at) {
    return NotFound("این دعوت دیگر معتبر نیست.");
  }
  out.meeting = *m;
  out.member = *member;
  POL_ASSIGN_OR_RETURN(out.committee, store::GetCommittee(c, m->committee_id));
  return out;
}

StatusOr<RsvpPage> PageOf(store::Conn& c, const Target& t) {
  RsvpPage p;
  p.committee_name = t.committee.name;
  p.member_name = t.member.user_name;
  p.meeting_number = t.meeting.number;
  p.starts_jalali = internal::JalaliDateTime(t.meeting.starts_at);
  p.place = t.meeting.place;
  p.online_url = t.meeting.online_url;
  p.open = t.meeting.status == "scheduled";
  POL_ASSIGN_OR_RETURN(auto attendance, store::ListAttendance(c, t.meeting.id));
  for (const auto& a : attendance) {
    if (a.member_id == t.member.id) {
      p.rsvp = a.rsvp;
      p.delegate_name = a.delegate_name;
    }
  }
  return p;
}

}  // namespace

StatusOr<RsvpPage> Invitations::OpenRsvp(const std::string& token) {
  POL_ASSIGN_OR_RETURN(RsvpTarget t, signer_.Verify(token, env_->NowMillis()));
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<RsvpPage> {
    POL_ASSIGN_OR_RETURN(Target target, LoadTarget(c, t));
    return PageOf(c, target);
  });
}

StatusOr<RsvpPage> Invitations::AnswerRsvp(const std::string& token, const std::string& answer,
                                           const std::string& delegate_name, const std::string& ip) {
  const int64_t now = env_->NowMillis();
  POL_ASSIGN_OR_RETURN(RsvpTarget t, signer_.Verify(token, now));
  if (answer != "yes" && answer != "no" && answer != "delegate") {
    return InvalidArgument("invalid_rsvp", "یکی از پاسخ‌ها را انتخاب کنید.", "rsvp");
  }
  POL_ASSIGN_OR_RETURN(std::string delegate,
                       internal::Text(delegate_name, 200, "delegate_name", answer == "delegate"));
  if (answer != "delegate") delegate.clear();
  return db_->WriteValue([&](store::Conn& c) -> StatusOr<RsvpPage> {
    POL_ASSIGN_OR_RETURN(Target target, LoadTarget(c, t));
    if (target.meeting.status != "scheduled") {
      return FailedPrecondition("meeting_not_scheduled", "این جلسه در انتظار پاسخ دعوت نیست.");
    }
    POL_RETURN_IF_ERROR(store::UpsertRsvp(c, target.meeting.id, target.member.id, answer, delegate));
    // Audited as the member whose seat the signed link names.
    POL_ASSIGN_OR_RETURN(store::User u, store::GetUser(c, target.member.user_id));
    accounts::Principal who{.user_id = u.id, .username = u.username, .name = u.name, .grants = {}};
    const accounts::Actor actor{.principal = &who, .ip = ip};
    POL_RETURN_IF_ERROR(
        accounts::Audit(c, actor, now, "rsvp", "committee_meeting", std::to_string(target.meeting.id),
                        {target.committee.council_id, std::nullopt},
                        {{"member_id", target.member.id}, {"rsvp", answer}, {"via", "link"}}));
    return PageOf(c, target);
  });
}

}  // namespace pol::committee
