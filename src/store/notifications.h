// Cross-node wake-ups: a backend that can tell every node "something changed" (PostgreSQL's
// LISTEN/NOTIFY) implements NotificationSource; the job queue uses it so that a job enqueued on one node
// wakes the idle workers of every node at once. Only ever a wake-up: a notification can be lost (the
// listener's connection dropped), so every consumer still polls.
//
// Thread-safety: Listen() is thread-safe; the callback runs on the listener's own thread and must be
// quick. Destroying the Listener stops its thread (within about half a second).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/db.h"

namespace pol::store {

class Listener {
 public:
  virtual ~Listener() = default;
};

class NotificationSource {
 public:
  // Listens on `channel` on a connection of its own (reconnecting when it is lost) and calls
  // `on_notify(payload)` for each notification.
  virtual StatusOr<std::unique_ptr<Listener>> Listen(const std::string& channel,
                                                     std::function<void(const std::string&)> on_notify) = 0;

 protected:
  ~NotificationSource() = default;
};

// db's NotificationSource, or null when its backend has none (SQLite: one node, in-process wake-ups).
NotificationSource* NotificationsOf(Database& db);

}  // namespace pol::store
