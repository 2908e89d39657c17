// `ansinh serve`: HTTP/1.1 on Boost.Beast (docs/service.md says why Beast).
// One io_context per thread (`threads` of them), each run by its own thread:
// the listener (on the first) hands each accepted connection to the next
// context in turn, and the connection stays on that thread (no strand, no
// hand-off between threads, no wake-up of another thread per request: a
// shared io_context run by several threads cost a dozen futex and epoll_ctl
// calls per request). Each connection a Session reading one request at a time with a parser bounded in header and body size, under
// a read deadline, and writing its answer under a write deadline. Requests
// are evaluated on the I/O thread that read them (an evaluation is a few
// microseconds; a batch body is bounded by max_body_bytes).
#include "ansinh/serve.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <chrono>
#include <functional>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "ansinh/error.hpp"
#include "common/json_writer.hpp"
#include "serve/api.hpp"

ANSINH_BEGIN_NAMESPACE
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// Messages of the server (start, reloads, stop), one at a time.
class Log {
 public:
  explicit Log(std::ostream& out) : out_(out) {}
  void Line(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    out_ << text << std::endl;
  }

 private:
  std::ostream& out_;
  std::mutex mutex_;
};

// The access log: one JSON line per request, written with one write(2) (whole
// lines even from many threads). Never the record's content.
class AccessLog {
 public:
  explicit AccessLog(const std::string& where) {
    if (where == "-") {
      fd_ = STDERR_FILENO;
    } else if (!where.empty()) {
      fd_ = ::open(where.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
      if (fd_ < 0) {
        throw InputError("cannot open the access log " + where, "không mở được tệp nhật ký truy cập " + where);
      }
      owned_ = true;
    }
  }
  ~AccessLog() {
    if (owned_) ::close(fd_);
  }
  bool on() const noexcept { return fd_ >= 0; }
  void Write(const std::string& line) const {
    if (fd_ < 0) return;
    size_t done = 0;
    while (done < line.size()) {
      const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
      if (n <= 0) return;  // a full disk loses log lines, never requests
      done += static_cast<size_t>(n);
    }
  }

 private:
  int fd_ = -1;
  bool owned_ = false;
};

struct Shared {
  const ServeOptions& options;
  serve::Api& api;
  AccessLog& access;
  std::string token;  // empty: none required
  bool loopback = true;
  std::atomic<bool> stopping{false};  // SIGTERM: answer, then close
};

bool TokenMatches(const Shared& s, std::string_view header) {
  if (s.token.empty()) return true;
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() < kBearer.size() || header.substr(0, kBearer.size()) != kBearer) return false;
  const std::string_view given = header.substr(kBearer.size());
  // Constant time over the token's length (the length itself is not secret).
  if (given.size() != s.token.size()) return false;
  return CRYPTO_memcmp(given.data(), s.token.data(), given.size()) == 0;
}

