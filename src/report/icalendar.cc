#include "report/icalendar.h"

#include <cstdio>

#include "text/jalali.h"

namespace pol::report {
namespace {

constexpr int64_t kTehranOffset = 3 * 3600 + 30 * 60;  // +0330, no DST since 2022

Status Invalid(std::string message) { return InvalidArgument("invalid_calendar", std::move(message)); }

std::string Stamp(int64_t unix_seconds, bool utc) {
  int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
  int64_t sod = unix_seconds - days * 86400;
  text::CivilDate d = text::CivilFromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d%s", d.year, d.month, d.day,
                static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60),
                utc ? "Z" : "");
  return buf;
}

std::string Local(int64_t unix_seconds) { return Stamp(unix_seconds + kTehranOffset, false); }

bool SimpleEmail(std::string_view e) {
  size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= e.size() || e.size() > 254) return false;
  for (char c : e) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '"' || c == ';' || c == ':' || c == ',' || c == '<' || c == '>' ||
        c == '\\') {
      return false;
    }
  }
  return e.find('@', at + 1) == std::string_view::npos;
}

// A parameter value: DQUOTEs and control characters removed, then quoted.
std::string ParamValue(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || u < 0x20 || u == 0x7F) continue;
    out += c;
  }
  out += '"';
  return out;
}

std::string_view PartStatName(PartStat p) {
  switch (p) {
    case PartStat::kAccepted:
      return "ACCEPTED";
    case PartStat::kDeclined:
      return "DECLINED";
    case PartStat::kTentative:
      return "TENTATIVE";
    case PartStat::kNeedsAction:
      break;
  }
  return "NEEDS-ACTION";
}

std::string_view RoleName(AttendeeRole r) {
  switch (r) {
    case AttendeeRole::kOptional:
      return "OPT-PARTICIPANT";
    case AttendeeRole::kChair:
      return "CHAIR";
    case AttendeeRole::kRequired:
      break;
  }
  return "REQ-PARTICIPANT";
}

std::string_view MethodName(ICalMethod m) {
  switch (m) {
    case ICalMethod::kCancel:
      return "CANCEL";
    case ICalMethod::kPublish:
      return "PUBLISH";
    case ICalMethod::kRequest:
      break;
  }
  return "REQUEST";
}

class Writer {
 public:
  void Line(std::string_view line) { out_ += FoldICalLine(line); }
  void Text(std::string_view name, std::string_view value) {
    if (!value.empty()) Line(std::string(name) + ":" + EscapeICalText(value));
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

Status Validate(const ICalendar& cal) {
  if (cal.events.empty()) return Invalid("تقویم رویدادی ندارد.");
  for (const ICalEvent& e : cal.events) {
    if (e.uid.empty()) return Invalid("شناسهٔ رویداد (UID) خالی است.");
    if (e.end <= e.start) return Invalid("پایان جلسه باید پس از آغاز آن باشد.");
    if (!e.organizer_email.empty() && !SimpleEmail(e.organizer_email))
      return Invalid("نشانی رایانامهٔ برگزارکننده درست نیست.");
    for (const ICalAttendee& a : e.attendees) {
      if (!SimpleEmail(a.email)) return Invalid("نشانی رایانامهٔ مدعو درست نیست: " + a.email);
    }
  }
  return Status::Ok();
}

}  // namespace

std::string EscapeICalText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        if (u < 0x20 && c != '\t') break;  // control characters are not allowed in TEXT
        if (u == 0x7F) break;
        out += c;
    }
  }
  return out;
}

std::string FoldICalLine(std::string_view line) {
  std::string out;
  size_t limit = 75;  // octets on the first line; continuation lines carry a leading space
  size_t i = 0;
  while (line.size() - i > limit) {
    size_t cut = i + limit;
    // Never split a UTF-8 sequence: back up to the start of the code point.
    while (cut > i && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (cut == i) cut = i + limit;  // malformed input: cut anyway
    out.append(line.substr(i, cut - i));
    out += "\r\n ";
    i = cut;
    limit = 74;
  }
  out.append(line.substr(i));
  out += "\r\n";
  return out;
}

StatusOr<std::string> RenderICalendar(const ICalendar& cal) {
  POL_RETURN_IF_ERROR(Validate(cal));
  Writer w;
  w.Line("BEGIN:VCALENDAR");
  w.Line("VERSION:2.0");
  w.Line("PRODID:" + cal.prodid);
  w.Line("CALSCALE:GREGORIAN");
  w.Line("METHOD:" + std::string(MethodName(cal.method)));
  w.Line("BEGIN:VTIMEZONE");
  w.Line("TZID:Asia/Tehran");
  w.Line("BEGIN:STANDARD");
  w.Line("DTSTART:19700101T000000");
  w.Line("TZOFFSETFROM:+0330");
  w.Line("TZOFFSETTO:+0330");
  w.Line("TZNAME:+0330");
  w.Line("END:STANDARD");
  w.Line("END:VTIMEZONE");
  for (const ICalEvent& e : cal.events) {
    w.Line("BEGIN:VEVENT");
    w.Line("UID:" + EscapeICalText(e.uid));
    w.Line("SEQUENCE:" + std::to_string(e.sequence));
    w.Line("DTSTAMP:" + Stamp(e.dtstamp, true));
    w.Line("DTSTART;TZID=Asia/Tehran:" + Local(e.start));
    w.Line("DTEND;TZID=Asia/Tehran:" + Local(e.end));
    w.Text("SUMMARY", e.summary);
    w.Text("DESCRIPTION", e.description);
    w.Text("LOCATION", e.location);
    if (!e.url.empty()) w.Line("URL:" + EscapeICalText(e.url));
    w.Line(cal.method == ICalMethod::kCancel ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
    if (!e.organizer_email.empty()) {
      std::string org = "ORGANIZER";
      if (!e.organizer_name.empty()) org += ";CN=" + ParamValue(e.organizer_name);
      w.Line(org + ":mailto:" + e.organizer_email);
    }
    for (const ICalAttendee& a : e.attendees) {
      std::string line = "ATTENDEE";
      if (!a.name.empty()) line += ";CN=" + ParamValue(a.name);
      line += ";ROLE=" + std::string(RoleName(a.role));
      line += ";PARTSTAT=" + std::string(PartStatName(a.partstat));
      line += a.rsvp ? ";RSVP=TRUE" : ";RSVP=FALSE";
      w.Line(line + ":mailto:" + a.email);
    }
    if (cal.method != ICalMethod::kCancel) {
      for (const ICalAlarm& alarm : e.alarms) {
        w.Line("BEGIN:VALARM");
        w.Line("ACTION:DISPLAY");
        w.Line("TRIGGER:-PT" + std::to_string(alarm.minutes_before < 0 ? 0 : alarm.minutes_before) + "M");
        w.Text("DESCRIPTION",
               alarm.description.empty() ? (e.summary.empty() ? "یادآوری" : e.summary) : alarm.description);
        w.Line("END:VALARM");
      }
    }
    w.Line("END:VEVENT");
  }
  w.Line("END:VCALENDAR");
  return w.Take();
}

}  // namespace pol::report
