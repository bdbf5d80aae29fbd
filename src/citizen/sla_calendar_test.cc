#include "citizen/sla_calendar.h"

#include <gtest/gtest.h>

#include "citizen/citizen_test_fixture.h"
#include "text/jalali.h"

namespace pol::citizen {
namespace {

class SlaCalendarTest : public testing::CitizenServiceTest {
 protected:
  void SetUp() override {
    testing::CitizenServiceTest::SetUp();
    closures_ = std::make_unique<ClosureService>(db_.get(), &env_, svc_->calendar());
  }

  // The Jalali date (Latin digits) of the Tehran day of a time in ms.
  static std::string JalaliOf(int64_t ms) {
    return text::FormatJalali(text::ToJalali(text::TehranFromUnix(ms / 1000).date), "yyyy/MM/dd", true);
  }

  int64_t DueOf(int64_t id) {
    return QueryInt("SELECT resolve_due FROM citizen_requests WHERE id = ?", {id});
  }

  int64_t Submit(const std::string& type, const std::string& agency = "tamin") {
    auto in = Input("0912123456" + std::to_string(++n_));
    in.agency = agency;
    in.type = type;
    auto r = svc_->DemoSubmit(in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->id : 0;
  }

  std::unique_ptr<ClosureService> closures_;
  const accounts::Actor system_;
  int n_ = 0;
};

TEST_F(SlaCalendarTest, ClosureOnTheDueDayMovesItLaterAndRemovingItRestores) {
  const int64_t complaint = Submit("complaint");  // 10 office days
  const int64_t question = Submit("question");    // 5 office days
  const int64_t complaint_due = DueOf(complaint), question_due = DueOf(question);
  ASSERT_LT(question_due, complaint_due);

  auto added = closures_->Add(system_, {council_id_, JalaliOf(complaint_due), "closed", "آلودگی هوا"});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->recomputed, 1);
  EXPECT_GT(DueOf(complaint), complaint_due);  // the closed day is skipped: one office day later
  EXPECT_EQ(DueOf(question), question_due);    // its clock ends before the closed day
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM request_events WHERE request_id = ? AND kind = "
                     "'sla_recomputed'",
                     {complaint}),
            1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'add_closure'"), 1);

  auto removed = closures_->Remove(system_, council_id_, added->closure.id);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->recomputed, 1);
  EXPECT_EQ(DueOf(complaint), complaint_due);
  EXPECT_EQ(DueOf(question), question_due);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM calendar_overrides"), 0);
}

TEST_F(SlaCalendarTest, NewRequestsStartOnTheCouncilCalendar) {
  const int64_t before = Submit("complaint");
  const int64_t due = DueOf(before);
  ASSERT_TRUE(
      closures_->Add(system_, {council_id_, JalaliOf(due), "closed", "صرفه‌جویی انرژی"}).ok());
  const int64_t after = Submit("complaint");  // same clock start (fake time), same calendar now
  EXPECT_EQ(DueOf(after), DueOf(before));
  EXPECT_GT(DueOf(after), due);
}

TEST_F(SlaCalendarTest, WorkingCorrectionMakesAFridayCount) {
  // The first Friday after now.
  int64_t day = text::DaysFromCivil(text::TehranFromUnix(env_.NowMillis() / 1000).date);
  while (text::IranianWeekday(text::CivilFromDays(day)) != 6) ++day;
  const std::string friday = text::FormatJalali(text::JalaliFromDays(day), "yyyy/MM/dd", true);
  ASSERT_TRUE(closures_->Add(system_, {council_id_, friday, "working", "جبران تعطیلی"}).ok());
  auto cal = db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto k, CouncilCalendar(c, svc_->calendar(), council_id_));
    EXPECT_TRUE(k.IsWorkingDay(text::CivilFromDays(day)));
    EXPECT_FALSE(svc_->calendar().IsWorkingDay(text::CivilFromDays(day)));
    return Status::Ok();
  });
  ASSERT_TRUE(cal.ok()) << cal.ToString();
}

TEST_F(SlaCalendarTest, BadInputIsRefusedInPersianAndWritesNothing) {
  const int64_t id = Submit("complaint");
  const int64_t due = DueOf(id);
  const int64_t audits = QueryInt("SELECT COUNT(*) FROM audit_log");
  const std::string today = JalaliOf(env_.NowMillis());
  struct Bad {
    ClosureInput in;
    const char* code;
  };
  int64_t friday = text::DaysFromCivil(text::TehranFromUnix(env_.NowMillis() / 1000).date);
  while (text::IranianWeekday(text::CivilFromDays(friday)) != 6) ++friday;
  const std::string fri = text::FormatJalali(text::JalaliFromDays(friday), "yyyy/MM/dd", true);
  for (const Bad& b : std::vector<Bad>{
           {{council_id_, "۱۴۰۴/۱۳/۰۱", "closed", "آلودگی"}, "invalid_date"},
           {{council_id_, "فردا", "closed", "آلودگی"}, "invalid_date"},
           {{council_id_, "1400/01/05", "closed", "آلودگی"}, "date_in_past"},
           {{council_id_, "1499/01/05", "closed", "آلودگی"}, "date_too_far"},
           {{council_id_, today, "holiday", "آلودگی"}, "invalid_kind"},
           {{council_id_, today, "closed", ""}, "invalid_reason"},
           {{council_id_, fri, "closed", "آلودگی"}, "not_a_working_day"},
           {{council_id_, today, "working", "جبران"}, "already_working"},
       }) {
    auto r = closures_->Add(system_, b.in);
    ASSERT_FALSE(r.ok()) << b.code;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << b.code;
    EXPECT_EQ(r.status().api_code(), b.code);
    EXPECT_FALSE(r.status().message().empty());
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM calendar_overrides"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log"), audits);
  EXPECT_EQ(DueOf(id), due);
  // The same day twice is a conflict, and the second attempt writes nothing either.
  ASSERT_TRUE(closures_->Add(system_, {council_id_, JalaliOf(due), "closed", "گرما"}).ok());
  auto twice = closures_->Add(system_, {council_id_, JalaliOf(due), "closed", "گرما"});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM calendar_overrides"), 1);
}

