#include "io/json_check.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace ansinh::internal {
namespace {

// Accepts every event: the SAX parse of nlohmann::json only to learn where
// (and why) a text simdjson refused stops being JSON.
struct Locator : nlohmann::json_sax<nlohmann::json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    failed = true;
    offset = position;
    message = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> "syntax error ..."
    const size_t colon = message.find(": ");
    if (colon != std::string::npos) message.erase(0, colon + 2);
    return false;
  }
  bool failed = false;
  size_t offset = 0;
  std::string message;
};

}  // namespace

JsonTextError JsonTextErrorAt(std::string_view text, size_t offset, std::string code, std::string message,
                              std::string message_vi) {
  JsonTextError e;
  e.line = 1;
  size_t line_start = 0;
  if (offset > text.size()) offset = text.size();
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++e.line;
      line_start = i + 1;
    }
  }
  e.column = offset - line_start + 1;
  e.code = std::move(code);
  e.message = std::move(message);
  e.message_vi = std::move(message_vi);
  return e;
}

size_t JsonTextStart(std::string_view text) noexcept {
  size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  return i;
}

std::optional<JsonTextError> CheckJsonText(std::string_view text) {
  if (JsonTextStart(text) == text.size()) {
    return JsonTextErrorAt(text, text.size(), "J_EMPTY", "no JSON text: the body is empty",
                           "không có văn bản JSON: nội dung gửi lên trống");
  }
  // simdjson first (fast, and the parser the record reader uses); its refusals
  // are located by nlohmann::json's parser, which also decides the cases
  // simdjson refuses for its own limits (a number beyond 64 bits, depth): those
  // are JSON, and the record reader reports them per field.
  thread_local simdjson::dom::parser parser;
  const simdjson::padded_string padded(text);
  if (!parser.parse(padded).error()) return std::nullopt;
  Locator locator;
  nlohmann::json::sax_parse(text.begin(), text.end(), &locator, nlohmann::json::input_format_t::json, true);
  if (!locator.failed) return std::nullopt;
  // nlohmann counts the offending byte as read: the error is at the byte before.
  // nlohmann's reason stays English in the Vietnamese text, in brackets (as the system's reasons do).
  return JsonTextErrorAt(text, locator.offset > 0 ? locator.offset - 1 : 0, "J_SYNTAX", locator.message,
                         "không phải JSON hợp lệ (trình đọc JSON báo: " + locator.message + ")");
}

}  // namespace ansinh::internal
