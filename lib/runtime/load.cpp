// LoadRules: load (yaml/) -> check (check/) -> plan (plan/) -> RuleSet.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <tuple>
#include <vector>

#include "ansinh/error.hpp"
#include "ansinh/rule_set.hpp"
#include "check/checked.hpp"
#include "plan/plan.hpp"
#include "plan/planner.hpp"
#include "runtime/access.hpp"
#include "runtime/render.hpp"
#include "runtime/rule_set_impl.hpp"
#include "yaml/loader.hpp"

ANSINH_BEGIN_NAMESPACE
namespace {

using internal::RuleSetImpl;

// Loader errors after which checking would only repeat them as cascades.
bool Structural(const Diagnostic& d) {
  switch (d.code) {
    case DiagnosticCode::kYamlSyntax:
    case DiagnosticCode::kFileRead:
    case DiagnosticCode::kPackageMissing:
    case DiagnosticCode::kExtendsNotFound:
    case DiagnosticCode::kExtendsCycle:
    case DiagnosticCode::kExtendsOutsideRoot:
    case DiagnosticCode::kLimit: return d.severity == Severity::kError;
    default: return false;
  }
}

std::string Render(const model::ParamStep& step, const model::ParamDef& def) {
  auto one = [&](const std::optional<Decimal>& v) {
    if (!v) return std::string("null");
    return v->ToString();
  };
  if (def.kind == model::ParamKind::kScalar) return one(step.scalar);
  if (step.all_null) return "null";
  std::string out = "{";
  for (size_t i = 0; i < step.cells.size(); ++i) {
    if (i) out += ", ";
    out += step.cells[i].key + ": " + one(step.cells[i].value);
  }
  return out + "}";
}

void FillMetadata(const model::LoadedTree& tree, const check::CheckedPackage& checked, RuleSetImpl& impl) {
  const model::Package& pkg = tree.package;
  const model::PackageMeta& top = pkg.packages.front();
  impl.info.id = top.id;
  impl.info.name = top.name;
  impl.info.version = top.version;
  impl.info.path = top.dir;
  impl.info.language = top.language;
  impl.info.hash = pkg.hash;
  for (size_t i = 1; i < pkg.packages.size(); ++i) impl.info.extends.push_back(pkg.packages[i].id);
  impl.schema = checked.schema;
  for (Entity e : {Entity::kHousehold, Entity::kPerson}) {
    std::vector<FieldInfo>& out = internal::Access::Fields(impl.public_schema, e);
    // The public description of each field is the compiled field's FieldInfo part.
    for (const internal::CompiledField& f : checked.schema.fields(e)) out.push_back(static_cast<const FieldInfo&>(f));
  }
  for (const check::EnumDef& e : checked.enums) impl.enums.push_back({e.name, e.values, e.labels});
  for (const check::CheckedParam& p : checked.params) {
    ParameterInfo pi;
    pi.name = p.def->name;
    pi.label = p.def->label;
    pi.unit = p.def->unit;
    pi.reference = p.def->reference;
    for (const model::ParamStep& s : p.def->steps) {
      pi.steps.push_back({s.from, Render(s, *p.def), s.reference.empty() ? p.def->reference : s.reference,
                          s.provisional});
    }
    impl.parameters.push_back(std::move(pi));
  }
  for (const check::CheckedVariable& v : checked.variables) {
    impl.variables.push_back({v.def->name, v.entity, v.type.base, v.def->label});
    impl.variable_enums.push_back(v.type.enum_id);
  }
  for (const check::CheckedBenefit& b : checked.benefits) {
    BenefitInfo bi;
    bi.id = b.def->id;
    bi.label = b.def->label;
    bi.applies_to = b.def->applies_to;
    bi.reference = b.def->reference;
    bi.group = b.def->group;
    bi.adds_to_group = b.def->adds_to_group;
    bi.exclusive = b.exclusive;
    bi.exclusive_reference = b.def->exclusive_reference;
    bi.unit = b.def->unit;
    bi.frequency = b.def->frequency;
    std::vector<internal::VersionMeta> versions;
    for (const model::BenefitVersion& v : b.def->versions) {
      if (!bi.from || v.from < *bi.from) bi.from = v.from;
      internal::VersionMeta vm;
      vm.from = v.from;
      vm.to = v.to;
      vm.reference = v.reference.empty() ? b.def->reference : v.reference;
      for (const model::Condition& c : v.when) {
        vm.conditions.push_back({c.name, c.label, c.test.text, tree.sources.Public(c.test.loc)});
      }
      vm.amount_source = v.amount.text;
      vm.amount_location = tree.sources.Public(v.amount.loc);
      versions.push_back(std::move(vm));
    }
    bi.to.reset();
    bool open = false;
    for (const model::BenefitVersion& v : b.def->versions) {
      if (!v.to) open = true;
      else if (!bi.to || *v.to > *bi.to) bi.to = v.to;
    }
    if (open) bi.to.reset();
    impl.benefits.push_back(std::move(bi));
    impl.versions.push_back(std::move(versions));
  }
  for (const check::CheckedGroup& g : checked.groups) {
    GroupInfo gi;
    gi.id = g.def->id;
    gi.label = g.def->label;
    gi.policy = g.def->policy;
    gi.reference = g.def->reference;
    for (int b : g.competing) gi.benefits.push_back(checked.benefits[b].def->id);
    impl.groups.push_back(std::move(gi));
  }
  for (const check::CheckedCheck& c : checked.checks) {
    impl.checks.push_back({c.def->id, c.def->applies_to, c.def->severity, c.def->field, c.def->message});
  }
  for (const check::CheckedIndicator& i : checked.indicators) {
    const model::IndicatorDef& d = *i.def;
    impl.indicators.push_back({d.id, d.label, d.reference, d.population, d.filter.text, d.numerator.text, d.target_op,
                               d.target_share, d.target_count, d.target_by});
  }
  impl.test_count = pkg.tests.size();
}

// Drops a diagnostic that repeats an earlier one word for word at the same
// place. An expression shared by several versions of a benefit (a `when` or
// `amount` written once above `versions:`) is checked once per version; its
// error must be printed once. `diagnostics` is sorted by place.
void RemoveRepeats(std::vector<Diagnostic>& diagnostics) {
  auto same_place = [](const Diagnostic& a, const Diagnostic& b) {
    return a.location.file == b.location.file && a.location.line == b.location.line &&
           a.location.column == b.location.column;
  };
  std::vector<Diagnostic> kept;
  kept.reserve(diagnostics.size());
  size_t place = 0;  // first of `kept` at the current place
  for (Diagnostic& d : diagnostics) {
    if (!kept.empty() && !same_place(kept.back(), d)) place = kept.size();
    const auto first = kept.begin() + static_cast<std::ptrdiff_t>(place);
    const bool repeat = std::any_of(first, kept.end(), [&](const Diagnostic& k) {
      return k.code == d.code && k.severity == d.severity && k.message == d.message;
    });
    if (!repeat) kept.push_back(std::move(d));
  }
  diagnostics = std::move(kept);
}

void CheckOptions(const LoadOptions& options) {
  if (options.max_expression_depth == 0 || options.max_expression_bytes == 0 || options.max_file_bytes == 0) {
    throw UsageError("LoadOptions limits must be positive");
  }
}

}  // namespace

