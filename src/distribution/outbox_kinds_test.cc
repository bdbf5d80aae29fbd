// The deliveries distribution makes besides releases, driven directly with a fake adapter (no network):
// the press bulletin (the rows written in the archiving transaction, the PDF as a document with a Persian
// filename and caption, the HTML e-mail; a retryable failure queued again until the job's last attempt,
// then failed), monitoring alerts (an e-mail to the PR manager through the agency's e-mail channel and a
// message in the agency's alert chat; a second run sends nothing), corrections and withdrawals (the Bot API
// message edited then deleted by its message id, the correction e-mail, the webhook's event); an alert to a
// PR manager's own linked chat, failed for good: the manager's notification, the failed list of every kind
// in the manager's scope only, and the retry that sends it again.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "accounts/sessions.h"
#include "base/fake_env.h"
#include "distribution/distributor.h"
#include "distribution/outbox.h"
#include "jobs/queue.h"
#include "newsroom/releases.h"
#include "store/alert_delivery_repo.h"
#include "store/bulletin_archive_repo.h"
#include "store/bulletin_delivery_repo.h"
#include "store/messenger_repo.h"
#include "store/messenger_repo_staff.h"
#include "store/release_repo.h"
#include "store/release_update_repo.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"
#include "store/user_repo.h"

namespace pol::distribution {
namespace {

struct Call {
  std::string op, kind, message_id;
  OutMessage m;
};

// Records every call; answers with `next` (Ok by default).
class FakeAdapter : public ChannelAdapter {
 public:
  FakeAdapter(std::string kind, std::vector<Call>* calls, std::vector<SendResult>* script)
      : kind_(std::move(kind)), calls_(calls), script_(script) {}
  SendResult Send(const OutMessage& m) override { return Answer({"send", kind_, "", m}); }
  SendResult Edit(const OutMessage& m, const std::string& id) override {
    return Answer({"edit", kind_, id, m});
  }
  SendResult Remove(const std::string& id) override { return Answer({"remove", kind_, id, {}}); }

