// Internal: the figures of a row that every renderer shows alike — the JSON
// documents (as keys), the HTML and text tables (as columns under a header
// word) — described once per kind of row, so that the renderers cannot drift
// apart (issue 13: one shared table writer for the JSON and HTML renderers).
#ifndef ANSINH_LIB_REPORT_COLUMNS_HPP_
#define ANSINH_LIB_REPORT_COLUMNS_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "ansinh/diff.hpp"
#include "ansinh/report.hpp"
#include "common/json_writer.hpp"
#include "report/format.hpp"

namespace ansinh::report {

enum class Figure { kCount, kMoney, kSignedMoney };

template <typename Row>
struct Column {
  const char* key;   // JSON key
  const char* word;  // header: a key of the words (strings.cpp)
  Figure figure;
  int64_t (*value)(const Row&);
};

// Breakdown rows of a report (by area, commune, status).
const std::vector<Column<BreakdownRow>>& BreakdownColumns();
// Area and commune lines of a diff.
const std::vector<Column<DiffAreaLine>>& DiffAreaColumns();

// The figures of `row` as JSON members ("households": 12, ...).
template <typename Row>
void WriteFigures(internal::JsonWriter& w, const Row& row, const std::vector<Column<Row>>& columns) {
  for (const Column<Row>& c : columns) w.Key(c.key).Int(c.value(row));
}

// The header words of `columns`, after `first` (the row's name).
template <typename Row>
std::vector<std::string> FigureHeader(std::string first, const std::vector<Column<Row>>& columns, Language lang) {
  std::vector<std::string> out{std::move(first)};
  for (const Column<Row>& c : columns) out.push_back(W(c.word, lang));
  return out;
}

// The cells of `row` (formatted as the column says), after `first`.
template <typename Row>
std::vector<std::string> FigureCells(std::string first, const Row& row, const std::vector<Column<Row>>& columns,
                                     Language lang) {
  std::vector<std::string> out{std::move(first)};
  for (const Column<Row>& c : columns) {
    const int64_t v = c.value(row);
    switch (c.figure) {
      case Figure::kCount: out.push_back(Count(static_cast<uint64_t>(v), lang)); break;
      case Figure::kMoney: out.push_back(Money(v, lang)); break;
      case Figure::kSignedMoney: out.push_back(SignedMoney(v, lang)); break;
    }
  }
  return out;
}

// Right-aligned: every figure column (the first, the name, is not).
template <typename Row>
std::vector<bool> FigureAlignment(const std::vector<Column<Row>>& columns) {
  std::vector<bool> out(columns.size() + 1, true);
  out[0] = false;
  return out;
}

}  // namespace ansinh::report

#endif  // ANSINH_LIB_REPORT_COLUMNS_HPP_
