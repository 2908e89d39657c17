// Every loader diagnostic, each at the place it must point to.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "yaml/yaml_source.hpp"
#include "yaml_test_util.hpp"

namespace ansinh {
namespace {

using testing::Codes;
using testing::Find;
using testing::Load;
using testing::TempDir;

struct Case {
  const char* name;
  const char* rules;       // content of rules.yaml
  DiagnosticCode code;
  uint32_t line;
  uint32_t column;
  const char* message_part;  // must appear in the message
};

const Case kCases[] = {
    {"syntax", "benefits:\n  - id: a\n   applies_to: person\n", DiagnosticCode::kYamlSyntax, 3, 4, "invalid YAML"},
    {"duplicate key", "schema:\n  person:\n    a: {type: bool}\n    a: {type: int}\n", DiagnosticCode::kDuplicateKey, 4, 5,
     "first at line 3"},
    {"unknown key", "parameters:\n  base:\n    valeus: {2021-07-01: 1}\n", DiagnosticCode::kUnknownKey, 3, 5,
     "Did you mean 'values'?"},
    {"unknown section", "benefit: []\n", DiagnosticCode::kUnknownKey, 1, 1, "Did you mean 'benefits'?"},
    {"package key elsewhere", "id: x\n", DiagnosticCode::kUnknownKey, 1, 1, "move it to package.yaml"},
    {"wrong type", "schema: [a, b]\n", DiagnosticCode::kWrongType, 1, 9, "must be a map"},
    {"missing key", "variables:\n  v: {entity: person, type: int}\n", DiagnosticCode::kMissingKey, 2, 6,
     "add `formula: <expression>`"},
    {"bad value", "benefits:\n  - id: b\n    applies_to: persn\n    effective: {from: 2021-07-01}\n    amount: 1\n",
     DiagnosticCode::kBadValue, 3, 17, "Did you mean 'person'?"},
    {"bad date", "benefits:\n  - id: b\n    applies_to: person\n    effective: {from: 2021-02-29}\n    amount: 1\n",
     DiagnosticCode::kBadDate, 4, 23, "YYYY-MM-DD"},
    {"bad number", "parameters:\n  p:\n    type: decimal\n    values: {2021-07-01: 0.0000001}\n",
     DiagnosticCode::kBadNumber, 4, 26, "6 decimal places"},
    {"bad identifier", "groups:\n  Social-Allowance: {}\n", DiagnosticCode::kBadIdentifier, 2, 3,
     "e.g. 'social_allowance'"},
    {"duplicate id", "benefits:\n  - {id: b, applies_to: person, effective: {from: 2021-07-01}, amount: 1}\n"
                     "  - {id: b, applies_to: person, effective: {from: 2022-07-01}, amount: 2}\n",
     DiagnosticCode::kDuplicateId, 3, 10, "defined twice"},
    {"duplicate enum value", "schema:\n  household:\n    area: {type: enum, values: [rural, rural]}\n",
     DiagnosticCode::kDuplicateId, 3, 40, "listed twice"},
    {"bad period", "benefits:\n  - id: b\n    applies_to: person\n    effective: {from: 2021-07-01, to: 2021-06-30}\n"
                   "    amount: 1\n",
     DiagnosticCode::kBadPeriod, 4, 39, "before it starts"},
    {"overlapping", "benefits:\n  - id: b\n    applies_to: person\n    amount: 1\n    versions:\n"
                    "      - effective: {from: 2021-07-01, to: 2022-07-01}\n      - effective: {from: 2022-07-01}\n",
     DiagnosticCode::kOverlappingPeriods, 7, 9, "ends on 2022-07-01"},
    {"set too large", "schema:\n  household:\n    s:\n      type: set\n      values: [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, "
                      "v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25, v26, v27, v28, "
                      "v29, v30, v31, v32, v33, v34, v35, v36, v37, v38, v39, v40, v41, v42, v43, v44, v45, v46, v47, "
                      "v48, v49, v50, v51, v52, v53, v54, v55, v56, v57, v58, v59, v60, v61, v62, v63, v64]\n",
     DiagnosticCode::kLimit, 5, 15, "at most 64"},
    {"test invalid", "tests:\n  - name: t\n    as_of: 2024-01-01\n    household: {id: H, x: {a: 1}}\n    expect: {}\n",
     DiagnosticCode::kTestInvalid, 4, 27, "a map is not a value"},
    {"both group and adds_to", "benefits:\n  - {id: b, applies_to: person, group: g, adds_to: g, "
                               "effective: {from: 2021-07-01}, amount: 1}\n",
     DiagnosticCode::kBadValue, 2, 43, "both 'group' and 'adds_to'"},
    {"values on a bool", "schema:\n  person:\n    b: {type: bool, values: [a]}\n", DiagnosticCode::kBadValue, 3, 21,
     "only for enum and set"},
    {"enum without values", "schema:\n  person:\n    e: {type: enum}\n", DiagnosticCode::kMissingKey, 3, 15,
     "add `values: [a, b]`"},
};

TEST_CASE("Each loader diagnostic points at the offending key or value", "[yaml][diagnostics]") {
  for (const Case& c : kCases) {
    SECTION(c.name) {
      TempDir dir;
      dir.Write("package.yaml", "id: p\n");
      dir.Write("rules.yaml", c.rules);
      const model::LoadedTree tree = Load(dir.str());
      INFO(Format(tree.diagnostics));
      CHECK_FALSE(tree.ok);
      const Diagnostic* d = Find(tree, c.code);
      REQUIRE(d != nullptr);
      CHECK(d->location.file == dir.str() + "/rules.yaml");
      CHECK(d->location.line == c.line);
      CHECK(d->location.column == c.column);
      CHECK(d->message.find(c.message_part) != std::string::npos);
      CHECK(d->severity == Severity::kError);
    }
  }
}

TEST_CASE("Loading continues after errors and reports all of them", "[yaml][diagnostics]") {
  TempDir dir;
  dir.Write("package.yaml", "id: p\n");
  dir.Write("a.yaml", "benefits: [\n");
  dir.Write("b.yaml", "schema:\n  person:\n    x: {type: integer}\n    Y: {type: int}\n");
  dir.Write("c.yaml", "groups:\n  g: {policy: lowest}\n");
  const model::LoadedTree tree = Load(dir.str());
  CHECK(Codes(tree) == "E_YAML_SYNTAX E_BAD_VALUE E_BAD_IDENTIFIER E_BAD_VALUE");
  CHECK(tree.package.groups.size() == 1);  // the group is kept, with its default policy
}

TEST_CASE("A misspelt key is not also reported as missing", "[yaml][diagnostics]") {
  TempDir dir;
  dir.Write("package.yaml", "id: p\n");
  dir.Write("b.yaml", "benefits:\n  - {id: b, applies_to: person, effective: {from: 2021-07-01}, amout: 1}\n");
  CHECK(Codes(Load(dir.str())) == "E_UNKNOWN_KEY");
}

TEST_CASE("Package folder problems", "[yaml][diagnostics]") {
  TempDir dir;
  SECTION("no package.yaml") {
    dir.Write("rules.yaml", "benefits: []\n");
    const model::LoadedTree tree = Load(dir.str());
    CHECK(Codes(tree) == "E_PACKAGE_MISSING");
    CHECK(tree.diagnostics[0].location.file == dir.str());
    CHECK(tree.diagnostics[0].location.line == 0);
  }
  SECTION("no such folder") {
    CHECK(Codes(Load(dir.str() + "/nowhere")) == "E_FILE_READ");
  }
  SECTION("a file instead of a folder") {
    CHECK(Codes(Load(dir.Write("package.yaml", "id: p\n"))) == "E_FILE_READ");
  }
  SECTION("empty package.yaml") {
    dir.Write("package.yaml", "");
    CHECK(Codes(Load(dir.str())) == "E_MISSING_KEY");
  }
  SECTION("two YAML documents in a file") {
    dir.Write("package.yaml", "id: p\n---\nid: q\n");
    CHECK(Codes(Load(dir.str())) == "E_YAML_SYNTAX");
  }
  SECTION("the top of a file is a list") {
    dir.Write("package.yaml", "id: p\n");
    dir.Write("r.yaml", "- a\n");
    CHECK(Codes(Load(dir.str())) == "E_WRONG_TYPE");
  }
}

TEST_CASE("File problems: links, size and count limits", "[yaml][diagnostics]") {
  TempDir dir;
  dir.Write("package.yaml", "id: p\n");
  SECTION("a dangling link") {
    std::filesystem::create_symlink("missing.yaml", dir.path() / "broken.yaml");
    const model::LoadedTree tree = Load(dir.str());
    REQUIRE(Codes(tree) == "E_FILE_READ");
    CHECK(tree.diagnostics[0].location.file == dir.str() + "/broken.yaml");
  }
  SECTION("a link to itself") {
    std::filesystem::create_symlink("self.yaml", dir.path() / "self.yaml");
    CHECK(Codes(Load(dir.str())) == "E_FILE_READ");
  }
  SECTION("a folder link back to the package") {
    std::filesystem::create_directories(dir.path() / "sub");
    dir.Write("sub/a.yaml", "benefits: []\n");
    std::filesystem::create_directory_symlink("..", dir.path() / "sub" / "up");
    const model::LoadedTree tree = Load(dir.str());
    REQUIRE(Codes(tree) == "E_FILE_READ");
    CHECK(tree.diagnostics[0].message.find("symbolic link loop") != std::string::npos);
    CHECK(tree.package.packages[0].files.size() == 2);
  }
  SECTION("an unreadable file") {
    if (::geteuid() == 0) return;  // root reads everything
    const std::string path = dir.Write("secret.yaml", "benefits: []\n");
    std::filesystem::permissions(path, std::filesystem::perms::none);
    CHECK(Codes(Load(dir.str())) == "E_FILE_READ");
  }
  SECTION("a file over max_file_bytes") {
    dir.Write("big.yaml", "# " + std::string(200, 'x') + "\n");
    LoadOptions options;
    options.max_file_bytes = 100;
    const model::LoadedTree tree = Load(dir.str(), options);
    REQUIRE(Codes(tree) == "E_LIMIT");
    CHECK(tree.diagnostics[0].location.file == dir.str() + "/big.yaml");
  }
  SECTION("more files than max_files") {
    for (int i = 0; i < 5; ++i) dir.Write("f" + std::to_string(i) + ".yaml", "benefits: []\n");
    LoadOptions options;
    options.max_files = 3;
    const model::LoadedTree tree = Load(dir.str(), options);
    CHECK(Codes(tree) == "E_LIMIT");
    CHECK(tree.package.packages[0].files.size() == 3);
  }
}

TEST_CASE("Deep YAML nesting is an error, never a crash", "[yaml][diagnostics][limits]") {
  TempDir dir;
  dir.Write("package.yaml", "id: p\n");
  SECTION("65 levels") {  // the file's map is level 1
    dir.Write("deep.yaml", "tests: " + std::string(64, '[') + std::string(64, ']') + "\n");
    const model::LoadedTree tree = Load(dir.str());
    REQUIRE(Codes(tree) == "E_LIMIT");
    CHECK(tree.diagnostics[0].location.column == 8 + 63);  // the 64th '['
  }
  SECTION("64 levels are fine for the nesting check") {
    dir.Write("deep.yaml", "x: " + std::string(63, '[') + std::string(63, ']') + "\n");
    CHECK(Codes(Load(dir.str())) == "E_UNKNOWN_KEY");
  }
  SECTION("100k levels of flow lists") {
    dir.Write("deep.yaml", std::string(100000, '[') + std::string(100000, ']') + "\n");
    CHECK(Codes(Load(dir.str())) == "E_LIMIT");
  }
  SECTION("100k levels of flow maps") {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "{a: ";
    dir.Write("deep.yaml", text + "1" + std::string(100000, '}') + "\n");
    CHECK(Codes(Load(dir.str())) == "E_LIMIT");
  }
  SECTION("10k levels of block lists") {
    std::string text;
    for (int i = 0; i < 10000; ++i) text += std::string(static_cast<size_t>(i) * 2, ' ') + "-\n";
    dir.Write("deep.yaml", text);
    const model::LoadedTree tree = Load(dir.str());
    CHECK(tree.diagnostics.size() == 1);
    CHECK_FALSE(tree.ok);
  }
  SECTION("aliases that expand exponentially") {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
      text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int j = 0; j < 10; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
      text += "]\n";
    }
    dir.Write("bomb.yaml", text);
    CHECK(Codes(Load(dir.str())) == "E_LIMIT");
  }
}

}  // namespace
}  // namespace ansinh