 private:
  SendResult Answer(Call c) {
    calls_->push_back(std::move(c));
    if (script_->empty()) return SendResult::Ok("m" + std::to_string(calls_->size()), "");
    SendResult r = script_->front();
    script_->erase(script_->begin());
    return r;
  }
  std::string kind_;
  std::vector<Call>* calls_;
  std::vector<SendResult>* script_;
};

class OutboxKindsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("outbox-kinds-test");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    env_.Set(1795000000000);
    queue_ = std::make_unique<jobs::Queue>(db_.get(), &env_);
    releases_ = std::make_unique<newsroom::ReleaseService>(db_.get(), &env_, queue_.get());
    DistributorOptions options{.public_url = "https://news.example.ir", .max_attempts = 3};
    options.make_adapter = [this](const ChannelConfig& c, const std::string& secret) {
      opened_.push_back(c.kind + " " + c.chat_id + " " + secret);
      return std::make_unique<FakeAdapter>(c.kind, &calls_, &script_);
    };
    dist_ = std::make_unique<Distributor>(db_.get(), &env_, queue_.get(), releases_.get(),
                                          SecretBox::FromKey(std::string(32, 'k')), options);
    ASSERT_TRUE(
        db_->Write([&](store::Conn& c) -> Status {
             POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
             POL_ASSIGN_OR_RETURN(
                 list_,
                 store::InsertPressList(c, {.council_id = t_.council, .name = "خبرنگاران", .created_at = 1}));
             POL_RETURN_IF_ERROR(store::UpsertPressContact(c, {.list_id = list_,
                                                               .name = "مریم احمدی",
                                                               .email = "reporter@irna.example.ir",
                                                               .unsubscribe_token = "tok1",
                                                               .created_at = 1})
                                     .status());
             POL_ASSIGN_OR_RETURN(
                 manager_, store::InsertTestUser(c, "mgr", {{"agency_pr_manager", t_.council, t_.tamin}}));
             POL_ASSIGN_OR_RETURN(store::User u, store::GetUser(c, manager_));
             u.email = "manager@tamin.example.ir";
             return store::UpdateUser(c, u, 2);
           })
            .ok());
  }
  void TearDown() override {
    dist_.reset();
    releases_.reset();
    queue_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  int64_t Channel(std::optional<int64_t> agency, const std::string& kind, nlohmann::json config) {
    ChannelInput in;
    if (agency) {
      in.agency_id = agency;
    } else {
      in.council_id = t_.council;
    }
    in.kind = kind;
    in.name = "کانال " + kind;
    in.config = std::move(config);
    in.secret = kind == "email"     ? "smtp-pass"
                : kind == "webhook" ? "hook-key"
                                    : "123456:ABCdefGHIjklMNOpqrSTUvwx";
    auto ch = dist_->CreateChannel(accounts::Actor(), in);
    EXPECT_TRUE(ch.ok()) << ch.status().ToString();
    return ch.ok() ? ch->channel.id : 0;
  }
  nlohmann::json Mail() {
    return {{"press_list_id", list_},
            {"smtp_url", "smtp://127.0.0.1:2525"},
            {"tls", "none"},
            {"from_address", "pr@tamin.example.ir"}};
  }
  static nlohmann::json Bot(const std::string& chat) {
    return {{"chat_id", chat}, {"base_url", "http://127.0.0.1:9"}};
  }
  // The ready jobs of `kind`, as the worker pool would hand them over (attempt `attempt` of max).
  std::vector<jobs::Job> Jobs(const std::string& kind, int64_t attempt) {
    std::vector<jobs::Job> out;
    auto rows = db_->ReadValue([&](store::Conn& c) {
      return c.Query("SELECT id, payload, max_attempts FROM jobs WHERE kind = ? ORDER BY id", {kind});
    });
    EXPECT_TRUE(rows.ok());
    for (const auto& r : *rows) {
      jobs::Job j;
      j.id = r.Int(0);
      j.kind = kind;
      j.payload_json = r.Text(1);
      j.attempts = attempt;
      j.max_attempts = r.Int(2);
      out.push_back(j);
    }
    return out;
  }

  FakeEnv env_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<jobs::Queue> queue_;
  std::unique_ptr<newsroom::ReleaseService> releases_;
  std::unique_ptr<Distributor> dist_;
  store::TestCouncil t_;
  int64_t list_ = 0, manager_ = 0;
  std::vector<Call> calls_;
  std::vector<SendResult> script_;
  std::vector<std::string> opened_;  // "kind chat_id secret" of every adapter made
};

TEST_F(OutboxKindsTest, BulletinGoesOutAsADocumentOnceAndRetriesUntilTheLastAttempt) {
  const int64_t mail = Channel(std::nullopt, "email", Mail());
  const int64_t bale = Channel(std::nullopt, "bale", Bot("@shora_bale"));
  int64_t archive = 0;
  ASSERT_TRUE(
      db_->Write([&](store::Conn& c) -> Status {
           POL_RETURN_IF_ERROR(store::SetBulletinRecipients(c, t_.council, "day", {mail, bale}));
           POL_RETURN_IF_ERROR(store::InsertBulletinArchive(c, {.council_id = t_.council,
                                                                .period = "day",
                                                                .first_day = "1405/09/13",
                                                                .label = "۱۳ آذر ۱۴۰۵",
                                                                .file_name = "bulletin-day-1405-09-13.pdf",
                                                                .pdf = "%PDF-1.7 test",
                                                                .html = "<html dir=\"rtl\">بولتن</html>",
                                                                .source = "manual",
                                                                .slot_at = 5,
                                                                .created_at = 5})
                                   .status());
           POL_ASSIGN_OR_RETURN(auto id, store::FindBulletinArchiveId(c, t_.council, "day", 5));
           archive = *id;
           POL_RETURN_IF_ERROR(dist_->OnBulletinArchived(c, archive, t_.council, "day", 10));
           return dist_->OnBulletinArchived(c, archive, t_.council, "day", 10);  // again: nothing more
         })
          .ok());
  auto jobs = Jobs(kBulletinDeliverJob, 1);
  ASSERT_EQ(jobs.size(), 2u) << "the press contact and the Bale channel";
  // The e-mail: the HTML body and the PDF attached under its Persian name.
  ASSERT_TRUE(dist_->RunBulletinDelivery(jobs[0]).ok());
  ASSERT_EQ(calls_.size(), 1u);
  const OutMessage& m = calls_[0].m;
  EXPECT_EQ(calls_[0].kind, "email");
  EXPECT_EQ(m.recipient, "reporter@irna.example.ir");
  ASSERT_TRUE(m.document.has_value());
  EXPECT_EQ(m.document->file_name, "بولتن خبری روزانه ۱۴۰۵-۰۹-۱۳.pdf");
  EXPECT_EQ(m.document->data, "%PDF-1.7 test");
  EXPECT_EQ(m.document->content_type, "application/pdf");
  ASSERT_TRUE(m.mail.has_value());
  EXPECT_EQ(m.mail->html, "<html dir=\"rtl\">بولتن</html>");
  EXPECT_NE(m.mail->subject.find("بولتن خبری روزانه «شورا»"), std::string::npos) << m.mail->subject;
  EXPECT_EQ(m.unsubscribe_url, "https://news.example.ir/unsubscribe/tok1");
  // Bale: a retryable failure is queued again (the job retries), the last attempt fails for good.
  script_ = {SendResult::Fail(true, "channel_error", "سرویس کانال خطای موقت داد.", "HTTP 502")};
  EXPECT_FALSE(dist_->RunBulletinDelivery(jobs[1]).ok()) << "the job queue retries it";
  script_ = {SendResult::Fail(true, "channel_error", "سرویس کانال خطای موقت داد.", "HTTP 502")};
  jobs[1].attempts = jobs[1].max_attempts;
  EXPECT_TRUE(dist_->RunBulletinDelivery(jobs[1]).ok());
  EXPECT_EQ(calls_[1].m.document->caption, "بولتن خبری روزانه «شورا»\n۱۳ آذر ۱۴۰۵");
  auto counts = db_->ReadValue([&](store::Conn& c) { return store::CountBulletinDeliveries(c, {archive}); });
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 2u);
  EXPECT_EQ((*counts)[0].state, "sent");
  EXPECT_EQ((*counts)[1].state, "failed");
  EXPECT_NE((*counts)[1].error_fa.find("پس از ۲ تلاش"), std::string::npos) << (*counts)[1].error_fa;
  // A sent row is never sent again.
  EXPECT_TRUE(dist_->RunBulletinDelivery(jobs[0]).ok());
  EXPECT_EQ(calls_.size(), 3u);
}