bool NeedsToken(std::string_view path) {
  // The page and the health check are open; the API and the metrics need the token.
  return path.substr(0, 4) == "/v1/" || path == "/metrics";
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
    // Beast reads as much as the buffer's free capacity (at least 512 bytes):
    // from an empty buffer a 2 KiB household took five recvmsg, each with its
    // timer re-armed (timerfd_settime) and an epoll poll. 8 KiB: one read.
    buffer_.reserve(8192);
    shared_.api.metrics().ConnectionOpened();
  }
  ~Session() { shared_.api.metrics().ConnectionClosed(); }

  void Start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
    parser_->body_limit(shared_.options.max_body_bytes);
    stream_.expires_after(std::chrono::milliseconds(shared_.options.read_timeout_ms));
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset ||
        ec == net::error::operation_aborted) {
      return Close();
    }
    if (ec == beast::error::timeout) {
      // Nothing of a request yet: an idle keep-alive connection; else a slow client.
      // The stream has closed the socket on the deadline: no 408 can be sent;
      // the slow request is counted and logged as one.
      if (parser_->got_some()) {
        shared_.api.metrics().Record(serve::Metrics::kEndpoints.size() - 2, 408, 0, "E_TIMEOUT");
        Log408();
      }
      return Close();
    }
    if (ec == http::error::body_limit) {
      const std::string n = std::to_string(shared_.options.max_body_bytes);
      return Fail(413, "E_BODY_TOO_LARGE", "the body is larger than " + n + " bytes",
                  "nội dung gửi lên lớn hơn " + n + " byte");
    }
    if (ec == http::error::header_limit) {
      const std::string n = std::to_string(shared_.options.max_header_bytes);
      return Fail(431, "E_HEADER_TOO_LARGE", "the headers are larger than " + n + " bytes",
                  "phần đầu (headers) của yêu cầu lớn hơn " + n + " byte");
    }
    if (ec) {
      return Fail(400, "E_HTTP", "not a valid HTTP/1.1 request: " + ec.message(),
                  "không phải một yêu cầu HTTP/1.1 hợp lệ (Beast báo: " + ec.message() + ")");
    }
    Handle();
  }

  void Log408() {
    if (!shared_.access.on()) return;
    internal::JsonWriter w;
    w.BeginObject().Key("time").String(serve::UtcNow()).Key("method").String("").Key("path").String("");
    w.Key("status").Int(408).Key("error").String("E_TIMEOUT").EndObject();
    shared_.access.Write(w.Take() + "\n");
  }

  // An answer after which the connection closes (the stream cannot be trusted).
  // In the request's language as far as its headers were read (a body beyond
  // the limit is refused while the header is being completed), else Vietnamese.
  void Fail(unsigned status, const std::string& code, const std::string& en, const std::string& vi) {
    Language lang = Language::kVi;
    if (parser_ && parser_->got_some()) lang = LanguageOf(parser_->get());
    serve::Response r;
    r.status = status;
    r.body = serve::ErrorBody(code, en, vi, lang);
    r.error_code = code;
    start_ = Clock::now();
    Send(std::move(r), false, "", "", 0);
  }

  // The request's language (serve::RequestLanguage); Vietnamese for a bad lang= (api.cpp answers it).
  static Language LanguageOf(const http::request<http::string_body>& req) {
    const auto accept = req.find(http::field::accept_language);
    return serve::RequestLanguage(std::string_view(req.target().data(), req.target().size()),
                                  accept == req.end()
                                      ? std::string_view()
                                      : std::string_view(accept->value().data(), accept->value().size()))
        .value_or(Language::kVi);
  }

  void Handle() {
    start_ = Clock::now();
    const http::request<http::string_body>& req = parser_->get();
    const std::string_view target(req.target().data(), req.target().size());
    const std::string_view path = target.substr(0, target.find('?'));
    const std::string_view method(req.method_string().data(), req.method_string().size());
    const bool keep = req.keep_alive() && !shared_.stopping;
    const auto auth = req.find(http::field::authorization);
    serve::Response r;
    const auto origin = req.find(http::field::origin);
    cors_origin_.clear();
    if (origin != req.end()) {
      const std::string o(origin->value());
      for (const std::string& allowed : shared_.options.cors_origins) {
        if (allowed == o || allowed == "*") cors_origin_ = allowed == "*" ? "*" : o;
      }
    }
    if (method == "OPTIONS" && !cors_origin_.empty()) {
      r.status = 204;
      r.content_type.clear();
    } else if (NeedsToken(path) &&
               !TokenMatches(shared_, auth == req.end() ? std::string_view()
                                                        : std::string_view(auth->value().data(), auth->value().size()))) {
      r.status = 401;
      r.error_code = "E_UNAUTHORIZED";
      r.body = serve::ErrorBody("E_UNAUTHORIZED", "send Authorization: Bearer TOKEN",
                                "cần gửi mã truy cập: Authorization: Bearer TOKEN", LanguageOf(req));
    } else {
      serve::Request in;
      in.method = method;
      in.target = target;
      const auto type = req.find(http::field::content_type);
      if (type != req.end()) in.content_type = std::string_view(type->value().data(), type->value().size());
      const auto accept = req.find(http::field::accept_language);
      if (accept != req.end()) in.accept_language = std::string_view(accept->value().data(), accept->value().size());
      in.body = req.body();
      try {
        r = shared_.api.Handle(in);
      } catch (const std::exception& e) {
        // Not expected (bad data is an answer, not an exception); the connection lives on.
        r = serve::Response();
        r.status = 500;
        r.error_code = "E_INTERNAL";
        const auto* error = dynamic_cast<const Error*>(&e);
        const std::string vi = error != nullptr && !error->message_vi().empty() ? error->message_vi() : e.what();
        r.body = serve::ErrorBody("E_INTERNAL", std::string("internal error: ") + e.what(), "lỗi nội bộ: " + vi,
                                  LanguageOf(req));
      }
    }
    Send(std::move(r), keep, method, path, req.body().size());
  }

  void Send(serve::Response&& r, bool keep, std::string_view method, std::string_view path, size_t bytes_in) {
    res_ = {};
    res_.version(11);
    res_.result(r.status);
    res_.set(http::field::server, "ansinh");
    if (!r.content_type.empty()) res_.set(http::field::content_type, r.content_type);
    res_.set(http::field::cache_control, "no-store");
    res_.set("X-Content-Type-Options", "nosniff");
    if (r.status == 401) res_.set(http::field::www_authenticate, "Bearer");
    if (!r.allow.empty()) res_.set(http::field::allow, r.allow);
    if (!cors_origin_.empty()) {
      res_.set(http::field::access_control_allow_origin, cors_origin_);
      res_.set(http::field::access_control_allow_headers, "Content-Type, Authorization");
      res_.set(http::field::access_control_allow_methods, "GET, POST, OPTIONS");
      if (cors_origin_ != "*") res_.set(http::field::vary, "Origin");
    }
    const bool head = method == "HEAD";
    const size_t bytes_out = r.body.size();
    res_.body() = head ? std::string() : std::move(r.body);
    res_.prepare_payload();
    if (head) res_.content_length(bytes_out);
    res_.keep_alive(keep);
    const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    const size_t endpoint = method.empty() ? serve::Metrics::kEndpoints.size() - 2 : serve::Metrics::EndpointIndex(path);
    shared_.api.metrics().Record(endpoint, r.status, seconds, r.error_code);
    if (shared_.access.on()) {
      internal::JsonWriter w;
      w.BeginObject().Key("time").String(serve::UtcNow());
      w.Key("method").String(method).Key("path").String(path).Key("status").Int(r.status);
      w.Key("bytes_in").Int(static_cast<int64_t>(bytes_in)).Key("bytes_out").Int(static_cast<int64_t>(bytes_out));
      w.Key("us").Int(static_cast<int64_t>(seconds * 1e6));
      if (!r.error_code.empty()) w.Key("error").String(r.error_code);
      if (!r.household_hash.empty()) w.Key("household").String(r.household_hash);
      w.EndObject();
      shared_.access.Write(w.Take() + "\n");
    }
    stream_.expires_after(std::chrono::milliseconds(shared_.options.write_timeout_ms));
    http::async_write(stream_, res_, beast::bind_front_handler(&Session::OnWrite, shared_from_this(), keep));
  }

  void OnWrite(bool keep, beast::error_code ec, std::size_t) {
    if (ec || !keep) return Close();
    Read();
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  Shared& shared_;
  Clock::time_point start_;
  std::string cors_origin_;
};

