#include "store/postgresql_impl/pg_listener.h"

#include <libpq-fe.h>
#include <poll.h>

#include <chrono>

#include "store/postgresql_impl/pg_conn.h"

namespace pol::store {
namespace {

// LISTEN needs an identifier: the channel names Pol uses are lower-case ASCII words.
bool PlainIdentifier(const std::string& s) {
  if (s.empty()) return false;
  for (char ch : s) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
  }
  return true;
}

}  // namespace

PgListener::PgListener(std::string url, std::string channel,
                       std::function<void(const std::string&)> on_notify)
    : url_(std::move(url)), channel_(std::move(channel)), on_notify_(std::move(on_notify)) {
  thread_ = std::thread([this] { Run(); });
}

PgListener::~PgListener() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void PgListener::Run() {
  PGconn* conn = nullptr;
  while (!stop_) {
    if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
      if (conn != nullptr) PQfinish(conn);
      conn = nullptr;
      StatusOr<PGconn*> c = ConnectPostgres(url_);
      if (c.ok()) {
        PGresult* res = PQexec(*c, ("LISTEN " + channel_).c_str());
        const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        PQclear(res);
        if (ok) {
          conn = *c;
        } else {
          PQfinish(*c);
        }
      }
      if (conn == nullptr) {
        for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;
      }
    }
    pollfd pfd{.fd = PQsocket(conn), .events = POLLIN, .revents = 0};
    if (::poll(&pfd, 1, 500) <= 0) continue;
    if (PQconsumeInput(conn) == 0) {
      // Lost (a server restart): reconnect; notifications meanwhile are lost, consumers poll.
      PQfinish(conn);
      conn = nullptr;
      continue;
    }
    while (PGnotify* n = PQnotifies(conn)) {
      const std::string payload = n->extra ? n->extra : "";
      PQfreemem(n);
      on_notify_(payload);
    }
  }
  if (conn != nullptr) PQfinish(conn);
}

StatusOr<std::unique_ptr<Listener>> ListenPostgres(const std::string& url, const std::string& channel,
                                                   std::function<void(const std::string&)> on_notify) {
  if (!PlainIdentifier(channel))
    return InvalidArgument("channel", "a channel is a lower-case word: " + channel);
  return std::unique_ptr<Listener>(std::make_unique<PgListener>(url, channel, std::move(on_notify)));
}

}  // namespace pol::store
