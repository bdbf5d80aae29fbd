#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "accounts/login.h"
#include "accounts/password.h"
#include "accounts/roles.h"
#include "accounts/sessions.h"
#include "accounts/users.h"
#include "accounts/validate.h"
#include "base/fake_env.h"
#include "store/council_repo.h"
#include "store/migrations.h"
#include "store/test_database.h"

namespace pol::accounts {
namespace {

using store::RoleGrant;

TEST(Password, HashVerifyAndPolicy) {
  auto h = HashPassword("گذرواژهٔ خوب ۱۲۳");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "گذرواژهٔ خوب ۱۲۳"));
  EXPECT_FALSE(VerifyPassword(*h, "گذرواژهٔ بد"));
  EXPECT_EQ(CheckPasswordPolicy("short").api_code(), "weak_password");
  EXPECT_EQ(CheckPasswordPolicy("12345678901").api_code(), "weak_password");
  EXPECT_TRUE(CheckPasswordPolicy("سلام دنیا!").ok()) << "8+ Persian code points are enough";
}

TEST(Validate, MobileInAnyDigitScript) {
  for (const char* in :
       {"09121234567", "۰۹۱۲۱۲۳۴۵۶۷", "٠٩١٢١٢٣٤٥٦٧", "+989121234567", "00989121234567", "0912 123 4567"}) {
    auto m = NormalizeMobileField(in);
    ASSERT_TRUE(m.ok()) << in;
    EXPECT_EQ(m->value_or(""), "09121234567") << in;
  }
  for (const char* in : {"0912123456", "08121234567", "09121234567x", "abc"}) {
    EXPECT_EQ(NormalizeMobileField(in).status().api_code(), "invalid_mobile") << in;
  }
  EXPECT_FALSE(NormalizeMobileField("  ")->has_value());
}

TEST(Validate, NamesAndUsernames) {
  EXPECT_EQ(*NormalizeName("  علي  كريمي "), "علی کریمی");
  EXPECT_EQ(NormalizeName("<b>x</b>").status().api_code(), "invalid_name");
  EXPECT_EQ(*NormalizeUsername(" Ali.Karimi "), "ali.karimi");
  EXPECT_EQ(NormalizeUsername("علی").status().field(), "username");
  EXPECT_EQ(NormalizeEmailField(" PR@Qazvin.Example.IR ")->value_or(""), "pr@qazvin.example.ir");
  EXPECT_EQ(NormalizeEmailField("no-at-sign").status().api_code(), "invalid_email");
  EXPECT_EQ(NormalizeLogin("۰۹۱۲۱۲۳۴۵۶۷"), "09121234567");
  EXPECT_EQ(NormalizeLogin("Council"), "council");
}

Principal P(std::vector<RoleGrant> g) { return Principal{1, "u", "u", std::move(g)}; }

TEST(Roles, ScopedPermissions) {
  Principal council_admin = P({{"council_admin", 1, std::nullopt}});
  Principal manager = P({{"agency_pr_manager", 1, 10}});
  Principal editor = P({{"agency_editor", 1, 10}});
  Principal sys = P({{"system_admin", std::nullopt, std::nullopt}});

  EXPECT_TRUE(council_admin.CanManageCouncil(1));
  EXPECT_FALSE(council_admin.CanManageCouncil(2));
  EXPECT_TRUE(editor.CanReadCouncil(1));
  EXPECT_FALSE(editor.CanManageCouncil(1));

  // Council admins grant council and agency roles in their council only.
  EXPECT_TRUE(council_admin.CanGrant({"agency_editor", 1, 11}));
  EXPECT_TRUE(council_admin.CanGrant({"analyst", 1, std::nullopt}));
  EXPECT_FALSE(council_admin.CanGrant({"agency_editor", 2, 20}));
  EXPECT_FALSE(council_admin.CanGrant({"system_admin", std::nullopt, std::nullopt}));
  // PR managers grant agency roles of their own agency only.
  EXPECT_TRUE(manager.CanGrant({"agency_editor", 1, 10}));
  EXPECT_FALSE(manager.CanGrant({"agency_editor", 1, 11}));
  EXPECT_FALSE(manager.CanGrant({"council_admin", 1, std::nullopt}));
  EXPECT_FALSE(editor.CanGrant({"agency_editor", 1, 10}));
  EXPECT_TRUE(sys.CanGrant({"system_admin", std::nullopt, std::nullopt}));
  EXPECT_FALSE(sys.ReadableCouncils().has_value()) << "system admin reads all";

  EXPECT_EQ(ValidateGrant({"agency_editor", 1, std::nullopt}).api_code(), "invalid_scope");
  EXPECT_EQ(ValidateGrant({"council_admin", 1, 10}).api_code(), "invalid_scope");
  EXPECT_EQ(ValidateGrant({"wizard", std::nullopt, std::nullopt}).api_code(), "invalid_role");
}

class AccountsDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("accounts");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(
        db_->Write([&](store::Conn& c) -> Status {
             POL_ASSIGN_OR_RETURN(council_, store::InsertCouncil(c, {.slug = "c", .name = "شورا"}));
             POL_ASSIGN_OR_RETURN(
                 agency_, store::InsertAgency(c, {.council_id = council_, .slug = "a", .name = "الف"}));
             POL_ASSIGN_OR_RETURN(other_agency_,
                                  store::InsertAgency(c, {.council_id = council_, .slug = "b", .name = "ب"}));
             return Status::Ok();
           })
            .ok());
    sessions_ = std::make_unique<SessionManager>(db_.get(), &env_);
    users_ = std::make_unique<UserService>(db_.get(), &env_, sessions_.get(), PasswordCost{1, 8u << 20});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  store::User MakeUser(const std::string& username, std::vector<RoleGrant> roles) {
    auto u = users_->Create(Actor{},
                            NewUser{username, "کاربر " + username, "", "", "password-123", std::move(roles)});
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return *u;
  }

  FakeEnv env_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<SessionManager> sessions_;
  std::unique_ptr<UserService> users_;
  int64_t council_ = 0, agency_ = 0, other_agency_ = 0;
};

TEST_F(AccountsDbTest, LoginRotatesAndSessionsExpire) {
  MakeUser("ali", {{"agency_editor", std::nullopt, agency_}});
  LoginService login(db_.get(), &env_, sessions_.get());
  auto first = login.Login({.login = "ALI", .password = "password-123", .ip = "127.0.0.1"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->second.principal.grants.at(0).council_id, council_) << "agency grants carry their council";
  auto second =
      login.Login({.login = "ali", .password = "password-123", .ip = "127.0.0.1", .old_token = first->first});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(sessions_->Resolve(first->first).status().code(), StatusCode::kUnauthenticated) << "rotated away";
  EXPECT_TRUE(sessions_->Resolve(second->first).ok());
  env_.Advance(sessions_->options().idle_ms + 1);
  EXPECT_EQ(sessions_->Resolve(second->first).status().code(), StatusCode::kUnauthenticated) << "idle expiry";
}

TEST_F(AccountsDbTest, LockoutAfterRepeatedFailures) {
  MakeUser("reza", {{"agency_editor", std::nullopt, agency_}});
  LoginService login(db_.get(), &env_, sessions_.get());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(login.Login({.login = "reza", .password = "wrong-pass", .ip = "10.0.0." + std::to_string(i)})
                  .status()
                  .api_code(),
              "invalid_credentials");
  }
  // Locked: the same answer as a wrong password or an unknown name, even for the right password.
  EXPECT_EQ(login.Login({.login = "reza", .password = "password-123", .ip = "10.0.0.9"}).status().api_code(),
            "invalid_credentials");
  env_.Advance(15 * 60 * 1000 + 1);
  EXPECT_TRUE(login.Login({.login = "reza", .password = "password-123", .ip = "10.0.0.9"}).ok());
}

