#include "yaml/loader.hpp"

#include <algorithm>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>

#include "yaml/extends.hpp"
#include "yaml/files.hpp"
#include "yaml/hash.hpp"
#include "yaml/merge.hpp"

namespace ansinh::yaml {

namespace fs = std::filesystem;

namespace {

// Reads the requested package, then (depth first) the packages it extends.
class TreeLoader {
 public:
  TreeLoader(const LoadOptions& options, Sources& sources, DiagnosticSink& sink)
      : options_(options), sources_(sources), sink_(sink) {}

  void Run(const std::string& path, model::Package& out);

 private:
  uint32_t LoadPackage(const fs::path& real, const std::string& display);
  void ReadFiles(uint32_t index);
  void LoadBases(uint32_t index);
  std::string Name(uint32_t index) const;
  std::string CycleText(uint32_t target) const;
  void Finish(model::Package& out);

  const LoadOptions& options_;
  Sources& sources_;
  DiagnosticSink& sink_;
  std::optional<Workspace> workspace_;
  std::vector<LoadedPackage> packages_;
  std::vector<uint32_t> stack_;              // packages being loaded (for cycles)
  std::map<std::string, uint32_t> loaded_;   // real folder → index in packages_
  size_t files_ = 0;
};

void TreeLoader::Run(const std::string& path, model::Package& out) {
  const std::string display = JoinDisplay(path.empty() ? "." : path, "");
  std::error_code ec;
  const fs::path real = fs::canonical(display, ec);
  if (ec) {
    ReportAtPath(DiagnosticCode::kFileRead, display,
                 {"cannot open the package folder: " + ec.message(),
                  "không mở được thư mục gói" + SystemSaysVi(ec.message())},
                 sources_, sink_);
    return;
  }
  if (!fs::is_directory(real, ec)) {
    ReportAtPath(DiagnosticCode::kFileRead, display,
                 {"this is a file, not a folder; give the folder that holds package.yaml",
                  "đây là một tệp, không phải thư mục; hãy chỉ thư mục chứa package.yaml"},
                 sources_, sink_);
    return;
  }
  if (!fs::is_regular_file(real / "package.yaml", ec)) {
    ReportAtPath(DiagnosticCode::kPackageMissing, display,
                 {"no package.yaml in this folder; a rule package needs one, with at least `id: <package-id>`",
                  "thư mục này không có package.yaml; một gói quy tắc cần tệp này, ít nhất có `id: <mã-gói>`"},
                 sources_, sink_);
    return;
  }
  workspace_.emplace(options_, real, display, sources_, sink_);
  LoadPackage(real, display);
  Finish(out);
}

uint32_t TreeLoader::LoadPackage(const fs::path& real, const std::string& display) {
  const uint32_t index = static_cast<uint32_t>(packages_.size());
  packages_.emplace_back();
  packages_[index].real_dir = real;
  packages_[index].header.meta.dir = display;
  loaded_[real.string()] = index;
  stack_.push_back(index);
  ReadFiles(index);
  LoadBases(index);
  stack_.pop_back();
  return index;
}

void TreeLoader::ReadFiles(uint32_t index) {
  const std::vector<PackageFile> files =
      ListPackageFiles(packages_[index].real_dir, packages_[index].header.meta.dir, sources_, sink_,
                       options_.allow_outside);
  for (const PackageFile& f : files) {
    if (files_ >= options_.max_files) {
      ReportAtPath(DiagnosticCode::kLimit, f.display,
                   {"more than " + std::to_string(options_.max_files) +
                        " rule files in this package and those it extends; this file and the rest are not read",
                    "gói này và các gói nó kế thừa có hơn " + std::to_string(options_.max_files) +
                        " tệp quy tắc; tệp này và các tệp sau không được đọc"},
                   sources_, sink_);
      return;
    }
    ++files_;
    const std::optional<uint32_t> source = ReadSourceFile(f.real, f.display, options_.max_file_bytes, sources_, sink_);
    if (!source) continue;
    LoadedPackage& package = packages_[index];
    package.files.emplace_back(f.rel, *source);
    package.header.meta.files.push_back(*source);
    YamlSource yaml(sources_, *source);
    if (!yaml.Parse(sink_)) continue;
    Reader reader(yaml, sink_);
    ReadRuleFile(reader, package.items, f.rel == "package.yaml" ? &package.header : nullptr);
  }
}

void TreeLoader::LoadBases(uint32_t index) {
  // Copies: loading a base appends to packages_.
  const std::vector<std::string> entries = packages_[index].header.meta.extends;
  const std::vector<NodeRef> refs = packages_[index].header.extends;
  const fs::path real = packages_[index].real_dir;
  const std::string display = packages_[index].header.meta.dir;
  for (size_t i = 0; i < entries.size() && i < refs.size(); ++i) {
    const std::optional<ResolvedPackage> target = workspace_->Resolve(entries[i], refs[i], real, display);
    if (!target) continue;
    auto known = loaded_.find(target->real.string());
    if (known != loaded_.end() && std::find(stack_.begin(), stack_.end(), known->second) != stack_.end()) {
      sink_.Error(DiagnosticCode::kExtendsCycle, refs[i].loc,
                  {"packages extend each other in a cycle: " + CycleText(known->second) +
                       "; remove one of these extends",
                   "các gói kế thừa nhau thành vòng: " + CycleText(known->second) + "; bỏ một trong các extends này"},
                  refs[i].length);
      continue;
    }
    uint32_t base = 0;
    if (known != loaded_.end()) {
      base = known->second;
    } else if (stack_.size() >= kMaxExtendsDepth) {
      sink_.Error(DiagnosticCode::kLimit, refs[i].loc,
                  {"packages extend each other more than " + std::to_string(kMaxExtendsDepth) + " levels deep",
                   "các gói kế thừa nhau sâu hơn " + std::to_string(kMaxExtendsDepth) + " tầng"},
                  refs[i].length);
      continue;
    } else {
      base = LoadPackage(target->real, target->display);
    }
    std::vector<uint32_t>& bases = packages_[index].bases;
    if (std::find(bases.begin(), bases.end(), base) != bases.end()) {
      sink_.Error(DiagnosticCode::kDuplicateId, refs[i].loc,
                  {"this package is already extended; remove the repeat", "gói này đã được kế thừa rồi; bỏ dòng lặp lại"},
                  refs[i].length);
      continue;
    }
    bases.push_back(base);
  }
}

std::string TreeLoader::Name(uint32_t index) const {
  const model::PackageMeta& meta = packages_[index].header.meta;
  return meta.id.empty() ? meta.dir : meta.id;
}

std::string TreeLoader::CycleText(uint32_t target) const {
  std::string out;
  auto it = std::find(stack_.begin(), stack_.end(), target);
  for (; it != stack_.end(); ++it) out += Name(*it) + " \u2192 ";
  return out + Name(target);
}

// Post-order: every package after its bases (bases in `extends` order).
void PostOrder(const std::vector<LoadedPackage>& packages, uint32_t p, std::vector<bool>& seen,
               std::vector<uint32_t>& out) {
  if (seen[p]) return;
  seen[p] = true;
  for (uint32_t b : packages[p].bases) PostOrder(packages, b, seen, out);
  out.push_back(p);
}

// packages[0] = the requested package, then its bases nearest first (breadth
// first); `bases` renumbered accordingly.
std::vector<LoadedPackage> NearestFirst(std::vector<LoadedPackage>& packages) {
  std::vector<uint32_t> order{0};
  std::vector<uint32_t> position(packages.size(), UINT32_MAX);
  position[0] = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    for (uint32_t b : packages[order[i]].bases) {
      if (position[b] != UINT32_MAX) continue;
      position[b] = static_cast<uint32_t>(order.size());
      order.push_back(b);
    }
  }
  std::vector<LoadedPackage> sorted;
  for (uint32_t old : order) {
    sorted.push_back(std::move(packages[old]));
    for (uint32_t& b : sorted.back().bases) b = position[b];
  }
  return sorted;
}

// E_DUPLICATE_ID for two packages of one tree with the same id.
void CheckPackageIds(const std::vector<LoadedPackage>& packages, DiagnosticSink& sink) {
  std::map<std::string, uint32_t> ids;
  for (uint32_t p = 0; p < packages.size(); ++p) {
    const model::PackageMeta& meta = packages[p].header.meta;
    if (meta.id.empty()) continue;
    auto [it, inserted] = ids.emplace(meta.id, p);
    if (inserted) continue;
    sink.Error(DiagnosticCode::kDuplicateId, meta.loc,
               {"package id '" + meta.id + "' is also the id of '" + packages[it->second].header.meta.dir +
                    "' in the same tree; give each package its own id",
                "mã gói '" + meta.id + "' cũng là mã của '" + packages[it->second].header.meta.dir +
                    "' trong cùng cây gói; đặt cho mỗi gói một mã riêng"},
               static_cast<uint32_t>(meta.id.size()));
  }
}

void TreeLoader::Finish(model::Package& out) {
  std::vector<LoadedPackage> sorted = NearestFirst(packages_);
  CheckPackageIds(sorted, sink_);
  std::vector<bool> seen(sorted.size());
  std::vector<uint32_t> merge_order;
  PostOrder(sorted, 0, seen, merge_order);
  MergePackages(sorted, merge_order, sources_, sink_, out);
  std::vector<HashedFile> hashed;
  for (LoadedPackage& p : sorted) {
    const std::string& id = p.header.meta.id.empty() ? p.header.meta.dir : p.header.meta.id;
    for (const auto& [rel, source] : p.files) hashed.push_back(HashedFile{id, rel, sources_.file(source).text});
    out.packages.push_back(std::move(p.header.meta));
  }
  out.hash = PackageHash(std::move(hashed));
}

}  // namespace

model::LoadedTree LoadPackageTree(const std::string& path, const LoadOptions& options) {
  model::LoadedTree tree;
  DiagnosticSink sink(&tree.sources);
  try {
    TreeLoader loader(options, tree.sources, sink);
    loader.Run(path, tree.package);
  } catch (const std::exception& e) {
    ReportAtPath(DiagnosticCode::kFileRead, path,
                 {std::string("the package could not be loaded: ") + e.what(),
                  std::string("không nạp được gói") + SystemSaysVi(e.what())},
                 tree.sources, sink);
  }
  sink.Sort();
  tree.diagnostics = std::move(sink.diagnostics());
  tree.ok = !sink.has_errors();
  return tree;
}

}  // namespace ansinh::yaml
