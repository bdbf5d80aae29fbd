#include "report/icalendar.h"

#include <gtest/gtest.h>

#include <fstream>

#include "report/report_test_util.h"

namespace pol::report {
namespace {

// 1405/09/13 (2026-12-04) 10:00 Tehran = 06:30 UTC.
constexpr int64_t kStart = 1796365800;

ICalendar Meeting() {
  ICalendar cal;
  ICalEvent e;
  e.uid = "meeting-42@pol.example";
  e.sequence = 2;
  e.dtstamp = kStart - 86400;
  e.start = kStart;
  e.end = kStart + 5400;
  e.summary = "جلسهٔ کمیتهٔ روابط عمومی; نوبت دوم, آذر";
  std::string long_text;
  for (int i = 0; i < 12; ++i)
    long_text +=
        "دستور جلسه: بررسی گزارش فصلی روابط عمومی دستگاه‌ها و تصمیم‌های پیشین. ";
  e.description = long_text + "\nبند دوم";
  e.location = "تالار شورا، طبقهٔ دوم";
  e.url = "https://pol.example/committee/meetings/42";
  e.organizer_name = "دبیر کمیته";
  e.organizer_email = "secretary@pol.example";
  e.attendees = {
      {.name = "مریم \"احمدی\"", .email = "maryam@agency.example", .partstat = PartStat::kAccepted},
      {.name = "علی رضایی", .email = "ali@agency.example", .role = AttendeeRole::kOptional, .rsvp = false}};
  e.alarms = {{.minutes_before = 60}};
  cal.events.push_back(e);
  return cal;
}

TEST(ICalendar, EscapingAndFolding) {
  EXPECT_EQ(EscapeICalText("a\\b;c,d\ne\r"), "a\\\\b\\;c\\,d\\ne");
  std::string line(74, 'x');
  line += "ش";  // 2 octets at 74..75: must move to the next line whole
  std::string folded = FoldICalLine(line);
  EXPECT_EQ(folded, std::string(74, 'x') + "\r\n ش\r\n");
  std::string persian;
  for (int i = 0; i < 100; ++i) persian += "س";
  for (size_t start = 0, end; (end = FoldICalLine(persian).find("\r\n", start)) != std::string::npos;
       start = end + 2) {
    std::string part = FoldICalLine(persian).substr(start, end - start);
    EXPECT_LE(part.size(), 75u);
  }
}

TEST(ICalendar, StructureCrlfAndTimes) {
  auto ics = RenderICalendar(Meeting());
  ASSERT_TRUE(ics.ok()) << ics.status().ToString();
  EXPECT_TRUE(ics->starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  EXPECT_NE(ics->find("METHOD:REQUEST\r\n"), std::string::npos);
  EXPECT_NE(ics->find("DTSTART;TZID=Asia/Tehran:20261204T100000\r\n"), std::string::npos);
  EXPECT_NE(ics->find("DTEND;TZID=Asia/Tehran:20261204T113000\r\n"), std::string::npos);
  EXPECT_NE(ics->find("DTSTAMP:20261203T063000Z\r\n"), std::string::npos);
  EXPECT_NE(ics->find("TZOFFSETTO:+0330\r\n"), std::string::npos);
  for (size_t p = ics->find('\n'); p != std::string::npos; p = ics->find('\n', p + 1)) {
    ASSERT_EQ((*ics)[p - 1], '\r') << "bare LF at " << p;
  }
  size_t start = 0;
  for (size_t end; (end = ics->find("\r\n", start)) != std::string::npos; start = end + 2) {
    EXPECT_LE(end - start, 75u);
  }
}

TEST(ICalendar, ParsedByPythonIcalendar) {
  auto ics = RenderICalendar(Meeting());
  ASSERT_TRUE(ics.ok());
  std::string path = test_util::ScratchDir() + "/m.ics";
  std::ofstream(path, std::ios::binary) << *ics;
  ASSERT_TRUE(test_util::HaveProgram(test_util::kPython))
      << "Debian python3 with python3-icalendar is needed";
  std::string script = R"(
import sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = [c for c in cal.walk('VEVENT')][0]
print(cal['METHOD'])
print(ev['UID'], int(ev['SEQUENCE']))
print(ev['SUMMARY'])
print('description', ev['DESCRIPTION'] == open(sys.argv[2], encoding='utf-8').read())
print(ev['LOCATION'])
print(ev['DTSTART'].params['TZID'], ev['DTSTART'].dt.strftime('%Y-%m-%d %H:%M'), ev.decoded('DTSTART').utcoffset())
print(ev['ORGANIZER'], ev['ORGANIZER'].params['CN'])
for a in ev.get('ATTENDEE'):
    print(a, a.params['CN'], a.params['PARTSTAT'], a.params['RSVP'], a.params['ROLE'])
print('alarms', [int(c['TRIGGER'].dt.total_seconds()) for c in ev.walk('VALARM')])
)";
  std::string py = test_util::ScratchDir() + "/check.py";
  std::ofstream(py) << script;
  std::string expected_description = test_util::ScratchDir() + "/description.txt";
  std::ofstream(expected_description, std::ios::binary) << Meeting().events[0].description;
  auto r = test_util::Run(std::string(test_util::kPython) + " " + py + " " + path + " " +
                          expected_description + " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output << " (python3-icalendar is the Debian package this test needs)";
  const ICalendar meeting = Meeting();
  const ICalEvent& e = meeting.events[0];
  EXPECT_NE(r.output.find("REQUEST\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("meeting-42@pol.example 2\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(e.summary + "\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("description True\n"), std::string::npos) << r.output;  // folded, unfolded intact
  EXPECT_NE(r.output.find(e.location + "\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Asia/Tehran 2026-12-04 10:00 3:30:00"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mailto:secretary@pol.example دبیر کمیته"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mailto:maryam@agency.example مریم احمدی ACCEPTED TRUE REQ-PARTICIPANT"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("mailto:ali@agency.example علی رضایی NEEDS-ACTION FALSE OPT-PARTICIPANT"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("alarms [-3600]\n"), std::string::npos) << r.output;  // -PT60M
}

TEST(ICalendar, CancelAndErrors) {
  ICalendar cal = Meeting();
  cal.method = ICalMethod::kCancel;
  auto ics = RenderICalendar(cal);
  ASSERT_TRUE(ics.ok());
  EXPECT_NE(ics->find("METHOD:CANCEL\r\n"), std::string::npos);
  EXPECT_NE(ics->find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_EQ(ics->find("BEGIN:VALARM"), std::string::npos);

  ICalendar bad = Meeting();
  bad.events[0].end = bad.events[0].start;
  EXPECT_EQ(RenderICalendar(bad).status().api_code(), "invalid_calendar");
  bad = Meeting();
  bad.events[0].attendees[0].email = "x@y.example\r\nATTENDEE:mailto:evil@x";
  EXPECT_EQ(RenderICalendar(bad).status().api_code(), "invalid_calendar");
  bad = Meeting();
  bad.events[0].uid.clear();
  EXPECT_EQ(RenderICalendar(bad).status().api_code(), "invalid_calendar");
  EXPECT_EQ(RenderICalendar(ICalendar{}).status().api_code(), "invalid_calendar");
}

}  // namespace
}  // namespace pol::report
