#include "newsroom/calendar.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "accounts/validate.h"
#include "newsroom/newsroom_policy.h"
#include "store/council_repo.h"
#include "text/jalali.h"
#include "text/search_terms.h"

namespace pol::newsroom {
namespace {

using accounts::Actor;

constexpr int64_t kDayMs = 86400000;

int64_t TehranDay(int64_t ms) {
  text::LocalDateTime t = text::TehranFromUnix(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  return text::DaysFromCivil(t.date);
}

std::string IsoDate(int64_t days) {
  text::CivilDate d = text::CivilFromDays(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Status ValidateMonthDay(int64_t month, int64_t day) {
  if (month < 1 || month > 12) return InvalidArgument("invalid_date", "ماه باید از ۱ تا ۱۲ باشد.", "month");
  const int64_t max_day = month <= 6 ? 31 : (month <= 11 ? 30 : 30);
  if (day < 1 || day > max_day) return InvalidArgument("invalid_date", "روز برای این ماه معتبر نیست.", "day");
  return Status::Ok();
}

}  // namespace

double TitleSimilarity(std::string_view a, std::string_view b, std::vector<std::string>* shared) {
  auto ta = text::SearchTerms(a), tb = text::SearchTerms(b);
  std::set<std::string> sa(ta.begin(), ta.end()), sb(tb.begin(), tb.end());
  if (sa.empty() || sb.empty()) return 0;
  size_t common = 0;
  for (const auto& t : sa) {
    if (sb.count(t)) {
      ++common;
      if (shared) shared->push_back(t);
    }
  }
  return static_cast<double>(common) / static_cast<double>(sa.size() + sb.size() - common);
}

StatusOr<CalendarView> CalendarService::Calendar(const Actor& actor, int64_t council_id, int64_t from,
                                                 int64_t to) {
  if (!CanSeeCouncil(actor, council_id)) return NotFound("شورا پیدا نشد.");
  if (to <= from) return InvalidArgument("invalid_range", "پایان بازه باید پس از آغاز آن باشد.", "to");
  if (to - from > 400 * kDayMs)
    return InvalidArgument("invalid_range", "بازهٔ تقویم حداکثر ۴۰۰ روز است.", "to");
  CalendarView v{.from = from, .to = to};
  std::vector<store::Occasion> occasions;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(v.releases, store::ListReleasesPlanned(c, council_id, from, to));
    for (auto& r : v.releases) POL_RETURN_IF_ERROR(store::LoadReleaseParts(c, r));
    POL_ASSIGN_OR_RETURN(occasions, store::ListOccasions(c, council_id));
    return Status::Ok();
  }));
  // Council roles see every agency's releases; agency roles their own (and co-signed) ones.
  std::erase_if(v.releases, [&](const store::Release& r) { return !CanReadRelease(actor, r); });

