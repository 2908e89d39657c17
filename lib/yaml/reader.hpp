// Internal: reading typed values out of one rule file, reporting every problem.
//
// Each helper checks one value and, when it is wrong, reports a diagnostic
// that says what to write instead, and returns nullopt. Callers continue.
#ifndef ANSINH_LIB_YAML_READER_HPP_
#define ANSINH_LIB_YAML_READER_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ansinh/date.hpp"
#include "ansinh/decimal.hpp"
#include "ansinh/diagnostic.hpp"
#include "ansinh/value.hpp"
#include "model/package.hpp"
#include "yaml/yaml_source.hpp"

namespace ansinh::yaml {

// lower_snake_case ASCII: a letter, then letters, digits, '_'.
bool IsIdentifier(std::string_view s) noexcept;
// A package id: a letter or digit, then letters, digits, '-', '_', '.'.
bool IsPackageId(std::string_view s) noexcept;

// Reads values of one file. Holds references to the source and the sink,
// which must outlive it. Not thread-safe.
class Reader {
 public:
  Reader(const YamlSource& source, DiagnosticSink& sink) : source_(source), sink_(sink) {}

  const YamlSource& source() const noexcept { return source_; }
  DiagnosticSink& sink() noexcept { return sink_; }
  NodeRef Ref(const YAML::Node& node) const { return source_.Ref(node); }

  void Error(DiagnosticCode code, const NodeRef& at, Message message, std::string item = {});
  void Error(DiagnosticCode code, const Loc& loc, uint32_t length, Message message, std::string item = {});

  // The entries of a map; nullopt (after E_WRONG_TYPE) if `ref` is not a map.
  // `what` names the value in messages ("benefit", "'rounding'").
  std::optional<std::vector<MapEntry>> Map(const NodeRef& ref, std::string_view what);
  // The items of a list; nullopt (after E_WRONG_TYPE) if `ref` is not a list.
  std::optional<std::vector<NodeRef>> List(const NodeRef& ref, std::string_view what);
  // Reports E_UNKNOWN_KEY (with "Did you mean") for keys not in `allowed`.
  void CheckKeys(const std::vector<MapEntry>& entries, const std::vector<std::string>& allowed,
                 std::string_view what);
  // The entry `key`, or nullptr.
  static const MapEntry* Find(const std::vector<MapEntry>& entries, std::string_view key);
  // Reports E_MISSING_KEY at `map` unless `key` is present; returns the entry.
  const MapEntry* Require(const std::vector<MapEntry>& entries, const NodeRef& map, std::string_view key,
                          std::string_view what, std::string_view example);

  // A scalar as text (plain or quoted).
  std::optional<std::string> Text(const NodeRef& ref, std::string_view what);
  std::optional<std::string> Identifier(const NodeRef& ref, std::string_view what);
  std::optional<Date> DateValue(const NodeRef& ref, std::string_view what);
  // A number written without quotes: at most 6 decimals (E_BAD_NUMBER).
  std::optional<Decimal> Number(const NodeRef& ref, std::string_view what);
  // A whole number without quotes.
  std::optional<int64_t> Integer(const NodeRef& ref, std::string_view what);
  // An amount of money in whole VND: Integer, and E_BAD_NUMBER for a number
  // written with a thousands separator (`560.000` would read as 560 VND).
  std::optional<int64_t> Money(const NodeRef& ref, std::string_view what);
  // Reports E_BAD_NUMBER and returns true when a plain scalar written as an
  // amount of money is grouped in thousands with dots or commas.
  bool ThousandsSeparated(const NodeRef& ref);
  std::optional<bool> Bool(const NodeRef& ref, std::string_view what);
  // {vi, en} or a plain string (Vietnamese).
  std::optional<Label> LabelValue(const NodeRef& ref, std::string_view what);
  // An expression scalar with its position map.
  std::optional<model::ExprText> Expr(const NodeRef& ref, std::string_view what);

  // One word out of `choices` (E_BAD_VALUE with a suggestion otherwise).
  template <typename T>
  std::optional<T> Choice(const NodeRef& ref, std::string_view what,
                          const std::vector<std::pair<std::string, T>>& choices) {
    std::vector<std::string> words;
    for (const auto& c : choices) words.push_back(c.first);
    const std::optional<std::string> word = ChoiceWord(ref, what, words);
    if (!word) return std::nullopt;
    for (const auto& c : choices) {
      if (c.first == *word) return c.second;
    }
    return std::nullopt;
  }
  std::optional<std::string> ChoiceWord(const NodeRef& ref, std::string_view what,
                                        const std::vector<std::string>& words);

 private:
  bool IsPlain(const NodeRef& ref) const;

  const YamlSource& source_;
  DiagnosticSink& sink_;
};

// Common choice lists.
const std::vector<std::pair<std::string, Entity>>& EntityChoices();
const std::vector<std::pair<std::string, model::MonthRule>>& MonthRuleChoices();

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_READER_HPP_
