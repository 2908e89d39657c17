// Source positions (Sources::Line/LocOf/Public), the diagnostic sink, and the
// "did you mean" suggestions of lib/common/sources.hpp.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "common/sources.hpp"

namespace {

using ansinh::DiagnosticCode;
using ansinh::internal::DiagnosticSink;
using ansinh::internal::Loc;
using ansinh::internal::Sources;
using ansinh::internal::Suggest;

void CheckLoc(const Loc& loc, uint32_t file, uint32_t line, uint32_t column) {
  CHECK(loc.file == file);
  CHECK(loc.line == line);
  CHECK(loc.column == column);
}

}  // namespace

TEST_CASE("Sources::Line strips CR/LF and handles edges", "[sources]") {
  Sources sources;
  CHECK(sources.Add("first.yaml", "unused") == 0);
  const uint32_t f = sources.Add("rules/a.yaml", "a: 1\r\nbb: 2\n\nlast");
  CHECK(f == 1);
  CHECK(sources.size() == 2);
  CHECK(sources.file(f).path == "rules/a.yaml");
  CHECK(sources.Line(f, 1) == "a: 1");
  CHECK(sources.Line(f, 2) == "bb: 2");
  CHECK(sources.Line(f, 3).empty());
  CHECK(sources.Line(f, 4) == "last");
  CHECK(sources.Line(f, 5).empty());
  CHECK(sources.Line(f, 0).empty());
  CHECK(sources.Line(7, 1).empty());
  const uint32_t g = sources.Add("b.yaml", "x\n");
  CHECK(sources.Line(g, 1) == "x");
  CHECK(sources.Line(g, 2).empty());
  const uint32_t e = sources.Add("empty.yaml", "");
  CHECK(sources.Line(e, 1).empty());
}

TEST_CASE("Sources::LocOf gives 1-based line and byte column", "[sources]") {
  Sources sources;
  const uint32_t f = sources.Add("a.yaml", "a: 1\r\nbb: 2\n\nlast");
  CheckLoc(sources.LocOf(f, 0), f, 1, 1);
  CheckLoc(sources.LocOf(f, 3), f, 1, 4);
  CheckLoc(sources.LocOf(f, 5), f, 1, 6);   // the '\n' belongs to its line
  CheckLoc(sources.LocOf(f, 6), f, 2, 1);
  CheckLoc(sources.LocOf(f, 7), f, 2, 2);
  CheckLoc(sources.LocOf(f, 12), f, 3, 1);
  CheckLoc(sources.LocOf(f, 13), f, 4, 1);
  CheckLoc(sources.LocOf(f, 17), f, 4, 5);  // end of file
  const uint32_t u = sources.Add("u.yaml", "tên: é x\n");
  CheckLoc(sources.LocOf(u, static_cast<uint32_t>(std::string("tên: é ").size())), u, 1, 10);  // bytes
  CHECK_FALSE(sources.LocOf(9, 0).known());
  const ansinh::SourceLocation pub = sources.Public(sources.LocOf(f, 7));
  CHECK(pub.file == "a.yaml");
  CHECK(pub.line == 2);
  CHECK(pub.column == 2);
  CHECK_FALSE(sources.Public(Loc{}).known());
  CHECK(sources.Public(Loc{}).file.empty());
}