ANSINH_END_NAMESPACE

namespace ansinh::internal {

LoadResult BuildRuleSet(std::shared_ptr<model::LoadedTree> tree, const LoadOptions& options) {
  CheckOptions(options);
  std::vector<Diagnostic> diagnostics = tree->diagnostics;
  const bool structural = std::any_of(diagnostics.begin(), diagnostics.end(), Structural);
  std::shared_ptr<check::CheckedPackage> checked;
  if (!structural && !tree->package.packages.empty()) {
    internal::DiagnosticSink sink(&tree->sources);
    checked = check::Check(*tree, options, sink);
    for (Diagnostic& d : sink.diagnostics()) diagnostics.push_back(std::move(d));
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
  RemoveRepeats(diagnostics);
  if (HasErrors(diagnostics) || !checked) return Access::MakeLoadResult(nullptr, std::move(diagnostics));
  auto impl = std::make_shared<RuleSetImpl>();
  FillMetadata(*tree, *checked, *impl);
  impl->benefit_json = CompileBenefitJson(impl->benefits);
  impl->rules_json = CompileRulesJson(impl->info);
  impl->program = plan::BuildProgram(*checked);
  impl->reason_words_plain = ReasonWordsPlain(*impl);
  static std::atomic<uint64_t> next_serial{1};
  impl->serial = next_serial.fetch_add(1);
  impl->tree = tree;
  impl->checked = checked;
  return Access::MakeLoadResult(std::move(impl), std::move(diagnostics));
}

}  // namespace ansinh::internal

ANSINH_BEGIN_NAMESPACE

LoadResult LoadRules(const std::string& path, const LoadOptions& options) {
  CheckOptions(options);
  return internal::BuildRuleSet(std::make_shared<model::LoadedTree>(yaml::LoadPackageTree(path, options)), options);
}

RuleSet LoadResult::Release() && {
  if (!ok()) throw RuleError(diagnostics_);
  return internal::Access::MakeRuleSet(std::move(rules_));
}

RuleSet LoadRulesOrThrow(const std::string& path, const LoadOptions& options) {
  return LoadRules(path, options).Release() ;
}

const PackageInfo& RuleSet::info() const noexcept { return impl_->info; }
const Schema& RuleSet::schema() const noexcept { return impl_->public_schema; }
const std::vector<BenefitInfo>& RuleSet::benefits() const noexcept { return impl_->benefits; }
const std::vector<GroupInfo>& RuleSet::groups() const noexcept { return impl_->groups; }
const std::vector<ParameterInfo>& RuleSet::parameters() const noexcept { return impl_->parameters; }
const std::vector<VariableInfo>& RuleSet::variables() const noexcept { return impl_->variables; }
const std::vector<IndicatorInfo>& RuleSet::indicators() const noexcept { return impl_->indicators; }
size_t RuleSet::test_count() const noexcept { return impl_->test_count; }
int RuleSet::BenefitIndex(std::string_view id) const noexcept {
  for (size_t i = 0; i < impl_->benefits.size(); ++i) {
    if (impl_->benefits[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

const char* ToString(Entity entity) noexcept { return entity == Entity::kHousehold ? "household" : "person"; }

const FieldInfo* Schema::Find(Entity entity, std::string_view name) const noexcept {
  for (const FieldInfo& f : fields(entity)) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

int Schema::IndexOf(Entity entity, std::string_view name) const noexcept {
  const auto& f = fields(entity);
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

ANSINH_END_NAMESPACE