TEST_F(AccountsDbTest, AddressThrottle) {
  MakeUser("staff", {{"agency_editor", std::nullopt, agency_}});
  MakeUser("other", {{"agency_editor", std::nullopt, agency_}});
  LoginService login(db_.get(), &env_, sessions_.get(),
                     LoginOptions{.max_address_failures = 3, .max_unknown_failures = 3});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(login.Login({.login = "nobody", .password = "x", .ip = "1.2.3.4"}).status().api_code(),
              "invalid_credentials");
  }
  EXPECT_EQ(login.Login({.login = "nobody", .password = "x", .ip = "1.2.3.4"}).status().api_code(),
            "too_many_attempts");
  // Invented names do not lock real accounts out of that address; a wrong password answers like them.
  EXPECT_EQ(login.Login({.login = "staff", .password = "wrong-pass", .ip = "1.2.3.4"}).status().api_code(),
            "too_many_attempts");
  EXPECT_TRUE(login.Login({.login = "staff", .password = "password-123", .ip = "1.2.3.4"}).ok());
  // Failures against real accounts have their own budget, which blocks the address for everyone.
  for (int i = 0; i < 3; ++i) (void)login.Login({.login = "other", .password = "wrong", .ip = "5.6.7.8"});
  EXPECT_EQ(login.Login({.login = "staff", .password = "password-123", .ip = "5.6.7.8"}).status().api_code(),
            "too_many_attempts");
}

// Two nodes' login services on one database (shared_throttles): failures from one address alternate
// between them, and the address is throttled at the same count as on one node.
TEST_F(AccountsDbTest, SharedAddressThrottleHoldsAcrossNodes) {
  MakeUser("staff", {{"agency_editor", std::nullopt, agency_}});
  const LoginOptions shared{.max_address_failures = 3, .max_unknown_failures = 3, .shared_throttles = true};
  LoginService a(db_.get(), &env_, sessions_.get(), shared), b(db_.get(), &env_, sessions_.get(), shared);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(
        (i % 2 ? b : a).Login({.login = "nobody", .password = "x", .ip = "1.2.3.4"}).status().api_code(),
        "invalid_credentials");
  }
  EXPECT_EQ(a.Login({.login = "nobody", .password = "x", .ip = "1.2.3.4"}).status().api_code(),
            "too_many_attempts");
  EXPECT_EQ(b.Login({.login = "nobody", .password = "x", .ip = "1.2.3.4"}).status().api_code(),
            "too_many_attempts");
  for (int i = 0; i < 3; ++i)
    (void)(i % 2 ? b : a).Login({.login = "staff", .password = "wrong", .ip = "5.6.7.8"});
  EXPECT_EQ(b.Login({.login = "staff", .password = "password-123", .ip = "5.6.7.8"}).status().api_code(),
            "too_many_attempts");
  env_.Advance(15 * 60 * 1000 + 1);  // the window has passed: the account's own lockout is what remains
  EXPECT_EQ(a.Login({.login = "nobody", .password = "x", .ip = "1.2.3.4"}).status().api_code(),
            "invalid_credentials");
}

TEST_F(AccountsDbTest, IdentifiersOfEachKindAreUniqueAcrossColumns) {
  auto a = users_->Create(
      Actor{}, NewUser{"alice", "کاربر الف", "۰۹۱۲۱۲۳۴۵۶۷", "alice@example.ir", "password-123", {}});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  // A username shaped like a mobile is refused (it would be looked up as a mobile).
  auto b = users_->Create(Actor{}, NewUser{"09121234567", "کاربر ب", "", "", "password-123", {}});
  EXPECT_EQ(b.status().api_code(), "username_is_mobile");
  EXPECT_EQ(b.status().field(), "username");
  EXPECT_EQ(users_->Create(Actor{}, NewUser{"bob", "کاربر ب", "", "alice@example.ir", "password-123", {}})
                .status()
                .api_code(),
            "email_taken");
  // Login by the kind given: the mobile finds its owner only.
  LoginService login(db_.get(), &env_, sessions_.get());
  auto by_mobile = login.Login({.login = "+98 912 123 4567", .password = "password-123", .ip = "1.1.1.1"});
  ASSERT_TRUE(by_mobile.ok()) << by_mobile.status().ToString();
  EXPECT_EQ(by_mobile->second.principal.user_id, a->id);
  EXPECT_EQ(LoginKindOf("09121234567"), LoginKind::kMobile);
  EXPECT_EQ(LoginKindOf("a@b.ir"), LoginKind::kEmail);
  EXPECT_EQ(LoginKindOf("alice"), LoginKind::kUsername);
}