// Issue 18 §4: a closure of one agency (a provincial office closed for heat) moves that agency's
// deadlines only, new requests of the agency start on it, removing it restores them, and an agency
// outside the council is refused with nothing written.
TEST_F(SlaCalendarTest, AnAgencysClosureMovesOnlyItsOwnRequests) {
  const int64_t own = Submit("complaint", "tamin");
  const int64_t other = Submit("complaint", "behzisti");
  const int64_t agency = QueryInt("SELECT agency_id FROM citizen_requests WHERE id = ?", {own});
  const int64_t other_agency = QueryInt("SELECT agency_id FROM citizen_requests WHERE id = ?", {other});
  ASSERT_NE(agency, other_agency);
  const int64_t due = DueOf(own), other_due = DueOf(other);
  ASSERT_EQ(due, other_due);  // same type, same clock start: same deadline before the closure

  auto added = closures_->Add(system_, {council_id_, JalaliOf(due), "closed", "گرمای هوا", agency});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->recomputed, 1);
  ASSERT_TRUE(added->closure.agency_id.has_value());
  EXPECT_EQ(*added->closure.agency_id, agency);
  EXPECT_GT(DueOf(own), due);
  EXPECT_EQ(DueOf(other), other_due);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM agency_calendar_overrides"), 1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM calendar_overrides"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'add_closure' AND entity = "
                     "'agency_calendar_override' AND agency_id = ?",
                     {agency}),
            1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM request_events WHERE request_id = ? AND kind = 'sla_recomputed'",
                     {other}),
            0);
  // A new request of the agency starts on the agency's calendar; one of another agency does not.
  EXPECT_EQ(DueOf(Submit("complaint", "tamin")), DueOf(own));
  EXPECT_EQ(DueOf(Submit("complaint", "behzisti")), other_due);
  // The council's list shows it beside the council-wide ones, named by its agency.
  auto list = closures_->List(system_, council_id_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].agency_id, std::optional<int64_t>(agency));
  // The same day for the agency again is a conflict; for another agency it is its own closure (and then
  // removed again: ids are per table and name the agency).
  EXPECT_FALSE(closures_->Add(system_, {council_id_, JalaliOf(due), "closed", "گرما", agency}).ok());
  auto second = closures_->Add(system_, {council_id_, JalaliOf(due), "closed", "گرما", other_agency});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_GT(DueOf(other), other_due);
  EXPECT_FALSE(closures_->Remove(system_, council_id_, second->closure.id, std::nullopt).ok());
  ASSERT_TRUE(closures_->Remove(system_, council_id_, second->closure.id, other_agency).ok());
  EXPECT_EQ(DueOf(other), other_due);

  // Refused: an agency that is not the council's; nothing written.
  const int64_t audits = QueryInt("SELECT COUNT(*) FROM audit_log");
  auto stranger = closures_->Add(system_, {council_id_, JalaliOf(due), "closed", "گرما", 999999});
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.status().api_code(), "invalid_agency");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log"), audits);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM agency_calendar_overrides"), 1);

  auto removed = closures_->Remove(system_, council_id_, added->closure.id, agency);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->recomputed, 2);  // the first request and the one submitted after the closure
  EXPECT_EQ(DueOf(own), due);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM agency_calendar_overrides"), 0);
}

TEST_F(SlaCalendarTest, OnlyTheCouncilDeskManagesClosures) {
  const int64_t id = Submit("complaint");
  const int64_t due = DueOf(id);
  const accounts::Principal desk{7, "desk", "میز", {{"citizen_desk", council_id_, std::nullopt}}};
  const accounts::Principal agency{8, "pr", "روابط عمومی", {{"agency_pr_manager", council_id_, 1}}};
  for (const accounts::Principal* p : {&desk, &agency}) {
    const accounts::Actor a{p, "10.0.0.1"};
    auto r = closures_->Add(a, {council_id_, JalaliOf(due), "closed", "آلودگی"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
    EXPECT_FALSE(closures_->List(a, council_id_).ok());
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM calendar_overrides"), 0);
  EXPECT_EQ(DueOf(id), due);
  const accounts::Principal admin{9, "admin", "دبیر", {{"council_admin", council_id_, std::nullopt}}};
  EXPECT_TRUE(closures_->List(accounts::Actor{&admin, ""}, council_id_).ok());
}

}  // namespace
}  // namespace pol::citizen
