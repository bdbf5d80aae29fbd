// PostgreSQL's LISTEN/NOTIFY behind store::Listener (store/notifications.h): one connection of its own,
// a thread that waits on its socket (poll, half a second at most, so it notices Stop) and hands each
// notification to the callback; a lost connection is reopened a second later (notifications meanwhile
// are lost: consumers poll anyway).
//
// Only pg_db.cc includes this header. Thread-safety: see store/notifications.h.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "store/notifications.h"

namespace pol::store {

class PgListener final : public Listener {
 public:
  PgListener(std::string url, std::string channel, std::function<void(const std::string&)> on_notify);
  ~PgListener() override;

 private:
  void Run();

  const std::string url_, channel_;
  const std::function<void(const std::string&)> on_notify_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace pol::store

namespace pol::store {

// A listener on `channel` (a lower-case word) of the database at `url`.
StatusOr<std::unique_ptr<Listener>> ListenPostgres(const std::string& url, const std::string& channel,
                                                   std::function<void(const std::string&)> on_notify);

}  // namespace pol::store
