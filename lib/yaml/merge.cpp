#include "yaml/merge.hpp"

#include <unordered_map>

namespace ansinh::yaml {

namespace {

using internal::Loc;

std::string Key(const model::FieldDef& f) { return std::string(f.entity == Entity::kPerson ? "person." : "household.") + f.name; }
std::string Key(const model::ParamDef& p) { return p.name; }
std::string Key(const model::VariableDef& v) { return v.name; }
std::string Key(const model::BenefitDef& b) { return b.id; }
std::string Key(const model::GroupDef& g) { return g.id; }
std::string Key(const model::CheckDef& c) { return c.id; }
std::string Key(const model::IndicatorDef& i) { return i.id; }
// A unit is one code over one period: the code and its first day.
std::string Key(const model::UnitDef& u) { return u.code + (u.from ? " from " + u.from->ToString() : ""); }

// Bytes to underline at an item's location (its name as written).
template <typename T>
uint32_t NameLength(const T& item) { return static_cast<uint32_t>(Key(item).size()); }
uint32_t NameLength(const model::FieldDef& f) { return static_cast<uint32_t>(f.name.size()); }
uint32_t NameLength(const model::UnitDef& u) { return static_cast<uint32_t>(u.code.size()); }

class Merger {
 public:
  Merger(const std::vector<LoadedPackage>& packages, const internal::Sources& sources,
         internal::DiagnosticSink& sink)
      : packages_(packages), sources_(sources), sink_(sink), is_base_(packages.size(), std::vector<bool>(packages.size())) {
    for (uint32_t p = 0; p < packages.size(); ++p) MarkBases(p, p);
  }

  // Adds the items of package `origin` (of one kind) to `merged`.
  template <typename T>
  void Add(std::vector<T>& merged, std::vector<T>& incoming, uint32_t origin, const char* kind) {
    std::unordered_map<std::string, size_t>& index = index_[kind];
    std::unordered_map<std::string, size_t> local;  // defined by this package: key → index in merged
    for (T& item : incoming) {
      item.origin = origin;
      const std::string key = Key(item);
      const Item at{kind, key, item.loc, NameLength(item)};
      if (auto same = local.find(key); same != local.end()) {
        Report(DiagnosticCode::kDuplicateId, at,
               "is defined twice in package " + Name(origin) + " (first at " + Where(merged[same->second].loc) +
                   "); rename or remove one",
               "được định nghĩa hai lần trong gói " + Name(origin) + " (lần đầu ở " + Where(merged[same->second].loc) +
                   "); đổi tên hoặc xóa một mục");
        continue;
      }
      auto existing = index.find(key);
      if (existing == index.end()) {
        if (item.override_) {
          Report(DiagnosticCode::kOverrideNothing, at,
                 "has `override: true`, but no package that " + Name(origin) +
                     " extends defines it; remove `override: true`",
                 "ghi `override: true`, nhưng không gói nào mà " + Name(origin) +
                     " kế thừa định nghĩa mục này; bỏ `override: true`");
        }
        index[key] = local[key] = merged.size();
        merged.push_back(std::move(item));
        continue;
      }
      T& old = merged[existing->second];
      if (!is_base_[origin][old.origin]) {
        Report(DiagnosticCode::kDuplicateId, at,
               "is also defined by package " + Name(old.origin) + " (" + Where(old.loc) + "), which " + Name(origin) +
                   " does not extend; rename one of them",
               "cũng được định nghĩa trong gói " + Name(old.origin) + " (" + Where(old.loc) + "), gói mà " +
                   Name(origin) + " không kế thừa; đổi tên một trong hai");
      } else if (!item.override_) {
        Report(DiagnosticCode::kOverrideMissing, at,
               "is already defined by package " + Name(old.origin) + " (" + Where(old.loc) +
                   "); add `override: true` to replace it, or choose another name",
               "đã được định nghĩa trong gói " + Name(old.origin) + " (" + Where(old.loc) +
                   "); thêm `override: true` để thay thế, hoặc chọn tên khác");
      } else {
        local[key] = existing->second;
        old = std::move(item);  // replaced in place: keeps its position
      }
    }
  }

