#include "http/server.h"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "base/env.h"
#include "base/mutex.h"

namespace pol::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct ConnState {
  asio::any_io_executor executor;
  beast::tcp_stream* stream = nullptr;
  bool busy = false;  // only touched on the connection's strand
};

std::string MethodName(bhttp::verb v) { return std::string(bhttp::to_string(v)); }

// The readers' pool size: as configured, or one per processor core.
size_t ReaderThreads(int configured) {
  if (configured > 0) return static_cast<size_t>(configured);
  return std::max<size_t>(1, std::thread::hardware_concurrency());
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, const Pipeline* pipeline, Metrics* metrics)
      : opt_(std::move(options)),
        pipeline_(pipeline),
        metrics_(metrics),
        readers_(ReaderThreads(opt_.read_threads)),
        workers_(static_cast<size_t>(std::max(1, opt_.worker_threads))),
        acceptor_(ioc_),
        max_body_limit_(pipeline->router().MaxBodyLimit(opt_.body_limit)),
        refusal_(CannedRefusal()) {}

  Status Start() {
    beast::error_code ec;
    auto address = asio::ip::make_address(opt_.host, ec);
    if (ec) return InvalidArgument("invalid_listen", "نشانی شنود نامعتبر است: " + opt_.host);
    tcp::endpoint ep(address, opt_.port);
    acceptor_.open(ep.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(ep, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      return Unavailable("شنود روی " + opt_.host + ":" + std::to_string(opt_.port) +
                         " ممکن نشد: " + ec.message());
    port_ = acceptor_.local_endpoint().port();
    if (rlimit lim{}; getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
                      lim.rlim_cur < opt_.max_connections + 64) {
      spdlog::warn("the open-file limit ({}) is below max_connections ({}) + 64: raise it (LimitNOFILE=)",
                   lim.rlim_cur, opt_.max_connections);
    }
    asio::co_spawn(ioc_, Accept(), asio::detached);
    for (int i = 0; i < std::max(1, opt_.io_threads); ++i) {
      io_threads_.emplace_back([this] { ioc_.run(); });
    }
    return Status::Ok();
  }

  void Shutdown() {
    if (stopping_.exchange(true)) return;
    asio::post(ioc_, [this] {
      beast::error_code ec;
      acceptor_.close(ec);
      MutexLock lock(&conns_mu_);
      for (auto& [id, st] : conns_) {
        auto state = st;
        asio::post(state->executor, [state] {
          if (!state->busy && state->stream) state->stream->socket().close();
        });
      }
    });
    // In-flight requests finish; a connection that outlives the drain time is cut.
    drain_timer_thread_ = std::thread([this] {
      auto deadline = std::chrono::steady_clock::now() + opt_.drain_timeout;
      while (std::chrono::steady_clock::now() < deadline) {
        if (open_.load() == 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      ioc_.stop();
    });
  }

  void Wait() {
    for (auto& t : io_threads_) t.join();
    io_threads_.clear();
    if (drain_timer_thread_.joinable()) drain_timer_thread_.join();
    readers_.join();
    workers_.join();
  }

  unsigned short port() const { return port_; }
  int64_t open() const { return open_.load(); }

 private:
  asio::awaitable<void> Accept() {
    using std::chrono::milliseconds;
    milliseconds backoff{0};
    int64_t failures = 0;
    beast::error_code first_error;
    asio::steady_timer timer(ioc_);
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(ioc_), kTuple);
      if (stopping_) co_return;
      if (ec) {
        // EMFILE, ENFILE, ENOBUFS…: the pending connection stays in the backlog; retrying at once
        // would spin. Keep serving the connections we have and try again a little later.
        // Logged once descriptors are free again: formatting may itself need one.
        if (failures++ == 0) first_error = ec;
        backoff = std::clamp(backoff * 2, milliseconds(10), milliseconds(1000));
        timer.expires_after(backoff);
        co_await timer.async_wait(kTuple);
        continue;
      }
      backoff = milliseconds(0);
      if (failures > 0) {
        spdlog::warn("accept failed {} times ({}); backed off until it worked again", failures,
                     first_error.message());
        failures = 0;
      }
      if (static_cast<size_t>(open_.load()) >= opt_.max_connections) {
        Refuse(socket);
        continue;
      }
      ++open_;
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Serve(std::move(socket)), asio::detached);
    }
  }

  // Over the connection cap: a canned 503 if the socket takes it at once, then close.
  template <typename Socket>
  void Refuse(Socket& socket) {
    beast::error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(asio::buffer(refusal_), ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
    metrics_->Observe("refused", "?", 503, 0);
  }

  static std::string CannedRefusal() {
    Response r = Response::Error(Unavailable("کارساز پرمشغله است؛ چند لحظه بعد دوباره تلاش کنید."));
    return "HTTP/1.1 503 Service Unavailable\r\nServer: pol\r\nContent-Type: " + r.content_type +
           "\r\nContent-Length: " + std::to_string(r.body.size()) +
           "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + r.body;
  }

  asio::awaitable<void> Serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    auto state = std::make_shared<ConnState>();
    state->executor = stream.get_executor();
    state->stream = &stream;
    const uint64_t id = next_conn_id_++;
    {
      MutexLock lock(&conns_mu_);
      conns_[id] = state;
    }
    beast::error_code rec;
    auto remote = stream.socket().remote_endpoint(rec);
    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping_ || first) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opt_.header_limit));
      // The header first: the body limit is the route's (RouteOptions::body_limit), else the default.
      parser.body_limit(max_body_limit_);
      beast::error_code ec;
      size_t n = 0;
      if (!first && buffer.size() == 0) {
        // Between keep-alive requests: wait up to the idle timeout for the next one's first byte.
        stream.expires_after(opt_.idle_timeout);
        std::tie(ec, n) = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
        buffer.commit(n);
        if (ec) break;
      }
      first = false;
      // From the first byte, the whole header must arrive within the header timeout.
      stream.expires_after(opt_.header_timeout);
      std::tie(ec, n) = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      if (!ec) {
        stream.expires_after(opt_.read_timeout);
        const size_t limit = BodyLimitFor(parser.get());
        if (auto length = parser.content_length(); length && *length > limit) {
          ec = bhttp::error::body_limit;
        } else if (!parser.is_done()) {
          parser.body_limit(limit);
          size_t body_n = 0;
          std::tie(ec, body_n) = co_await bhttp::async_read(stream, buffer, parser, kTuple);
          n += body_n;
        }
      }
      if (ec) {
        int status = 0;
        if (ec == bhttp::error::body_limit)
          status = 413;
        else if (ec == bhttp::error::header_limit)
          status = 431;
        else if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
                 ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
                 ec != asio::error::eof && ec != asio::error::bad_descriptor && (n > 0 || buffer.size() > 0))
          status = 400;
        if (status) co_await WriteError(stream, status);
        break;
      }
      state->busy = true;
      auto& msg = parser.get();
      const int64_t t0 = Env::Default()->MonotonicNanos();
      Request req;
      req.method = msg.method();
      req.target = std::string(msg.target());
      req.headers = msg.base();
      req.body = std::move(msg.body());
      if (!rec) {
        req.remote_ip = ClientAddress(remote.address(), req.headers, opt_.trusted_proxies);
        beast::error_code aec;
        auto client = asio::ip::make_address(req.remote_ip, aec);
        req.ops_client = !aec && (IsLoopback(client) || opt_.metrics_allow.Contains(client));
      }
      req.rate_key = RateLimitKey(req.remote_ip);
      std::string rid = req.Header("X-Request-Id");
      bool rid_ok = !rid.empty() && rid.size() <= 64 && std::all_of(rid.begin(), rid.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
      });
      req.request_id = rid_ok ? rid : RandomHex(Env::Default(), 8);
      const bool keep_alive = msg.keep_alive();
      const unsigned version = msg.version();

      std::string route;
      Response res;
      size_t qpos = req.target.find('?');
      auto path = UrlDecode(std::string_view(req.target).substr(0, qpos), false);
      if (!path || path->empty() || path->front() != '/' || path->find('\0') != std::string::npos) {
        route = "invalid";
        res = Response::Error(InvalidArgument("bad_request", "نشانی درخواست نامعتبر است."));
      } else {
        req.path = std::move(*path);
        if (qpos != std::string::npos) req.query = ParseQuery(std::string_view(req.target).substr(qpos + 1));
        // Hop to a worker thread for the pipeline and the (blocking) handler.
        const bool read_only = req.method == bhttp::verb::get || req.method == bhttp::verb::head;
        res = co_await asio::co_spawn(
            read_only ? readers_.get_executor() : workers_.get_executor(),
            [this, &req, &route]() -> asio::awaitable<Response> { co_return pipeline_->Handle(req, route); },
            asio::use_awaitable);
      }

      bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
      out.set(bhttp::field::server, "pol");
      if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
      for (auto& [k, v] : res.headers) out.insert(k, v);
      out.keep_alive(keep_alive && !stopping_);
      const size_t bytes = res.body.size();
      out.body() = std::move(res.body);
      out.prepare_payload();
      if (req.method == bhttp::verb::head) out.body().clear();
      stream.expires_after(opt_.read_timeout);
      auto [wec, wn] = co_await bhttp::async_write(stream, out, kTuple);
      const double secs = static_cast<double>(Env::Default()->MonotonicNanos() - t0) / 1e9;
      metrics_->Observe(route, MethodName(req.method), res.status, secs);
      if (opt_.access_log) {
        spdlog::info("{} {} {} {} {} {}B {:.2f}ms", req.request_id, req.remote_ip, MethodName(req.method),
                     req.path, res.status, bytes, secs * 1000);
      }
      state->busy = false;
      if (wec || !out.keep_alive()) break;
    }
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    state->stream = nullptr;
    {
      MutexLock lock(&conns_mu_);
      conns_.erase(id);
    }
    --open_;
  }

  size_t BodyLimitFor(const bhttp::request<bhttp::string_body>& msg) const {
    std::string_view target(msg.target().data(), msg.target().size());
    auto path = UrlDecode(target.substr(0, target.find('?')), false);
    if (!path) return opt_.body_limit;
    return pipeline_->router().BodyLimit(msg.method(), *path, opt_.body_limit);
  }

  asio::awaitable<void> WriteError(beast::tcp_stream& stream, int status) {
    Status s = status == 413   ? Status(StatusCode::kInvalidArgument, "payload_too_large",
                                        "حجم درخواست بیش از حد مجاز است.")
               : status == 431 ? Status(StatusCode::kInvalidArgument, "headers_too_large",
                                        "سرآیندهای درخواست بیش از حد بزرگ است.")
                               : InvalidArgument("bad_request", "درخواست HTTP نامعتبر است.");
    Response r = Response::Error(s);
    AddSecurityHeaders(r);
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(status), 11};
    out.set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) out.insert(k, v);
    out.keep_alive(false);
    out.body() = r.body;
    out.prepare_payload();
    stream.expires_after(std::chrono::seconds(5));
    auto [wec, wn] = co_await bhttp::async_write(stream, out, kTuple);
    metrics_->Observe("invalid", "?", status, 0);
    if (wec) co_return;
    // Lingering close: the client may still be sending the body we refused. Closing with
    // unread data makes the kernel reset the connection, and the client would lose this
    // answer; so say we are done, then read and discard (bounded in bytes and time).
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(std::chrono::seconds(2));
    std::array<char, 16 * 1024> sink;
    for (size_t drained = 0; drained < 16 * 1024 * 1024;) {
      auto [rec, rn] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
      if (rec) break;
      drained += rn;
    }
  }

  const ServerOptions opt_;
  const Pipeline* const pipeline_;
  Metrics* const metrics_;
  asio::io_context ioc_;
  asio::thread_pool readers_;
  asio::thread_pool workers_;
  tcp::acceptor acceptor_;
  std::vector<std::thread> io_threads_;
  std::thread drain_timer_thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int64_t> open_{0};
  std::atomic<uint64_t> next_conn_id_{1};
  unsigned short port_ = 0;
  const size_t max_body_limit_;
  const std::string refusal_;
  Mutex conns_mu_;
  std::unordered_map<uint64_t, std::shared_ptr<ConnState>> conns_ GUARDED_BY(conns_mu_);
};

Server::Server(ServerOptions options, const Pipeline* pipeline, Metrics* metrics)
    : impl_(std::make_unique<Impl>(std::move(options), pipeline, metrics)) {}
Server::~Server() = default;
Status Server::Start() { return impl_->Start(); }
unsigned short Server::port() const { return impl_->port(); }
void Server::Shutdown() { impl_->Shutdown(); }
void Server::Wait() { impl_->Wait(); }
int64_t Server::open_connections() const { return impl_->open(); }

}  // namespace pol::http
