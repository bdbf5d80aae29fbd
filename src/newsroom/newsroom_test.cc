#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "jobs/queue.h"
#include "newsroom/calendar.h"
#include "newsroom/releases.h"
#include "store/council_repo.h"
#include "store/migrations.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"
#include "store/user_repo.h"

namespace pol::newsroom {
namespace {

using accounts::Actor;
using accounts::Principal;
using accounts::testing::AddTestUser;
using accounts::testing::As;

class NewsroomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("newsroom-test");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    queue_ = std::make_unique<jobs::Queue>(db_.get(), &env_);
    svc_ = std::make_unique<ReleaseService>(db_.get(), &env_, queue_.get());
    cal_ = std::make_unique<CalendarService>(db_.get(), &env_);
    ASSERT_TRUE(
        db_->Write([&](store::Conn& c) -> Status {
             POL_ASSIGN_OR_RETURN(store::TestCouncil t, store::InsertTestCouncilWithAgencies(c));
             council_ = t.council;
             tamin_ = t.tamin;
             behzisti_ = t.behzisti;
             POL_RETURN_IF_ERROR(AddTestUser(c, editor_, "editor", {"agency_editor", council_, tamin_}));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, manager_, "manager", {"agency_pr_manager", council_, tamin_}));
             POL_RETURN_IF_ERROR(AddTestUser(c, other_, "other", {"agency_editor", council_, behzisti_}));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, other_mgr_, "othermgr", {"agency_pr_manager", council_, behzisti_}));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, committee_, "committee", {"committee_member", council_, std::nullopt}));
             return Status::Ok();
           })
            .ok());
  }
  void TearDown() override {
    svc_.reset();
    queue_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  store::Release Draft(const std::string& title = "افزایش مستمری بازنشستگان تأمین اجتماعی") {
    ReleaseInput in;
    in.agency_id = tamin_;
    in.title = title;
    in.lead = "لید خبر";
    in.body_html = "<p>متن <b>خبر</b> درباره تامین اجتماعی</p><script>alert(1)</script>";
    in.tags = std::vector<std::string>{"#بازنشستگان", "مستمری"};
    auto r = svc_->Create(As(editor_), in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : store::Release{};
  }

  FakeEnv env_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<jobs::Queue> queue_;
  std::unique_ptr<ReleaseService> svc_;
  std::unique_ptr<CalendarService> cal_;
  int64_t council_ = 0, tamin_ = 0, behzisti_ = 0;
  Principal editor_, manager_, other_, other_mgr_, committee_;
};

TEST_F(NewsroomTest, CreateSanitizesAndNormalizes) {
  ReleaseInput in;
  in.agency_id = tamin_;
  in.title = "  تيتر   خبر ";
  in.body_html = "<p onclick=x>سلام</p><script>alert(1)</script>";
  auto r = svc_->Create(As(editor_), in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->title, "تیتر خبر");
  EXPECT_EQ(r->body_html, "<p>سلام</p>");
  EXPECT_EQ(r->body_text, "سلام");
  EXPECT_EQ(r->status, "draft");
  EXPECT_EQ(r->author_id, editor_.user_id);
}

TEST_F(NewsroomTest, ValidationNamesTheField) {
  ReleaseInput in;
  in.agency_id = tamin_;
  in.title = "تیتر";
  in.urgency = "whenever";
  auto r = svc_->Create(As(editor_), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "urgency");
  in.urgency = "urgent";
  in.publish_at = 12;
  r = svc_->Create(As(editor_), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().api_code(), "invalid_date");
  EXPECT_EQ(r.status().field(), "publish_at");
}

TEST_F(NewsroomTest, ScopeIsEnforced) {
  store::Release r = Draft();
  // Another agency's editor neither sees nor touches it (404), nor writes for that agency (403).
  EXPECT_EQ(svc_->Get(As(other_), r.id).status().code(), StatusCode::kNotFound);
  ReleaseInput patch;
  patch.version = r.version;
  patch.title = "ربوده";
  EXPECT_EQ(svc_->Update(As(other_), r.id, patch).status().code(), StatusCode::kNotFound);
  ReleaseInput create;
  create.agency_id = tamin_;
  create.title = "نفوذی";
  EXPECT_EQ(svc_->Create(As(other_), create).status().code(), StatusCode::kPermissionDenied);
  // The committee reads every agency's releases but does not edit them.
  EXPECT_TRUE(svc_->Get(As(committee_), r.id).ok());
  EXPECT_EQ(svc_->Update(As(committee_), r.id, patch).status().code(), StatusCode::kPermissionDenied);
  // Lists are scoped too.
  auto mine = svc_->List(As(other_), {});
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->total, 0);
  auto all = svc_->List(As(committee_), {});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 1);
}

