#include "cli/usage_text.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <regex>

#include "ansinh/error.hpp"

namespace ansinh::cli {
namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// The command closest to `word` (at most 2 edits), or empty.
std::string Closest(const std::string& word, const std::vector<std::string>& commands) {
  std::string best;
  size_t best_distance = 3;
  for (const std::string& c : commands) {
    const size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// The Vietnamese of one CLI11 error, from its kind and its English text.
std::string Vietnamese(const std::string& kind, const std::string& text) {
  std::smatch m;
  if (kind == "RequiredError") {
    if (std::regex_match(text, m, std::regex("(.+) is required"))) return "thiếu " + m[1].str() + " (bắt buộc)";
    return "thiếu tùy chọn hoặc đối số bắt buộc (" + text + ")";
  }
  if (kind == "ExtrasError") {
    if (std::regex_match(text, m, std::regex("The following arguments? (?:was|were) not expected: (.*)"))) {
      const std::string extras = m[1].str();
      if (!extras.empty() && extras[0] == '-') return "lệnh này không có tùy chọn " + extras + " (viết sai tên, hoặc thừa)";
      return "thừa đối số: " + extras;
    }
  }
  if (kind == "ValidationError") {
    if (std::regex_match(text, m, std::regex("(.+): (.*) not in \\{(.*)\\}"))) {
      return m[1].str() + ": '" + m[2].str() + "' không hợp lệ; chọn một trong " + m[3].str();
    }
    if (std::regex_match(text, m, std::regex("(.+): File does not exist: (.*)"))) {
      return m[1].str() + ": không có tệp " + m[2].str();
    }
    if (std::regex_match(text, m, std::regex("(.+): Directory does not exist: (.*)"))) {
      return m[1].str() + ": không có thư mục " + m[2].str();
    }
    if (std::regex_match(text, m, std::regex("(--?[^:]+): (.*)"))) {
      return m[1].str() + ": giá trị không hợp lệ (" + m[2].str() + ")";
    }
  }
  if (kind == "ArgumentMismatch") {
    if (std::regex_match(text, m, std::regex("(.+): \\d+ required .* missing"))) return m[1].str() + " thiếu giá trị";
    if (std::regex_match(text, m, std::regex("Expected exactly (\\d+) arguments to (.+), got (\\d+)"))) {
      return m[2].str() + " cần đúng " + m[1].str() + " giá trị, nhận được " + m[3].str();
    }
    if (std::regex_match(text, m, std::regex("Expected at least (\\d+) arguments to (.+), got (\\d+)"))) {
      return m[2].str() + " cần ít nhất " + m[1].str() + " giá trị, nhận được " + m[3].str();
    }
    return "sai số giá trị của một tùy chọn (" + text + ")";
  }
  if (kind == "ConversionError") {
    if (std::regex_match(text, m, std::regex("Could not convert: (.+) = (.*)"))) {
      return m[1].str() + ": không đọc được giá trị '" + m[2].str() + "'";
    }
    if (std::regex_match(text, m, std::regex("The value (.+) is not an allowed value for (.+)"))) {
      return m[2].str() + ": giá trị '" + m[1].str() + "' không được phép";
    }
    if (std::regex_match(text, m, std::regex("(.+): too many inputs for a flag"))) {
      return m[1].str() + " là một cờ, không nhận giá trị";
    }
    if (std::regex_match(text, m, std::regex("(.+): Should be true/false or a number"))) {
      return m[1].str() + ": cần true/false hoặc một số";
    }
  }
  if (kind == "RequiresError" && std::regex_match(text, m, std::regex("(.+) requires (.+)"))) {
    return m[1].str() + " cần dùng kèm " + m[2].str();
  }
  if (kind == "ExcludesError" && std::regex_match(text, m, std::regex("(.+) excludes (.+)"))) {
    return m[1].str() + " không dùng cùng " + m[2].str() + " được";
  }
  if (kind == "FileError" && std::regex_match(text, m, std::regex("(.+) was not readable \\(missing\\?\\)"))) {
    return "không đọc được tệp " + m[1].str() + " (không có?)";
  }
  return "dùng sai lệnh (" + text + ")";
}

// The kind of a CLI11 error by its type (get_name() is the command's name for
// some errors a subcommand raises, e.g. ExtrasError).
std::string KindOf(const CLI::ParseError& e) {
  if (dynamic_cast<const CLI::RequiredError*>(&e)) return "RequiredError";
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) return "ExtrasError";
  if (dynamic_cast<const CLI::ValidationError*>(&e)) return "ValidationError";
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) return "ArgumentMismatch";
  if (dynamic_cast<const CLI::ConversionError*>(&e)) return "ConversionError";
  if (dynamic_cast<const CLI::RequiresError*>(&e)) return "RequiresError";
  if (dynamic_cast<const CLI::ExcludesError*>(&e)) return "ExcludesError";
  if (dynamic_cast<const CLI::FileError*>(&e)) return "FileError";
  return e.get_name();
}

}  // namespace

Language LangOfArgs(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--lang=en" || (args[i] == "--lang" && i + 1 < args.size() && args[i + 1] == "en")) {
      return Language::kEn;
    }
  }
  return Language::kVi;
}

std::string UsageErrorText(const CLI::ParseError& error, const std::vector<std::string>& args,
                           const std::vector<std::string>& commands, Language lang) {
  const bool vi = lang == Language::kVi;
  // No command, or one that does not exist: CLI11 says only "A subcommand is required".
  const std::string kind = KindOf(error);
  if (kind == "RequiredError" &&
      std::find(commands.begin(), commands.end(), args.empty() ? "" : args.front()) == commands.end()) {
    if (args.empty() || args.front().empty() || args.front()[0] == '-') {
      return vi ? "thiếu lệnh; các lệnh: " + Join(commands) : "no command given; the commands are " + Join(commands);
    }
    const std::string near = Closest(args.front(), commands);
    std::string out = vi ? "không có lệnh '" + args.front() + "'; các lệnh: " + Join(commands)
                         : "unknown command '" + args.front() + "'; the commands are " + Join(commands);
    if (!near.empty()) out += vi ? ". Ý bạn là '" + near + "'?" : ". Did you mean '" + near + "'?";
    return out;
  }
  if (!vi) return error.what();
  return Vietnamese(kind, error.what());
}

std::string UsageHint(Language lang) {
  return lang == Language::kVi ? "Xem cách dùng: 'ansinh --help' hoặc 'ansinh <lệnh> --help'."
                               : "Run 'ansinh --help' or 'ansinh <command> --help' for usage.";
}

std::string ErrorText(const std::exception& error, Language lang) {
  if (lang == Language::kVi) {
    if (const auto* e = dynamic_cast<const Error*>(&error); e != nullptr && !e->message_vi().empty()) {
      return e->message_vi();
    }
  }
  return error.what();
}

}  // namespace ansinh::cli