// Beyond max_connections: a fixed 503 and the connection closed, without reading.
class Refusal : public std::enable_shared_from_this<Refusal> {
 public:
  explicit Refusal(tcp::socket&& socket) : socket_(std::move(socket)) {}
  void Start() {
    // Answered before the request is read: Vietnamese, with both texts.
    static const std::string kAnswer = [] {
      const std::string body = serve::ErrorBody("E_BUSY", "too many connections: retry after 1 second",
                                                "quá nhiều kết nối: hãy thử lại sau 1 giây", Language::kVi);
      return "HTTP/1.1 503 Service Unavailable\r\nServer: ansinh\r\nRetry-After: 1\r\nContent-Type: "
             "application/json\r\nConnection: close\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body;
    }();
    net::async_write(socket_, net::buffer(kAnswer), [self = shared_from_this()](beast::error_code, std::size_t) {
      beast::error_code ignored;
      self->socket_.shutdown(tcp::socket::shutdown_both, ignored);
      self->socket_.close(ignored);
    });
  }

 private:
  tcp::socket socket_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // The acceptor runs on ios[0]; connections go to ios[0], ios[1], ... in turn.
  Listener(const std::vector<std::unique_ptr<net::io_context>>& ios, const tcp::endpoint& endpoint, Shared& shared)
      : ios_(ios), acceptor_(*ios.front()), shared_(shared) {
    beast::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      const std::string where = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
      throw InputError("cannot listen on " + where + ": " + ec.message(),
                       "không nghe được ở " + where + " (hệ thống báo: " + ec.message() + ")");
    }
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void Start() { Accept(); }
  void Stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->acceptor_.close(ignored);
    });
  }

 private:
  void Accept() {
    net::io_context& io = *ios_[next_];
    next_ = (next_ + 1) % ios_.size();
    acceptor_.async_accept(io, beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
  }
  void OnAccept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      if (static_cast<size_t>(shared_.api.metrics().connections()) >= shared_.options.max_connections) {
        shared_.api.metrics().Refused();
        shared_.api.metrics().Record(serve::Metrics::kEndpoints.size() - 1, 503, 0, "E_BUSY");
        std::make_shared<Refusal>(std::move(socket))->Start();
      } else {
        std::make_shared<Session>(std::move(socket), shared_)->Start();
      }
    }
    Accept();
  }

  const std::vector<std::unique_ptr<net::io_context>>& ios_;
  size_t next_ = 0;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

