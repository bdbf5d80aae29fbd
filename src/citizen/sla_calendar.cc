#include "citizen/sla_calendar.h"

#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "citizen/citizen_policy.h"
#include "citizen/requests_internal.h"
#include "citizen/sla.h"
#include "store/citizen_repo.h"
#include "store/council_repo.h"
#include "text/jalali.h"

namespace pol::citizen {

using nlohmann::json;
using store::Conn;

namespace {

Status ClosureDenied() {
  return PermissionDenied(
      "تعطیلی‌ها و اصلاح تقویم کاری با دبیرخانهٔ شوراست.");
}

int64_t DayOfMillis(int64_t ms) { return text::DaysFromCivil(text::TehranFromUnix(ms / 1000).date); }

std::string JalaliLabel(const std::string& iso) {
  auto d = ParseIsoDay(iso);
  return d.ok() ? text::FormatJalali(text::ToJalali(*d)) : iso;
}

// The validated override for `in` (nothing written yet).
StatusOr<store::CalendarOverride> Validate(const text::WorkCalendar& cal, const ClosureInput& in,
                                           int64_t now) {
  if (in.kind != "closed" && in.kind != "working")
    return internal::Bad("invalid_kind", "نوع باید «تعطیل» (closed) یا «کاری» (working) باشد.", "kind");
  text::CivilDate day;
  if (auto iso = ParseIsoDay(in.date); iso.ok() && iso->year >= 1900) {
    day = *iso;  // a Gregorian YYYY-MM-DD (programs)
    const text::CivilDate back = text::CivilFromDays(text::DaysFromCivil(day));
    if (back.month != day.month || back.day != day.day)
      return internal::Bad("invalid_date", "تاریخ معتبر نیست؛ مانند ۱۴۰۳/۰۹/۱۵ بنویسید.", "date");
  } else {
    auto j = text::ParseJalali(in.date);
    if (!j.ok()) return internal::Bad("invalid_date", "تاریخ معتبر نیست؛ مانند ۱۴۰۳/۰۹/۱۵ بنویسید.", "date");
    day = text::FromJalali(*j);
  }
  const int64_t today = DayOfMillis(now);
  const int64_t d = text::DaysFromCivil(day);
  if (d < today)
    return internal::Bad("date_in_past", "روزهای گذشته را نمی‌توان تغییر داد.",
                         "date");
  if (d > today + 366) return internal::Bad("date_too_far", "تاریخ بیش از یک سال بعد است.", "date");
  const std::string reason = in.reason;
  if (reason.size() < 2 || reason.size() > 400)
    return internal::Bad("invalid_reason", "علت را بنویسید (تا ۲۰۰ نویسه).", "reason");
  if (in.kind == "closed" && !cal.IsWorkingDay(day))
    return internal::Bad("not_a_working_day", "این روز همین حالا هم تعطیل است.", "date");
  if (in.kind == "working" && cal.IsWorkingDay(day))
    return internal::Bad("already_working", "این روز همین حالا هم روز کاری است.", "date");
  store::CalendarOverride o;
  o.council_id = in.council_id;
  o.day = IsoDay(day);
  o.kind = in.kind;
  o.reason = reason;
  return o;
}

}  // namespace

std::string IsoDay(text::CivilDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

StatusOr<text::CivilDate> ParseIsoDay(const std::string& s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
      d > 31)
    return InvalidArgument("invalid_day", "روز ذخیره‌شده معتبر نیست.");
  return text::CivilDate{y, m, d};
}

StatusOr<text::WorkCalendar> CouncilCalendar(Conn& c, const text::WorkCalendar& base, int64_t council_id) {
  return store::CouncilWorkCalendar(c, base, council_id);
}

StatusOr<text::WorkCalendar> RequestCalendar(Conn& c, const text::WorkCalendar& base, int64_t council_id,
                                             std::optional<int64_t> agency_id) {
  return store::AgencyWorkCalendar(c, base, council_id, agency_id);
}

StatusOr<int64_t> RecomputeDeadlines(Conn& c, const text::WorkCalendar& base, int64_t council_id, int64_t day,
                                     int64_t now, const std::string& why, std::optional<int64_t> agency_id) {
  POL_ASSIGN_OR_RETURN(auto targets, store::ListSlaTargets(c, council_id));
  POL_ASSIGN_OR_RETURN(auto active, store::ActiveRequestsDueBefore(c, INT64_MAX));
  std::map<int64_t, text::WorkCalendar> calendars;  // by agency (0: none), built once each
  int64_t changed = 0;
  for (store::CitizenRequest r : active) {
    if (r.council_id != council_id || !r.routed_at || !r.resolve_due) continue;
    if (agency_id && r.agency_id != agency_id) continue;
    if (day < DayOfMillis(*r.routed_at) || day > DayOfMillis(*r.resolve_due)) continue;
    auto it = calendars.find(r.agency_id.value_or(0));
    if (it == calendars.end()) {
      POL_ASSIGN_OR_RETURN(text::WorkCalendar k, RequestCalendar(c, base, council_id, r.agency_id));
      it = calendars.emplace(r.agency_id.value_or(0), std::move(k)).first;
    }
    const text::WorkCalendar& cal = it->second;
    const Deadlines d = ComputeDeadlines(cal, *r.routed_at, TargetFor(targets, r.agency_id, r.type));
    const auto old_first = r.first_response_due;
    const int64_t old_resolve = *r.resolve_due;
    if (!r.first_response_at) r.first_response_due = d.first_response_due;
    r.resolve_due = d.resolve_due;
    if (r.first_response_due == old_first && d.resolve_due == old_resolve) continue;
    if (d.resolve_due > old_resolve) r.warned = 0;  // warn again before the later deadline
    POL_RETURN_IF_ERROR(store::UpdateCitizenRequest(c, r, now));
    json detail = {{"resolve_due_before", old_resolve}, {"resolve_due", d.resolve_due}};
    if (old_first) detail["first_response_due_before"] = *old_first;
    if (r.first_response_due) detail["first_response_due"] = *r.first_response_due;
    POL_RETURN_IF_ERROR(store::InsertRequestEvent(
        c, {.request_id = r.id,
            .at = now,
            .kind = "sla_recomputed",
            .actor_name = internal::kSystemName,
            .agency_id = r.agency_id,
            .body = "مهلت‌ها با تقویم کاری تازه دوباره حساب شد: " + why,
            .detail = detail.dump()}));
    ++changed;
  }
  return changed;
}

StatusOr<std::vector<store::CalendarOverride>> ClosureService::List(const accounts::Actor& actor,
                                                                    int64_t council_id) {
  if (!CanManageSlaTargets(actor, council_id)) return ClosureDenied();
  std::vector<store::CalendarOverride> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListCalendarOverrides(c, council_id, /*agencies=*/true));
    return Status::Ok();
  }));
  return out;
}

