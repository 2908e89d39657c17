// Internal: the text of every rule file loaded, and positions inside it.
#ifndef ANSINH_LIB_COMMON_SOURCES_HPP_
#define ANSINH_LIB_COMMON_SOURCES_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/diagnostic.hpp"
#include "ansinh/source_location.hpp"

namespace ansinh::internal {

// A position in a loaded file: file index + 1-based line/column. Cheap to copy.
struct Loc {
  uint32_t file = UINT32_MAX;  // index into Sources; UINT32_MAX = unknown
  uint32_t line = 0;           // 1-based
  uint32_t column = 0;         // 1-based, bytes
  bool known() const noexcept { return file != UINT32_MAX && line != 0; }
};

struct SourceFile {
  std::string path;     // as shown in diagnostics
  std::string text;     // full content
  std::vector<uint32_t> line_starts;  // byte offset of each line start
};

// All files of a load. Append-only; indices stay valid.
class Sources {
 public:
  uint32_t Add(std::string path, std::string text);
  const SourceFile& file(uint32_t index) const { return files_[index]; }
  size_t size() const noexcept { return files_.size(); }
  // The text of `line` (1-based) without its newline; empty if out of range.
  std::string_view Line(uint32_t file, uint32_t line) const;
  // 1-based line/column of byte `offset` in `file`.
  Loc LocOf(uint32_t file, uint32_t offset) const;
  SourceLocation Public(const Loc& loc) const;

 private:
  std::vector<SourceFile> files_;
};

// A diagnostic's message in English and Vietnamese. Built from English only
// (implicitly), it has no Vietnamese text: Format then shows the catalogue's
// Vietnamese meaning of the code with the English message (MessageIn).
struct Message {
  Message(std::string english) : en(std::move(english)) {}  // NOLINT: implicit on purpose
  Message(const char* english) : en(english) {}              // NOLINT
  Message(std::string english, std::string vietnamese) : en(std::move(english)), vi(std::move(vietnamese)) {}
  std::string en;
  std::string vi;
};

// Collects diagnostics, filling in the source line for the caret display.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(const Sources* sources) : sources_(sources) {}
  void Report(DiagnosticCode code, Severity severity, const Loc& loc, Message message,
              uint32_t length = 1, std::string item = {});
  void Error(DiagnosticCode code, const Loc& loc, Message message, uint32_t length = 1,
             std::string item = {}) {
    Report(code, Severity::kError, loc, std::move(message), length, std::move(item));
  }
  void Warning(DiagnosticCode code, const Loc& loc, Message message, uint32_t length = 1,
               std::string item = {}) {
    Report(code, Severity::kWarning, loc, std::move(message), length, std::move(item));
  }
  bool has_errors() const noexcept { return errors_ > 0; }
  size_t error_count() const noexcept { return errors_; }
  std::vector<Diagnostic>& diagnostics() noexcept { return diagnostics_; }
  // Sorts by file, line, column (stable), removing exact duplicates.
  void Sort();

 private:
  const Sources* sources_;
  std::vector<Diagnostic> diagnostics_;
  size_t errors_ = 0;
};

// "Did you mean ...?": the closest candidate by edit distance, or empty when
// none is close enough (distance <= max(1, len/3)).
std::string Suggest(std::string_view word, const std::vector<std::string>& candidates);
// Appends " Did you mean 'x'?" to `message` when Suggest finds one.
std::string WithSuggestion(std::string message, std::string_view word,
                           const std::vector<std::string>& candidates);
// The same in both languages (" Ý bạn là 'x'?" in Vietnamese).
Message WithSuggestion(Message message, std::string_view word, const std::vector<std::string>& candidates);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_SOURCES_HPP_
