// Internal: the readers of each section of a rule file (schema, parameters,
// variables, benefits, groups, checks, indicators, tests, package keys).
#ifndef ANSINH_LIB_YAML_SECTIONS_HPP_
#define ANSINH_LIB_YAML_SECTIONS_HPP_

#include <string>
#include <vector>

#include "model/package.hpp"
#include "yaml/reader.hpp"

namespace ansinh::yaml {

// Everything the files of one package define, in file order, before merging.
struct PackageItems {
  std::vector<model::FieldDef> fields;
  std::vector<model::ParamDef> parameters;
  std::vector<model::VariableDef> variables;
  std::vector<model::BenefitDef> benefits;
  std::vector<model::GroupDef> groups;
  std::vector<model::CheckDef> checks;
  std::vector<model::IndicatorDef> indicators;
  std::vector<model::UnitDef> units;
  std::vector<model::TestCase> tests;
};

// The package keys of package.yaml, with the location of each `extends` entry.
struct PackageHeader {
  model::PackageMeta meta;
  std::vector<NodeRef> extends;  // parallel to meta.extends
  bool has_id = false;
};

// Reads one parsed rule file into `items`. `header` is non-null for
// package.yaml, which alone may hold the package keys.
void ReadRuleFile(Reader& reader, PackageItems& items, PackageHeader* header);

void ReadSchema(Reader& reader, const NodeRef& section, PackageItems& items);
void ReadParameters(Reader& reader, const NodeRef& section, PackageItems& items);
void ReadVariables(Reader& reader, const NodeRef& section, PackageItems& items);
void ReadBenefits(Reader& reader, const NodeRef& section, PackageItems& items);
void ReadGroups(Reader& reader, const NodeRef& section, PackageItems& items);
void ReadChecks(Reader& reader, const NodeRef& section, PackageItems& items);
void ReadIndicators(Reader& reader, const NodeRef& section, PackageItems& items);
void ReadTests(Reader& reader, const NodeRef& section, PackageItems& items);
void ReadUnits(Reader& reader, const NodeRef& section, PackageItems& items);

// Shared by schema fields and variables: `type`, and `values` for enum/set
// (a list, or a map value → label). Returns false if the type is unusable.
struct TypedValues {
  ValueType type = ValueType::kBool;
  std::vector<std::string> values;
  std::vector<Label> value_labels;
  std::vector<Label> value_not_encoded;  // map form `{vi, en, not_encoded}`; empty = covered
  std::vector<Loc> value_locs;
};
bool ReadType(Reader& reader, const std::vector<MapEntry>& entries, const NodeRef& map, std::string_view what,
              TypedValues& out);

// `override: true|false`, false when absent.
bool ReadOverride(Reader& reader, const std::vector<MapEntry>& entries);

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_SECTIONS_HPP_
