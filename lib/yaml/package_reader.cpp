// The top level of a rule file: its sections, and the package keys of package.yaml.
#include <functional>

#include "yaml/sections.hpp"

namespace ansinh::yaml {

namespace {

using SectionFn = void (*)(Reader&, const NodeRef&, PackageItems&);

const std::vector<std::pair<std::string, SectionFn>>& Sections() {
  static const std::vector<std::pair<std::string, SectionFn>> kSections = {
      {"schema", &ReadSchema},         {"parameters", &ReadParameters}, {"variables", &ReadVariables},
      {"benefits", &ReadBenefits},     {"groups", &ReadGroups},         {"checks", &ReadChecks},
      {"indicators", &ReadIndicators}, {"units", &ReadUnits},          {"tests", &ReadTests}};
  return kSections;
}

const std::vector<std::string>& PackageKeys() {
  static const std::vector<std::string> kKeys = {"id", "name", "version", "language", "extends", "month_rule"};
  return kKeys;
}

void ReadExtends(Reader& reader, const NodeRef& value, PackageHeader& header) {
  std::optional<std::vector<NodeRef>> list = reader.List(value, "'extends'");
  if (!list) return;
  for (const NodeRef& item : *list) {
    std::optional<std::string> text = reader.Text(item, "an 'extends' entry");
    if (!text) continue;
    header.meta.extends.push_back(*text);
    header.extends.push_back(item);
  }
}

void ReadPackageKey(Reader& reader, const MapEntry& e, PackageHeader& header) {
  model::PackageMeta& meta = header.meta;
  if (e.key == "id") {
    std::optional<std::string> id = reader.Text(e.value, "'id'");
    if (!id) return;
    meta.loc = e.value.loc;
    if (!IsPackageId(*id)) {
      reader.Error(DiagnosticCode::kBadIdentifier, e.value,
                   {"'" + *id + "' is not a valid package id: use letters, digits, '-', '_' and '.', "
                    "starting with a letter or digit, e.g. 'vn-tra-vinh'",
                    "'" + *id + "' không phải mã gói hợp lệ: dùng chữ cái không dấu, chữ số, '-', '_' và '.', "
                    "bắt đầu bằng chữ cái hoặc chữ số, ví dụ 'vn-tra-vinh'"});
      return;
    }
    meta.id = *id;
    header.has_id = true;
  } else if (e.key == "name") {
    if (auto label = reader.LabelValue(e.value, "'name'")) meta.name = std::move(*label);
  } else if (e.key == "version") {
    if (auto text = reader.Text(e.value, "'version'")) meta.version = std::move(*text);
  } else if (e.key == "language") {
    static const std::vector<std::pair<std::string, Language>> kLanguages = {{"vi", Language::kVi},
                                                                             {"en", Language::kEn}};
    if (auto lang = reader.Choice(e.value, "'language'", kLanguages)) meta.language = *lang;
  } else if (e.key == "extends") {
    ReadExtends(reader, e.value, header);
  } else if (e.key == "month_rule") {
    if (auto rule = reader.Choice(e.value, "'month_rule'", MonthRuleChoices())) meta.month_rule = *rule;
  }
}

bool IsPackageKey(const std::string& key) {
  for (const std::string& k : PackageKeys()) {
    if (k == key) return true;
  }
  return false;
}

}  // namespace

void ReadRuleFile(Reader& reader, PackageItems& items, PackageHeader* header) {
  const YAML::Node& root = reader.source().root();
  if (header != nullptr) header->meta.loc = reader.source().LocAt(0);
  if (root.IsNull()) {
    if (header != nullptr) {
      reader.Error(DiagnosticCode::kMissingKey, reader.source().LocAt(0), 1,
                   {"package.yaml is empty; write at least `id: <package-id>`",
                    "package.yaml đang trống; ghi ít nhất `id: <mã-gói>`"});
    }
    return;
  }
  std::optional<std::vector<MapEntry>> entries = reader.Map(reader.Ref(root), "a rule file");
  if (!entries) return;
  std::vector<std::string> allowed;
  for (const auto& s : Sections()) allowed.push_back(s.first);
  if (header != nullptr) allowed.insert(allowed.end(), PackageKeys().begin(), PackageKeys().end());
  for (const MapEntry& e : *entries) {
    bool done = false;
    for (const auto& s : Sections()) {
      if (s.first == e.key) {
        s.second(reader, e.value, items);
        done = true;
      }
    }
    if (done) continue;
    if (IsPackageKey(e.key)) {
      if (header != nullptr) {
        ReadPackageKey(reader, e, *header);
      } else {
        reader.Error(DiagnosticCode::kUnknownKey, e.key_ref,
                     {"'" + e.key + "' is a package key; move it to package.yaml",
                      "'" + e.key + "' là khóa của gói; chuyển nó sang package.yaml"});
      }
      continue;
    }
    reader.CheckKeys({e}, allowed, "this file");
  }
  if (header != nullptr && !header->has_id && Reader::Find(*entries, "id") == nullptr) {
    reader.Error(DiagnosticCode::kMissingKey, reader.Ref(root),
                 {"package.yaml has no 'id'; add `id: <package-id>` (letters, digits, '-', '_', '.')",
                  "package.yaml không có 'id'; thêm `id: <mã-gói>` (chữ cái, chữ số, '-', '_', '.')"});
  }
}

bool ReadOverride(Reader& reader, const std::vector<MapEntry>& entries) {
  const MapEntry* e = Reader::Find(entries, "override");
  if (e == nullptr) return false;
  return reader.Bool(e->value, "'override'").value_or(false);
}

}  // namespace ansinh::yaml
