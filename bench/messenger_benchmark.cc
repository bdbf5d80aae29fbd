// Speed of the messenger bots (issue 15; figures in docs/benchmarks.md):
//   BM_InboundUpdate  — inbound updates handled durably: MessengerService::HandleUpdate from a parsed Bot API
//                       update to the committed transaction (the chat's state, the replies as messenger.send
//                       jobs, the handled update id and the polling offset) on a temporary SQLite data folder
//                       (WAL, synchronous=FULL). Target: at least 500 per second (items_per_second).
//   BM_StatusAnswer   — «/status CODE» from a chat: the public status looked up and the answer committed as a
//                       job, per update; p50/p95 counters in milliseconds. Target: p95 under 50 ms.
// Sending (the network) is not included: it runs on the messenger queue's own workers.
//
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOL_BENCH=ON
//   ninja -C build-bench messenger_benchmark && build-bench/bench/messenger_benchmark
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "base/env.h"
#include "citizen/requests.h"
#include "citizen/router.h"
#include "council/demo.h"
#include "messenger/bots.h"
#include "store/council_repo.h"
#include "store/messenger_repo.h"
#include "store/migrations.h"
#include "store/open.h"

namespace pol::messenger {
namespace {

using nlohmann::json;

// A fresh data folder with the demo council, the citizens' service, a Telegram bot of the Social
// Security organisation and one request to look up.
struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<jobs::Queue> queue;
  citizen::Router router;
  std::unique_ptr<citizen::RequestService> requests;
  std::unique_ptr<MessengerService> service;
  store::MessengerBot bot;
  std::string tracking_code;
  int64_t next_update = 1;

  Fixture() {
    dir = std::filesystem::temp_directory_path() / ("pol-messenger-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto opened = store::OpenAndMigrate({.url = (dir / "pol.db").string()});
    if (!opened.ok()) Die(opened.status());
    db = std::move(*opened);
    Env* env = Env::Default();
    auto demo = council::LoadDemo(db.get(), env);
    if (!demo.ok()) Die(demo.status());
    queue = std::make_unique<jobs::Queue>(db.get(), env);
    citizen::RequestOptions ro;
    ro.data_dir = dir.string();
    requests =
        std::make_unique<citizen::RequestService>(db.get(), env, queue.get(), nullptr, nullptr, &router, ro);
    MessengerOptions mo;
    mo.per_chat_per_minute = 0;  // the flood limit is not what is measured
    service = std::make_unique<MessengerService>(db.get(), env, queue.get(), requests.get(),
                                                 distribution::SecretBox::FromKey(std::string(32, 'k')), mo);
    requests->SetChangeHook(
        [m = service.get()](store::Conn& c, const store::CitizenRequest& r, const std::string& action,
                            int64_t now) { return m->OnRequestChange(c, r, action, now); });
    Status st = db->Write([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(auto tamin, store::FindAgencyBySlug(c, demo->council_id, "tamin"));
      if (!tamin) return NotFound("no tamin agency");
      bot = store::MessengerBot{.council_id = demo->council_id,
                                .agency_id = tamin->id,
                                .kind = "telegram",
                                .name = "bench",
                                .token = "sealed",
                                .token_hint = "••••bench"};
      bot.created_at = bot.updated_at = env->NowMillis();
      POL_ASSIGN_OR_RETURN(bot.id, store::InsertMessengerBot(c, bot));
      return Status::Ok();
    });
    if (!st.ok()) Die(st);
    auto r = requests->DemoSubmit({.type = "complaint",
                                   .subject = "مستمری",
                                   .text = "مستمری این ماه واریز نشده است.",
                                   .agency = "tamin",
                                   .name = "آزمون",
                                   .mobile = "09121110000",
                                   .ip = "bench"});
    if (!r.ok()) Die(r.status());
    tracking_code = r->tracking_code;
  }
  ~Fixture() {
    service.reset();
    requests.reset();
    queue.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }

  [[noreturn]] static void Die(const Status& s) {
    std::fprintf(stderr, "messenger_benchmark setup: %s\n", s.ToString().c_str());
    std::exit(1);
  }

  json TextUpdate(int64_t chat, const std::string& text) {
    return json{{"update_id", next_update++},
                {"message",
                 {{"message_id", next_update},
                  {"date", 1764000000},
                  {"chat", {{"id", chat}, {"type", "private"}}},
                  {"from", {{"id", chat}, {"is_bot", false}, {"first_name", "شهروند"}}},
                  {"text", text}}}};
  }
};

Fixture& Shared() {
  static Fixture f;
  return f;
}

// Each chat goes /new → the type → a message → /cancel, over 500 chats: every update changes the chat's
// state, enqueues one or two replies and moves the offset, each in its own durable transaction.
void BM_InboundUpdate(benchmark::State& state) {
  Fixture& f = Shared();
  static const char* const kSteps[] = {"/new", "پرسش", "ساعت کاری شعبهٔ مرکزی در روزهای پنجشنبه چیست؟",
                                       "/cancel"};
  int64_t n = 0;
  for (auto _ : state) {
    const int64_t chat = 10000 + n % 500;
    const json update = f.TextUpdate(chat, kSteps[(n / 500) % 4]);
    ++n;
    Status s = f.service->HandleUpdate(f.bot, update, true);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InboundUpdate)->Unit(benchmark::kMillisecond)->UseRealTime();

// «/status CODE» from a new chat each time (the per-chat lookup budget is not what is measured).
void BM_StatusAnswer(benchmark::State& state) {
  Fixture& f = Shared();
  std::vector<double> ms;
  int64_t chat = 500000;
  for (auto _ : state) {
    const json update = f.TextUpdate(chat++, "/status " + f.tracking_code);
    const auto t0 = std::chrono::steady_clock::now();
    Status s = f.service->HandleUpdate(f.bot, update, true);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
  }
  if (ms.empty()) return;
  // What was measured is the answer itself, not a refusal: the last reply names the request's state.
  std::string last;
  Status st = f.db->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto row,
                         c.QueryOne("SELECT payload FROM jobs WHERE kind = ? ORDER BY id DESC LIMIT 1",
                                    {std::string(kSendJobKind)}));
    last = row.Text(0);
    return Status::Ok();
  });
  if (!st.ok() || last.find("پیدا نشد") != std::string::npos || last.find("دستگاه") == std::string::npos) {
    state.SkipWithError(("unexpected /status answer: " + last).c_str());
    return;
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
  state.counters["p50_ms"] = at(0.50);
  state.counters["p95_ms"] = at(0.95);
  state.counters["max_ms"] = ms.back();
}
BENCHMARK(BM_StatusAnswer)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1000);

}  // namespace
}  // namespace pol::messenger

BENCHMARK_MAIN();
