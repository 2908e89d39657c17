// The endpoints of `ansinh serve` (docs/service.md): routing, the package set
// and its reload, the answers, the metrics.
#include "serve/api.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>

#include "ansinh/decision.hpp"
#include "ansinh/error.hpp"
#include "common/json_writer.hpp"
#include "io/json_check.hpp"
#include "io/json_record.hpp"
#include "io/text_evaluate.hpp"

namespace ansinh::serve {
namespace {

using internal::JsonWriter;

std::string_view PathOf(std::string_view target) {
  const size_t q = target.find('?');
  return q == std::string_view::npos ? target : target.substr(0, q);
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() + 0 && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0) {
      out += static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The query parameters of `target` (the last of a repeated name wins).
std::map<std::string, std::string> QueryOf(std::string_view target) {
  std::map<std::string, std::string> out;
  const size_t q = target.find('?');
  if (q == std::string_view::npos) return out;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const size_t eq = pair.find('=');
    if (!pair.empty()) {
      out[Decode(pair.substr(0, eq))] = eq == std::string_view::npos ? std::string() : Decode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return out;
}

// An error answer: the message in both languages, `message` in the request's.
struct Texts {
  std::string en;
  std::string vi;
};

Response Error(unsigned status, std::string code, const Texts& message, Language lang, uint64_t line = 0,
               uint64_t column = 0) {
  Response r;
  r.status = status;
  r.body = ErrorBody(code, message.en, message.vi, lang, line, column);
  r.error_code = std::move(code);
  return r;
}

// "2:13: …" in both languages.
Texts Placed(const internal::JsonTextError& e) {
  const std::string at = std::to_string(e.line) + ":" + std::to_string(e.column) + ": ";
  return {at + e.message, at + e.message_vi};
}

bool StartsWithTag(std::string_view tag, std::string_view lang) {
  if (tag.size() < lang.size()) return false;
  for (size_t i = 0; i < lang.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(tag[i])) != lang[i]) return false;
  }
  return tag.size() == lang.size() || tag[lang.size()] == '-';
}

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The quality of an Accept-Language item ("en;q=0.8" -> 800), 1000 without q.
int Quality(std::string_view params) {
  const size_t q = params.find("q=");
  if (q == std::string_view::npos) return 1000;
  std::string_view v = Trimmed(params.substr(q + 2));
  int whole = 0, frac = 0, digits = 0;
  size_t i = 0;
  if (i < v.size() && (v[i] == '0' || v[i] == '1')) whole = v[i++] - '0';
  if (i < v.size() && v[i] == '.') {
    for (++i; i < v.size() && digits < 3 && v[i] >= '0' && v[i] <= '9'; ++i, ++digits) frac = frac * 10 + (v[i] - '0');
  }
  while (digits++ < 3) frac *= 10;
  return std::min(1000, whole * 1000 + frac);
}

Response Json(std::string body) {
  Response r;
  r.body = std::move(body);
  if (r.body.empty() || r.body.back() != '\n') r.body += '\n';
  return r;
}

void LabelObject(JsonWriter& w, const Label& label) {
  w.BeginObject().Key("vi").String(label.vi).Key("en").String(label.en).EndObject();
}

void PackageObject(JsonWriter& w, const RuleSet& rules) {
  const PackageInfo& info = rules.info();
  w.BeginObject();
  w.Key("id").String(info.id);
  w.Key("name");
  LabelObject(w, info.name);
  w.Key("version").String(info.version);
  w.Key("hash").String(info.hash);
  w.Key("extends").BeginArray();
  for (const std::string& e : info.extends) w.String(e);
  w.EndArray();
  w.Key("benefits").Int(static_cast<int64_t>(rules.benefits().size()));
  w.Key("parameters").Int(static_cast<int64_t>(rules.parameters().size()));
  w.EndObject();
}

std::string HashId(std::string_view id) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(id.data()), id.size(), digest);
  static const char* kHex = "0123456789abcdef";
  std::string out = "sha256:";
  for (int i = 0; i < 8; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

void TypeSchema(JsonWriter& w, const FieldInfo& f) {
  w.BeginObject();
  auto nullable = [&](const char* type) { w.Key("type").BeginArray().String(type).String("null").EndArray(); };
  switch (f.type) {
    case ValueType::kBool: nullable("boolean"); break;
    case ValueType::kInt:
    case ValueType::kMoney: nullable("integer"); break;
    case ValueType::kDecimal:
      w.Key("type").BeginArray().String("number").String("string").String("null").EndArray();
      w.Key("pattern").String("^-?[0-9]+(\\.[0-9]+)?$");
      break;
    case ValueType::kDate:
      nullable("string");
      w.Key("format").String("date");
      w.Key("pattern").String("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
      break;
    case ValueType::kEnum:
      w.Key("enum").BeginArray();
      for (const std::string& v : f.values) w.String(v);
      w.Null().EndArray();
      break;
    case ValueType::kSet:
      nullable("array");
      w.Key("items").BeginObject().Key("enum").BeginArray();
      for (const std::string& v : f.values) w.String(v);
      w.EndArray().EndObject();
      w.Key("uniqueItems").Bool(true);
      break;
    case ValueType::kString: nullable("string"); break;
  }
  w.Key("title").String(f.label.vi.empty() ? f.name : f.label.vi);
  if (!f.label.en.empty()) w.Key("description").String(f.label.en);
  if (!f.values.empty()) {
    // The labels of the choices, for forms (the intake page reads them).
    w.Key("x-ansinh-value-labels").BeginObject();
    for (size_t i = 0; i < f.values.size() && i < f.value_labels.size(); ++i) {
      w.Key(f.values[i]);
      LabelObject(w, f.value_labels[i]);
    }
    w.EndObject();
  }
  w.Key("x-ansinh-type").String(ToString(f.type));
  if (!f.unit.empty()) w.Key("x-ansinh-unit").String(f.unit);
  if (f.default_value) w.Key("x-ansinh-default").String(*f.default_value);
  w.EndObject();
}

// The keys of an entity's object schema (the caller opens and closes the object).
void EntitySchema(JsonWriter& w, const std::vector<FieldInfo>& fields, bool household) {
  w.Key("type").String("object");
  w.Key("required").BeginArray().String("id").EndArray();
  w.Key("properties").BeginObject();
  w.Key("id").BeginObject().Key("type").BeginArray().String("string").String("integer").EndArray();
  w.Key("title").String(household ? "Mã hộ" : "Mã thành viên").Key("description").String(household ? "Household id" : "Person id");
  w.EndObject();
  for (const FieldInfo& f : fields) {
    if (f.name == "id") continue;
    w.Key(f.name);
    TypeSchema(w, f);
  }
  if (household) {
    w.Key("members").BeginObject().Key("type").String("array");
    w.Key("title").String("Thành viên").Key("description").String("Members");
    w.Key("items").Raw("{\"$ref\":\"#/$defs/person\"}");
    w.EndObject();
  }
  w.EndObject();
  // Fields the schema does not know are a warning (R_UNKNOWN_FIELD), not an error.
  w.Key("additionalProperties").Bool(true);
}

struct When2 {
  std::optional<When> when;
  Texts error;
};

When2 ParseWhen(const std::map<std::string, std::string>& q) {
  When2 out;
  const auto period = q.find("period");
  const auto as_of = q.find("as_of");
  if ((period == q.end()) == (as_of == q.end())) {
    out.error = {"give exactly one of period=YYYY-MM (a month) or as_of=YYYY-MM-DD (a day)",
                 "cho đúng một trong hai: period=YYYY-MM (một tháng) hoặc as_of=YYYY-MM-DD (một ngày)"};
  } else if (period != q.end()) {
    if (auto m = YearMonth::Parse(period->second)) {
      out.when = When::Month(*m);
    } else {
      out.error = {"period=" + period->second + " is not a month: write YYYY-MM, e.g. 2026-07",
                   "period=" + period->second + " không phải một tháng: viết YYYY-MM, ví dụ 2026-07"};
    }
  } else if (auto d = Date::Parse(as_of->second)) {
    out.when = When::AsOf(*d);
  } else {
    out.error = {"as_of=" + as_of->second + " is not a date: write YYYY-MM-DD, e.g. 2026-07-01",
                 "as_of=" + as_of->second + " không phải một ngày: viết YYYY-MM-DD, ví dụ 2026-07-01"};
  }
  return out;
}

bool IsJsonType(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  std::string_view t = content_type.substr(0, semi);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  if (t.size() != 16) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(t[i])) != "application/json"[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<Language> RequestLanguage(std::string_view target, std::string_view accept_language) {
  const std::map<std::string, std::string> query = QueryOf(target);
  if (const auto lang = query.find("lang"); lang != query.end()) {
    if (lang->second == "vi") return Language::kVi;
    if (lang->second == "en") return Language::kEn;
    return std::nullopt;
  }
  Language best = Language::kVi;
  int best_q = 0;
  while (!accept_language.empty()) {
    const size_t comma = accept_language.find(',');
    const std::string_view item = accept_language.substr(0, comma);
    const size_t semi = item.find(';');
    const std::string_view tag = Trimmed(item.substr(0, semi));
    const int q = semi == std::string_view::npos ? 1000 : Quality(item.substr(semi + 1));
    if (q > best_q && (StartsWithTag(tag, "vi") || StartsWithTag(tag, "en"))) {
      best = StartsWithTag(tag, "vi") ? Language::kVi : Language::kEn;
      best_q = q;
    }
    if (comma == std::string_view::npos) break;
    accept_language.remove_prefix(comma + 1);
  }
  return best;
}

std::string ErrorBody(std::string_view code, const std::string& en, const std::string& vi, Language lang,
                      uint64_t line, uint64_t column) {
  JsonWriter w;
  w.BeginObject().Key("error").BeginObject();
  w.Key("code").String(code);
  w.Key("message").String(lang == Language::kVi ? vi : en);
  w.Key("message_vi").String(vi);
  w.Key("message_en").String(en);
  if (line > 0) w.Key("line").Int(static_cast<int64_t>(line)).Key("column").Int(static_cast<int64_t>(column));
  w.EndObject().EndObject();
  std::string body = w.Take();
  body += '\n';
  return body;
}

const RuleSet* PackageSet::Find(std::string_view id) const noexcept {
  for (const RuleSet& r : packages) {
    if (r.info().id == id) return &r;
  }
  return nullptr;
}

std::string UtcNow() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

// --- metrics -------------------------------------------------------------------

size_t Metrics::EndpointIndex(std::string_view path) noexcept {
  for (size_t i = 0; i + 2 < kEndpoints.size(); ++i) {
    if (path == kEndpoints[i]) return i;
  }
  return kEndpoints.size() - 2;
}

void Metrics::Record(size_t endpoint, unsigned status, double seconds, std::string_view error_code) {
  size_t s = kStatuses.size() - 1;
  for (size_t i = 0; i + 1 < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) s = i;
  }
  requests_[endpoint < kEndpoints.size() ? endpoint : kEndpoints.size() - 2][s].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  latency_[b].fetch_add(1, std::memory_order_relaxed);
  latency_sum_us_.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  if (!error_code.empty()) {
    std::lock_guard<std::mutex> lock(errors_mutex_);
    ++errors_[std::string(error_code)];
  }
}

std::string Metrics::Render(const PackageSet& set) const {
  std::string out;
  out += "# HELP ansinh_http_requests_total HTTP requests answered, by endpoint and status.\n";
  out += "# TYPE ansinh_http_requests_total counter\n";
  for (size_t e = 0; e < kEndpoints.size(); ++e) {
    for (size_t s = 0; s < kStatuses.size(); ++s) {
      const uint64_t n = requests_[e][s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "ansinh_http_requests_total{endpoint=\"";
      out += kEndpoints[e];
      out += "\",code=\"" + (kStatuses[s] == 0 ? std::string("other") : std::to_string(kStatuses[s])) + "\"} " +
             std::to_string(n) + "\n";
    }
  }
  out += "# HELP ansinh_http_request_duration_seconds Time from a request read whole to its answer written.\n";
  out += "# TYPE ansinh_http_request_duration_seconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t b = 0; b <= kBuckets.size(); ++b) {
    cumulative += latency_[b].load(std::memory_order_relaxed);
    char le[32];
    if (b < kBuckets.size()) {
      std::snprintf(le, sizeof le, "%g", kBuckets[b]);
    } else {
      std::snprintf(le, sizeof le, "+Inf");
    }
    out += std::string("ansinh_http_request_duration_seconds_bucket{le=\"") + le + "\"} " + std::to_string(cumulative) + "\n";
  }
  char sum[48];
  std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(latency_sum_us_.load(std::memory_order_relaxed)) / 1e6);
  out += std::string("ansinh_http_request_duration_seconds_sum ") + sum + "\n";
  out += "ansinh_http_request_duration_seconds_count " + std::to_string(cumulative) + "\n";
  out += "# HELP ansinh_errors_total Error answers by error code.\n# TYPE ansinh_errors_total counter\n";
  {
    std::lock_guard<std::mutex> lock(errors_mutex_);
    for (const auto& [code, n] : errors_) out += "ansinh_errors_total{code=\"" + code + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP ansinh_connections_open Connections open now.\n# TYPE ansinh_connections_open gauge\n";
  out += "ansinh_connections_open " + std::to_string(connections()) + "\n";
  out += "# HELP ansinh_connections_refused_total Connections answered 503 (too many open).\n";
  out += "# TYPE ansinh_connections_refused_total counter\n";
  out += "ansinh_connections_refused_total " + std::to_string(refused_.load(std::memory_order_relaxed)) + "\n";
  out += "# HELP ansinh_reloads_total Reloads (SIGHUP) by result.\n# TYPE ansinh_reloads_total counter\n";
  out += "ansinh_reloads_total{result=\"ok\"} " + std::to_string(reloads_ok_.load(std::memory_order_relaxed)) + "\n";
  out += "ansinh_reloads_total{result=\"refused\"} " + std::to_string(reloads_refused_.load(std::memory_order_relaxed)) + "\n";
  out += "# HELP ansinh_rule_set_info The rule packages being served (value 1).\n# TYPE ansinh_rule_set_info gauge\n";
  for (const RuleSet& r : set.packages) {
    out += "ansinh_rule_set_info{package=\"" + r.info().id + "\",version=\"" + r.info().version + "\",hash=\"" +
           r.info().hash + "\"} 1\n";
  }
  out += "# HELP ansinh_rule_set_generation Loads of the package set taken (1 = the first).\n";
  out += "# TYPE ansinh_rule_set_generation gauge\n";
  out += "ansinh_rule_set_generation " + std::to_string(set.generation) + "\n";
  return out;
}

// --- the package set ----------------------------------------------------------

Api::Api(std::vector<std::string> paths, LoadOptions load) : paths_(std::move(paths)), load_(std::move(load)) {}

bool Api::Load(std::string* diagnostics) {
  std::lock_guard<std::mutex> serial(load_mutex_);
  auto next = std::make_shared<PackageSet>();
  std::string problems;
  for (const std::string& path : paths_) {
    LoadResult result = LoadRules(path, load_);
    if (!result.ok()) {
      problems += path + ":\n" + result.Format();
      continue;
    }
    RuleSet rules = std::move(result).Release();
    if (next->Find(rules.info().id) != nullptr) {
      problems += path + ": error: a package with id '" + rules.info().id + "' is already loaded [E_DUPLICATE_PACKAGE]\n";
      continue;
    }
    next->packages.push_back(std::move(rules));
  }
  const std::string now = UtcNow();
  const std::shared_ptr<const PackageSet> old = current();
  {
    std::lock_guard<std::mutex> lock(status_mutex_);
    status_.ok = problems.empty();
    status_.at = now;
    status_.diagnostics = problems;
  }
  if (diagnostics != nullptr) *diagnostics = problems;
  if (!problems.empty()) {
    if (old) metrics_.Reloaded(false);
    return false;
  }
  next->generation = old ? old->generation + 1 : 1;
  next->loaded_at = now;
  std::atomic_store(&set_, std::shared_ptr<const PackageSet>(std::move(next)));
  if (old) metrics_.Reloaded(true);
  return true;
}

ReloadStatus Api::reload_status() const {
  std::lock_guard<std::mutex> lock(status_mutex_);
  return status_;
}

// --- the endpoints --------------------------------------------------------------

Response Api::Handle(const Request& req) {
  const std::string_view path = PathOf(req.target);
  const std::shared_ptr<const PackageSet> set = current();  // held to the end of the request
  const bool get = req.method == "GET" || req.method == "HEAD";
  const std::optional<Language> asked = RequestLanguage(req.target, req.accept_language);
  const Language lang = asked.value_or(Language::kVi);
  auto method_not_allowed = [&](const char* allow) {
    Response r = Error(405, "E_METHOD",
                       {std::string(req.method) + " is not allowed on " + std::string(path) + " (allowed: " + allow + ")",
                        std::string(path) + " không nhận " + std::string(req.method) + " (chỉ nhận: " + allow + ")"},
                       lang);
    r.allow = allow;
    return r;
  };

  if (path == "/" || path == "/index.html") {
    if (!get) return method_not_allowed("GET, HEAD");
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::string(IntakePage());
    return r;
  }
  if (path == "/healthz") {
    if (!get) return method_not_allowed("GET, HEAD");
    const ReloadStatus status = reload_status();
    JsonWriter w;
    w.BeginObject();
    w.Key("status").String(status.ok ? "ok" : "degraded");
    w.Key("generation").Int(static_cast<int64_t>(set->generation));
    w.Key("loaded_at").String(set->loaded_at);
    w.Key("packages").BeginArray();
    for (const RuleSet& r : set->packages) {
      w.BeginObject().Key("id").String(r.info().id).Key("version").String(r.info().version);
      w.Key("hash").String(r.info().hash).EndObject();
    }
    w.EndArray();
    w.Key("last_load").BeginObject().Key("ok").Bool(status.ok).Key("at").String(status.at);
    w.Key("diagnostics").String(status.diagnostics).EndObject();
    w.EndObject();
    return Json(w.Take());
  }
  if (path == "/metrics") {
    if (!get) return method_not_allowed("GET, HEAD");
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.Render(*set);
    return r;
  }
  if (path == "/v1/openapi.json") {
    if (!get) return method_not_allowed("GET, HEAD");
    return Json(std::string(OpenApiDocument()));
  }
  // The API's paths refuse a lang= they do not know (the page, health, metrics and the document ignore it).
  if (!asked) {
    const std::string value = QueryOf(req.target)["lang"];
    return Error(400, "E_LANG", {"lang=" + value + " is not vi or en", "lang=" + value + " không phải vi hay en"}, lang);
  }
  if (path == "/v1/packages") {
    if (!get) return method_not_allowed("GET, HEAD");
    JsonWriter w;
    w.BeginObject().Key("generation").Int(static_cast<int64_t>(set->generation));
    w.Key("loaded_at").String(set->loaded_at).Key("packages").BeginArray();
    for (const RuleSet& r : set->packages) PackageObject(w, r);
    w.EndArray().EndObject();
    return Json(w.Take());
  }

  const bool known = path == "/v1/evaluate" || path == "/v1/explain" || path == "/v1/benefits" ||
                     path == "/v1/parameters" || path == "/v1/schema/household";
  if (!known) {
    return Error(404, "E_NOT_FOUND",
                 {"no endpoint " + std::string(path) + " (see /v1/openapi.json)",
                  "không có địa chỉ " + std::string(path) + " (xem /v1/openapi.json)"},
                 lang);
  }
  const bool post = path == "/v1/evaluate" || path == "/v1/explain";
  if (post && req.method != "POST") return method_not_allowed("POST");
  if (!post && !get) return method_not_allowed("GET, HEAD");

  const std::map<std::string, std::string> query = QueryOf(req.target);
  const RuleSet* rules = nullptr;
  const auto package = query.find("package");
  if (package != query.end()) {
    rules = set->Find(package->second);
    if (rules == nullptr) {
      return Error(404, "E_UNKNOWN_PACKAGE",
                   {"no package '" + package->second + "' is loaded (see /v1/packages)",
                    "không có gói luật '" + package->second + "' nào được nạp (xem /v1/packages)"},
                   lang);
    }
  } else if (set->packages.size() == 1) {
    rules = &set->packages.front();
  } else {
    return Error(400, "E_PACKAGE_NEEDED",
                 {"several packages are loaded: choose one with package=ID (see /v1/packages)",
                  "đang nạp nhiều gói luật: chọn một bằng package=ID (xem /v1/packages)"},
                 lang);
  }

  if (path == "/v1/schema/household") return Json(HouseholdSchema(*rules));
  // A listing: the package it is of, then the array named `key` (closed by the caller).
  auto listing = [&](JsonWriter& w, const char* key) {
    w.BeginObject().Key("package").String(rules->info().id).Key("version").String(rules->info().version);
    w.Key("hash").String(rules->info().hash).Key(key).BeginArray();
  };
  if (path == "/v1/benefits") {
    JsonWriter w;
    listing(w, "benefits");
    for (const BenefitInfo& b : rules->benefits()) {
      w.BeginObject().Key("id").String(b.id).Key("label");
      LabelObject(w, b.label);
      w.Key("applies_to").String(ToString(b.applies_to));
      w.Key("reference").String(b.reference);
      w.Key("group").String(b.group);
      w.Key("unit").String(b.unit == BenefitUnit::kMoney ? "money" : "percent");
      w.Key("frequency").String(b.frequency == Frequency::kMonthly ? "monthly" : "once");
      w.Key("from");
      if (b.from) { w.String(b.from->ToString()); } else { w.Null(); }
      w.Key("to");
      if (b.to) { w.String(b.to->ToString()); } else { w.Null(); }
      w.EndObject();
    }
    w.EndArray().EndObject();
    return Json(w.Take());
  }
  if (path == "/v1/parameters") {
    JsonWriter w;
    listing(w, "parameters");
    for (const ParameterInfo& p : rules->parameters()) {
      w.BeginObject().Key("name").String(p.name).Key("label");
      LabelObject(w, p.label);
      w.Key("unit").String(p.unit).Key("reference").String(p.reference).Key("steps").BeginArray();
      for (const ParameterStepInfo& s : p.steps) {
        w.BeginObject().Key("from").String(s.from.ToString()).Key("value").String(s.value);
        w.Key("reference").String(s.reference).Key("provisional").Bool(s.provisional).EndObject();
      }
      w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
    return Json(w.Take());
  }

  // POST /v1/evaluate, /v1/explain
  if (!req.content_type.empty() && !IsJsonType(req.content_type)) {
    return Error(415, "E_CONTENT_TYPE",
                 {"send the households as application/json (got " + std::string(req.content_type) + ")",
                  "hãy gửi các hộ dưới dạng application/json (nhận được " + std::string(req.content_type) + ")"},
                 lang);
  }
  const When2 when = ParseWhen(query);
  if (!when.when) return Error(400, "E_WHEN", when.error, lang);
  const bool explain = path == "/v1/explain";
  Detail level = explain ? Detail::kReasons : Detail::kFull;
  const auto detail = query.find("detail");
  if (detail != query.end()) {
    const std::optional<Detail> d = ParseDetail(detail->second);
    if (!d) {
      return Error(400, "E_DETAIL",
                   {"detail=" + detail->second + " is not summary, reasons or full",
                    "detail=" + detail->second + " không phải summary, reasons hay full"},
                   lang);
    }
    level = *d;
  }
  auto flag = [&](const char* name) {
    const auto it = query.find(name);
    return it != query.end() && (it->second == "true" || it->second == "1");
  };
  // A body that is not JSON is refused whole, with the place (a file would give R_SYNTAX records).
  if (auto e = internal::CheckJsonText(req.body)) return Error(400, e->code, Placed(*e), lang, e->line, e->column);
  const size_t start = internal::JsonTextStart(req.body);
  const char first = req.body[start];
  if (first != '{' && first != '[') {
    const internal::JsonTextError e =
        internal::JsonTextErrorAt(req.body, start, "J_NOT_RECORDS", "expected a household object or an array of them",
                                  "cần một hộ (một đối tượng JSON) hoặc một mảng các hộ");
    return Error(400, e.code, Placed(e), lang, e.line, e.column);
  }
  Response r;
  // The access log carries a hash of the (first) household's id, never the id.
  const std::string id = internal::RecoverJsonId(first == '[' ? req.body.substr(start + 1) : req.body);
  if (!id.empty()) r.household_hash = HashId(id);
  if (!explain) {
    // The one path of the CLI and the C API (io/text_evaluate.hpp): an object
    // answers as `eval --format jsonl`, an array as `eval --format json`.
    internal::TextEvaluateOptions options;
    options.format = RecordFormat::kJson;
    options.layout = first == '[' ? internal::DecisionLayout::kJsonArray : internal::DecisionLayout::kJsonLines;
    options.detail = level;
    options.explain = flag("explain");
    options.read.strict = flag("strict");
    options.name = "request";
    internal::EvaluateText(*rules, req.body, *when.when, options, &r.body);
    return r;
  }
  // POST /v1/explain: one household, as `ansinh explain` gives it, in both languages.
  internal::TextExplainOptions options;
  options.format = RecordFormat::kJson;
  const auto household = query.find("household");
  if (household != query.end()) options.household = household->second;
  options.detail = level;
  options.read.strict = flag("strict");
  options.name = "request";
  internal::TextExplanation vi, en;
  try {
    options.lang = Language::kVi;
    vi = internal::ExplainText(*rules, req.body, *when.when, options);
    options.lang = Language::kEn;
    en = internal::ExplainText(*rules, req.body, *when.when, options);
  } catch (const UsageError& e) {
    return Error(400, "E_HOUSEHOLD", {e.what(), e.message_vi().empty() ? e.what() : e.message_vi()}, lang);
  }
  JsonWriter w;
  w.BeginObject().Key("ok").Bool(vi.ok);
  w.Key("brief").BeginObject().Key("vi").Raw(vi.brief_json).Key("en").Raw(en.brief_json).EndObject();
  w.Key("text").BeginObject().Key("vi").String(vi.text).Key("en").String(en.text).EndObject();
  w.EndObject();
  r.body = w.Take();
  r.body += '\n';
  return r;
}

std::string HouseholdSchema(const RuleSet& rules) {
  JsonWriter w;
  w.BeginObject();
  w.Key("$schema").String("https://json-schema.org/draft/2020-12/schema");
  w.Key("$id").String("urn:ansinh:" + rules.info().id + ":" + rules.info().version + ":household");
  w.Key("title").String("Hộ gia đình — " + rules.info().name.vi);
  w.Key("description").String("A household record of package " + rules.info().id + " " + rules.info().version +
                              " (" + rules.info().hash + "); null = not given (unknown)");
  w.Key("x-ansinh-package").String(rules.info().id);
  w.Key("x-ansinh-hash").String(rules.info().hash);
  EntitySchema(w, rules.schema().fields(Entity::kHousehold), true);
  w.Key("$defs").BeginObject().Key("person").BeginObject();
  EntitySchema(w, rules.schema().fields(Entity::kPerson), false);
  w.EndObject().EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace ansinh::serve
