#include "yaml/extends.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "yaml/files.hpp"
#include "yaml/reader.hpp"

namespace ansinh::yaml {

namespace fs = std::filesystem;
using internal::Message;
using internal::WithSuggestion;

namespace {

// The `id` of a package.yaml, or empty when it cannot be read.
std::string ReadPackageId(const fs::path& file, size_t max_bytes) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(file, ec);
  if (ec || size > max_bytes) return {};
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root.IsMap()) return {};
    for (auto it = root.begin(); it != root.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == "id" && it->second.IsScalar()) return it->second.Scalar();
    }
  } catch (const YAML::Exception&) {
    // Reported when (if) that package is loaded.
  }
  return {};
}

}  // namespace

Workspace::Workspace(const LoadOptions& options, const fs::path& package_real, const std::string& package_display,
                     internal::Sources& sources, internal::DiagnosticSink& sink)
    : max_file_bytes_(options.max_file_bytes), sources_(sources), sink_(sink) {
  std::error_code ec;
  for (const std::string& root : options.roots) {
    const fs::path real = fs::canonical(root, ec);
    if (ec || !fs::is_directory(real, ec)) {
      const std::string why = ec ? ec.message() : "not a folder";
      ReportAtPath(DiagnosticCode::kFileRead, root,
                   {"the root folder cannot be read: " + why,
                    ec ? "không đọc được thư mục gốc" + SystemSaysVi(why) : "thư mục gốc không phải một thư mục"},
                   sources_, sink_);
      continue;
    }
    roots_.push_back(WorkspaceRoot{real, JoinDisplay(root, "")});
  }
  if (!options.roots.empty()) return;
  fs::path dir = package_real;
  std::string display = JoinDisplay(package_display, "");
  for (uint32_t up = 0; up < 256; ++up) {
    if (fs::exists(dir / "ansinh-workspace.yaml", ec)) {
      roots_.push_back(WorkspaceRoot{dir, display});
      return;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
    display = JoinDisplay(display, "..");
  }
  roots_.push_back(WorkspaceRoot{package_real, JoinDisplay(package_display, "")});
}

bool Workspace::Contains(const fs::path& real) const {
  for (const WorkspaceRoot& root : roots_) {
    const fs::path rel = real.lexically_relative(root.real);
    if (!rel.empty() && *rel.begin() != "..") return true;
  }
  return false;
}

std::string Workspace::Display(const fs::path& real) const {
  for (const WorkspaceRoot& root : roots_) {
    const fs::path rel = real.lexically_relative(root.real);
    if (!rel.empty() && *rel.begin() != "..") return JoinDisplay(root.display, rel.generic_string());
  }
  return real.generic_string();
}

std::string Workspace::DescribeRoots() const {
  std::string out;
  for (const WorkspaceRoot& root : roots_) {
    if (!out.empty()) out += ", ";
    out += "'" + root.display + "'";
  }
  return out.empty() ? "(none)" : out;
}

std::optional<ResolvedPackage> Workspace::Resolve(const std::string& entry, const NodeRef& at, const fs::path& from,
                                                  const std::string& from_display) {
  if (!entry.empty() && entry[0] == '.') return ResolvePath(entry, at, from, from_display);
  if (entry.empty() || entry.find_first_of("/\\") != std::string::npos) {
    sink_.Error(DiagnosticCode::kBadValue, at.loc,
                {"'" + entry + "' is neither a package id nor a relative path: write an id such as 'vn', or a path "
                 "starting with ./ or ../",
                 "'" + entry + "' không phải mã gói cũng không phải đường dẫn tương đối: ghi một mã như 'vn', "
                 "hoặc một đường dẫn bắt đầu bằng ./ hoặc ../"},
                at.length);
    return std::nullopt;
  }
  if (!IsPackageId(entry)) {
    sink_.Error(DiagnosticCode::kBadIdentifier, at.loc,
                {"'" + entry + "' is not a valid package id: use letters, digits, '-', '_' and '.'",
                 "'" + entry + "' không phải mã gói hợp lệ: dùng chữ cái, chữ số, '-', '_' và '.'"},
                at.length);
    return std::nullopt;
  }
  return ResolveId(entry, at);
}

std::optional<ResolvedPackage> Workspace::ResolvePath(const std::string& entry, const NodeRef& at,
                                                      const fs::path& from, const std::string& from_display) {
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(from / entry, ec);
  const std::string shown = JoinDisplay(from_display, entry);
  if (ec) {
    sink_.Error(DiagnosticCode::kExtendsNotFound, at.loc,
                {"cannot resolve '" + entry + "': " + ec.message(),
                 "không tìm được '" + entry + "'" + SystemSaysVi(ec.message())},
                at.length);
    return std::nullopt;
  }
  if (!Contains(real)) {
    sink_.Error(DiagnosticCode::kExtendsOutsideRoot, at.loc,
                {"'" + entry + "' resolves to '" + shown + "', outside the workspace " + DescribeRoots() +
                     "; a package may only extend packages inside it (move the package, or mark a common parent "
                     "folder with ansinh-workspace.yaml)",
                 "'" + entry + "' trỏ tới '" + shown + "', nằm ngoài không gian làm việc " + DescribeRoots() +
                     "; một gói chỉ được kế thừa các gói bên trong đó (chuyển gói vào, hoặc đánh dấu một thư mục "
                     "cha chung bằng ansinh-workspace.yaml)"},
                at.length);
    return std::nullopt;
  }
  if (!fs::is_regular_file(real / "package.yaml", ec)) {
    sink_.Error(DiagnosticCode::kExtendsNotFound, at.loc,
                {"no package at '" + shown + "' (no package.yaml there); check the path, or write the package id",
                 "không có gói nào ở '" + shown + "' (ở đó không có package.yaml); kiểm tra đường dẫn, hoặc ghi mã gói"},
                at.length);
    return std::nullopt;
  }
  return ResolvedPackage{real, Display(real)};
}

std::optional<ResolvedPackage> Workspace::ResolveId(const std::string& id, const NodeRef& at) {
  if (!indexed_) BuildIndex();
  auto it = index_.find(id);
  if (it == index_.end()) {
    std::vector<std::string> ids;
    for (const auto& entry : index_) ids.push_back(entry.first);
    Message message = WithSuggestion(
        Message{"no package with id '" + id + "' in the workspace " + DescribeRoots() + ".",
                "không có gói nào mã '" + id + "' trong không gian làm việc " + DescribeRoots() + "."},
        id, ids);
    if (message.en.back() == '.') {
      message.en += " Write the id from its package.yaml, or a relative path such as ../vn.";
      message.vi += " Ghi mã lấy từ package.yaml của gói đó, hoặc một đường dẫn tương đối như ../vn.";
    }
    sink_.Error(DiagnosticCode::kExtendsNotFound, at.loc, std::move(message), at.length);
    return std::nullopt;
  }
  if (it->second.size() > 1) {
    std::string folders;
    for (const fs::path& p : it->second) folders += (folders.empty() ? "'" : ", '") + Display(p) + "'";
    sink_.Error(DiagnosticCode::kDuplicateId, at.loc,
                {"package id '" + id + "' is used by several folders: " + folders +
                     "; give each package its own id, or extend by relative path",
                 "mã gói '" + id + "' được nhiều thư mục dùng: " + folders +
                     "; đặt cho mỗi gói một mã riêng, hoặc kế thừa bằng đường dẫn tương đối"},
                at.length);
    return std::nullopt;
  }
  return ResolvedPackage{it->second.front(), Display(it->second.front())};
}

void Workspace::BuildIndex() {
  indexed_ = true;
  size_t folders = 0;
  for (const WorkspaceRoot& root : roots_) ScanFolder(root.real, 0, folders);
  if (folders > kMaxWorkspaceFolders) {
    ReportAtPath(DiagnosticCode::kLimit, roots_.front().display,
                 {"the workspace has more than " + std::to_string(kMaxWorkspaceFolders) +
                      " folders; packages beyond them are not found by id (use a smaller --root)",
                  "không gian làm việc có hơn " + std::to_string(kMaxWorkspaceFolders) +
                      " thư mục; các gói ngoài số đó không tìm được theo mã (dùng --root hẹp hơn)"},
                 sources_, sink_);
  }
}

void Workspace::ScanFolder(const fs::path& dir, uint32_t depth, size_t& folders) {
  if (++folders > kMaxWorkspaceFolders || depth > kMaxFolderDepth) return;
  std::error_code ec;
  if (fs::is_regular_file(dir / "package.yaml", ec)) {
    const std::string id = ReadPackageId(dir / "package.yaml", max_file_bytes_);
    if (!id.empty()) {
      std::vector<fs::path>& dirs = index_[id];
      if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
    }
  }
  std::vector<fs::path> subdirs;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code ec2;
    if (name.empty() || name[0] == '.' || it->is_symlink(ec2) || !it->is_directory(ec2)) continue;
    subdirs.push_back(it->path());
  }
  std::sort(subdirs.begin(), subdirs.end());
  for (const fs::path& sub : subdirs) ScanFolder(sub, depth + 1, folders);
}

}  // namespace ansinh::yaml
