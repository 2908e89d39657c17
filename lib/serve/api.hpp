// Internal: the endpoints of `ansinh serve`, apart from the network: a request
// (method, target, headers that matter, body) in, a response out. The loaded
// packages are an immutable PackageSet swapped whole on reload; each request
// holds the set it started with.
#ifndef ANSINH_LIB_SERVE_API_HPP_
#define ANSINH_LIB_SERVE_API_HPP_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/rule_set.hpp"
#include "ansinh/value.hpp"

namespace ansinh::serve {

struct PackageSet {
  std::vector<RuleSet> packages;  // in the order given on the command line
  uint64_t generation = 0;        // 1 for the first load, +1 per accepted reload
  std::string loaded_at;          // UTC, ISO 8601
  const RuleSet* Find(std::string_view id) const noexcept;
};

// The outcome of the last reload (for /healthz and the log).
struct ReloadStatus {
  bool ok = true;
  std::string at;
  std::string diagnostics;  // the refused package's diagnostics, formatted
};

struct Request {
  std::string_view method;  // "GET", "POST", ...
  std::string_view target;  // path and query
  std::string_view content_type;
  std::string_view accept_language;  // the Accept-Language header
  std::string_view body;
};

// The language of a request's messages: `lang=vi|en` in the query, else the
// one of vi and en that Accept-Language prefers (highest q, then first), else
// Vietnamese. nullopt when `lang=` is given and is neither vi nor en.
std::optional<Language> RequestLanguage(std::string_view target, std::string_view accept_language);

// The body of an error answer, ending in a newline:
// {"error": {"code", "message" (in `lang`), "message_vi", "message_en"[, "line", "column"]}}.
std::string ErrorBody(std::string_view code, const std::string& en, const std::string& vi, Language lang,
                      uint64_t line = 0, uint64_t column = 0);

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string error_code;      // our code for an error answer ("J_SYNTAX", "E_UNKNOWN_PACKAGE" ...)
  std::string household_hash;  // a hash of the first household id, for the access log
  std::string allow;           // the Allow header of a 405
};

// Counters for /metrics, updated from every I/O thread.
class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                       0.01,   0.025,   0.05,   0.1,   0.5,    1.0};
  // Endpoints counted apart; anything else is "other".
  static constexpr std::array<const char*, 12> kEndpoints = {
      "/v1/evaluate", "/v1/explain", "/v1/packages",   "/v1/benefits", "/v1/parameters", "/v1/schema/household",
      "/v1/openapi.json", "/healthz", "/metrics",      "/",            "other",          "(refused)"};
  static size_t EndpointIndex(std::string_view path) noexcept;
  void Record(size_t endpoint, unsigned status, double seconds, std::string_view error_code);
  void ConnectionOpened() noexcept { connections_.fetch_add(1, std::memory_order_relaxed); }
  void ConnectionClosed() noexcept { connections_.fetch_sub(1, std::memory_order_relaxed); }
  int64_t connections() const noexcept { return connections_.load(std::memory_order_relaxed); }
  void Refused() noexcept { refused_.fetch_add(1, std::memory_order_relaxed); }
  void Reloaded(bool ok) noexcept { (ok ? reloads_ok_ : reloads_refused_).fetch_add(1, std::memory_order_relaxed); }
  std::string Render(const PackageSet& set) const;

 private:
  static constexpr std::array<unsigned, 14> kStatuses = {200, 204, 400, 401, 403, 404, 405,
                                                         408, 413, 415, 431, 500, 503, 0};
  std::array<std::array<std::atomic<uint64_t>, kStatuses.size()>, kEndpoints.size()> requests_{};
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> latency_{};
  std::atomic<uint64_t> latency_sum_us_{0};
  std::atomic<int64_t> connections_{0};
  std::atomic<uint64_t> refused_{0};
  std::atomic<uint64_t> reloads_ok_{0};
  std::atomic<uint64_t> reloads_refused_{0};
  mutable std::mutex errors_mutex_;
  std::map<std::string, uint64_t> errors_;  // by error code
};

class Api {
 public:
  Api(std::vector<std::string> paths, LoadOptions load);
  // Loads the packages aside; on success swaps them in. On failure the loaded
  // set stays and the diagnostics are returned (also kept for /healthz).
  // Serialised: one reload at a time. Returns whether the new set was taken.
  bool Load(std::string* diagnostics);
  std::shared_ptr<const PackageSet> current() const { return std::atomic_load(&set_); }
  ReloadStatus reload_status() const;

  Response Handle(const Request& request);
  Metrics& metrics() noexcept { return metrics_; }

 private:
  std::vector<std::string> paths_;
  LoadOptions load_;
  std::shared_ptr<const PackageSet> set_;
  std::mutex load_mutex_;
  mutable std::mutex status_mutex_;
  ReloadStatus status_;
  Metrics metrics_;
};

// The JSON Schema (2020-12) of one household record of `rules`.
std::string HouseholdSchema(const RuleSet& rules);
// Current UTC time, ISO 8601 with milliseconds.
std::string UtcNow();

// Embedded static files (lib/serve/page/, docs/openapi.json).
std::string_view IntakePage();
std::string_view OpenApiDocument();

}  // namespace ansinh::serve

#endif  // ANSINH_LIB_SERVE_API_HPP_