 private:
  struct Item {
    const char* kind;
    const std::string& key;
    Loc loc;
    uint32_t length;
  };

  // `what` and `what_vi` follow the item's kind and id ("benefit 'x' ...", "chế độ 'x' ...").
  void Report(DiagnosticCode code, const Item& at, const std::string& what, const std::string& what_vi) {
    sink_.Error(code, at.loc,
                {std::string(at.kind) + " '" + at.key + "' " + what, WhatVi(std::string(at.kind) + " ") + "'" + at.key + "' " + what_vi},
                at.length, std::string(at.kind) + " " + at.key);
  }

  void MarkBases(uint32_t of, uint32_t p) {
    for (uint32_t b : packages_[p].bases) {
      if (is_base_[of][b]) continue;
      is_base_[of][b] = true;
      MarkBases(of, b);
    }
  }

  std::string Name(uint32_t p) const {
    const std::string& id = packages_[p].header.meta.id;
    return "'" + (id.empty() ? packages_[p].header.meta.dir : id) + "'";
  }

  std::string Where(const Loc& loc) const {
    if (loc.file >= sources_.size()) return "unknown place";
    return sources_.file(loc.file).path + ":" + std::to_string(loc.line);
  }

  const std::vector<LoadedPackage>& packages_;
  const internal::Sources& sources_;
  internal::DiagnosticSink& sink_;
  std::vector<std::vector<bool>> is_base_;  // [p][b]: b is a (transitive) base of p
  std::unordered_map<std::string, std::unordered_map<std::string, size_t>> index_;
};

void MergeTests(std::vector<model::TestCase>& tests, const internal::Sources& sources, internal::DiagnosticSink& sink,
                model::Package& out) {
  std::unordered_map<std::string, size_t> seen;
  for (model::TestCase& t : tests) {
    auto [it, inserted] = seen.emplace(t.name, out.tests.size());
    if (!inserted) {
      const Loc& first = out.tests[it->second].loc;
      sink.Error(DiagnosticCode::kDuplicateId, t.loc,
                 {"two tests are named '" + t.name + "' (first at " + sources.file(first.file).path + ":" +
                      std::to_string(first.line) + "); give each test its own name",
                  "hai bài kiểm tra cùng tên '" + t.name + "' (bài đầu ở " + sources.file(first.file).path + ":" +
                      std::to_string(first.line) + "); đặt cho mỗi bài một tên riêng"},
                 1, "test " + t.name);
      continue;
    }
    t.origin = 0;
    out.tests.push_back(std::move(t));
  }
}

}  // namespace

void MergePackages(std::vector<LoadedPackage>& packages, const std::vector<uint32_t>& merge_order,
                   const internal::Sources& sources, internal::DiagnosticSink& sink, model::Package& out) {
  Merger merger(packages, sources, sink);
  for (uint32_t p : merge_order) {
    PackageItems& items = packages[p].items;
    merger.Add(out.fields, items.fields, p, "field");
    merger.Add(out.parameters, items.parameters, p, "parameter");
    merger.Add(out.variables, items.variables, p, "variable");
    merger.Add(out.benefits, items.benefits, p, "benefit");
    merger.Add(out.groups, items.groups, p, "group");
    merger.Add(out.checks, items.checks, p, "check");
    merger.Add(out.indicators, items.indicators, p, "indicator");
    merger.Add(out.units, items.units, p, "unit");
  }
  for (size_t i = 0; i < out.benefits.size(); ++i) out.benefits[i].order = static_cast<uint32_t>(i);
  if (!packages.empty()) MergeTests(packages[0].items.tests, sources, sink, out);
}

}  // namespace ansinh::yaml