TEST_F(NewsroomTest, StaleVersionIsAConflict) {
  store::Release r = Draft();
  ReleaseInput a;
  a.version = r.version;
  a.lead = "نسخهٔ یک";
  ASSERT_TRUE(svc_->Update(As(editor_), r.id, a).ok());
  a.lead = "نسخهٔ دو";  // same (now stale) version
  auto s = svc_->Update(As(editor_), r.id, a);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().api_code(), "version_conflict");
  EXPECT_EQ(svc_->Get(As(editor_), r.id)->lead, "نسخهٔ یک");
}

TEST_F(NewsroomTest, WorkflowWithReturnRevisionsAndScheduledPublication) {
  store::Release r = Draft();
  auto sub = svc_->Submit(As(editor_), r.id, {.version = r.version});
  ASSERT_TRUE(sub.ok()) << sub.status().ToString();
  EXPECT_EQ(sub->status, "submitted");
  // The editor may not approve; the manager sees it in the queue.
  EXPECT_EQ(svc_->Approve(As(editor_), r.id, {.version = sub->version}).status().code(),
            StatusCode::kPermissionDenied);
  auto queue = svc_->Approvals(As(manager_));
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_TRUE(svc_->Approvals(As(other_mgr_))->empty());
  // Returning needs a comment.
  EXPECT_EQ(svc_->Return(As(manager_), r.id, {.version = sub->version}).status().field(), "comment");
  auto ret = svc_->Return(As(manager_), r.id,
                          {.version = sub->version, .comment = "لید کوتاه‌تر شود"});
  ASSERT_TRUE(ret.ok()) << ret.status().ToString();
  EXPECT_EQ(ret->status, "returned");
  auto notes = svc_->Notifications(As(editor_), true, 50, 0);
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->first.size(), 1u);
  EXPECT_EQ(notes->first[0].kind, "release.returned");
  EXPECT_EQ(notes->first[0].body, "لید کوتاه‌تر شود");
  ASSERT_TRUE(svc_->MarkRead(As(editor_), notes->first[0].id).ok());
  EXPECT_EQ(svc_->Notifications(As(editor_), true, 50, 0)->second, 0);
  EXPECT_EQ(svc_->MarkRead(As(other_), notes->first[0].id).code(), StatusCode::kNotFound);

  ReleaseInput fix;
  fix.version = ret->version;
  fix.lead = "لید تازه";
  auto fixed = svc_->Update(As(editor_), r.id, fix);
  ASSERT_TRUE(fixed.ok());
  auto sub2 = svc_->Submit(As(editor_), r.id, {.version = fixed->version});
  ASSERT_TRUE(sub2.ok());
  const int64_t at = env_.NowMillis() + 60000;
  auto ok = svc_->Approve(As(manager_), r.id, {.version = sub2->version, .publish_at = at});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->status, "scheduled");
  EXPECT_EQ(ok->publish_at, at);
  // One job, deduplicated, due at the publish time.
  auto jobs = queue_->List({.kind = std::string(kPublishJobKind)});
  ASSERT_TRUE(jobs.ok());
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_EQ((*jobs)[0].run_at, at);
  // Early runs change nothing; at the time it publishes, exactly once.
  EXPECT_FALSE(svc_->PublishDue(r.id, at).ok());
  env_.Advance(60000);
  ASSERT_TRUE(svc_->PublishDue(r.id, at).ok());
  auto pub = svc_->Get(As(editor_), r.id);
  EXPECT_EQ(pub->status, "published");
  const int64_t v = pub->version;
  ASSERT_TRUE(svc_->PublishDue(r.id, at).ok());
  EXPECT_EQ(svc_->Get(As(editor_), r.id)->version, v);

  // Revisions and a word diff between the first and the fixed text.
  auto revs = svc_->Revisions(As(editor_), r.id);
  ASSERT_TRUE(revs.ok());
  std::vector<std::string> actions;
  for (const auto& x : *revs) actions.push_back(x.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "submit", "return", "update", "submit", "approve",
                                               "publish"}));
  auto diff = svc_->Diff(As(editor_), r.id, 1, 4);
  ASSERT_TRUE(diff.ok());
  bool lead_changed = false;
  for (const auto& f : diff->fields) {
    if (f.field != "lead") continue;
    lead_changed = true;
    ASSERT_EQ(f.ops.size(), 3u);
    EXPECT_EQ(f.ops[0].op, "eq");
    EXPECT_EQ(f.ops[0].text, "لید");
    EXPECT_EQ(f.ops[1].op, "del");
    EXPECT_EQ(f.ops[1].text, "خبر");
    EXPECT_EQ(f.ops[2].op, "ins");
    EXPECT_EQ(f.ops[2].text, "تازه");
  }
  EXPECT_TRUE(lead_changed);

  // Correct, then withdraw: kept, marked, explained.
  auto cor = svc_->Correct(As(manager_), r.id, {.version = v, .note = "رقم مستمری اصلاح شد"});
  ASSERT_TRUE(cor.ok()) << cor.status().ToString();
  EXPECT_EQ(cor->status, "corrected");
  EXPECT_TRUE(cor->corrected_at.has_value());
  EXPECT_EQ(svc_->Withdraw(As(editor_), r.id, {.version = cor->version, .reason = "x"}).status().code(),
            StatusCode::kPermissionDenied);
  auto wd = svc_->Withdraw(As(manager_), r.id, {.version = cor->version, .reason = "خبر تکراری بود"});
  ASSERT_TRUE(wd.ok());
  EXPECT_EQ(wd->status, "withdrawn");
  EXPECT_EQ(wd->withdrawn_reason, "خبر تکراری بود");
}