TEST_F(OutboxKindsTest, AlertsReachTheManagerByMailAndTheAlertChatOnce) {
  Channel(t_.tamin, "email", Mail());
  const int64_t chat =
      Channel(t_.tamin, "telegram",
              {{"chat_id", "@tamin_alerts"}, {"base_url", "http://127.0.0.1:9"}, {"purpose", "alerts"}});
  Channel(t_.tamin, "telegram", Bot("@tamin_news"));  // a release channel: no alerts
  const AlertMessage a{.event_key = "1:item:5:2",
                       .council_id = t_.council,
                       .agency_id = t_.tamin,
                       .message = "خبر با لحن منفی در رسانهٔ سراسری: «کمبود دارو»",
                       .item_title = "کمبود دارو",
                       .outlet = "ایرنا",
                       .link = "https://news.example.ir/console/monitor/items/5",
                       .manager_ids = {manager_},
                       .at = 10};
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   POL_RETURN_IF_ERROR(dist_->OnAlert(c, a));
                   return dist_->OnAlert(c, a);  // the same alert again: nothing more
                 })
                  .ok());
  auto jobs = Jobs(kAlertDeliverJob, 1);
  ASSERT_EQ(jobs.size(), 2u);
  for (const auto& j : jobs) ASSERT_TRUE(dist_->RunAlertDelivery(j).ok());
  for (const auto& j : jobs) ASSERT_TRUE(dist_->RunAlertDelivery(j).ok());  // a retried job sends nothing
  ASSERT_EQ(calls_.size(), 2u);
  const Call& mail = calls_[0].kind == "email" ? calls_[0] : calls_[1];
  const Call& tg = calls_[0].kind == "email" ? calls_[1] : calls_[0];
  EXPECT_EQ(mail.m.recipient, "manager@tamin.example.ir");
  ASSERT_TRUE(mail.m.mail.has_value());
  EXPECT_EQ(mail.m.mail->subject, "هشدار پایش رسانه: کمبود دارو");
  EXPECT_NE(mail.m.mail->text.find("ایرنا"), std::string::npos);
  EXPECT_NE(mail.m.mail->html.find("https://news.example.ir/console/monitor/items/5"), std::string::npos);
  EXPECT_EQ(tg.m.content.article_url, "https://news.example.ir/console/monitor/items/5");
  EXPECT_EQ(tg.m.content.title, "کمبود دارو");
  auto rows = db_->ReadValue([&](store::Conn& c) { return store::ListAlertDeliveries(c, t_.tamin, 10); });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  for (const auto& r : *rows) EXPECT_EQ(r.state, "sent");
  EXPECT_TRUE((*rows)[0].channel_id == chat || (*rows)[1].channel_id == chat);
}