tcp::endpoint ParseListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    throw UsageError("--listen " + listen + ": write HOST:PORT, e.g. 127.0.0.1:8080",
                     "--listen " + listen + ": viết HOST:PORT, ví dụ 127.0.0.1:8080");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  beast::error_code ec;
  const net::ip::address address = net::ip::make_address(host, ec);
  if (ec) {
    throw UsageError("--listen " + listen + ": '" + host + "' is not an IP address",
                     "--listen " + listen + ": '" + host + "' không phải một địa chỉ IP");
  }
  const std::string port = listen.substr(colon + 1);
  char* end = nullptr;
  const unsigned long p = std::strtoul(port.c_str(), &end, 10);
  if (port.empty() || *end != '\0' || p > 65535) {
    throw UsageError("--listen " + listen + ": '" + port + "' is not a port",
                     "--listen " + listen + ": '" + port + "' không phải một cổng");
  }
  return tcp::endpoint(address, static_cast<unsigned short>(p));
}

std::string ReadToken(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read the token file " + path, "không đọc được tệp mã truy cập " + path);
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.size() < 16) {
    throw UsageError("the token in " + path + " is shorter than 16 characters",
                     "mã truy cập trong " + path + " ngắn hơn 16 ký tự");
  }
  return token;
}

}  // namespace

