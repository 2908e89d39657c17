// The C API (include/ansinh/ansinh.h): a thin layer over the public C++ API
// and the text evaluation of lib/io (io/text_evaluate.hpp, shared with the
// HTTP service). Every entry point catches everything: no exception crosses
// into C.
#include "ansinh/ansinh.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/decision.hpp"
#include "ansinh/error.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/version.hpp"
#include "io/text_evaluate.hpp"

struct ansinh_diagnostic {
  ansinh::Diagnostic d;
  std::string code;  // CodeName, NUL-terminated
  std::string text;  // Format(d) in English, like the error message
};

struct ansinh_rules {
  ansinh::RuleSet rules;
  std::vector<ansinh_diagnostic> warnings;
};

struct ansinh_error {
  ansinh_status status = ANSINH_ERROR_INTERNAL;
  std::string message;
  std::vector<ansinh_diagnostic> diagnostics;
};

namespace {

// Returned when even the error object cannot be allocated; never freed.
ansinh_error g_out_of_memory{ANSINH_ERROR_MEMORY, "out of memory", {}};

std::vector<ansinh_diagnostic> Wrap(const std::vector<ansinh::Diagnostic>& diagnostics) {
  std::vector<ansinh_diagnostic> out;
  out.reserve(diagnostics.size());
  for (const ansinh::Diagnostic& d : diagnostics) {
    out.push_back({d, std::string(ansinh::CodeName(d.code)), ansinh::Format(d, ansinh::Language::kEn)});
  }
  return out;
}

// A failure: the status, and the error object when the caller asked for one.
ansinh_status Fail(ansinh_error** error, ansinh_status status, std::string message,
                   std::vector<ansinh_diagnostic> diagnostics = {}) noexcept {
  if (error == nullptr) return status;
  try {
    *error = new ansinh_error{status, std::move(message), std::move(diagnostics)};
  } catch (...) {
    *error = &g_out_of_memory;
  }
  return status;
}

// Runs `body` (which returns ANSINH_OK or throws) with every exception turned
// into a status and an error object.
template <typename Body>
ansinh_status Guard(ansinh_error** error, Body&& body) noexcept {
  if (error != nullptr) *error = nullptr;
  try {
    return body();
  } catch (const ansinh::RuleError& e) {
    try {
      return Fail(error, ANSINH_ERROR_RULES, e.what(), Wrap(e.diagnostics()));
    } catch (...) {
      return Fail(error, ANSINH_ERROR_MEMORY, "out of memory");
    }
  } catch (const ansinh::InputError& e) {
    return Fail(error, ANSINH_ERROR_INPUT, e.what());
  } catch (const ansinh::UsageError& e) {
    return Fail(error, ANSINH_ERROR_USAGE, e.what());
  } catch (const std::bad_alloc&) {
    return Fail(error, ANSINH_ERROR_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return Fail(error, ANSINH_ERROR_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return Fail(error, ANSINH_ERROR_INTERNAL, "internal error: an unknown exception");
  }
}

// A copy of `text` for the caller (freed by ansinh_string_free).
char* Give(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return out;
}

void NeedText(const char* text, const char* what) {
  if (text == nullptr) throw ansinh::UsageError(std::string(what) + " is NULL");
}

// period / as_of -> When, as `ansinh eval --period/--as-of` reads them.
ansinh::When ParseWhen(const char* period, const char* as_of) {
  if ((period == nullptr) == (as_of == nullptr)) {
    throw ansinh::UsageError("give exactly one of period (YYYY-MM, a month) or as_of (YYYY-MM-DD, a day)");
  }
  if (as_of != nullptr) {
    const auto d = ansinh::Date::Parse(as_of);
    if (!d) throw ansinh::UsageError(std::string("as_of ") + as_of + " is not a date: write YYYY-MM-DD, e.g. 2024-07-01");
    return ansinh::When::AsOf(*d);
  }
  const auto m = ansinh::YearMonth::Parse(period);
  if (!m) throw ansinh::UsageError(std::string("period ") + period + " is not a month: write YYYY-MM, e.g. 2024-07");
  return ansinh::When::Month(*m);
}

ansinh::Detail ParseDetail(const char* detail, ansinh::Detail fallback) {
  if (detail == nullptr) return fallback;
  const auto parsed = ansinh::ParseDetail(detail);
  if (!parsed) throw ansinh::UsageError(std::string("detail ") + detail + " is not summary, reasons or full");
  return *parsed;
}

ansinh::Language ParseLang(const char* lang) {
  if (lang == nullptr || std::strcmp(lang, "vi") == 0) return ansinh::Language::kVi;
  if (std::strcmp(lang, "en") == 0) return ansinh::Language::kEn;
  throw ansinh::UsageError(std::string("lang ") + lang + " is not vi or en");
}

constexpr unsigned kKnownFlags = ANSINH_ALLOW_OUTSIDE | ANSINH_JSON_LINES | ANSINH_JSON_ARRAY | ANSINH_EXPLAIN |
                                 ANSINH_STRICT;

void CheckFlags(unsigned flags) {
  if ((flags & ~kKnownFlags) != 0) throw ansinh::UsageError("unknown flags: " + std::to_string(flags & ~kKnownFlags));
}

const ansinh_diagnostic* At(const std::vector<ansinh_diagnostic>& list, size_t index) {
  return index < list.size() ? &list[index] : nullptr;
}

const char* Empty() { return ""; }

}  // namespace

extern "C" {

const char* ansinh_version(void) { return ansinh::Version(); }

const char* ansinh_status_name(ansinh_status status) {
  switch (status) {
    case ANSINH_OK: return "ANSINH_OK";
    case ANSINH_ERROR_RULES: return "ANSINH_ERROR_RULES";
    case ANSINH_ERROR_INPUT: return "ANSINH_ERROR_INPUT";
    case ANSINH_ERROR_USAGE: return "ANSINH_ERROR_USAGE";
    case ANSINH_ERROR_MEMORY: return "ANSINH_ERROR_MEMORY";
    case ANSINH_ERROR_INTERNAL: return "ANSINH_ERROR_INTERNAL";
  }
  return "ANSINH_UNKNOWN_STATUS";
}

ansinh_status ansinh_rules_load(const char* path, const char* const* roots, size_t root_count, unsigned flags,
                                ansinh_rules** rules, ansinh_error** error) {
  return Guard(error, [&] {
    if (rules == nullptr) throw ansinh::UsageError("rules (the result) is NULL");
    *rules = nullptr;
    NeedText(path, "path");
    CheckFlags(flags);
    if (root_count > 0 && roots == nullptr) throw ansinh::UsageError("roots is NULL but root_count is not 0");
    ansinh::LoadOptions options;
    for (size_t i = 0; i < root_count; ++i) {
      NeedText(roots[i], "a root");
      options.roots.emplace_back(roots[i]);
    }
    options.allow_outside = (flags & ANSINH_ALLOW_OUTSIDE) != 0;
    ansinh::LoadResult loaded = ansinh::LoadRules(path, options);
    if (!loaded.ok()) {
      throw ansinh::RuleError(loaded.diagnostics());
    }
    std::vector<ansinh_diagnostic> warnings = Wrap(loaded.diagnostics());
    *rules = new ansinh_rules{std::move(loaded).Release(), std::move(warnings)};
    return ANSINH_OK;
  });
}

void ansinh_rules_free(ansinh_rules* rules) { delete rules; }

const char* ansinh_rules_id(const ansinh_rules* rules) { return rules ? rules->rules.info().id.c_str() : Empty(); }
const char* ansinh_rules_version(const ansinh_rules* rules) {
  return rules ? rules->rules.info().version.c_str() : Empty();
}
const char* ansinh_rules_hash(const ansinh_rules* rules) { return rules ? rules->rules.info().hash.c_str() : Empty(); }
size_t ansinh_rules_diagnostic_count(const ansinh_rules* rules) { return rules ? rules->warnings.size() : 0; }
const ansinh_diagnostic* ansinh_rules_diagnostic(const ansinh_rules* rules, size_t index) {
  return rules ? At(rules->warnings, index) : nullptr;
}

ansinh_status ansinh_evaluate(const ansinh_rules* rules, const char* records, size_t length, const char* period,
                              const char* as_of, const char* detail, unsigned flags, char** decisions,
                              size_t* decisions_length, ansinh_error** error) {
  return Guard(error, [&] {
    if (decisions == nullptr) throw ansinh::UsageError("decisions (the result) is NULL");
    *decisions = nullptr;
    if (decisions_length != nullptr) *decisions_length = 0;
    if (rules == nullptr) throw ansinh::UsageError("rules is NULL");
    if (records == nullptr && length > 0) throw ansinh::UsageError("records is NULL");
    CheckFlags(flags);
    ansinh::internal::TextEvaluateOptions options;
    options.format = (flags & ANSINH_JSON_LINES) != 0 ? ansinh::RecordFormat::kJsonLines : ansinh::RecordFormat::kJson;
    options.layout = (flags & ANSINH_JSON_ARRAY) != 0 ? ansinh::internal::DecisionLayout::kJsonArray
                                                      : ansinh::internal::DecisionLayout::kJsonLines;
    options.detail = ParseDetail(detail, ansinh::Detail::kFull);
    options.explain = (flags & ANSINH_EXPLAIN) != 0;
    options.read.strict = (flags & ANSINH_STRICT) != 0;
    const ansinh::When when = ParseWhen(period, as_of);
    std::string out;
    ansinh::internal::EvaluateText(rules->rules, std::string_view(records ? records : "", length), when, options,
                                   &out);
    *decisions = Give(out);
    if (decisions_length != nullptr) *decisions_length = out.size();
    return ANSINH_OK;
  });
}

ansinh_status ansinh_explain(const ansinh_rules* rules, const char* records, size_t length, const char* household,
                             const char* period, const char* as_of, const char* detail, const char* lang,
                             unsigned flags, char** text, char** brief, ansinh_error** error) {
  return Guard(error, [&] {
    if (text != nullptr) *text = nullptr;
    if (brief != nullptr) *brief = nullptr;
    if (rules == nullptr) throw ansinh::UsageError("rules is NULL");
    if (records == nullptr && length > 0) throw ansinh::UsageError("records is NULL");
    CheckFlags(flags);
    ansinh::internal::TextExplainOptions options;
    options.format = (flags & ANSINH_JSON_LINES) != 0 ? ansinh::RecordFormat::kJsonLines : ansinh::RecordFormat::kJson;
    if (household != nullptr) options.household = household;
    options.lang = ParseLang(lang);
    options.detail = ParseDetail(detail, ansinh::Detail::kReasons);
    options.trace = (flags & ANSINH_EXPLAIN) != 0;
    options.read.strict = (flags & ANSINH_STRICT) != 0;
    const ansinh::When when = ParseWhen(period, as_of);
    const ansinh::internal::TextExplanation result =
        ansinh::internal::ExplainText(rules->rules, std::string_view(records ? records : "", length), when, options);
    char* t = text != nullptr ? Give(result.text) : nullptr;
    try {
      if (brief != nullptr) *brief = Give(result.brief_json);
    } catch (...) {
      std::free(t);
      throw;
    }
    if (text != nullptr) *text = t;
    return ANSINH_OK;
  });
}

void ansinh_string_free(char* text) { std::free(text); }

void ansinh_error_free(ansinh_error* error) {
  if (error != &g_out_of_memory) delete error;
}

ansinh_status ansinh_error_status(const ansinh_error* error) { return error ? error->status : ANSINH_OK; }
const char* ansinh_error_message(const ansinh_error* error) { return error ? error->message.c_str() : Empty(); }
size_t ansinh_error_diagnostic_count(const ansinh_error* error) { return error ? error->diagnostics.size() : 0; }
const ansinh_diagnostic* ansinh_error_diagnostic(const ansinh_error* error, size_t index) {
  return error ? At(error->diagnostics, index) : nullptr;
}

const char* ansinh_diagnostic_code(const ansinh_diagnostic* d) { return d ? d->code.c_str() : Empty(); }
int ansinh_diagnostic_code_value(const ansinh_diagnostic* d) { return d ? static_cast<int>(d->d.code) : -1; }
const char* ansinh_diagnostic_severity(const ansinh_diagnostic* d) {
  if (d == nullptr) return Empty();
  switch (d->d.severity) {
    case ansinh::Severity::kError: return "error";
    case ansinh::Severity::kWarning: return "warning";
    case ansinh::Severity::kNote: return "note";
  }
  return "error";
}
const char* ansinh_diagnostic_message(const ansinh_diagnostic* d) { return d ? d->d.message.c_str() : Empty(); }
const char* ansinh_diagnostic_file(const ansinh_diagnostic* d) { return d ? d->d.location.file.c_str() : Empty(); }
uint32_t ansinh_diagnostic_line(const ansinh_diagnostic* d) { return d ? d->d.location.line : 0; }
uint32_t ansinh_diagnostic_column(const ansinh_diagnostic* d) { return d ? d->d.location.column : 0; }
const char* ansinh_diagnostic_text(const ansinh_diagnostic* d) { return d ? d->text.c_str() : Empty(); }

}  // extern "C"
