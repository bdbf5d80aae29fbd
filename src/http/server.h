// The HTTP/1.1 server: Boost.Beast with C++20 coroutines.
//
// Network threads (an io_context) accept connections and read and write
// messages; each request is then handed to a worker pool, where the Pipeline
// and the (blocking) handler run, and the response comes back to the network
// thread to be written. So a slow database call never stalls the sockets.
// Reads (GET, HEAD) and writes go to separate pools: reads are short and
// CPU-bound on SQLite's page cache, so a small pool avoids needless thread
// hand-offs; writes wait on the single writer, fsync and argon2id, so they get
// more threads and never queue behind reads (and vice versa).
//
// Limits: header size, body size, a header timeout (from a request's first byte
// to the end of its header; slow-header clients are cut), a read timeout for the
// body and the answer, an idle timeout between keep-alive requests, and a cap
// on concurrent connections (over it a new connection gets a canned 503 and is
// closed). Accept errors such as EMFILE back off (10 ms doubling to 1 s) instead
// of spinning. The client address comes from http/client_address.h (trusted
// proxies); RouteOptions::ops_only routes answer 404 unless the client is on
// loopback or in `metrics_allow`. Shutdown() is graceful: it stops
// accepting, closes idle connections, lets in-flight requests finish (up to
// `drain_timeout`), then stops the threads.
//
// Thread-safety: Start/Shutdown/Wait from one controlling thread.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "base/status.h"
#include "http/client_address.h"
#include "http/metrics.h"
#include "http/pipeline.h"

namespace pol::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 = pick a free port
  int io_threads = 1;
  // GET and HEAD; 0: one per processor core. More readers than cores only add thread hand-offs: on 2 cores,
  // 4 readers served a cached article page 17,100/s and 2 readers 23,200/s (docs/benchmarks.md).
  int read_threads = 0;
  int worker_threads = 4;  // everything else
  size_t header_limit = 16 * 1024;
  size_t body_limit = 1024 * 1024;
  size_t max_connections = 1024;
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds drain_timeout{15};
  bool access_log = true;
  NetworkList trusted_proxies;  // peers whose X-Forwarded-For / Forwarded is believed
  NetworkList metrics_allow;    // besides loopback: clients of ops_only routes (/metrics)
};

class Server {
 public:
  Server(ServerOptions options, const Pipeline* pipeline, Metrics* metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads; returns once listening.
  Status Start();
  unsigned short port() const;
  // Graceful stop; safe to call from a signal-handling thread.
  void Shutdown();
  // Blocks until every thread has stopped.
  void Wait();
  int64_t open_connections() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pol::http