int Serve(const ServeOptions& options, std::ostream& log_stream) {
  if (options.packages.empty()) {
    throw UsageError("ansinh serve: give at least one rule package folder",
                     "ansinh serve: cần ít nhất một thư mục gói quy tắc");
  }
  const tcp::endpoint endpoint = ParseListen(options.listen);
  const bool loopback = endpoint.address().is_loopback();
  if (!loopback && options.token_file.empty()) {
    throw UsageError("--listen " + options.listen +
                         " is not a loopback address: give --token-file (clients then send Authorization: Bearer TOKEN)",
                     "--listen " + options.listen +
                         " không phải địa chỉ nội bộ (loopback): cần --token-file (máy khách khi đó gửi "
                         "Authorization: Bearer TOKEN)");
  }
  Log log(log_stream);
  serve::Api api(options.packages, options.load);
  std::string diagnostics;
  if (!api.Load(&diagnostics)) {
    log.Line(diagnostics + "ansinh serve: the packages have errors: not started");
    return 1;
  }
  AccessLog access(options.access_log);
  Shared shared{options, api, access, options.token_file.empty() ? std::string() : ReadToken(options.token_file),
                loopback};

  const unsigned threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<net::io_context>> ios;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  for (unsigned i = 0; i < threads; ++i) {
    ios.push_back(std::make_unique<net::io_context>(1));  // one thread runs it
    keep_running.push_back(net::make_work_guard(*ios.back()));
  }
  net::io_context& io = *ios.front();  // the listener, the signals, the stop timer
  auto stop_all = [&] {
    for (auto& guard : keep_running) guard.reset();
    for (auto& context : ios) context->stop();
  };
  auto listener = std::make_shared<Listener>(ios, endpoint, shared);
  listener->Start();

  // SIGHUP: reload aside on its own thread (I/O goes on); SIGTERM/SIGINT: stop.
  net::signal_set reload_signal(io, SIGHUP);
  net::signal_set stop_signals(io, SIGTERM, SIGINT);
  std::mutex reload_mutex;
  std::thread reloader;
  std::function<void()> wait_reload = [&] {
    reload_signal.async_wait([&](beast::error_code ec, int) {
      if (ec) return;
      std::lock_guard<std::mutex> lock(reload_mutex);
      if (reloader.joinable()) reloader.join();
      reloader = std::thread([&] {
        log.Line("ansinh serve: SIGHUP: reloading " + std::to_string(options.packages.size()) + " package(s)");
        std::string problems;
        if (api.Load(&problems)) {
          const auto set = api.current();
          std::string ids;
          for (const RuleSet& r : set->packages) ids += " " + r.info().id + "@" + r.info().version + " " + r.info().hash;
          log.Line("ansinh serve: reloaded (generation " + std::to_string(set->generation) + "):" + ids);
        } else {
          log.Line(problems + "ansinh serve: reload refused: the packages have errors; still serving generation " +
                   std::to_string(api.current()->generation));
        }
      });
      wait_reload();
    });
  };
  wait_reload();
  net::steady_timer stop_timer(io);
  std::function<void()> wait_drained;
  stop_signals.async_wait([&](beast::error_code ec, int sig) {
    if (ec) return;
    log.Line(std::string("ansinh serve: ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") +
             ": stopping (requests in flight finish)");
    listener->Stop();
    reload_signal.cancel();
    // Connections finish the request they are on and then close (stopping);
    // idle ones are closed at the deadline; then every io_context is stopped.
    shared.stopping = true;
    const auto deadline = Clock::now() + std::chrono::milliseconds(std::min(options.read_timeout_ms, 5000u));
    wait_drained = [&, deadline] {
      stop_timer.expires_after(std::chrono::milliseconds(20));
      stop_timer.async_wait([&, deadline](beast::error_code) {
        if (api.metrics().connections() == 0 || Clock::now() >= deadline) return stop_all();
        wait_drained();
      });
    };
    wait_drained();
  });

  const std::string where = endpoint.address().to_string() + ":" + std::to_string(listener->port());
  const auto set = api.current();
  std::string ids;
  for (const RuleSet& r : set->packages) ids += " " + r.info().id + "@" + r.info().version;
  log.Line("ansinh serve: listening on http://" + where + "/ (" + std::to_string(threads) + " threads; packages:" + ids + ")");
  if (options.on_listening != nullptr) options.on_listening(endpoint.address().to_string(), listener->port(), options.on_listening_context);

  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([context = ios[i].get()] { context->run(); });
  io.run();
  for (std::thread& t : pool) t.join();
  {
    std::lock_guard<std::mutex> lock(reload_mutex);
    if (reloader.joinable()) reloader.join();
  }
  log.Line("ansinh serve: stopped");
  return 0;
}

ANSINH_END_NAMESPACE
