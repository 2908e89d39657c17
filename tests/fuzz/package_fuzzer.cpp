// Fuzzes the rule package loader end to end (YAML files → diagnostics, or a
// compiled rule set whose YAML tests are then run): the input is a small
// workspace of files, written to a tmpfs scratch folder and loaded with
// LoadRules like `ansinh check` does.
//
// Input: files separated by header lines (a text without any header is the
// package's package.yaml):
//   === pkg/package.yaml          a file (the package loaded is the folder pkg/)
//   === vn/package.yaml           a sibling package, for `extends`
//   === pkg/loop -> ..            a symbolic link (kept inside the workspace)
//   === @root pkg                 LoadOptions::roots gets this folder
// The workspace folder holds an ansinh-workspace.yaml; next to it, outside the
// workspace, is a package `zz-outside-root` that `extends` must never reach.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/testing.hpp"
#include "fuzz_support.hpp"

namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxFiles = 48;
constexpr std::string_view kHeader = "=== ";

bool ValidComponent(std::string_view c, bool allow_dots) {
  if (c.empty() || c.size() > 40) return false;
  if (c == "." || c == "..") return allow_dots;
  for (char ch : c) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                    ch == '_' || ch == '-' || ch == '.';
    if (!ok) return false;
  }
  return true;
}

// A relative '/'-separated path of at most 6 valid components.
bool ValidPath(std::string_view path, bool allow_dots) {
  if (path.empty() || path.size() > 120 || path.front() == '/') return false;
  size_t parts = 0;
  while (!path.empty()) {
    const size_t slash = path.find('/');
    if (!ValidComponent(path.substr(0, slash), allow_dots) || ++parts > 6) return false;
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return true;
}

struct Workspace {
  fs::path root;                   // scratch/ws
  std::vector<std::string> roots;  // @root directives
};

// A link may point anywhere inside the workspace (loops included), never out of it
// (escaping through a link is covered by tests/reliability/bounds_test.cpp).
void MakeLink(const Workspace& ws, std::string_view name, std::string_view target) {
  if (!ValidPath(name, false) || !ValidPath(target, true)) return;
  const fs::path link = ws.root / std::string(name);
  const fs::path resolved = (link.parent_path() / std::string(target)).lexically_normal();
  const fs::path rel = resolved.lexically_relative(ws.root);
  if (rel.empty() || *rel.begin() == "..") return;
  std::error_code ec;
  fs::create_directories(link.parent_path(), ec);
  fs::create_symlink(std::string(target), link, ec);  // an existing entry: ignored
}

void AddEntry(Workspace& ws, std::string_view header, std::string_view body, size_t& files) {
  if (++files > kMaxFiles) return;
  if (header.substr(0, 6) == "@root ") {
    const std::string_view dir = header.substr(6);
    if (ValidPath(dir, false)) ws.roots.push_back((ws.root / std::string(dir)).string());
    return;
  }
  const size_t arrow = header.find(" -> ");
  if (arrow != std::string_view::npos) return MakeLink(ws, header.substr(0, arrow), header.substr(arrow + 4));
  if (!ValidPath(header, false)) return;
  std::error_code ec;
  if (fs::is_symlink(ws.root / std::string(header), ec)) return;  // never write through a link
  // A path that cannot be a file (a folder of that name exists, or one of its
  // parents is a file: "=== pkg" after "=== pkg/package.yaml") is skipped.
  ansinh_fuzz::TryWriteScratch("ws/" + std::string(header), body);
}

// Splits the input at header lines and materialises the workspace.
Workspace Materialise(std::string_view input) {
  ansinh_fuzz::ClearScratch();
  ansinh_fuzz::WriteScratch("outside/package.yaml", "id: zz-outside-root\n");
  ansinh_fuzz::WriteScratch("ws/ansinh-workspace.yaml", "workspace: fuzz\n");
  Workspace ws{fs::path(ansinh_fuzz::ScratchDir()) / "ws", {}};
  if (input.substr(0, kHeader.size()) != kHeader) {
    ansinh_fuzz::WriteScratch("ws/pkg/package.yaml", input);
    return ws;
  }
  size_t files = 0;
  while (!input.empty()) {
    const size_t eol = input.find('\n');
    const std::string_view header = input.substr(kHeader.size(), eol == std::string_view::npos ? eol : eol - kHeader.size());
    input = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
    size_t next = 0;
    while (next < input.size() && input.compare(next, kHeader.size(), kHeader) != 0) {
      const size_t nl = input.find('\n', next);
      next = nl == std::string_view::npos ? input.size() : nl + 1;
    }
    AddEntry(ws, header, input.substr(0, next), files);
    input = input.substr(next);
  }
  return ws;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Workspace ws = Materialise(std::string_view(reinterpret_cast<const char*>(data), size));
  ansinh::LoadOptions options;
  options.roots = ws.roots;
  options.max_files = 64;
  const ansinh::LoadResult result = ansinh::LoadRules((ws.root / "pkg").string(), options);
  for (const ansinh::Diagnostic& d : result.diagnostics()) {
    FUZZ_CHECK(!d.message.empty(), "a diagnostic without a message");
  }
  (void)result.Format();
  (void)ansinh::FormatJson(result.diagnostics());
  if (!result.ok()) return 0;
  const ansinh::RuleSet rules = ansinh::LoadResult(result).Release();
  FUZZ_CHECK(rules.info().hash.rfind("sha256:", 0) == 0, "no content hash");
  for (const std::string& id : rules.info().extends) FUZZ_CHECK(id != "zz-outside-root", "extended a package outside the roots");
  const ansinh::TestReport report = ansinh::RunTests(rules);
  (void)ansinh::Format(report, true, ansinh::Language::kEn);
  return 0;
}
