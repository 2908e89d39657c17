#include "fuzz_support.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "test_paths.hpp"
#include "yaml/runaway_quote.hpp"

namespace ansinh_fuzz {

namespace fs = std::filesystem;

void Fail(const char* file, int line, const std::string& message) {
  std::fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n", file, line, message.c_str());
  std::abort();
}

namespace {

std::string MakeScratch() {
  std::error_code ec;
  fs::path base = "/dev/shm";
  if (!fs::is_directory(base, ec)) {
    const char* tmp = std::getenv("TMPDIR");
    base = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  const fs::path dir = base / ("ansinh-fuzz-" + std::to_string(::getpid()));
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  FUZZ_CHECK(!ec, "cannot create the scratch folder " + dir.string() + ": " + ec.message());
  static const std::string kept = dir.string();
  std::atexit([] {
    std::error_code ignored;
    fs::remove_all(kept, ignored);
  });
  return dir.string();
}

}  // namespace

const std::string& ScratchDir() {
  static const std::string dir = MakeScratch();
  return dir;
}

std::string WriteScratch(const std::string& name, std::string_view data) {
  const fs::path path = fs::path(ScratchDir()) / name;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  FUZZ_CHECK(out.good(), "cannot write " + path.string());
  return path.string();
}

bool TryWriteScratch(const std::string& name, std::string_view data) {
  const fs::path path = fs::path(ScratchDir()) / name;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec || fs::is_directory(path, ec)) return false;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  return out.good();
}

void ClearScratch() {
  std::error_code ec;
  for (fs::directory_iterator it(ScratchDir(), ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

const ansinh::RuleSet& NationalRules() {
  static const ansinh::RuleSet* rules = [] {
    ansinh::LoadResult loaded = ansinh::LoadRules(ANSINH_SOURCE_DIR + "/rules/vn");
    FUZZ_CHECK(loaded.ok(), "rules/vn does not load:\n" + loaded.Format());
    return new ansinh::RuleSet(std::move(loaded).Release());  // lives until exit
  }();
  return *rules;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

namespace {
// `text` with bytes outside printable ASCII as \xNN, for failure messages.
std::string Escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 32 && b < 127) {
      out += c;
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}
}  // namespace

void CheckIssue(const ansinh::RecordIssue& issue) {
  bool code_ok = issue.code.size() > 2 && issue.code.compare(0, 2, "R_") == 0;
  for (char c : issue.code) code_ok = code_ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  FUZZ_CHECK(code_ok, "issue code '" + issue.code + "' is not R_[A-Z0-9_]+");
  FUZZ_CHECK(!issue.message.empty() && !issue.message_vi.empty(), "issue " + issue.code + " without a message");
  FUZZ_CHECK(IsValidUtf8(issue.message), "issue " + issue.code + ": English message is not UTF-8: " + Escaped(issue.message));
  FUZZ_CHECK(IsValidUtf8(issue.message_vi),
             "issue " + issue.code + ": Vietnamese message is not UTF-8: " + Escaped(issue.message_vi));
  FUZZ_CHECK(IsValidUtf8(issue.field), "issue " + issue.code + ": field path is not UTF-8: " + Escaped(issue.field));
}

std::string RenderAll(const ansinh::DecisionView& decision, bool explained) {
  for (const ansinh::RecordIssue& e : decision.errors()) CheckIssue(e);
  for (const ansinh::RecordIssue& w : decision.warnings()) CheckIssue(w);
  FUZZ_CHECK(decision.ok() == decision.errors().empty(), "ok() disagrees with errors()");
  std::string json = ansinh::ToJson(decision);
  FUZZ_CHECK(IsValidUtf8(json), "ToJson is not UTF-8: " + json);
  FUZZ_CHECK(json.find('\n') == std::string::npos, "compact ToJson spans lines");
  if (explained) {
    ansinh::JsonOptions options;
    options.explain = true;
    options.pretty = true;
    FUZZ_CHECK(IsValidUtf8(ansinh::ToJson(decision, options)), "explained ToJson is not UTF-8");
  }
  for (ansinh::Language lang : {ansinh::Language::kVi, ansinh::Language::kEn}) {
    FUZZ_CHECK(IsValidUtf8(ansinh::ToText(decision, lang, explained)), "ToText is not UTF-8");
  }
  return json;
}

namespace {

void QuotedScalars(const YAML::Node& node, std::vector<size_t>& out, size_t& budget) {
  if (budget == 0) return;
  --budget;
  if (node.IsScalar()) {
    if (node.Mark().pos >= 0) out.push_back(static_cast<size_t>(node.Mark().pos));
    return;
  }
  if (!node.IsMap() && !node.IsSequence()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (node.IsMap()) {
      QuotedScalars(it->second, out, budget);
    } else {
      QuotedScalars(*it, out, budget);
    }
  }
}

}  // namespace

size_t PlantUnclosedQuote(std::string& text, unsigned which) {
  if (text.size() > 200000 || text.find('\t') != std::string::npos) return 0;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (...) {
    return 0;
  }
  std::vector<size_t> starts;
  size_t budget = 20000;
  try {
    QuotedScalars(root, starts, budget);
  } catch (...) {
    return 0;
  }
  std::vector<size_t> closes;  // offsets of closing quotes that qualify
  for (size_t open : starts) {
    if (open >= text.size() || (text[open] != '"' && text[open] != '\'')) continue;
    const char q = text[open];
    size_t i = open + 1;
    bool closed = false;
    while (i < text.size() && text[i] != '\n') {
      if (q == '"' && text[i] == '\\') {
        i += 2;
        continue;
      }
      if (text[i] == q) {
        if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          i += 2;
          continue;
        }
        closed = true;
        break;
      }
      ++i;
    }
    if (!closed) continue;
    // The rest of the line after the closing quote is blank, and the next non-blank line is a key.
    size_t k = i + 1;
    while (k < text.size() && (text[k] == ' ' || text[k] == '\r')) ++k;
    if (k < text.size() && text[k] != '\n') continue;
    while (k < text.size()) {
      const size_t begin = k + 1;
      size_t end = begin;
      while (end < text.size() && text[end] != '\n') ++end;
      const std::string_view line(text.data() + std::min(begin, text.size()), end - std::min(begin, text.size()));
      if (line.find_first_not_of(" \r") != std::string_view::npos) {
        if (ansinh::yaml::LooksLikeKeyLine(line)) closes.push_back(i);
        break;
      }
      k = end;
    }
  }
  if (closes.empty()) return 0;
  const size_t at = closes[which % closes.size()];
  text.erase(at, 1);
  return static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
}

bool ReadPlantedInput(const uint8_t* data, size_t size, std::string* text, size_t* planted) {
  if (size < 1) return false;
  const uint8_t control = data[0];
  text->assign(reinterpret_cast<const char*>(data + 1), size - 1);
  *planted = 0;
  if ((control & 1) == 0) return true;
  *planted = PlantUnclosedQuote(*text, control >> 1);
  return *planted != 0;
}

}  // namespace ansinh_fuzz
