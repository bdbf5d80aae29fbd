// CommitteeService: committees and their members; the helpers the other files share.
#include "committee/committees.h"

#include <algorithm>

#include "accounts/validate.h"
#include "committee/committee_internal.h"
#include "store/council_repo.h"
#include "store/user_repo.h"
#include "text/jalali.h"
#include "text/number_words.h"

namespace pol::committee {
namespace internal {

StatusOr<Scope> LoadScopeUnchecked(store::Conn& c, const accounts::Actor& a, int64_t committee_id) {
  Scope s;
  POL_ASSIGN_OR_RETURN(s.committee, store::GetCommittee(c, committee_id));
  if (!a.IsSystem()) {
    POL_ASSIGN_OR_RETURN(auto mine, store::MembershipsOfUser(c, a.principal->user_id));
    for (const auto& m : mine) {
      if (m.committee_id != committee_id) continue;
      s.member = m;
      s.seat = Seat{m.role, m.voting};
    }
  }
  return s;
}

StatusOr<Scope> LoadScope(store::Conn& c, const accounts::Actor& a, int64_t committee_id) {
  auto s = LoadScopeUnchecked(c, a, committee_id);
  if (!s.ok() || !CanReadCommittee(a, s->committee.council_id, s->seat)) return NotFound("کمیته پیدا نشد.");
  return s;
}

StatusOr<MeetingInScope> LoadMeetingInScope(store::Conn& c, const accounts::Actor& a, int64_t meeting_id) {
  auto m = store::GetMeeting(c, meeting_id);
  if (!m.ok()) return NotFound("جلسه پیدا نشد.");
  auto s = LoadScope(c, a, m->committee_id);
  if (!s.ok()) return NotFound("جلسه پیدا نشد.");
  return MeetingInScope{std::move(*m), std::move(*s)};
}

std::string JalaliDay(int64_t ms) {
  const text::LocalDateTime t = text::TehranFromUnix(ms / 1000);
  return text::FormatJalali(text::ToJalali(t.date));
}

std::string JalaliDateTime(int64_t ms) {
  const text::LocalDateTime t = text::TehranFromUnix(ms / 1000);
  const int h = t.second_of_day / 3600 % 24, mi = t.second_of_day / 60 % 60;
  const std::string hm =
      std::string{char('0' + h / 10), char('0' + h % 10), ':', char('0' + mi / 10), char('0' + mi % 10)};
  return text::FormatJalali(text::ToJalali(t.date), "EEEE d MMMM yyyy") + "، ساعت " +
         text::ToPersianDigits(hm);
}

bool CountsAsPresent(const std::string& status) {
  return status == "present" || status == "late" || status == "delegated";
}

StatusOr<std::string> Text(const std::optional<std::string>& v, size_t max_chars, const char* field,
                           bool required) {
  return accounts::NormalizeText(v.value_or(""), max_chars, field, required);
}

}  // namespace internal

using accounts::Actor;
using internal::LoadScope;

StatusOr<std::vector<store::Committee>> CommitteeService::ListCommittees(const Actor& actor) {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<std::vector<store::Committee>> {
    POL_ASSIGN_OR_RETURN(auto all, store::ListCommittees(c, std::nullopt));
    std::vector<int64_t> seats;
    if (!actor.IsSystem()) {
      POL_ASSIGN_OR_RETURN(auto mine, store::MembershipsOfUser(c, actor.principal->user_id));
      for (const auto& m : mine) seats.push_back(m.committee_id);
    }
    std::erase_if(all, [&](const store::Committee& x) {
      const bool seated = std::find(seats.begin(), seats.end(), x.id) != seats.end();
      return !CanReadCommittee(actor, x.council_id, seated ? std::optional<Seat>(Seat{}) : std::nullopt);
    });
    return all;
  });
}

StatusOr<CommitteeView> CommitteeService::GetCommittee(const Actor& actor, int64_t id) {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<CommitteeView> {
    POL_ASSIGN_OR_RETURN(internal::Scope s, LoadScope(c, actor, id));
    CommitteeView v{s.committee, {}, s.seat};
    POL_ASSIGN_OR_RETURN(v.members, store::ListMembers(c, id, false));
    return v;
  });
}

