#include "store/calendar_repo.h"

#include <cstdio>

namespace pol::store {
namespace {

constexpr char kCols[] = "id, council_id, day, kind, reason, created_by, created_at";

CalendarOverride FromRow(const Row& w) {
  return {w.Int(0), w.Int(1), w.Text(2), w.Text(3), w.Text(4), w.OptInt(5), w.Int(6)};
}

}  // namespace

StatusOr<int64_t> InsertCalendarOverride(Conn& c, const CalendarOverride& o) {
  POL_ASSIGN_OR_RETURN(auto taken,
                       c.QueryOpt("SELECT id FROM calendar_overrides WHERE council_id = ? AND day = ?",
                                  {o.council_id, o.day}));
  if (taken)
    return AlreadyExists(
        "closure_exists",
        "برای این روز پیش‌تر تعطیلی یا اصلاحی ثبت شده است.", "date");
  POL_ASSIGN_OR_RETURN(Row row,
                       c.QueryOne("INSERT INTO calendar_overrides(council_id, day, kind, reason, "
                                  "created_by, created_at) VALUES (?,?,?,?,?,?) RETURNING id",
                                  {o.council_id, o.day, o.kind, o.reason, Opt(o.created_by), o.created_at}));
  return row.Int(0);
}

StatusOr<std::optional<CalendarOverride>> GetCalendarOverride(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kCols + " FROM calendar_overrides WHERE id = ?", {id}));
  if (!row) return std::optional<CalendarOverride>();
  return std::optional<CalendarOverride>(FromRow(*row));
}

Status DeleteCalendarOverride(Conn& c, int64_t id) {
  return c.Exec("DELETE FROM calendar_overrides WHERE id = ?", {id}).status();
}

StatusOr<std::vector<CalendarOverride>> ListCalendarOverrides(Conn& c, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kCols +
                                              " FROM calendar_overrides WHERE council_id = ? ORDER BY day",
                                          {council_id}));
  std::vector<CalendarOverride> out;
  for (const Row& w : rows) out.push_back(FromRow(w));
  return out;
}

StatusOr<text::WorkCalendar> CouncilWorkCalendar(Conn& c, const text::WorkCalendar& base,
                                                 int64_t council_id) {
  POL_ASSIGN_OR_RETURN(auto rows, ListCalendarOverrides(c, council_id));
  text::WorkCalendar cal = base;
  for (const auto& o : rows) {
    text::CivilDate d;
    if (std::sscanf(o.day.c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3) continue;
    if (o.kind == "working") {
      cal.AddWorkingDay(d);
    } else {
      cal.AddHoliday(d, o.reason.empty() ? "تعطیلی" : o.reason);
    }
  }
  return cal;
}

}  // namespace pol::store
