// MessengerService: long polling. One thread (started by the module, "pol-messenger") asks each enabled
// polling bot for updates from its stored offset and handles the page in order (HandleUpdates: the plain
// conversation steps of a page commit in one transaction); each update's effect and the next offset commit
// together, so a crash (kill -9) mid-poll or mid-conversation replays exactly the
// updates not yet committed. With one polling bot the call long-polls (poll_timeout_s); with several it
// asks without waiting and pauses poll_idle_ms between empty rounds.
// Runs once per cluster: two servers polling the same bot would take turns at Telegram's getUpdates
// (which answers 409 to the second); the PostgreSQL multi-node work must guard it (one poller per bot).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "messenger/bot_api.h"
#include "messenger/bots.h"

namespace pol::messenger {

using nlohmann::json;

StatusOr<int64_t> MessengerService::PollOnce(int64_t timeout_s) {
  std::vector<store::MessengerBot> bots;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(bots, store::ListPollingBots(c));
    return Status::Ok();
  }));
  if (bots.size() > 1) timeout_s = 0;
  timeout_s = std::min<int64_t>(timeout_s, 50);
  int64_t handled = 0;
  for (const auto& bot : bots) {
    if (stopping_) break;
    const std::string token = OpenToken(bot);
    if (token.empty()) continue;
    BotApi api(bot.kind, bot.base_url, token);
    BotCall r = api.Call("getUpdates",
                         json{{"offset", bot.poll_offset},
                              {"timeout", timeout_s},
                              {"limit", 100},
                              {"allowed_updates", json::array({"message", "callback_query"})}},
                         (timeout_s + 10) * 1000);
    if (!r.ok || !r.result.is_array()) {
      spdlog::warn("messenger: getUpdates of bot {} failed (HTTP {})", bot.id, r.status);
      continue;
    }
    // The page's conversation steps commit together; what was not committed comes again next round.
    POL_ASSIGN_OR_RETURN(int64_t n, HandleUpdates(bot, r.result));
    handled += n;
  }
  return handled;
}

void MessengerService::PollLoop() {
  while (!stopping_) {
    auto n = PollOnce(options_.poll_timeout_s);
    if (n.ok() && *n > 0) continue;
    for (int64_t waited = 0; waited < options_.poll_idle_ms && !stopping_; waited += 50)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void MessengerService::StartPolling() {
  if (poller_.joinable()) return;
  stopping_ = false;
  poller_ = std::thread([this] { PollLoop(); });
}

void MessengerService::StopPolling() {
  stopping_ = true;
  if (poller_.joinable()) poller_.join();
}

}  // namespace pol::messenger
