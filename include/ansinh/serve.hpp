// ansinh — `ansinh serve`: rule packages as an HTTP/1.1 JSON service
// (docs/service.md). Evaluation goes through the same code as `ansinh eval`.
#ifndef ANSINH_SERVE_HPP_
#define ANSINH_SERVE_HPP_

#include "ansinh/export.h"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "ansinh/rule_set.hpp"
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

struct ANSINH_EXPORT ServeOptions {
  std::vector<std::string> packages;   // rule package folders (reloaded on SIGHUP)
  LoadOptions load;
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 = any free port (printed on start)
  // A file holding the bearer token clients must send ("Authorization: Bearer
  // TOKEN"). Required when `listen` is not a loopback address.
  std::string token_file;
  std::vector<std::string> cors_origins;  // Origins allowed by CORS; none = no CORS headers
  unsigned threads = 0;                   // I/O and evaluation threads; 0 = all cores
  size_t max_body_bytes = 4u << 20;       // 413 beyond
  size_t max_header_bytes = 16u << 10;    // 431 beyond
  size_t max_connections = 1024;          // connections open at once; beyond: 503 + Retry-After
  unsigned read_timeout_ms = 10000;       // a request must arrive whole within this (also the keep-alive idle time)
  unsigned write_timeout_ms = 10000;
  std::string access_log = "-";           // one JSON line per request: "-" = standard error, "" = none, else a file
  // Called once listening, with the address and port (e.g. to print them).
  void (*on_listening)(const std::string& address, unsigned short port, void* context) = nullptr;
  void* on_listening_context = nullptr;
};

// Loads the packages (diagnostics to `log`; returns 1 if any has errors),
// listens, and serves until SIGTERM or SIGINT (graceful: requests in flight
// finish). SIGHUP reloads the packages aside and swaps them in atomically; a
// package with errors is refused and the loaded set stays. Messages (start,
// reloads, stop) go to `log`. Returns 0 after a clean stop. Throws UsageError
// for bad options (an address that is not an IP, a non-loopback listener
// without a token file).
ANSINH_EXPORT int Serve(const ServeOptions& options, std::ostream& log);

ANSINH_END_NAMESPACE

#endif  // ANSINH_SERVE_HPP_
