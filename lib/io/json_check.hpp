// Internal: is a text one JSON document, and if not, where does it stop
// being one (line:column)? For `ansinh serve`, which answers a body that is not
// JSON with 400 and the place (io/text_evaluate.hpp would read it as records
// with R_SYNTAX, as a file's).
#ifndef ANSINH_LIB_IO_JSON_CHECK_HPP_
#define ANSINH_LIB_IO_JSON_CHECK_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ansinh::internal {

// Why a text is not one JSON document (RFC 8259), and where.
struct JsonTextError {
  uint64_t line = 0;    // 1-based
  uint64_t column = 0;  // 1-based, in bytes
  std::string code;     // "J_SYNTAX", "J_EMPTY"
  std::string message;     // English
  std::string message_vi;  // Vietnamese
};

// nullopt when `text` is one valid JSON document; else the first error.
std::optional<JsonTextError> CheckJsonText(std::string_view text);

// The offset of the first byte of the document (after a UTF-8 byte order mark
// and white space); text.size() when there is none.
size_t JsonTextStart(std::string_view text) noexcept;

// The error `code`/`message`/`message_vi` placed at byte `offset` of `text`.
JsonTextError JsonTextErrorAt(std::string_view text, size_t offset, std::string code, std::string message,
                              std::string message_vi);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_JSON_CHECK_HPP_