TEST_F(NewsroomTest, CouncilLevelAndJointReleasesNeedEverySignature) {
  ReleaseInput in;
  in.agency_id = tamin_;
  in.title = "خبر مشترک";
  in.body_html = "<p>متن</p>";
  in.council_level = true;
  in.co_agency_ids = std::vector<int64_t>{behzisti_};
  auto r = svc_->Create(As(editor_), in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // The co-signing agency's people can read it.
  EXPECT_TRUE(svc_->Get(As(other_), r->id).ok());
  auto s = svc_->Submit(As(editor_), r->id, {.version = r->version});
  ASSERT_TRUE(s.ok());
  auto a1 = svc_->Approve(As(manager_), r->id, {.version = s->version});
  ASSERT_TRUE(a1.ok());
  EXPECT_EQ(a1->status, "approved");
  EXPECT_EQ(svc_->Approvals(As(other_mgr_))->size(), 1u);
  EXPECT_EQ(svc_->Approvals(As(committee_))->size(), 1u);
  auto a2 = svc_->Approve(As(other_mgr_), r->id, {.version = a1->version});
  ASSERT_TRUE(a2.ok());
  EXPECT_EQ(a2->status, "approved");
  ASSERT_TRUE(a2->co_signers[0].signed_at.has_value());
  EXPECT_EQ(svc_->Approve(As(other_mgr_), r->id, {.version = a2->version}).status().code(),
            StatusCode::kPermissionDenied);
  auto a3 = svc_->Approve(As(committee_), r->id, {.version = a2->version});
  ASSERT_TRUE(a3.ok()) << a3.status().ToString();
  EXPECT_EQ(a3->status, "published");
}

TEST_F(NewsroomTest, SearchFindsAnySpellingWithSnippetsAndFilters) {
  store::Release r = Draft("طرح تازهٔ تأمین اجتماعی برای کارگران ساختمانی");
  Draft("خبر دیگری دربارهٔ بهزیستی");
  // Both drafts mention تامین اجتماعی in their body; a variant spelling finds them.
  EXPECT_EQ(svc_->List(As(editor_), {.q = "تأمين اجتماعي"})->total, 2);
  auto found = svc_->List(As(editor_), {.q = "كارگر ساختماني"});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->items[0].id, r.id);
  EXPECT_NE(found->items[0].snippet.find('\x01'), std::string::npos);
  EXPECT_EQ(svc_->List(As(editor_), {.q = "تامین"})->total, 2);
  EXPECT_EQ(svc_->List(As(editor_), {.q = "تامین", .status = std::string("published")})->total, 0);
  EXPECT_EQ(svc_->List(As(editor_), {.q = "بهزيستي"})->total, 1);
  EXPECT_EQ(svc_->List(As(editor_), {.q = "تامین", .tag = std::string("بازنشستگان")})->total, 2);
  EXPECT_EQ(svc_->List(As(other_), {.q = "تامین"})->total, 0);          // out of scope
  EXPECT_EQ(svc_->List(As(editor_), {.q = "\"؛ OR NEAR("})->total, 0);  // FTS syntax is not injected
  // Edits re-index.
  ReleaseInput in;
  in.version = r.version;
  in.title = "عنوان بی‌ربط";
  in.body_html = "<p>هیچ</p>";
  in.lead = "";
  ASSERT_TRUE(svc_->Update(As(editor_), r.id, in).ok());
  EXPECT_EQ(svc_->List(As(editor_), {.q = "ساختمانی"})->total, 0);
}