namespace ansinh {
namespace {

using testing::Codes;
using testing::Load;
using testing::TempDir;

TEST_CASE("Document markers and files yaml-cpp reads as empty", "[yaml][diagnostics]") {
  using yaml::ScanDocuments;
  CHECK(ScanDocuments("").first_content == std::string::npos);
  CHECK(ScanDocuments("# only a comment\n\n").first_content == std::string::npos);
  CHECK(ScanDocuments("---\na: 1\n").first_content == 4);
  CHECK(ScanDocuments("---\na: 1\n").second_document == std::string::npos);
  CHECK(ScanDocuments("%YAML 1.2\n--- a\n").first_content == 14);
  CHECK(ScanDocuments("a: 1\n---\nb: 2\n").second_document == 5);
  CHECK(ScanDocuments("a: 1\n...\n").second_document == 5);
  CHECK(ScanDocuments("a: |\n  ---\n").second_document == std::string::npos);
  CHECK(ScanDocuments("a: ---x\n----\n").second_document == std::string::npos);

  TempDir dir;
  dir.Write("package.yaml", "id: p\n");
  SECTION("a file starting with ',' (yaml-cpp: an empty document, and LoadAll never ends)") {
    dir.Write("r.yaml", ",benefits:\n  - id: b\n");
    const model::LoadedTree tree = Load(dir.str());
    REQUIRE(Codes(tree) == "E_YAML_SYNTAX");
    CHECK(tree.diagnostics[0].location.line == 1);
    CHECK(tree.diagnostics[0].location.column == 1);
  }
  SECTION("an explicit null document is empty") {
    dir.Write("r.yaml", "# nothing yet\n~\n");
    CHECK(Load(dir.str()).ok);
  }
  SECTION("a second document") {
    dir.Write("r.yaml", "benefits: []\n---\nbenefits: []\n");
    const model::LoadedTree tree = Load(dir.str());
    REQUIRE(Codes(tree) == "E_YAML_SYNTAX");
    CHECK(tree.diagnostics[0].location.line == 2);
  }
}

}  // namespace
}  // namespace ansinh
