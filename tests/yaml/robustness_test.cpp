// Mutated rule files never crash the loader, and every position it gives is
// inside the file.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "test_paths.hpp"
#include "yaml/sections.hpp"
#include "yaml/yaml_source.hpp"

namespace ansinh {
namespace {

struct Mutator {
  uint32_t seed;
  uint32_t Next() { return seed = seed * 1664525u + 1013904223u; }
  std::string Mutate(std::string text) {
    static const std::string kBytes = " \n\t:-[]{}\"'\\#|>&*!,?%@`\r\xC3\xA9\x00";
    const int edits = 1 + static_cast<int>(Next() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const size_t at = Next() % text.size();
      const char c = kBytes[Next() % kBytes.size()];
      switch (Next() % 4) {
        case 0: text[at] = c; break;
        case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        case 2: text.erase(at, 1 + Next() % 8); break;
        default: text.resize(at); break;
      }
    }
    return text;
  }
};

void CheckExpr(const internal::Sources& sources, const model::ExprText& e) {
  if (e.text.empty() && e.segments.empty()) return;
  REQUIRE_FALSE(e.segments.empty());
  CHECK(e.segments[0].offset == 0);
  const internal::SourceFile& f = sources.file(e.loc.file);
  for (uint32_t i = 0; i <= e.text.size(); ++i) {
    const internal::Loc at = e.At(i);
    CHECK(at.line >= 1);
    CHECK(at.line <= f.line_starts.size());
  }
}

void CheckItems(const internal::Sources& sources, const yaml::PackageItems& items) {
  for (const model::VariableDef& v : items.variables) CheckExpr(sources, v.formula);
  for (const model::BenefitDef& b : items.benefits) {
    for (const model::BenefitVersion& v : b.versions) {
      CheckExpr(sources, v.amount);
      for (const model::Condition& c : v.when) CheckExpr(sources, c.test);
    }
  }
  for (const model::CheckDef& c : items.checks) CheckExpr(sources, c.when);
  for (const model::IndicatorDef& i : items.indicators) {
    CheckExpr(sources, i.filter);
    CheckExpr(sources, i.numerator);
  }
}

void LoadText(const std::string& text, bool is_package_yaml) {
  internal::Sources sources;
  const uint32_t file = sources.Add("m.yaml", text);
  internal::DiagnosticSink sink(&sources);
  yaml::YamlSource source(sources, file);
  yaml::PackageItems items;
  yaml::PackageHeader header;
  if (source.Parse(sink)) {
    yaml::Reader reader(source, sink);
    yaml::ReadRuleFile(reader, items, is_package_yaml ? &header : nullptr);
    CheckItems(sources, items);
  }
  const size_t lines = sources.file(file).line_starts.size();
  for (const Diagnostic& d : sink.diagnostics()) {
    CHECK(d.location.line <= lines);
    if (d.location.known()) CHECK(d.location.column >= 1);
    CHECK_FALSE(d.message.empty());
  }
}

TEST_CASE("Mutated rule files never crash the loader", "[yaml][robustness]") {
  std::vector<std::string> seeds;
  for (const char* f : {"/good/minimal/schema.yaml", "/good/minimal/benefits/child.yaml", "/good/minimal/package.yaml",
                        "/bad/overlapping_periods/benefits.yaml", "/bad/test_invalid/tests.yaml"}) {
    std::ifstream in(std::string(ANSINH_TEST_DATA_DIR) + f, std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    REQUIRE_FALSE(seeds.back().empty());
  }
  // ANSINH_ROBUSTNESS_ROUNDS / _SEED run a longer or different campaign.
  const char* rounds_env = std::getenv("ANSINH_ROBUSTNESS_ROUNDS");
  const char* seed_env = std::getenv("ANSINH_ROBUSTNESS_SEED");
  const int rounds = rounds_env ? std::atoi(rounds_env) : 4000;
  Mutator m{seed_env ? static_cast<uint32_t>(std::atoi(seed_env)) : 2024u};
  for (int round = 0; round < rounds; ++round) {
    const std::string& seed = seeds[round % seeds.size()];
    LoadText(m.Mutate(seed), round % seeds.size() == 2);
  }
}

}  // namespace
}  // namespace ansinh
