// Speed of the messenger bots (issue 15; figures in docs/benchmarks.md):
//   BM_InboundUpdate  — inbound updates handled durably: MessengerService::HandleUpdate from a parsed Bot API
//                       update to the committed transaction (the chat's state, the replies as messenger.send
//                       jobs, the handled update id and the polling offset) on a temporary SQLite data folder
//                       (WAL, synchronous=FULL). Target: at least 500 per second (items_per_second).
//   BM_InboundPage    — the same steps as getUpdates pages of 100 (long polling): HandleUpdates commits a page's
//                       conversation steps in one transaction. Target as above, in updates per second.
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
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messenger/testing/service_fixture.h"

namespace pol::messenger {
namespace {

using nlohmann::json;

// The messenger fixture (a fresh data folder with the demo council, the citizens' service and a Telegram
// bot of the Social Security organisation) and one request to look up.
struct Fixture : testing::ServiceFixture {
  std::string tracking_code;

  Fixture() {
    Status s = Open("pol-messenger-bench", 0);  // the flood limit is not what is measured
    if (!s.ok()) Die(s);
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

  [[noreturn]] static void Die(const Status& s) {
    std::fprintf(stderr, "messenger_benchmark setup: %s\n", s.ToString().c_str());
    std::exit(1);
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

// The same conversation steps arriving as getUpdates pages of 100 (long polling, 500 chats interleaved):
// HandleUpdates commits a page's steps in one transaction. items_per_second counts updates.
void BM_InboundPage(benchmark::State& state) {
  Fixture& f = Shared();
  static const char* const kSteps[] = {"/new", "شکایت", "پاسخ درخواست قبلی من پس از دو هفته نیامده است.",
                                       "/cancel"};
  int64_t n = 0;
  for (auto _ : state) {
    json page = json::array();
    for (int k = 0; k < 100; ++k, ++n) page.push_back(f.TextUpdate(30000 + n % 500, kSteps[(n / 500) % 4]));
    auto handled = f.service->HandleUpdates(f.bot, page);
    if (!handled.ok() || *handled != 100) {
      state.SkipWithError(handled.ok() ? "a page was not handled whole"
                                       : handled.status().ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * 100);
  // What was measured is durable progress: the stored offset is past the last update of the last page.
  int64_t offset = 0;
  Status st = f.db->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto b, store::GetMessengerBot(c, f.bot.id));
    offset = b.poll_offset;
    return Status::Ok();
  });
  if (!st.ok() || offset != f.next_update) state.SkipWithError("the polling offset did not follow the pages");
}
BENCHMARK(BM_InboundPage)->Unit(benchmark::kMillisecond)->UseRealTime();

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
