// Internal: one rule file parsed with yaml-cpp, and positions inside it.
//
// The only place where a yaml-cpp Mark becomes a file position (OffsetOf).
// yaml-cpp types stay inside lib/yaml: nothing here is included elsewhere.
#ifndef ANSINH_LIB_YAML_YAML_SOURCE_HPP_
#define ANSINH_LIB_YAML_YAML_SOURCE_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "common/sources.hpp"

namespace ansinh::yaml {

using internal::DiagnosticSink;
using internal::Loc;
using internal::Message;
using internal::Sources;

// YAML nesting allowed in a rule file (the format needs about 8 levels).
inline constexpr uint32_t kMaxYamlDepth = 64;
// Nesting refused before parsing, by an estimate that may over-count a little.
inline constexpr uint32_t kMaxScanDepth = 2 * kMaxYamlDepth;
// Nodes visited in one file, aliases counted at every use (guards "billion laughs").
inline constexpr size_t kMaxYamlNodes = 500000;

// A node with the place diagnostics about it point at.
struct NodeRef {
  YAML::Node node;
  Loc loc;
  uint32_t length = 1;  // bytes to underline
};

// One key of a map with its value. For an empty value (`key:`) the value's
// location is the key's, since yaml-cpp marks it at the next token.
struct MapEntry {
  std::string key;
  NodeRef key_ref;
  NodeRef value;
};

// A parsed rule file. Holds a pointer to `sources`, which must outlive it.
// Not thread-safe (yaml-cpp nodes share state).
// Where the documents of a file are: its first content byte (npos if none)
// and the start of a second document (npos if none). A "---" before any
// content only opens the first document.
struct DocumentLayout {
  size_t first_content = std::string::npos;
  size_t second_document = std::string::npos;
};
DocumentLayout ScanDocuments(const std::string& text);

class YamlSource {
 public:
  YamlSource(const Sources& sources, uint32_t file);

  // Parses the file. On invalid YAML (E_YAML_SYNTAX, one per file), a
  // nesting/size limit (E_LIMIT) or a quoted text that runs on over the
  // following keys (E_UNTERMINATED_QUOTE, each) reports it and returns false.
  bool Parse(DiagnosticSink& sink);

  const YAML::Node& root() const noexcept { return root_; }
  uint32_t file() const noexcept { return file_; }
  const std::string& text() const noexcept { return sources_->file(file_).text; }
  const Sources& sources() const noexcept { return *sources_; }

  // Byte offset in text() of a yaml-cpp mark: the one conversion of yaml-cpp
  // positions (yaml-cpp counts bytes but skips a UTF-8 byte order mark).
  uint32_t OffsetOf(const YAML::Mark& mark) const noexcept;
  // 1-based position of byte `offset`.
  Loc LocAt(uint32_t offset) const { return sources_->LocOf(file_, offset); }
  // Where `node` starts (a quote, a block indicator, an anchor, the first key).
  Loc LocOf(const YAML::Node& node) const { return LocAt(OffsetOf(node.Mark())); }
  // How many bytes of the line `node` covers, for underlining (at least 1).
  uint32_t LengthOf(const YAML::Node& node) const;
  // A NodeRef at `node` itself.
  NodeRef Ref(const YAML::Node& node) const { return NodeRef{node, LocOf(node), LengthOf(node)}; }

  // The entries of map `node` in file order. Reports E_DUPLICATE_KEY for a
  // repeated key (the later one is dropped) and E_WRONG_TYPE for a key that
  // is not a scalar. `node` must be a map.
  std::vector<MapEntry> Entries(const YAML::Node& node, DiagnosticSink& sink) const;

 private:
  bool CheckDocuments(DiagnosticSink& sink) const;
  // E_BAD_TEXT for invalid UTF-8 and control characters (at most 10 per file).
  bool CheckText(DiagnosticSink& sink) const;
  // E_UNTERMINATED_QUOTE for each quoted scalar that runs over a `key:` line.
  bool CheckQuotes(DiagnosticSink& sink) const;
  // E_YAML_SYNTAX for yaml-cpp's `msg` at `offset`: a Tab named as a Tab, an
  // under-indented line shown as the line that is wrong.
  void ReportSyntax(const std::string& msg, uint32_t offset, DiagnosticSink& sink) const;
  bool CheckDepth(const YAML::Node& node, uint32_t depth, size_t& visited, DiagnosticSink& sink) const;
  bool IsExplicitNull(const YAML::Node& node) const;

  const Sources* sources_;
  uint32_t file_;
  uint32_t bom_ = 0;
  YAML::Node root_;
};

// "a map", "a list", "a text", "empty": for messages about wrong types.
const char* KindName(const YAML::Node& node);
// The same in Vietnamese: "một ánh xạ", "một danh sách", "một văn bản", "giá trị rỗng".
const char* KindNameVi(const YAML::Node& node);
// `what` of the readers' messages ("a value of parameter 'x'", "'when'") in
// Vietnamese: known phrases translated, quoted names kept.
std::string WhatVi(std::string_view what);

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_YAML_SOURCE_HPP_
