// The minutes of a meeting as a report::PdfDocument (rendered by report/pdf_document.h: Pango + Cairo,
// Vazirmatn, right to left): title with the meeting's number and committee, the Jalali date in the
// running header, the meeting's facts, the attendance table, quorum, agenda, the minutes' text, the
// decisions table with their vote results, the approval line and the signature block (chair,
// secretary). A revision that is not approved is marked «پیش‌نویس»; a correction names its reason.
//
// Thread-safety: pure function of the view.
#pragma once

#include "committee/minutes.h"
#include "report/pdf_document.h"

namespace pol::committee {

report::PdfDocument MinutesDocument(const MinutesView& v);

// Persian labels used by the document (and the console's words): attendance status and seat role.
std::string AttendanceLabel(const store::Attendance* a);
std::string SeatRoleLabel(const std::string& role);

}  // namespace pol::committee
