#include "reliability_util.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "ansinh/error.hpp"
#include "test_paths.hpp"

namespace reliability {

namespace fs = std::filesystem;

Scratch::Scratch() {
  static std::atomic<int> counter{0};
  path_ = fs::path(ANSINH_BINARY_DIR) / "reliability_tmp" /
          ("t" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

Scratch::~Scratch() {
  if (std::getenv("ANSINH_KEEP_SCRATCH") != nullptr) return;  // for debugging a failure
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string Scratch::Write(const std::string& rel, const std::string& text) const {
  const fs::path p = path_ / rel;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(ReadFile(path));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

namespace {
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}
}  // namespace

int RunAnsinh(const std::vector<std::string>& args, const std::string& out, const std::string& err) {
  std::string command = "cd " + ShellQuote(ANSINH_SOURCE_DIR) + " && " + ShellQuote(ANSINH_BINARY_DIR + "/bin/ansinh");
  for (const std::string& a : args) command += " " + ShellQuote(a);
  command += " >" + ShellQuote(out) + " 2>" + ShellQuote(err);
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

namespace {

// Examples CL-0400 to CL-0407 are invalid on purpose (examples/README.md); the law-review cases
// after them (CL-0408 and later) are valid.
bool ValidExample(const std::string& id) { return id < "CL-0400" || id > "CL-0407"; }

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string FirstCell(const std::string& row) { return row.substr(0, row.find(',')); }

}  // namespace

const std::vector<std::string>& ExampleRecords() {
  static const std::vector<std::string> records = [] {
    std::vector<std::string> out;
    for (std::string& line : ReadLines(ANSINH_SOURCE_DIR + "/examples/registry.jsonl")) {
      if (!line.empty() && ValidExample(JsonStringField(line, "id"))) out.push_back(std::move(line));
    }
    return out;
  }();
  return records;
}

std::string SyntheticId(size_t index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "R-%05zu", index);
  return buf;
}

std::string SyntheticRecord(size_t index) {
  const std::string& record = ExampleRecords()[index % ExampleRecords().size()];
  return ReplaceAll(record, JsonStringField(record, "id"), SyntheticId(index));
}

std::string SyntheticJsonl(size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += SyntheticRecord(i) + "\n";
  return out;
}

const ExampleCsv& ExampleCsvRows() {
  static const ExampleCsv csv = [] {
    ExampleCsv out;
    const std::vector<std::string> hh = ReadLines(ANSINH_SOURCE_DIR + "/examples/households.csv");
    const std::vector<std::string> pp = ReadLines(ANSINH_SOURCE_DIR + "/examples/persons.csv");
    out.households_header = hh.at(0) + "\n";
    out.persons_header = pp.at(0) + "\n";
    for (const std::string& record : ExampleRecords()) {
      const std::string id = JsonStringField(record, "id");
      std::string row;
      for (size_t i = 1; i < hh.size() && row.empty(); ++i) {
        if (FirstCell(hh[i]) == id) row = hh[i];
      }
      if (row.empty()) throw std::runtime_error("examples/households.csv has no " + id);
      out.households.push_back(row);
      out.persons.emplace_back();
      for (size_t i = 1; i < pp.size(); ++i) {
        if (FirstCell(pp[i]) == id) out.persons.back().push_back(pp[i]);
      }
    }
    return out;
  }();
  return csv;
}

std::string SyntheticCsvHousehold(size_t index) {
  const ExampleCsv& csv = ExampleCsvRows();
  const std::string& row = csv.households[index % csv.households.size()];
  return ReplaceAll(row, FirstCell(row), SyntheticId(index));
}

std::vector<std::string> SyntheticCsvPersons(size_t index) {
  const ExampleCsv& csv = ExampleCsvRows();
  const size_t k = index % csv.households.size();
  const std::string old_id = FirstCell(csv.households[k]);
  std::vector<std::string> out;
  for (const std::string& row : csv.persons[k]) out.push_back(ReplaceAll(row, old_id, SyntheticId(index)));
  return out;
}

std::string JsonQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string JsonStringField(const std::string& json, const std::string& key, size_t from) {
  const std::string needle = "\"" + key + "\":\"";
  const size_t at = json.find(needle, from);
  if (at == std::string::npos) return "\x01";
  size_t end = at + needle.size();
  while (end < json.size() && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
  return json.substr(at + needle.size(), end - at - needle.size());
}

std::vector<std::string> JsonCodes(const std::string& json) {
  std::vector<std::string> out;
  for (size_t at = json.find("\"code\":\""); at != std::string::npos; at = json.find("\"code\":\"", at + 1)) {
    out.push_back(JsonStringField(json, "code", at));
  }
  return out;
}

ansinh::RuleSet LoadRepositoryRules(const std::string& rel) {
  ansinh::LoadResult loaded = ansinh::LoadRules(std::string(ANSINH_SOURCE_DIR) + "/" + rel);
  if (!loaded.ok()) throw std::runtime_error(rel + " does not load:\n" + loaded.Format());
  return std::move(loaded).Release();
}

std::string Codes(const std::vector<ansinh::Diagnostic>& diagnostics) {
  std::string out;
  for (const ansinh::Diagnostic& d : diagnostics) {
    if (!out.empty()) out += ' ';
    out += std::string(ansinh::CodeName(d.code));
  }
  return out;
}

}  // namespace reliability
