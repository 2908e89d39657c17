// Bounds (issue 8), rule side: every limit of LoadOptions and of the loader
// gives a located diagnostic through LoadRules — never a crash, a stack
// overflow or unbounded memory — and `extends` never leaves the configured
// roots (symbolic links included). Record-side limits: records_bounds_test.cpp.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "ansinh/rule_set.hpp"
#include "reliability_util.hpp"
#include "test_paths.hpp"

using namespace reliability;
namespace fs = std::filesystem;

namespace {

// tests/data/good/minimal copied to `dir`/`name`, with its benefit's amount replaced.
std::string MinimalPackage(const Scratch& dir, const std::string& name, const std::string& amount = {}) {
  const std::string path = dir.Path(name);
  fs::copy(ANSINH_TEST_DATA_DIR + "/good/minimal", path, fs::copy_options::recursive);
  if (!amount.empty()) {
    std::string benefit = ReadFile(path + "/benefits/child.yaml");
    const std::string old = "amount: 1.5 * param.social_assistance_base";
    benefit.replace(benefit.find(old), old.size(), "amount: " + amount);
    dir.Write(name + "/benefits/child.yaml", benefit);
  }
  return path;
}

ansinh::LoadResult Load(const std::string& path, const ansinh::LoadOptions& options = {}) {
  return ansinh::LoadRules(path, options);
}

bool Has(const ansinh::LoadResult& r, const std::string& code, const std::string& words) {
  for (const ansinh::Diagnostic& d : r.diagnostics()) {
    if (ansinh::CodeName(d.code) == code && d.message.find(words) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("expression nesting depth: a located E_LIMIT through LoadRules", "[reliability][bounds]") {
  Scratch dir;
  const std::string deep = std::string(65, '(') + "1" + std::string(65, ')');
  const ansinh::LoadResult r = Load(MinimalPackage(dir, "deep", deep));
  INFO(r.Format());
  REQUIRE(!r.ok());
  REQUIRE(Has(r, "E_LIMIT", "nested too deeply"));
  CHECK(r.diagnostics().front().location.line == 9);
  CHECK(r.diagnostics().front().location.file.find("benefits/child.yaml") != std::string::npos);

  // 64 levels are allowed; a lower limit is honoured.
  const std::string ok = std::string(63, '(') + "1" + std::string(63, ')');
  CHECK(Load(MinimalPackage(dir, "ok", ok)).ok());
  ansinh::LoadOptions tight;
  tight.max_expression_depth = 8;
  CHECK(Has(Load(MinimalPackage(dir, "tight", "((((((((((1))))))))))"), tight), "E_LIMIT", "nested too deeply"));

  // Far deeper than any stack would allow if the parser recursed on it.
  const std::string abyss = std::string(100000, '(') + "1" + std::string(100000, ')');
  ansinh::LoadOptions long_ok;
  long_ok.max_expression_bytes = 1 << 20;
  CHECK(Has(Load(MinimalPackage(dir, "abyss", abyss), long_ok), "E_LIMIT", "nested too deeply"));
  CHECK(Has(Load(MinimalPackage(dir, "negs", std::string(100000, '-') + "1"), long_ok), "E_LIMIT", "nested"));
}

TEST_CASE("long operator chains are bounded by the length limit and do not overflow the stack",
          "[reliability][bounds]") {
  Scratch dir;
  std::string chain = "1";
  while (chain.size() < 8000) chain += " + 1";
  const ansinh::LoadResult r = Load(MinimalPackage(dir, "chain", chain));
  INFO(r.Format());
  // Either it compiles (and then evaluates) or it is a located diagnostic: never a crash.
  if (!r.ok()) CHECK(!r.diagnostics().empty());
}

TEST_CASE("expression length: E_LIMIT beyond LoadOptions::max_expression_bytes", "[reliability][bounds]") {
  Scratch dir;
  std::string sum = "0";
  while (sum.size() <= 8192) sum += " + (1 * param.social_assistance_base)";
  ansinh::LoadResult r = Load(MinimalPackage(dir, "long", sum));
  INFO(r.Format());
  CHECK(Has(r, "E_LIMIT", "too long"));
  ansinh::LoadOptions wide;
  wide.max_expression_bytes = 1 << 16;
  r = Load(MinimalPackage(dir, "wide", sum), wide);
  INFO(r.Format());
  CHECK(!Has(r, "E_LIMIT", "too long"));
}

TEST_CASE("file size and file count: E_LIMIT, the rest still reported", "[reliability][bounds]") {
  Scratch dir;
  const std::string path = MinimalPackage(dir, "big");
  dir.Write("big/notes.yaml", "# " + std::string(5u << 20, 'x') + "\n");  // over the 4 MiB default
  ansinh::LoadResult r = Load(path);
  CHECK(Has(r, "E_LIMIT", "bytes, more than the limit"));

  const std::string many = MinimalPackage(dir, "many");
  for (int i = 0; i < 10; ++i) dir.Write("many/extra/f" + std::to_string(i) + ".yaml", "# empty\n");
  ansinh::LoadOptions options;
  options.max_files = 5;
  r = Load(many, options);
  CHECK(Has(r, "E_LIMIT", "more than 5 rule files"));
}

TEST_CASE("YAML nesting, aliases and folder depth are bounded", "[reliability][bounds]") {
  Scratch dir;
  std::string path = MinimalPackage(dir, "nest");
  dir.Write("nest/deep.yaml", "x: " + std::string(100, '[') + std::string(100, ']') + "\n");
  CHECK(Has(Load(path), "E_LIMIT", "nested"));

  path = MinimalPackage(dir, "abyss");  // yaml-cpp itself would recurse 200,000 levels
  dir.Write("abyss/deep.yaml", "x: " + std::string(200000, '[') + "\n");
  CHECK(Has(Load(path), "E_LIMIT", "nested"));

  path = MinimalPackage(dir, "bomb");  // "billion laughs"
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const char p = static_cast<char>(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [*" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p +
            ", *" + p + ", *" + p + ", *" + p + ", *" + p + "]\n";
  }
  dir.Write("bomb/bomb.yaml", bomb);
  CHECK(Has(Load(path), "E_LIMIT", "YAML nodes"));

  path = MinimalPackage(dir, "folders");
  std::string rel = "folders";
  for (int i = 0; i < 40; ++i) rel += "/d";
  dir.Write(rel + "/x.yaml", "# deep\n");
  CHECK(Has(Load(path), "E_LIMIT", "nested deeper than"));
}

TEST_CASE("extends cannot leave the configured roots", "[reliability][bounds][extends]") {
  Scratch dir;
  dir.Write("outside/package.yaml", "id: secret\n");
  dir.Write("ws/ansinh-workspace.yaml", "workspace: test\n");
  dir.Write("ws/base/package.yaml", "id: base\n");
  const std::string pkg = dir.Path("ws/pkg");

  dir.Write("ws/pkg/package.yaml", "id: pkg\nextends: [../../outside]\n");
  CHECK(Has(Load(pkg), "E_EXTENDS_OUTSIDE_ROOT", "outside the workspace"));

  // By id: packages outside the roots are not even looked at.
  dir.Write("ws/pkg/package.yaml", "id: pkg\nextends: [secret]\n");
  CHECK(Has(Load(pkg), "E_EXTENDS_NOT_FOUND", "no package with id 'secret'"));

  // Through a symbolic link inside the workspace that points out of it.
  fs::create_directory_symlink(dir.Path("outside"), dir.Path("ws/escape"));
  dir.Write("ws/pkg/package.yaml", "id: pkg\nextends: [../escape]\n");
  CHECK(Has(Load(pkg), "E_EXTENDS_OUTSIDE_ROOT", "outside the workspace"));

  // An absolute path is no package reference at all.
  dir.Write("ws/pkg/package.yaml", "id: pkg\nextends: [" + dir.Path("outside") + "]\n");
  CHECK(Has(Load(pkg), "E_BAD_VALUE", "neither a package id nor a relative path"));

  // A narrower --root: the sibling inside the workspace is now outside.
  dir.Write("ws/pkg/package.yaml", "id: pkg\nextends: [../base]\n");
  CHECK(Load(pkg).ok());
  ansinh::LoadOptions narrow;
  narrow.roots = {pkg};
  CHECK(Has(Load(pkg, narrow), "E_EXTENDS_OUTSIDE_ROOT", "outside the workspace"));
}

TEST_CASE("symbolic link loops and missing files are diagnostics", "[reliability][bounds][extends]") {
  Scratch dir;
  std::string path = MinimalPackage(dir, "loop");
  fs::create_directory_symlink("..", dir.Path("loop/benefits/up"));  // loop/benefits/up -> loop
  ansinh::LoadResult r = Load(path);
  INFO(r.Format());
  CHECK(Has(r, "E_FILE_READ", "symbolic link loop"));

  path = MinimalPackage(dir, "self");
  fs::create_symlink("me.yaml", dir.Path("self/me.yaml"));  // a link to itself
  r = Load(path);
  INFO(r.Format());
  CHECK(Has(r, "E_FILE_READ", "broken or looping symbolic link"));

  path = MinimalPackage(dir, "broken");
  fs::create_symlink("gone.yaml", dir.Path("broken/rules.yaml"));
  CHECK(Has(Load(path), "E_FILE_READ", "broken or looping symbolic link"));

  dir.Write("ws/ansinh-workspace.yaml", "workspace: test\n");
  dir.Write("ws/a/package.yaml", "id: a\nextends: [../missing]\n");
  CHECK(Has(Load(dir.Path("ws/a")), "E_EXTENDS_NOT_FOUND", "no package at"));
  dir.Write("ws/a/package.yaml", "id: a\nextends: [./]\n");  // itself
  CHECK(Has(Load(dir.Path("ws/a")), "E_EXTENDS_CYCLE", "cycle"));
  fs::create_directory_symlink(".", dir.Path("ws/a/me"));  // itself, through a link
  dir.Write("ws/a/package.yaml", "id: a\nextends: [./me]\n");
  CHECK(Has(Load(dir.Path("ws/a")), "E_EXTENDS_CYCLE", "cycle"));
  CHECK(Has(Load(dir.Path("ws/nothing")), "E_FILE_READ", "cannot open the package folder"));
}