TEST_F(NewsroomTest, CalendarFlagsSameDaySameSubject) {
  const int64_t day = env_.NowMillis() + 3 * 86400000LL;
  auto plan = [&](const Principal& who, int64_t agency, const std::string& title) {
    ReleaseInput in;
    in.agency_id = agency;
    in.title = title;
    in.body_html = "<p>متن</p>";
    in.publish_at = day;
    auto r = svc_->Create(As(who), in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  };
  auto a = plan(editor_, tamin_, "برگزاری همایش روز جهانی کارگر در قزوین");
  auto b = plan(other_, behzisti_,
                "همایش روز جهانی كارگر در قزوين برگزار می‌شود");
  plan(other_, behzisti_, "توزیع بستهٔ معیشتی");
  auto v = cal_->Calendar(As(committee_), council_, day - 86400000LL, day + 86400000LL);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->releases.size(), 3u);
  ASSERT_EQ(v->conflicts.size(), 1u);
  EXPECT_EQ(v->conflicts[0].release_ids, (std::vector<int64_t>{a.id, b.id}));
  EXPECT_GE(v->conflicts[0].similarity, 0.5);
  // An agency editor sees only their agency's releases in it.
  auto mine = cal_->Calendar(As(editor_), council_, day - 86400000LL, day + 86400000LL);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->releases.size(), 1u);
}

TEST_F(NewsroomTest, OccasionsArePreloadedOnTheirJalaliDays) {
  // 1 May 2025 = 11 Ordibehesht 1404.
  const int64_t may1 = 1746045000000;  // 2025-04-30T20:30:00Z = 2025-05-01 00:00 Tehran
  auto v = cal_->Calendar(As(committee_), council_, may1, may1 + 86400000LL);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  ASSERT_EQ(v->days.size(), 1u);
  EXPECT_EQ(v->days[0].date, "2025-05-01");
  EXPECT_EQ(v->days[0].jalali, "1404/02/11");
  ASSERT_EQ(v->occasions.size(), 1u);
  EXPECT_EQ(v->occasions[0].name, "روز جهانی کار و کارگر");
  // Council admins manage their council's occasions; others may not.
  OccasionInput o{.council_id = council_, .month = 7, .day = 1, .name = std::string("روز نمونه")};
  EXPECT_EQ(cal_->CreateOccasion(As(committee_), o).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(
      cal_->CreateOccasion(
              Actor{}, OccasionInput{.council_id = council_, .month = 13, .day = 1, .name = std::string("x")})
          .status()
          .field(),
      "month");
  auto made = cal_->CreateOccasion(Actor{}, o);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(cal_->DeleteOccasion(Actor{}, made->id, made->version + 1).api_code(), "version_conflict");
  EXPECT_TRUE(cal_->DeleteOccasion(Actor{}, made->id, made->version).ok());
}

// Issue #17 finding 6: the body is checked and sanitized before the single write transaction, so a body
// over the sanitizer's budget is refused while another writer holds the database (the old code waited
// for the writer and then sanitized inside the transaction). Warnings come back with the save.
TEST_F(NewsroomTest, BodyIsCheckedBeforeTheWriteTransaction) {
  store::Release r = Draft();
  std::promise<void> held, release;
  std::thread writer([&] {
    (void)db_->Write([&](store::Conn&) -> Status {
      held.set_value();
      release.get_future().wait();
      return Status::Ok();
    });
  });
  held.get_future().wait();
  std::string nested;
  while (nested.size() < 500 * 1000) nested += "<div><b><i>";
  ReleaseInput in;
  in.version = r.version;
  in.body_html = nested.substr(0, 500 * 1000);
  auto update = std::async(std::launch::async, [&] { return svc_->Update(As(editor_), r.id, in).status(); });
  const bool answered = update.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
  release.set_value();
  writer.join();
  EXPECT_TRUE(answered) << "the refusal waited for the writer";
  EXPECT_EQ(update.get().api_code(), "body_too_complex");

  ReleaseInput ok;
  ok.version = r.version;
  ok.body_html = "<p>یک</p><textarea><p>دو</p>";
  std::vector<SanitizeWarning> warnings;
  auto saved = svc_->Update(As(editor_), r.id, ok, &warnings);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->body_html, "<p>یک</p>");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code, "textarea_swallowed");
}

TEST(DiffWordsTest, Basics) {
  auto ops = DiffWords("الف ب ج د", "الف ج د ه");
  ASSERT_EQ(ops.size(), 4u);
  EXPECT_EQ(ops[0].op, "eq");
  EXPECT_EQ(ops[1].op, "del");
  EXPECT_EQ(ops[1].text, "ب");
  EXPECT_EQ(ops[2].text, "ج د");
  EXPECT_EQ(ops[3].op, "ins");
  EXPECT_TRUE(DiffWords("", "").empty());
  EXPECT_EQ(DiffWords("", "نو")[0].op, "ins");
}

}  // namespace
}  // namespace pol::newsroom