TEST_CASE("DiagnosticSink fills lines, counts errors, sorts and de-duplicates", "[sources]") {
  Sources sources;
  const uint32_t a = sources.Add("a.yaml", "one\ntwo: Hà Nội\n");
  const uint32_t b = sources.Add("b.yaml", "x\n");
  DiagnosticSink sink(&sources);
  sink.Error(DiagnosticCode::kBadValue, sources.LocOf(b, 0), "late file", 0);
  sink.Warning(DiagnosticCode::kShadowedName, sources.LocOf(a, 6), "shadow", 3, "variable v");
  sink.Error(DiagnosticCode::kBadValue, sources.LocOf(a, 5), "first");
  sink.Error(DiagnosticCode::kBadValue, sources.LocOf(a, 5), "first");  // exact duplicate
  sink.Error(DiagnosticCode::kUnknownKey, sources.LocOf(a, 5), "same place, other code");
  CHECK(sink.has_errors());
  CHECK(sink.error_count() == 4);
  const ansinh::Diagnostic& late = sink.diagnostics()[0];
  CHECK(late.length == 1);  // 0 becomes 1
  CHECK(late.source_line == "x");
  CHECK(late.location.file == "b.yaml");
  const ansinh::Diagnostic& shadow = sink.diagnostics()[1];
  CHECK(shadow.source_line == "two: Hà Nội");
  CHECK(shadow.severity == ansinh::Severity::kWarning);
  CHECK(shadow.item == "variable v");
  CHECK(shadow.location.column == 3);
  sink.Sort();
  const auto& d = sink.diagnostics();
  REQUIRE(d.size() == 4);
  CHECK(d[0].message == "first");
  CHECK(d[1].message == "same place, other code");  // stable among equal positions
  CHECK(d[2].message == "shadow");
  CHECK(d[3].message == "late file");

  DiagnosticSink no_sources(nullptr);
  no_sources.Warning(DiagnosticCode::kUnusedParameter, Loc{}, "w");
  CHECK_FALSE(no_sources.has_errors());
  CHECK(no_sources.diagnostics().at(0).location.file.empty());
  CHECK(no_sources.diagnostics().at(0).source_line.empty());
}

TEST_CASE("Suggest: closest candidate within max(1, len/3) edits", "[sources][suggest]") {
  CHECK(Suggest("persn", {"household", "person"}) == "person");
  CHECK(Suggest("age_month", {"age_years", "age_months"}) == "age_months");
  CHECK(Suggest("incme", {"outcome", "income"}) == "income");  // closest, not first
  CHECK(Suggest("cat", {"bat", "hat"}) == "bat");              // ties: the first one
  CHECK(Suggest("Person", {"person"}) == "person");
  CHECK(Suggest("xyz", {"person"}).empty());
  CHECK(Suggest("x", {}).empty());
  CHECK(Suggest("abcdefghi", {"abcxyzghi"}) == "abcxyzghi");  // 3 edits, limit 9/3 = 3
  CHECK(Suggest("abcdefghi", {"abwxyzghi"}).empty());         // 4 edits
  CHECK(Suggest("ab", {"ba"}).empty());                       // a transposition costs 2
}

TEST_CASE("Suggest: containment fallback, never the word itself", "[sources][suggest]") {
  CHECK(Suggest("poverty", {"area", "poverty_line"}) == "poverty_line");
  CHECK(Suggest("monthly_income_total", {"income"}) == "income");
  CHECK(Suggest("abc", {"abcdef"}).empty());   // too short for the fallback
  CHECK(Suggest("abcd", {"xabcdx_long_name"}) == "xabcdx_long_name");
  CHECK(Suggest("long_word", {"word"}) == "word");
  CHECK(Suggest("long_word", {"wor"}).empty());  // candidate too short
  CHECK(Suggest("person", {"person"}).empty());
  // The exact word is skipped by the fallback too (it used to suggest "income" for "income").
  CHECK(Suggest("income", {"income", "income_total"}) == "income_total");
}

TEST_CASE("WithSuggestion", "[sources][suggest]") {
  using ansinh::internal::WithSuggestion;
  CHECK(WithSuggestion(std::string("Unknown name 'persn'."), "persn", {"person"}) ==
        "Unknown name 'persn'. Did you mean 'person'?");
  CHECK(WithSuggestion(std::string("Unknown name 'zzz'."), "zzz", {"person"}) == "Unknown name 'zzz'.");
  // Both languages: the Vietnamese text gets "Ý bạn là".
  const ansinh::internal::Message both =
      WithSuggestion(ansinh::internal::Message("unknown key 'x'.", "khóa 'x' không có."), "persn", {"person"});
  CHECK(both.en == "unknown key 'x'. Did you mean 'person'?");
  CHECK(both.vi == "khóa 'x' không có. Ý bạn là 'person'?");
}
