// RFC 5545 iCalendar writer: VCALENDAR with VEVENTs for meeting invitations (iTIP METHOD REQUEST,
// CANCEL or PUBLISH), in Tehran time.
//
// Contract:
// - VERSION 2.0, PRODID, CALSCALE GREGORIAN, METHOD; one VTIMEZONE for Asia/Tehran with a fixed
//   +0330 offset (Iran has had no daylight saving since 2022; STANDARD from 19700101T000000) and
//   DTSTART/DTEND as local times with TZID=Asia/Tehran computed with that same fixed offset (so the
//   file is self-consistent); DTSTAMP in UTC (…Z).
// - Per event: UID, SEQUENCE, DTSTAMP, DTSTART, DTEND, SUMMARY, DESCRIPTION, LOCATION, URL (each
//   optional text property only when not empty), STATUS (CONFIRMED, or CANCELLED for METHOD
//   CANCEL), ORGANIZER;CN=…:mailto:…, ATTENDEE;CN=…;ROLE=…;PARTSTAT=…;RSVP=TRUE|FALSE:mailto:…, and a
//   VALARM (ACTION DISPLAY, TRIGGER -PT<n>M) per alarm.
// - TEXT values escaped (\\ \; \, and newlines as \n; CR dropped); CN parameter values quoted with
//   DQUOTE and DQUOTEs removed; control characters dropped.
// - Content lines folded at 75 octets (continuation lines start with one space, counted in the 75),
//   never inside a UTF-8 sequence; every line ends with CRLF.
// - Errors ("invalid_calendar", Persian message): an empty UID, end before start, an attendee or
//   organizer e-mail with characters outside a simple address, no events.
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace pol::report {

enum class ICalMethod { kRequest, kCancel, kPublish };
enum class PartStat { kNeedsAction, kAccepted, kDeclined, kTentative };
enum class AttendeeRole { kRequired, kOptional, kChair };

struct ICalAttendee {
  std::string name;  // CN
  std::string email;
  AttendeeRole role = AttendeeRole::kRequired;
  PartStat partstat = PartStat::kNeedsAction;
  bool rsvp = true;
};

struct ICalAlarm {
  int minutes_before = 30;
  std::string description;  // the reminder text (defaults to the summary when empty)
};

struct ICalEvent {
  std::string uid;      // stable per meeting, e.g. "meeting-42@pol.example"
  int sequence = 0;     // bump on every change sent to attendees
  int64_t dtstamp = 0;  // Unix seconds: when this version was made
  int64_t start = 0;    // Unix seconds
  int64_t end = 0;      // Unix seconds, > start
  std::string summary;
  std::string description;
  std::string location;
  std::string url;  // absolute, from public_url
  std::string organizer_name;
  std::string organizer_email;  // ORGANIZER is written when not empty
  std::vector<ICalAttendee> attendees;
  std::vector<ICalAlarm> alarms;
};

struct ICalendar {
  ICalMethod method = ICalMethod::kRequest;
  std::string prodid = "-//Pol//Pol PR hub//FA";
  std::vector<ICalEvent> events;
};

[[nodiscard]] StatusOr<std::string> RenderICalendar(const ICalendar& calendar);

// The pieces, exposed for tests and for other iCalendar producers.
std::string EscapeICalText(std::string_view text);
// Folds one unfolded content line (no CRLF inside) into CRLF-terminated lines of ≤ 75 octets.
std::string FoldICalLine(std::string_view line);

}  // namespace pol::report