StatusOr<ClosureChange> ClosureService::Add(const accounts::Actor& actor, const ClosureInput& in) {
  if (!CanManageSlaTargets(actor, in.council_id)) return ClosureDenied();
  const int64_t now = env_->NowMillis();
  ClosureChange out;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(store::GetCouncil(c, in.council_id).status());
    std::string agency_name;
    if (in.agency_id) {
      auto agency = store::GetAgency(c, *in.agency_id);
      if (!agency.ok() || agency->council_id != in.council_id)
        return internal::Bad("invalid_agency", "این دستگاه عضو این شورا نیست.", "agency_id");
      agency_name = agency->name;
    }
    POL_ASSIGN_OR_RETURN(text::WorkCalendar cal, RequestCalendar(c, base_, in.council_id, in.agency_id));
    POL_ASSIGN_OR_RETURN(out.closure, Validate(cal, in, now));
    out.closure.agency_id = in.agency_id;
    out.closure.created_by = internal::ActorId(actor);
    out.closure.created_at = now;
    POL_ASSIGN_OR_RETURN(out.closure.id, store::InsertCalendarOverride(c, out.closure));
    POL_ASSIGN_OR_RETURN(text::CivilDate day, ParseIsoDay(out.closure.day));
    const std::string why = (in.kind == "closed" ? "تعطیلی " : "روز کاری ") +
                            (agency_name.empty() ? "" : agency_name + " ") + JalaliLabel(out.closure.day) +
                            " (" + out.closure.reason + ")";
    POL_ASSIGN_OR_RETURN(out.recomputed, RecomputeDeadlines(c, base_, in.council_id, text::DaysFromCivil(day),
                                                            now, why, in.agency_id));
    json detail = {{"day", out.closure.day},
                   {"kind", out.closure.kind},
                   {"reason", out.closure.reason},
                   {"recomputed", out.recomputed}};
    if (in.agency_id) detail["agency_id"] = *in.agency_id;
    return accounts::Audit(c, actor, now, "add_closure",
                           in.agency_id ? "agency_calendar_override" : "calendar_override",
                           std::to_string(out.closure.id), {in.council_id, in.agency_id}, detail);
  }));
  return out;
}

StatusOr<ClosureChange> ClosureService::Remove(const accounts::Actor& actor, int64_t council_id, int64_t id,
                                               std::optional<int64_t> agency_id) {
  if (!CanManageSlaTargets(actor, council_id)) return ClosureDenied();
  const int64_t now = env_->NowMillis();
  ClosureChange out;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto found, store::GetCalendarOverride(c, id, agency_id));
    if (!found || found->council_id != council_id) return NotFound("این تعطیلی پیدا نشد.");
    out.closure = *found;
    POL_RETURN_IF_ERROR(store::DeleteCalendarOverride(c, id, agency_id));
    POL_ASSIGN_OR_RETURN(text::CivilDate day, ParseIsoDay(found->day));
    const std::string why = (found->kind == "closed" ? "لغو تعطیلی " : "لغو روز کاری ") +
                            JalaliLabel(found->day) + " (" + found->reason + ")";
    POL_ASSIGN_OR_RETURN(out.recomputed, RecomputeDeadlines(c, base_, council_id, text::DaysFromCivil(day),
                                                            now, why, agency_id));
    json detail = {{"day", found->day}, {"kind", found->kind}, {"recomputed", out.recomputed}};
    if (agency_id) detail["agency_id"] = *agency_id;
    return accounts::Audit(c, actor, now, "remove_closure",
                           agency_id ? "agency_calendar_override" : "calendar_override", std::to_string(id),
                           {council_id, agency_id}, detail);
  }));
  return out;
}

}  // namespace pol::citizen
