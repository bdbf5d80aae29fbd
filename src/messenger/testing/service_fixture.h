// Test and benchmark fixture of the messenger: a fresh SQLite data folder (WAL, synchronous=FULL) with the
// demo council, the citizens' service and its routing, a MessengerService with the change hook wired, and a
// Telegram bot of the Social Security organisation. Bot API updates are built with TextUpdate; nothing is
// sent over the network (the messenger.send jobs stay in the queue).
//
// Not thread-safe; one per test (or one shared by a benchmark binary). Setup failures are returned by
// Open(), never thrown.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "base/env.h"
#include "citizen/requests.h"
#include "citizen/router.h"
#include "council/demo.h"
#include "messenger/bots.h"
#include "store/council_repo.h"
#include "store/messenger_repo.h"
#include "store/open.h"

namespace pol::messenger::testing {

struct ServiceFixture {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<jobs::Queue> queue;
  citizen::Router router;
  std::unique_ptr<citizen::RequestService> requests;
  std::unique_ptr<MessengerService> service;
  store::MessengerBot bot;
  int64_t council_id = 0;
  int64_t next_update = 1;

  // `name` tells concurrent runs' folders apart; `per_chat_per_minute` 0 turns the flood limit off.
  Status Open(const std::string& name, int64_t per_chat_per_minute) {
    dir = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    POL_ASSIGN_OR_RETURN(db, store::OpenAndMigrate({.url = (dir / "pol.db").string()}));
    Env* env = Env::Default();
    POL_ASSIGN_OR_RETURN(auto demo, council::LoadDemo(db.get(), env));
    council_id = demo.council_id;
    queue = std::make_unique<jobs::Queue>(db.get(), env);
    citizen::RequestOptions ro;
    ro.data_dir = dir.string();
    requests =
        std::make_unique<citizen::RequestService>(db.get(), env, queue.get(), nullptr, nullptr, &router, ro);
    MessengerOptions mo;
    mo.per_chat_per_minute = per_chat_per_minute;
    service = std::make_unique<MessengerService>(db.get(), env, queue.get(), requests.get(),
                                                 distribution::SecretBox::FromKey(std::string(32, 'k')), mo);
    requests->SetChangeHook(
        [m = service.get()](store::Conn& c, const store::CitizenRequest& r, const std::string& action,
                            int64_t now) { return m->OnRequestChange(c, r, action, now); });
    return db->Write([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(auto tamin, store::FindAgencyBySlug(c, council_id, "tamin"));
      if (!tamin) return NotFound("no tamin agency");
      bot = store::MessengerBot{.council_id = council_id,
                                .agency_id = tamin->id,
                                .kind = "telegram",
                                .name = "fixture",
                                .token = "sealed",
                                .token_hint = "••••fixture"};
      bot.created_at = bot.updated_at = env->NowMillis();
      POL_ASSIGN_OR_RETURN(bot.id, store::InsertMessengerBot(c, bot));
      return Status::Ok();
    });
  }

  ~ServiceFixture() {
    service.reset();
    requests.reset();
    queue.reset();
    db.reset();
    if (!dir.empty()) std::filesystem::remove_all(dir);
  }

  // A private chat's text message as the Bot API sends it, with the next update id.
  nlohmann::json TextUpdate(int64_t chat, const std::string& text) {
    const int64_t id = next_update++;
    return nlohmann::json{{"update_id", id},
                          {"message",
                           {{"message_id", id},
                            {"date", 1764000000},
                            {"chat", {{"id", chat}, {"type", "private"}}},
                            {"from", {{"id", chat}, {"is_bot", false}, {"first_name", "شهروند"}}},
                            {"text", text}}}};
  }
};

}  // namespace pol::messenger::testing