TEST_F(AccountsDbTest, ParallelGuessesCheckAtMostTheLockout) {
  MakeUser("race", {{"agency_editor", std::nullopt, agency_}});
  LoginService login(db_.get(), &env_, sessions_.get(), LoginOptions{.max_address_failures = 1000});
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back(
        [&login] { (void)login.Login({.login = "race", .password = "wrong", .ip = "9.9.9.9"}); });
  }
  for (auto& t : threads) t.join();
  int64_t checked = 0;
  ASSERT_TRUE(db_->Read([&](store::Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(store::Row r,
                                        c.QueryOne("SELECT COUNT(*) FROM audit_log WHERE action IN "
                                                   "('login_failed', 'login_locked')"));
                   checked = r.Int(0);
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(checked, 5) << "one password check per allowed attempt, then the lock holds";
}

TEST_F(AccountsDbTest, ManagerScopeAndDisableEndsSessions) {
  store::User manager = MakeUser("manager", {{"agency_pr_manager", std::nullopt, agency_}});
  Principal mp{manager.id, "manager", manager.name, manager.roles};
  Actor actor{&mp, "127.0.0.1"};
  // A PR manager may create an editor in their agency …
  auto editor = users_->Create(
      actor, NewUser{"editor1", "دبیر", "", "", "password-123", {{"agency_editor", std::nullopt, agency_}}});
  ASSERT_TRUE(editor.ok()) << editor.status().ToString();
  // … but not in another agency, nor a council role.
  EXPECT_EQ(users_
                ->Create(actor, NewUser{"editor2",
                                        "دبیر",
                                        "",
                                        "",
                                        "password-123",
                                        {{"agency_editor", std::nullopt, other_agency_}}})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(
      users_
          ->Create(
              actor,
              NewUser{
                  "council2", "مدیر", "", "", "password-123", {{"council_admin", council_, std::nullopt}}})
          .status()
          .code(),
      StatusCode::kPermissionDenied);
  auto page = users_->List(actor, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->second, 2) << "the manager and the editor";

  LoginService login(db_.get(), &env_, sessions_.get());
  auto s = login.Login({.login = "editor1", .password = "password-123", .ip = "127.0.0.1"});
  ASSERT_TRUE(s.ok());
  auto disabled = users_->Update(actor, editor->id, UserPatch{.version = editor->version, .disabled = true});
  ASSERT_TRUE(disabled.ok()) << disabled.status().ToString();
  EXPECT_EQ(sessions_->Resolve(s->first).status().code(), StatusCode::kUnauthenticated);
  // Stale version is refused.
  EXPECT_EQ(users_->Update(actor, editor->id, UserPatch{.version = editor->version, .name = "x"})
                .status()
                .api_code(),
            "version_conflict");
}

TEST_F(AccountsDbTest, DuplicateUsernameIsClearError) {
  MakeUser("dup", {});
  auto again = users_->Create(Actor{}, NewUser{"DUP", "کاربر", "", "", "password-123", {}});
  EXPECT_EQ(again.status().api_code(), "username_taken");
  EXPECT_EQ(again.status().field(), "username");
}

}  // namespace
}  // namespace pol::accounts
