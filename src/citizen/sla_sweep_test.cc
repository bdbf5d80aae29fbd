#include <gtest/gtest.h>

#include <utility>

#include "citizen/citizen_test_fixture.h"
#include "citizen/requests.h"

namespace pol::citizen {
namespace {

using ServiceTest = testing::CitizenServiceTest;

TEST_F(ServiceTest, SlaWarnsThenEscalatesToTheManagerThenTheCouncil) {
  auto in = Input();
  in.agency = "tamin";
  auto r = svc_->DemoSubmit(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->state, "open");
  ASSERT_TRUE(r->resolve_due.has_value());
  // A first answer in time; the request stays active until closed.
  accounts::Actor system;
  ASSERT_TRUE(svc_->Reply(system, r->id, std::nullopt, "پاسخ نخست").ok());
  auto level = [&]() {
    int64_t esc = -1, warned = -1;
    EXPECT_TRUE(db_->Read([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(
                         auto row,
                         c.QueryOne("SELECT escalation, warned FROM citizen_requests WHERE id = ?", {r->id}));
                     esc = row.Int(0);
                     warned = row.Int(1);
                     return Status::Ok();
                   })
                    .ok());
    return std::make_pair(esc, warned);
  };
  auto notes = [&](const std::string& kind) {
    int64_t n = 0;
    EXPECT_TRUE(db_->Read([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(
                         auto row, c.QueryOne("SELECT COUNT(*) FROM notifications WHERE kind = ?", {kind}));
                     n = row.Int(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  };
  ASSERT_EQ(*svc_->CheckSla(), 0);
  // Just before the deadline: a warning to the desk.
  env_.Set(*r->resolve_due - 60 * 1000);
  ASSERT_EQ(*svc_->CheckSla(), 1);
  EXPECT_EQ(level(), std::make_pair(int64_t{0}, int64_t{1}));
  EXPECT_GE(notes("citizen.warned"), 1);
  // Overdue: the agency's PR manager.
  env_.Set(*r->resolve_due + 60 * 1000);
  ASSERT_EQ(*svc_->CheckSla(), 1);
  EXPECT_EQ(level().first, 1);
  EXPECT_GE(notes("citizen.escalated"), 1);
  ASSERT_EQ(*svc_->CheckSla(), 0);  // nothing twice
  // A week later (more than the first-response target in office time): the council.
  env_.Set(*r->resolve_due + 7 * 24 * 3600 * 1000LL);
  ASSERT_EQ(*svc_->CheckSla(), 1);
  EXPECT_EQ(level().first, 2);
}

}  // namespace
}  // namespace pol::citizen
