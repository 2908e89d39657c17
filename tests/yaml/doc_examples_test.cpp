// The examples of docs/rule-format.md, put together as packages, load clean.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "test_paths.hpp"
#include "yaml_test_util.hpp"

namespace ansinh {
namespace {

using testing::TempDir;

// The ```yaml blocks of a Markdown file, in order.
std::vector<std::string> YamlBlocks(const std::string& markdown) {
  std::vector<std::string> out;
  const std::string open = "```yaml\n";
  for (size_t at = markdown.find(open); at != std::string::npos; at = markdown.find(open, at)) {
    at += open.size();
    const size_t end = markdown.find("```", at);
    if (end == std::string::npos) break;
    out.push_back(markdown.substr(at, end - at));
    at = end + 3;
  }
  return out;
}

TEST_CASE("The examples of docs/rule-format.md load without diagnostics", "[yaml][docs]") {
  std::ifstream in(std::string(ANSINH_SOURCE_DIR) + "/docs/rule-format.md");
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::vector<std::string> blocks = YamlBlocks(doc);
  REQUIRE(blocks.size() >= 10);
  TempDir ws;
  ws.Write("ansinh-workspace.yaml", "");
  std::vector<std::pair<std::string, std::string>> files;  // path, content
  for (const std::string& block : blocks) {
    if (block.rfind("id:", 0) == 0) {
      files.emplace_back("vn/package.yaml", block);
    } else if (block.rfind("# rules/vn/tra-vinh/cang-long/package.yaml", 0) == 0) {
      files.emplace_back("vn/tra-vinh/cang-long/package.yaml", block);
    } else if (block.rfind("  - ", 0) == 0 && !files.empty()) {
      files.back().second += block;  // continues the previous block's list
    } else {
      files.emplace_back("vn/example" + std::to_string(files.size()) + ".yaml", block);
    }
  }
  for (const auto& [path, content] : files) ws.Write(path, content);
  for (const std::string pkg : {"vn", "vn/tra-vinh/cang-long"}) {
    const model::LoadedTree tree = testing::Load((ws.path() / pkg).string());
    INFO(pkg << "\n" << Format(tree.diagnostics));
    CHECK(tree.ok);
    CHECK(tree.diagnostics.empty());
    CHECK_FALSE(tree.package.benefits.empty());
    CHECK(tree.package.tests.size() == (pkg == "vn" ? 1u : 0u));
  }
}

}  // namespace
}  // namespace ansinh
