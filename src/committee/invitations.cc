// Invitations: the meeting hook, the enqueueing of notices with their jobs, the list for the console.
#include "committee/invitations.h"

#include <nlohmann/json.hpp>

#include "committee/committee_internal.h"
#include "store/messenger_repo_staff.h"
#include "store/user_repo.h"

namespace pol::committee {

StatusOr<bool> Invitations::Enqueue(store::Conn& c, store::CommitteeNotice n) {
  POL_ASSIGN_OR_RETURN(std::optional<int64_t> id, store::InsertNoticeIfNew(c, n));
  if (!id) return false;
  jobs::JobSpec spec;
  spec.kind = kNoticeJobKind;
  spec.payload_json = nlohmann::json{{"notice_id", *id}}.dump();
  spec.dedup_key = "committee.notice:" + std::to_string(*id);
  spec.max_attempts = 8;
  POL_RETURN_IF_ERROR(queue_->EnqueueIn(c, spec).status());
  return true;
}

StatusOr<int64_t> Invitations::EnqueueForUser(store::Conn& c, const store::CommitteeNotice& base,
                                              const std::string& key) {
  POL_ASSIGN_OR_RETURN(store::User u, store::GetUser(c, base.user_id));
  if (u.disabled) return 0;
  int64_t added = 0;
  for (const char* channel : {"email", "sms"}) {
    const std::optional<std::string>& address = std::string(channel) == "email" ? u.email : u.mobile;
    if (!address || address->empty()) continue;
    store::CommitteeNotice n = base;
    n.channel = channel;
    n.dedup = key + ":u" + std::to_string(base.user_id) + ":" + channel;
    POL_ASSIGN_OR_RETURN(bool fresh, Enqueue(c, n));
    added += fresh ? 1 : 0;
  }
  if (messenger_) {
    POL_ASSIGN_OR_RETURN(store::Committee committee, store::GetCommittee(c, base.committee_id));
    POL_ASSIGN_OR_RETURN(auto chat, store::StaffChatForCouncil(c, base.user_id, committee.council_id));
    if (chat) {
      store::CommitteeNotice n = base;
      n.channel = "messenger";
      n.dedup = key + ":u" + std::to_string(base.user_id) + ":messenger";
      POL_ASSIGN_OR_RETURN(bool fresh, Enqueue(c, n));
      added += fresh ? 1 : 0;
    }
  }
  return added;
}

Status Invitations::OnMeetingChanged(store::Conn& c, const store::Meeting& m, int64_t now) {
  std::string kind, key;
  if (m.status == "scheduled") {
    kind = "invite";
    key = "invite:m" + std::to_string(m.id) + ":v" + std::to_string(m.version);
  } else if (m.status == "cancelled") {
    POL_ASSIGN_OR_RETURN(bool invited, store::MeetingWasInvited(c, m.id));
    if (!invited) return Status::Ok();
    kind = "cancel";
    key = "cancel:m" + std::to_string(m.id);
  } else {
    return Status::Ok();
  }
  POL_ASSIGN_OR_RETURN(auto members, store::ListMembers(c, m.committee_id, true));
  for (const store::CommitteeMember& member : members) {
    store::CommitteeNotice n;
    n.kind = kind;
    n.committee_id = m.committee_id;
    n.meeting_id = m.id;
    n.member_id = member.id;
    n.user_id = member.user_id;
    n.sequence = m.version;
    n.created_at = now;
    POL_RETURN_IF_ERROR(EnqueueForUser(c, n, key).status());
  }
  return Status::Ok();
}

StatusOr<std::vector<store::CommitteeNotice>> Invitations::MeetingNotices(const accounts::Actor& actor,
                                                                          int64_t meeting_id) {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<std::vector<store::CommitteeNotice>> {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, meeting_id));
    if (!CanRunMeetings(actor, found.scope.committee.council_id, found.scope.seat)) return PermissionDenied();
    return store::ListNoticesOfMeeting(c, meeting_id);
  });
}

std::string Invitations::RsvpUrl(const store::Meeting& m, int64_t member_id) const {
  const int64_t expires = m.starts_at + m.duration_min * 60000;
  return public_url_ + "/committee/rsvp/" + signer_.Sign(m.id, member_id, expires);
}

Status RegisterInvitationJobs(jobs::WorkerPool& pool, Invitations* invitations) {
  return pool.Register(kNoticeJobKind, [invitations](const jobs::Job& job, jobs::JobContext&) -> Status {
    nlohmann::json p = nlohmann::json::parse(job.payload_json, nullptr, false);
    if (!p.is_object() || !p.contains("notice_id") || !p["notice_id"].is_number_integer()) {
      return jobs::PermanentError("bad payload");
    }
    return invitations->SendNotice(p["notice_id"].get<int64_t>());
  });
}

}  // namespace pol::committee
