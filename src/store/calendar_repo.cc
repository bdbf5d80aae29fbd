#include "store/calendar_repo.h"

#include <cstdio>

namespace pol::store {
namespace {

constexpr char kCols[] = "id, council_id, day, kind, reason, created_by, created_at";
constexpr char kAgencyCols[] = "id, council_id, day, kind, reason, created_by, created_at, agency_id";

CalendarOverride FromRow(const Row& w, bool agency) {
  CalendarOverride o{w.Int(0),  w.Int(1),  std::nullopt, w.Text(2),
                     w.Text(3), w.Text(4), w.OptInt(5),  w.Int(6)};
  if (agency) o.agency_id = w.Int(7);
  return o;
}

void ApplyRows(const std::vector<CalendarOverride>& rows, text::WorkCalendar* cal) {
  for (const auto& o : rows) {
    text::CivilDate d;
    if (std::sscanf(o.day.c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3) continue;
    if (o.kind == "working") {
      cal->AddWorkingDay(d);
    } else {
      cal->AddHoliday(d, o.reason.empty() ? "تعطیلی" : o.reason);
    }
  }
}

}  // namespace

StatusOr<int64_t> InsertCalendarOverride(Conn& c, const CalendarOverride& o) {
  if (o.agency_id) {
    POL_ASSIGN_OR_RETURN(
        auto taken, c.QueryOpt("SELECT id FROM agency_calendar_overrides WHERE agency_id = ? AND day = ?",
                               {*o.agency_id, o.day}));
    if (taken)
      return AlreadyExists(
          "closure_exists",
          "برای این روز این دستگاه پیش‌تر تعطیلی یا اصلاحی ثبت شده است.",
          "date");
    POL_ASSIGN_OR_RETURN(
        Row row,
        c.QueryOne("INSERT INTO agency_calendar_overrides(council_id, agency_id, day, "
                   "kind, reason, created_by, created_at) VALUES (?,?,?,?,?,?,?) "
                   "RETURNING id",
                   {o.council_id, *o.agency_id, o.day, o.kind, o.reason, Opt(o.created_by), o.created_at}));
    return row.Int(0);
  }
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

StatusOr<std::optional<CalendarOverride>> GetCalendarOverride(Conn& c, int64_t id,
                                                              std::optional<int64_t> agency_id) {
  if (agency_id) {
    POL_ASSIGN_OR_RETURN(auto row,
                         c.QueryOpt(std::string("SELECT ") + kAgencyCols +
                                        " FROM agency_calendar_overrides WHERE id = ? AND agency_id = ?",
                                    {id, *agency_id}));
    if (!row) return std::optional<CalendarOverride>();
    return std::optional<CalendarOverride>(FromRow(*row, true));
  }
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kCols + " FROM calendar_overrides WHERE id = ?", {id}));
  if (!row) return std::optional<CalendarOverride>();
  return std::optional<CalendarOverride>(FromRow(*row, false));
}

Status DeleteCalendarOverride(Conn& c, int64_t id, std::optional<int64_t> agency_id) {
  if (agency_id) {
    return c.Exec("DELETE FROM agency_calendar_overrides WHERE id = ? AND agency_id = ?", {id, *agency_id})
        .status();
  }
  return c.Exec("DELETE FROM calendar_overrides WHERE id = ?", {id}).status();
}

StatusOr<std::vector<CalendarOverride>> ListCalendarOverrides(Conn& c, int64_t council_id, bool agencies) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kCols +
                                              " FROM calendar_overrides WHERE council_id = ? ORDER BY day",
                                          {council_id}));
  std::vector<CalendarOverride> out;
  for (const Row& w : rows) out.push_back(FromRow(w, false));
  if (!agencies) return out;
  POL_ASSIGN_OR_RETURN(Rows more, c.Query(std::string("SELECT ") + kAgencyCols +
                                              " FROM agency_calendar_overrides WHERE council_id = ? "
                                              "ORDER BY day, agency_id",
                                          {council_id}));
  for (const Row& w : more) out.push_back(FromRow(w, true));
  return out;
}

StatusOr<text::WorkCalendar> CouncilWorkCalendar(Conn& c, const text::WorkCalendar& base,
                                                 int64_t council_id) {
  POL_ASSIGN_OR_RETURN(auto rows, ListCalendarOverrides(c, council_id));
  text::WorkCalendar cal = base;
  ApplyRows(rows, &cal);
  return cal;
}

StatusOr<text::WorkCalendar> AgencyWorkCalendar(Conn& c, const text::WorkCalendar& base, int64_t council_id,
                                                std::optional<int64_t> agency_id) {
  POL_ASSIGN_OR_RETURN(text::WorkCalendar cal, CouncilWorkCalendar(c, base, council_id));
  if (!agency_id) return cal;
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kAgencyCols +
                                              " FROM agency_calendar_overrides WHERE agency_id = ? AND "
                                              "council_id = ? ORDER BY day",
                                          {*agency_id, council_id}));
  std::vector<CalendarOverride> own;
  for (const Row& w : rows) own.push_back(FromRow(w, true));
  ApplyRows(own, &cal);
  return cal;
}

}  // namespace pol::store