  std::map<int64_t, std::vector<const store::Release*>> by_day;
  for (const auto& r : v.releases)
    by_day[TehranDay(r.published_at ? *r.published_at : *r.publish_at)].push_back(&r);
  std::set<int64_t> used_occasions;
  const int64_t first = TehranDay(from), last = TehranDay(to - 1);
  for (int64_t d = first; d <= last; ++d) {
    text::JalaliDate j = text::JalaliFromDays(d);
    CalendarDay day{.date = IsoDate(d),
                    .jalali = text::FormatJalali(j, "yyyy/MM/dd", true),
                    .jalali_label = text::FormatJalali(j),
                    .weekday = text::IranianWeekdayFromDays(d)};
    for (const auto& o : occasions) {
      if (o.calendar == "solar" && o.month == j.month && o.day == j.day) {
        day.occasion_ids.push_back(o.id);
        used_occasions.insert(o.id);
      }
    }
    auto it = by_day.find(d);
    if (it != by_day.end()) {
      for (const store::Release* r : it->second) day.release_ids.push_back(r->id);
      // Conflicts: releases of different agencies on the same day with similar titles.
      const auto& rs = it->second;
      for (size_t x = 0; x < rs.size(); ++x) {
        for (size_t y = x + 1; y < rs.size(); ++y) {
          if (rs[x]->agency_id == rs[y]->agency_id) continue;
          std::vector<std::string> shared;
          double sim = TitleSimilarity(rs[x]->title, rs[y]->title, &shared);
          if (sim >= 0.5) {
            v.conflicts.push_back({day.date,
                                   {rs[x]->id, rs[y]->id},
                                   {rs[x]->agency_id, rs[y]->agency_id},
                                   sim,
                                   std::move(shared)});
          }
        }
      }
    }
    v.days.push_back(std::move(day));
  }
  for (auto& o : occasions) {
    if (used_occasions.count(o.id)) v.occasions.push_back(std::move(o));
  }
  return v;
}

StatusOr<std::vector<store::Occasion>> CalendarService::ListOccasions(const Actor& actor,
                                                                      int64_t council_id) {
  if (!CanSeeCouncil(actor, council_id)) return NotFound("شورا پیدا نشد.");
  std::vector<store::Occasion> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListOccasions(c, council_id));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::Occasion> CalendarService::CreateOccasion(const Actor& actor, const OccasionInput& in) {
  if (in.council_id && !CanSeeCouncil(actor, *in.council_id)) {
    return InvalidArgument("unknown_council", "شورای انتخاب‌شده وجود ندارد.",
                           "council_id");
  }
  if (!in.council_id && !CanManageOccasion(actor, std::nullopt))
    return InvalidArgument("required", "شورا را انتخاب کنید.", "council_id");
  if (!CanManageOccasion(actor, in.council_id))
    return PermissionDenied(
        "مناسبت‌های تقویم را مدیر شورا تعیین می‌کند.");
  if (!in.month) return InvalidArgument("required", "ماه مناسبت لازم است.", "month");
  if (!in.day) return InvalidArgument("required", "روز مناسبت لازم است.", "day");
  POL_RETURN_IF_ERROR(ValidateMonthDay(*in.month, *in.day));
  store::Occasion o{.council_id = in.council_id, .month = *in.month, .day = *in.day};
  POL_ASSIGN_OR_RETURN(o.name, accounts::NormalizeText(in.name.value_or(""), 200, "name", true));
  POL_ASSIGN_OR_RETURN(o.description,
                       accounts::NormalizeText(in.description.value_or(""), 1000, "description", false));
  const int64_t now = env_->NowMillis();
  o.created_at = o.updated_at = now;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(o.id, store::InsertOccasion(c, o));
    return accounts::Audit(c, actor, now, "create", "occasion", std::to_string(o.id),
                           {o.council_id, std::nullopt},
                           {{"name", o.name}, {"month", o.month}, {"day", o.day}});
  }));
  return o;
}

StatusOr<store::Occasion> CalendarService::UpdateOccasion(const Actor& actor, int64_t id,
                                                          const OccasionInput& in) {
  if (!in.version)
    return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  if (in.council_id) return InvalidArgument("immutable", "شورای یک مناسبت تغییرپذیر نیست.", "council_id");
  const int64_t now = env_->NowMillis();
  store::Occasion o;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(o, store::GetOccasion(c, id));
    if (o.council_id && !CanSeeCouncil(actor, *o.council_id)) return NotFound("مناسبت پیدا نشد.");
    if (!CanManageOccasion(actor, o.council_id))
      return PermissionDenied(
          "مناسبت‌های تقویم را مدیر شورا تعیین می‌کند.");
    if (o.version != *in.version) return store::VersionConflict();
    if (in.name) {
      POL_ASSIGN_OR_RETURN(o.name, accounts::NormalizeText(*in.name, 200, "name", true));
    }
    if (in.description) {
      POL_ASSIGN_OR_RETURN(o.description,
                           accounts::NormalizeText(*in.description, 1000, "description", false));
    }
    if (in.month) o.month = *in.month;
    if (in.day) o.day = *in.day;
    POL_RETURN_IF_ERROR(ValidateMonthDay(o.month, o.day));
    POL_RETURN_IF_ERROR(store::UpdateOccasion(c, o, now));
    o.version += 1;
    o.updated_at = now;
    return accounts::Audit(c, actor, now, "update", "occasion", std::to_string(id),
                           {o.council_id, std::nullopt},
                           {{"name", o.name}, {"month", o.month}, {"day", o.day}});
  }));
  return o;
}

Status CalendarService::DeleteOccasion(const Actor& actor, int64_t id, std::optional<int64_t> version) {
  if (!version) return InvalidArgument("version_required", "نسخهٔ مورد حذف (version) لازم است.", "version");
  const int64_t now = env_->NowMillis();
  return db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Occasion o, store::GetOccasion(c, id));
    if (o.council_id && !CanSeeCouncil(actor, *o.council_id)) return NotFound("مناسبت پیدا نشد.");
    if (!CanManageOccasion(actor, o.council_id))
      return PermissionDenied(
          "مناسبت‌های تقویم را مدیر شورا تعیین می‌کند.");
    if (o.version != *version) return store::VersionConflict();
    POL_RETURN_IF_ERROR(store::DeleteOccasion(c, id, *version));
    return accounts::Audit(c, actor, now, "delete", "occasion", std::to_string(id),
                           {o.council_id, std::nullopt}, {{"name", o.name}});
  });
}

}  // namespace pol::newsroom
