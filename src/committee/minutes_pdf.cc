#include "committee/minutes_pdf.h"

#include "text/jalali.h"
#include "text/number_words.h"

namespace pol::committee {
namespace {

std::string Digits(int64_t n) { return text::ToPersianDigits(std::to_string(n)); }

std::string MinutesStateLabel(const std::string& status) {
  if (status == "approved") return "تأییدشده";
  if (status == "review") return "در حال نظرخواهی";
  return "پیش‌نویس";
}

report::TableBlock AttendanceTable(const MinutesView& v) {
  report::Table t{.name = "حاضران و غایبان",
                  .columns = {{"نام", report::Align::kStart, 2},
                              {"سمت در کمیته", report::Align::kStart, 1},
                              {"دستگاه", report::Align::kStart, 2},
                              {"حق رأی", report::Align::kCenter, 0.7},
                              {"وضعیت حضور", report::Align::kStart, 1.5}}};
  for (const auto& m : v.members) {
    const store::Attendance* a = nullptr;
    for (const auto& x : v.meeting.attendance) {
      if (x.member_id == m.id) a = &x;
    }
    std::string agency;
    if (m.agency_id) {
      auto it = v.agency_names.find(*m.agency_id);
      if (it != v.agency_names.end()) agency = it->second;
    }
    t.rows.push_back({m.user_name, SeatRoleLabel(m.role), agency, std::string(m.voting ? "دارد" : "ندارد"),
                      AttendanceLabel(a)});
  }
  return {.table = std::move(t)};
}

report::TableBlock DecisionsTable(const MinutesView& v) {
  report::Table t{.name = "مصوبات جلسه",
                  .columns = {{"ردیف", report::Align::kCenter, 0.5},
                              {"متن مصوبه", report::Align::kStart, 4},
                              {"مسئول اجرا", report::Align::kStart, 1.6},
                              {"مهلت", report::Align::kStart, 1.2},
                              {"نتیجهٔ رأی‌گیری", report::Align::kStart, 2.4}}};
  int64_t n = 0;
  for (const auto& d : v.decisions) {
    auto it = v.agency_names.find(d.decision.owner_agency_id);
    t.rows.push_back({static_cast<double>(++n), d.decision.text,
                      it == v.agency_names.end() ? std::string() : it->second, d.deadline_jalali,
                      d.decision.vote_result.empty() ? std::string("بدون رأی‌گیری")
                                                     : d.decision.vote_result});
  }
  return {.table = std::move(t)};
}

}  // namespace

std::string AttendanceLabel(const store::Attendance* a) {
  if (!a || a->status.empty()) return "ثبت نشده";
  if (a->status == "present") return "حاضر";
  if (a->status == "late") return "حاضر با تأخیر";
  if (a->status == "excused") return "غایب با عذر";
  if (a->status == "absent") return "غایب";
  if (a->status == "delegated") return "نماینده: " + a->delegate_name;
  return a->status;
}

std::string SeatRoleLabel(const std::string& role) {
  if (role == "chair") return "رئیس";
  if (role == "secretary") return "دبیر";
  if (role == "guest") return "مهمان";
  return "عضو";
}

report::PdfDocument MinutesDocument(const MinutesView& v) {
  const store::Meeting& m = v.meeting.meeting;
  const store::Minutes& minutes = *v.current;
  report::PdfDocument doc;
  doc.title = "صورت‌جلسهٔ جلسهٔ شمارهٔ " + Digits(m.number) + " " + v.committee.name;
  doc.date = text::JalaliFromUnix(m.starts_at / 1000);
  doc.author = v.committee.name;
  std::string subtitle = "نسخهٔ " + Digits(minutes.revision) + " — " + MinutesStateLabel(minutes.status);
  doc.blocks.push_back(report::Title{doc.title, subtitle});
  std::string facts = "زمان: " + v.meeting.starts_jalali +
                      "\nنوع جلسه: " + (m.kind == "extraordinary" ? "فوق‌العاده" : "عادی");
  if (!m.place.empty()) facts += "\nمکان: " + m.place;
  if (!m.online_url.empty()) facts += "\nپیوند برخط: " + m.online_url;
  doc.blocks.push_back(report::Paragraph{facts});
  if (minutes.corrects_id) {
    doc.blocks.push_back(report::Paragraph{"این نسخه اصلاحیهٔ نسخهٔ " + Digits(minutes.revision - 1) +
                                               " است. دلیل اصلاح: " + minutes.correction_reason,
                                           true});
  }
  doc.blocks.push_back(report::Heading{"حضور و حد نصاب", 2});
  doc.blocks.push_back(AttendanceTable(v));
  const Quorum& q = v.meeting.quorum;
  doc.blocks.push_back(report::Paragraph{"حد نصاب: " + Digits(q.voting_present) + " عضو دارای رأی حاضر از " +
                                         Digits(q.voting_members) + " (لازم: " + Digits(q.needed) + ") — " +
                                         (q.reached ? "جلسه رسمی بود." : "حد نصاب حاصل نشد.")});
  std::string agenda;
  int64_t n = 0;
  for (const auto& a : v.meeting.agenda)
    agenda += (agenda.empty() ? "" : "\n") + Digits(++n) + ". " + a.title;
  if (!agenda.empty()) {
    doc.blocks.push_back(report::Heading{"دستور جلسه", 2});
    doc.blocks.push_back(report::Paragraph{agenda});
  }
  doc.blocks.push_back(report::Heading{"شرح مذاکرات", 2});
  doc.blocks.push_back(report::Paragraph{minutes.body_text});
  doc.blocks.push_back(report::Heading{"مصوبات", 2});
  if (v.decisions.empty()) {
    doc.blocks.push_back(
        report::Paragraph{"در این جلسه مصوبه‌ای ثبت نشد.", false, true});
  } else {
    doc.blocks.push_back(DecisionsTable(v));
  }
  if (minutes.status == "approved") {
    doc.blocks.push_back(report::Paragraph{
        "این صورت‌جلسه در " + v.approved_jalali + " به تأیید رئیس کمیته رسید.", false, true});
  }
  report::SignatureBlock sign;
  for (const char* role : {"chair", "secretary"}) {
    for (const auto& mem : v.members) {
      if (mem.role == role) sign.signers.push_back({mem.user_name, SeatRoleLabel(role) + " کمیته"});
    }
  }
  if (!sign.signers.empty()) {
    doc.blocks.push_back(report::Spacer{8});
    doc.blocks.push_back(sign);
  }
  return doc;
}

}  // namespace pol::committee
