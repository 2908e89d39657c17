#include "yaml/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

namespace ansinh::yaml {

namespace fs = std::filesystem;
using internal::DiagnosticSink;
using internal::Message;
using internal::Sources;

namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Whether `path` (canonical) is `root` (canonical) or inside it.
bool IsInside(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

struct FolderWalker {
  const std::string& display_dir;
  fs::path root;       // the package folder, canonical
  bool allow_outside;  // follow links that leave it
  Sources& sources;
  DiagnosticSink& sink;
  std::set<std::string> visited;  // real paths of folders already listed
  std::vector<PackageFile> out;

  void Report(DiagnosticCode code, const std::string& rel, Message message) {
    ReportAtPath(code, JoinDisplay(display_dir, rel), std::move(message), sources, sink);
  }

  void Folder(const fs::path& real, const std::string& rel, uint32_t depth);
  void Entry(const fs::directory_entry& entry, const std::string& rel, uint32_t depth);
};

void FolderWalker::Folder(const fs::path& real, const std::string& rel, uint32_t depth) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(real, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
  if (ec) {
    Report(DiagnosticCode::kFileRead, rel,
           {"cannot read this folder: " + ec.message(), "không đọc được thư mục này" + SystemSaysVi(ec.message())});
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
  for (const fs::directory_entry& entry : entries) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    Entry(entry, rel.empty() ? name : rel + "/" + name, depth);
  }
}

void FolderWalker::Entry(const fs::directory_entry& entry, const std::string& rel, uint32_t depth) {
  std::error_code ec;
  const bool is_link = entry.is_symlink(ec);
  const fs::file_status target = fs::status(entry.path(), ec);
  if (ec) {
    Report(DiagnosticCode::kFileRead, rel,
           {std::string(is_link ? "broken or looping symbolic link: " : "cannot read: ") + ec.message() +
                "; remove it or point it at an existing file",
            std::string(is_link ? "liên kết tượng trưng hỏng hoặc lặp vòng" : "không đọc được") +
                SystemSaysVi(ec.message()) + "; xóa nó hoặc cho nó trỏ tới một tệp có thật"});
    return;
  }
  if (is_link && !allow_outside) {
    const fs::path real = fs::canonical(entry.path(), ec);
    if (ec || !IsInside(real, root)) {
      // Neither read nor walked, and its target is not printed.
      Report(DiagnosticCode::kLinkOutside, rel,
             {"this symbolic link leads out of the package folder, so it is not read; copy what it points to into "
              "the package, or allow links out with --allow-outside",
              "liên kết tượng trưng này trỏ ra ngoài thư mục gói nên không được đọc; chép nội dung nó trỏ tới vào "
              "gói, hoặc cho phép bằng --allow-outside"});
      return;
    }
  }
  if (fs::is_directory(target)) {
    const fs::path real = fs::canonical(entry.path(), ec);
    if (ec) {
      Report(DiagnosticCode::kFileRead, rel,
             {"cannot read this folder: " + ec.message(), "không đọc được thư mục này" + SystemSaysVi(ec.message())});
      return;
    }
    if (!visited.insert(real.string()).second) {
      Report(DiagnosticCode::kFileRead, rel,
             {"symbolic link loop: this folder is '" + real.string() +
                  "', which is already read (a link back to a parent, or a second link to it); remove the link",
              "liên kết tượng trưng lặp vòng: thư mục này là '" + real.string() +
                  "', đã được đọc rồi (liên kết trỏ ngược lên thư mục cha, hoặc liên kết thứ hai tới nó); xóa liên kết"});
      return;
    }
    if (fs::exists(real / "package.yaml", ec)) return;  // another package
    if (depth + 1 > kMaxFolderDepth) {
      Report(DiagnosticCode::kLimit, rel,
             {"folders nested deeper than " + std::to_string(kMaxFolderDepth) + " levels; flatten the package",
              "thư mục lồng sâu hơn " + std::to_string(kMaxFolderDepth) + " tầng; hãy bớt tầng thư mục của gói"});
      return;
    }
    Folder(real, rel, depth + 1);
    return;
  }
  const std::string name = entry.path().filename().string();
  if (!fs::is_regular_file(target) || !EndsWith(name, ".yaml") || name == "ansinh-workspace.yaml") return;
  if (rel == "package.yaml") return;  // listed first by the caller
  out.push_back(PackageFile{rel, JoinDisplay(display_dir, rel), entry.path()});
}

}  // namespace

std::string JoinDisplay(const std::string& display, const std::string& rel) {
  const fs::path joined = rel.empty() ? fs::path(display) : fs::path(display) / rel;
  std::string out = joined.lexically_normal().generic_string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  if (out.size() > 2 && out.compare(out.size() - 2, 2, "/.") == 0) out.resize(out.size() - 2);
  return out.empty() ? "." : out;
}

std::string SystemSaysVi(const std::string& text) { return " (hệ thống báo: " + text + ")"; }

void ReportAtPath(DiagnosticCode code, const std::string& display, Message message, Sources& sources,
                  DiagnosticSink& sink) {
  uint32_t index = UINT32_MAX;
  for (uint32_t i = 0; i < sources.size(); ++i) {
    if (sources.file(i).path == display && sources.file(i).text.empty()) index = i;
  }
  if (index == UINT32_MAX) index = sources.Add(display, "");
  internal::Loc loc;
  loc.file = index;  // line 0: no position, printed as "path: error: ..."
  sink.Error(code, loc, std::move(message));
}

std::vector<PackageFile> ListPackageFiles(const fs::path& real_dir, const std::string& display_dir,
                                          Sources& sources, DiagnosticSink& sink, bool allow_outside) {
  std::error_code canonical_ec;
  fs::path root = fs::canonical(real_dir, canonical_ec);
  if (canonical_ec) root = real_dir;
  FolderWalker walker{display_dir, root, allow_outside, sources, sink, {real_dir.string()}, {}};
  walker.Folder(real_dir, "", 0);
  std::sort(walker.out.begin(), walker.out.end(),
            [](const PackageFile& a, const PackageFile& b) { return a.rel < b.rel; });
  std::error_code ec;
  const fs::path header = real_dir / "package.yaml";
  if (!allow_outside && fs::is_symlink(header, ec)) {
    const fs::path real = fs::canonical(header, ec);
    if (ec || !IsInside(real, root)) {
      ReportAtPath(DiagnosticCode::kLinkOutside, JoinDisplay(display_dir, "package.yaml"),
                   {"this symbolic link leads out of the package folder, so it is not read; copy the file into the "
                    "package, or allow links out with --allow-outside",
                    "liên kết tượng trưng này trỏ ra ngoài thư mục gói nên không được đọc; chép tệp vào gói, "
                    "hoặc cho phép bằng --allow-outside"},
                   sources, sink);
      return std::move(walker.out);
    }
  }
  if (fs::exists(real_dir / "package.yaml", ec)) {
    walker.out.insert(walker.out.begin(),
                      PackageFile{"package.yaml", JoinDisplay(display_dir, "package.yaml"), real_dir / "package.yaml"});
  }
  return std::move(walker.out);
}

std::optional<uint32_t> ReadSourceFile(const fs::path& real, const std::string& display, size_t max_bytes,
                                       Sources& sources, DiagnosticSink& sink) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(real, ec);
  if (ec) {
    ReportAtPath(DiagnosticCode::kFileRead, display,
                 {"cannot read this file: " + ec.message(), "không đọc được tệp này" + SystemSaysVi(ec.message())},
                 sources, sink);
    return std::nullopt;
  }
  if (size > max_bytes) {
    ReportAtPath(DiagnosticCode::kLimit, display,
                 {"the file is " + std::to_string(size) + " bytes, more than the limit of " + std::to_string(max_bytes) +
                      "; split it into several files",
                  "tệp có " + std::to_string(size) + " byte, vượt giới hạn " + std::to_string(max_bytes) +
                      " byte; hãy tách thành nhiều tệp"},
                 sources, sink);
    return std::nullopt;
  }
  std::ifstream in(real, std::ios::binary);
  if (!in) {
    const std::string why = std::strerror(errno);
    ReportAtPath(DiagnosticCode::kFileRead, display,
                 {"cannot open this file: " + why, "không mở được tệp này" + SystemSaysVi(why)}, sources, sink);
    return std::nullopt;
  }
  std::string text;
  text.reserve(static_cast<size_t>(size));
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad() || text.size() > max_bytes) {
    ReportAtPath(DiagnosticCode::kFileRead, display,
                 {"cannot read this file completely", "không đọc hết được tệp này"}, sources, sink);
    return std::nullopt;
  }
  return sources.Add(display, std::move(text));
}

}  // namespace ansinh::yaml
