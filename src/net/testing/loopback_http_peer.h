// LoopbackHttpPeer: a real HTTP/1.1 server on 127.0.0.1 (or another loopback address; an ephemeral port) for unit tests of code that
// makes outgoing requests. Each connection's one request is recorded and answered with
// `respond(request)`, then the connection closes (the peer thread never waits on an idle socket).
//
// Thread-safety: received() may be called from the test thread while the peer runs.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.h"

namespace pol::net::testing {

class LoopbackHttpPeer {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;
  using Respond = std::function<Response(const Request&)>;

  // `address`: another loopback address (127.0.0.2, ::1) stands in for a second, "internal" host.
  explicit LoopbackHttpPeer(Respond respond, const std::string& address = "127.0.0.1")
      : respond_(std::move(respond)),
        address_(boost::asio::ip::make_address(address)),
        acceptor_(io_, {address_, 0}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { Run(); });
  }
  ~LoopbackHttpPeer() {
    stop_ = true;
    boost::system::error_code ec;
    boost::asio::ip::tcp::socket s(io_);
    s.connect({address_, port_}, ec);  // wakes the accept
    thread_.join();
  }
  LoopbackHttpPeer(const LoopbackHttpPeer&) = delete;
  LoopbackHttpPeer& operator=(const LoopbackHttpPeer&) = delete;

  std::string base() const {
    const std::string host = address_.is_v6() ? "[" + address_.to_string() + "]" : address_.to_string();
    return "http://" + host + ":" + std::to_string(port_);
  }
  uint16_t port() const { return port_; }
  std::vector<Request> received() {
    MutexLock lock(&mu_);
    return received_;
  }

 private:
  void Run() {
    while (!stop_) {
      boost::asio::ip::tcp::socket sock(io_);
      boost::system::error_code ec;
      acceptor_.accept(sock, ec);
      if (ec || stop_) return;
      boost::beast::flat_buffer buf;
      Request req;
      boost::beast::http::read(sock, buf, req, ec);
      if (ec) continue;
      {
        MutexLock lock(&mu_);
        received_.push_back(req);
      }
      Response res = respond_(req);
      res.prepare_payload();
      res.keep_alive(false);
      boost::beast::http::write(sock, res, ec);
    }
  }

  Respond respond_;
  boost::asio::ip::address address_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  Mutex mu_;
  std::vector<Request> received_ GUARDED_BY(mu_);
};

}  // namespace pol::net::testing