StatusOr<store::Committee> CommitteeService::CreateCommittee(const Actor& actor, const CommitteeInput& in) {
  if (!in.council_id) return InvalidArgument("required", "شورا را انتخاب کنید.", "council_id");
  if (!CanManageCommittee(actor, *in.council_id)) return PermissionDenied();
  store::Committee v;
  v.council_id = *in.council_id;
  v.parent_id = in.parent_id;
  POL_ASSIGN_OR_RETURN(v.name, internal::Text(in.name, 200, "name", true));
  v.quorum_rule = in.quorum_rule.value_or("half");
  if (!IsQuorumRule(v.quorum_rule)) {
    return InvalidArgument("invalid_quorum_rule", "قاعدهٔ حد نصاب باید half، two_thirds یا all باشد.",
                           "quorum_rule");
  }
  const int64_t now = env_->NowMillis();
  v.created_at = v.updated_at = now;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    if (!store::GetCouncil(c, v.council_id).ok()) {
      return InvalidArgument("unknown_council", "شورای انتخاب‌شده وجود ندارد.",
                             "council_id");
    }
    if (v.parent_id) {
      auto parent = store::GetCommittee(c, *v.parent_id);
      if (!parent.ok() || parent->council_id != v.council_id) {
        return InvalidArgument("unknown_committee", "کمیتهٔ بالادست در این شورا پیدا نشد.", "parent_id");
      }
    }
    POL_ASSIGN_OR_RETURN(v.id, store::InsertCommittee(c, v));
    return accounts::Audit(c, actor, now, "create", "committee", std::to_string(v.id),
                           {v.council_id, std::nullopt}, {{"name", v.name}, {"quorum_rule", v.quorum_rule}});
  }));
  return v;
}

StatusOr<store::CommitteeMember> CommitteeService::AddMember(const Actor& actor, int64_t committee_id,
                                                             const MemberInput& in) {
  store::CommitteeMember m;
  m.committee_id = committee_id;
  m.role = in.role.value_or("member");
  if (m.role != "chair" && m.role != "secretary" && m.role != "member" && m.role != "guest") {
    return InvalidArgument("invalid_role", "نقش در کمیته باید chair، secretary، member یا guest باشد.",
                           "role");
  }
  m.voting = in.voting.value_or(m.role != "guest");
  if (!in.user_id) return InvalidArgument("required", "کاربر عضو را انتخاب کنید.", "user_id");
  m.user_id = *in.user_id;
  m.agency_id = in.agency_id;
  const int64_t now = env_->NowMillis();
  m.joined_at = now;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::Scope s, LoadScope(c, actor, committee_id));
    if (!CanManageCommittee(actor, s.committee.council_id)) return PermissionDenied();
    auto user = store::GetUser(c, m.user_id);
    if (!user.ok())
      return InvalidArgument("unknown_user", "کاربر انتخاب‌شده وجود ندارد.",
                             "user_id");
    m.user_name = user->name;
    if (m.agency_id) {
      auto agency = store::GetAgency(c, *m.agency_id);
      if (!agency.ok() || agency->council_id != s.committee.council_id) {
        return InvalidArgument("unknown_agency",
                               "دستگاه انتخاب‌شده در این شورا نیست.",
                               "agency_id");
      }
    }
    POL_ASSIGN_OR_RETURN(auto current, store::ListMembers(c, committee_id, true));
    for (const auto& x : current) {
      if (x.user_id == m.user_id) {
        return InvalidArgument("already_member",
                               "این کاربر هم‌اکنون عضو این کمیته است.",
                               "user_id");
      }
    }
    POL_ASSIGN_OR_RETURN(m.id, store::InsertMember(c, m));
    return accounts::Audit(
        c, actor, now, "add_member", "committee", std::to_string(committee_id),
        {s.committee.council_id, m.agency_id},
        {{"member_id", m.id}, {"user_id", m.user_id}, {"role", m.role}, {"voting", m.voting}});
  }));
  return m;
}

Status CommitteeService::EndMember(const Actor& actor, int64_t committee_id, int64_t member_id) {
  const int64_t now = env_->NowMillis();
  return db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::Scope s, LoadScope(c, actor, committee_id));
    if (!CanManageCommittee(actor, s.committee.council_id)) return PermissionDenied();
    auto m = store::GetMember(c, member_id);
    if (!m.ok() || m->committee_id != committee_id) return NotFound("عضو کمیته پیدا نشد.");
    POL_RETURN_IF_ERROR(store::EndMembership(c, member_id, now));
    return accounts::Audit(c, actor, now, "end_member", "committee", std::to_string(committee_id),
                           {s.committee.council_id, m->agency_id}, {{"member_id", member_id}});
  });
}

}  // namespace pol::committee