TEST_F(OutboxKindsTest, CorrectionEditsAndMailsWithdrawalDeletes) {
  const int64_t tg = Channel(t_.tamin, "telegram", Bot("@tamin_news"));
  const int64_t mail = Channel(t_.tamin, "email", Mail());
  const int64_t hook = Channel(t_.tamin, "webhook", {{"url", "http://127.0.0.1:9/hook"}});
  newsroom::ReleaseInput in;
  in.title = "افتتاح شعبه در آبیک";
  in.lead = "لید";
  in.body_html = "<p>متن</p>";
  auto rel = releases_->CreatePublished(t_.tamin, in);
  ASSERT_TRUE(rel.ok()) << rel.status().ToString();
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   for (auto [ch, to] : std::vector<std::pair<int64_t, std::string>>{
                            {tg, ""}, {mail, "reporter@irna.example.ir"}, {hook, ""}}) {
                     POL_ASSIGN_OR_RETURN(auto id, store::InsertDelivery(c, {.release_id = rel->id,
                                                                             .channel_id = ch,
                                                                             .recipient = to,
                                                                             .next_at = 1,
                                                                             .created_at = 1}));
                     POL_ASSIGN_OR_RETURN(store::Delivery d, store::GetDelivery(c, *id));
                     d.state = "sent";
                     d.message_id = "42";
                     POL_RETURN_IF_ERROR(store::SaveDelivery(c, d));
                   }
                   store::Release r = *rel;
                   r.status = "corrected";
                   r.title = "افتتاح شعبه در تاکستان";
                   r.correction_note = "نام شهرستان درست شد.";
                   return dist_->OnReleaseChanged(c, r, "corrected", 20);
                 })
                  .ok());
  // The job reads the release as stored: store the correction as the newsroom would.
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(store::Release r, store::GetRelease(c, rel->id));
                   r.status = "corrected";
                   r.title = "افتتاح شعبه در تاکستان";
                   r.correction_note = "نام شهرستان درست شد.";
                   return store::UpdateRelease(c, r, 25);
                 })
                  .ok());
  for (const auto& j : Jobs(kReleaseUpdateJob, 1)) ASSERT_TRUE(dist_->RunReleaseUpdate(j).ok());
  ASSERT_EQ(calls_.size(), 3u);
  EXPECT_EQ(calls_[0].op, "edit");
  EXPECT_EQ(calls_[0].message_id, "42");
  EXPECT_EQ(calls_[0].m.content.title, "افتتاح شعبه در تاکستان");
  EXPECT_EQ(calls_[1].op, "send");
  ASSERT_TRUE(calls_[1].m.mail.has_value());
  EXPECT_TRUE(calls_[1].m.mail->subject.starts_with("اصلاحیه: ")) << calls_[1].m.mail->subject;
  EXPECT_NE(calls_[1].m.mail->text.find("نام شهرستان درست شد."), std::string::npos);
  EXPECT_EQ(calls_[2].m.payload["event"], "release.corrected");
  EXPECT_EQ(calls_[2].m.payload["note"], "نام شهرستان درست شد.");

  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(store::Release r, store::GetRelease(c, rel->id));
                   r.status = "withdrawn";
                   r.withdrawn_reason = "تکراری";
                   POL_RETURN_IF_ERROR(store::UpdateRelease(c, r, 35));
                   return dist_->OnReleaseChanged(c, r, "withdrawn", 30);
                 })
                  .ok());
  auto all = Jobs(kReleaseUpdateJob, 1);
  ASSERT_EQ(all.size(), 3u + 2u) << "no e-mail for a withdrawal";
  for (const auto& j : all) ASSERT_TRUE(dist_->RunReleaseUpdate(j).ok());
  ASSERT_EQ(calls_.size(), 5u) << "the corrections are not sent again";
  EXPECT_EQ(calls_[3].op, "remove");
  EXPECT_EQ(calls_[3].message_id, "42");
  EXPECT_EQ(calls_[4].m.payload["event"], "release.withdrawn");
  EXPECT_EQ(calls_[4].m.payload["reason"], "تکراری");
}

