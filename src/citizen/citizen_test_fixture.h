// For tests only: the shared setup of the citizens' service tests — a fresh migrated database with
// the demo council (its ten agencies and a login for every role), a router and a RequestService
// over a fake clock — plus a typical citizen's submission and a row counter.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "base/fake_env.h"
#include "citizen/requests.h"
#include "citizen/router.h"
#include "council/demo.h"
#include "store/test_database.h"

namespace pol::citizen::testing {

class CitizenServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("citizen");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    auto demo = council::LoadDemo(db_.get(), &env_);
    ASSERT_TRUE(demo.ok());
    council_id_ = demo->council_id;
    svc_ = std::make_unique<RequestService>(db_.get(), &env_, nullptr, nullptr, nullptr, &router_, Options());
  }

  // The service's options: attachments in the test's folder, default limits.
  RequestOptions Options() const {
    RequestOptions o;
    o.data_dir = dir_.string();
    return o;
  }

  SubmitInput Input(std::string mobile = "09121234567") {
    return {.type = "complaint",
            .subject = "حقوق معوقه",
            .text = "سه ماه است حقوق ما پرداخت نشده است.",
            .name = "آزمون",
            .mobile = std::move(mobile),
            .ip = "10.0.0.1"};
  }

  // The single integer a query answers (COUNT(*) and the like).
  int64_t QueryInt(const std::string& sql, const store::Params& params = {}) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(auto row, c.QueryOne(sql, params));
                     n = row.Int(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  }

  std::filesystem::path dir_;
  FakeEnv env_{1763785800000};
  std::unique_ptr<store::Database> db_;
  int64_t council_id_ = 0;
  Router router_;
  std::unique_ptr<RequestService> svc_;
};

}  // namespace pol::citizen::testing