TEST_F(OutboxKindsTest, AlertReachesTheManagersOwnChatAndAFinalFailureIsListedNotifiedAndRetried) {
  int64_t bot = 0, other_mgr = 0;
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(
                       bot, store::InsertMessengerBot(
                                c, {.council_id = t_.council,
                                    .kind = "bale",
                                    .name = "ربات شورا",
                                    .token = SecretBox::FromKey(std::string(32, 'k')).Seal("777:staffbot"),
                                    .created_at = 1}));
                   POL_RETURN_IF_ERROR(store::LinkStaffChat(c, manager_, bot, "5550001", 2).status());
                   POL_ASSIGN_OR_RETURN(
                       other_mgr,
                       store::InsertTestUser(c, "other", {{"agency_pr_manager", t_.council, t_.behzisti}}));
                   return Status::Ok();
                 })
                  .ok());
  const AlertMessage a{.event_key = "1:item:9:2",
                       .council_id = t_.council,
                       .agency_id = t_.tamin,
                       .message = "خبر با لحن منفی در رسانهٔ سراسری: «صف داروخانه»",
                       .item_title = "صف داروخانه",
                       .outlet = "ایسنا",
                       .link = "https://news.example.ir/console/monitor/items/9",
                       .manager_ids = {manager_},
                       .at = 10};
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   POL_RETURN_IF_ERROR(dist_->OnAlert(c, a));
                   POL_RETURN_IF_ERROR(dist_->OnAlert(c, a));                         // again: nothing more
                   return store::SetAlertDeliveriesTone(c, a.event_key, "negative");  // as the app does
                 })
                  .ok());
  auto jobs = Jobs(kAlertDeliverJob, 1);
  ASSERT_EQ(jobs.size(), 1u) << "no e-mail or alert channel here: only the manager's own chat";
  // The chat's bot refuses for good: failed, and the manager is told in the console's bell.
  script_ = {SendResult::Fail(false, "chat_not_found", "گفتگو پیدا نشد.", "HTTP 400")};
  ASSERT_TRUE(dist_->RunAlertDelivery(jobs[0]).ok());
  ASSERT_EQ(calls_.size(), 1u);
  EXPECT_EQ(calls_[0].kind, "bale");
  ASSERT_EQ(opened_.size(), 1u);
  EXPECT_EQ(opened_[0], "bale 5550001 777:staffbot") << "the messenger bot's token, the linked chat";
  EXPECT_EQ(calls_[0].m.content.title, "صف داروخانه");
  EXPECT_EQ(calls_[0].m.content.body_text, "رسانه: ایسنا · لحن: منفی");
  EXPECT_EQ(calls_[0].m.content.article_url, "https://news.example.ir/console/monitor/items/9");
  auto notes =
      db_->ReadValue([&](store::Conn& c) { return store::ListNotifications(c, manager_, false, 10, 0); });
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->first.size(), 1u);
  EXPECT_EQ(notes->first[0].kind, "distribution.failed");
  EXPECT_EQ(notes->first[0].body, "گفتگو پیدا نشد.");
  EXPECT_EQ(notes->first[0].link, "/console/distribution");
  EXPECT_NE(notes->first[0].title.find("صف داروخانه"), std::string::npos) << notes->first[0].title;

  // The failed list: the manager sees it (retryable); another agency's manager sees nothing and cannot
  // retry it (404, not 403: ids do not leak).
  auto load = [&](int64_t uid) {
    return *db_->ReadValue([&](store::Conn& c) { return accounts::LoadPrincipal(c, uid); });
  };
  const accounts::Principal mgr = load(manager_), other = load(other_mgr);
  const accounts::Actor as_mgr{&mgr, "127.0.0.1"}, as_other{&other, "127.0.0.1"};
  OutboxService outbox(db_.get(), &env_, 3);
  auto failed = outbox.ListFailed(as_mgr, std::nullopt, std::nullopt, 20, 0);
  ASSERT_TRUE(failed.ok()) << failed.status().ToString();
  ASSERT_EQ(failed->second, 1);
  const store::OutboxItem& item = failed->first[0].item;
  EXPECT_EQ(item.kind, store::OutboxKind::kAlert);
  EXPECT_FALSE(item.channel_id.has_value());
  EXPECT_EQ(item.channel_kind, "bale");
  EXPECT_EQ(item.channel_name, "گفتگوی شخصی در «ربات شورا»");
  EXPECT_EQ(item.title, "صف داروخانه");
  EXPECT_EQ(item.status.error_fa, "گفتگو پیدا نشد.");
  EXPECT_EQ(item.agency_id, std::optional<int64_t>(t_.tamin));
  EXPECT_TRUE(failed->first[0].retryable);
  EXPECT_EQ(outbox.ListFailed(as_other, std::nullopt, std::nullopt, 20, 0)->second, 0);
  EXPECT_EQ(outbox.ListFailed(as_mgr, store::OutboxKind::kBulletin, std::nullopt, 20, 0)->second, 0);
  EXPECT_EQ(outbox.Retry(as_other, store::OutboxKind::kAlert, item.status.id).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(outbox.Retry(as_mgr, store::OutboxKind::kBulletin, item.status.id).status().code(),
            StatusCode::kNotFound);

  // The retry: queued with a job of its own, sent by it; not retryable twice.
  auto retried = outbox.Retry(as_mgr, store::OutboxKind::kAlert, item.status.id);
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  EXPECT_EQ(retried->item.status.state, "queued");
  EXPECT_EQ(outbox.Retry(as_mgr, store::OutboxKind::kAlert, item.status.id).status().code(),
            StatusCode::kFailedPrecondition);
  auto again = Jobs(kAlertDeliverJob, 1);
  ASSERT_EQ(again.size(), 2u);
  ASSERT_TRUE(dist_->RunAlertDelivery(again[1]).ok());
  ASSERT_EQ(calls_.size(), 2u);
  EXPECT_EQ(outbox.ListFailed(as_mgr, std::nullopt, std::nullopt, 20, 0)->second, 0);
  auto rows = db_->ReadValue([&](store::Conn& c) { return store::ListAlertDeliveries(c, t_.tamin, 10); });
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].state, "sent");
  EXPECT_EQ((*rows)[0].chat_id, "5550001");
  auto audit = db_->ReadValue([&](store::Conn& c) {
    return c.QueryOne(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'delivery.retry' AND entity = 'outbox.alert'");
  });
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  EXPECT_EQ(audit->Int(0), 1);
}

}  // namespace
}  // namespace pol::distribution
