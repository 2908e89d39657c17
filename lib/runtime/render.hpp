// Internal: turning stored decisions into words and JSON.
#ifndef ANSINH_LIB_RUNTIME_RENDER_HPP_
#define ANSINH_LIB_RUNTIME_RENDER_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "ansinh/decision.hpp"
#include "eval/decision_data.hpp"
#include "runtime/rule_set_impl.hpp"

namespace ansinh::internal {

// A variable's value as an OutputValue, into `*out`, reusing its text and items (no allocation once
// they have grown).
void VariableOutputInto(const RuleSetImpl& impl, size_t variable, const VarValue& value, OutputValue* out);
// A captured register value as an OutputValue.
OutputValue CapturedOutput(const DecisionData& data, const ChunkPool& pool, const CapturedValue& value);
// "members[P2].has_supporter", "income_per_capita", "param.war_invalid_allowance[35]".
std::vector<std::string> MissingPaths(const DecisionData& data, size_t household, const BenefitOutcome& o);
std::string Reason(const DecisionData& data, size_t household, const BenefitOutcome& o, Language lang);
// The same, appended to `out` (the renderers reuse one buffer: no allocation per reason).
void AppendReason(std::string& out, const DecisionData& data, size_t household, const BenefitOutcome& o, Language lang);
// Both reasons of `o` in JSON: the inside of the "vi" string, then `","en":"` and the inside of
// the "en" string. A not-eligible outcome's are remembered per thread (the same condition with
// the same values: the same sentences) unless a value is a record's text.
void AppendReasonsJson(std::string& out, const DecisionData& data, size_t household, const BenefitOutcome& o);
// Whether every word of the rule set that a not-eligible reason can hold (condition names and
// labels, the labels and units of what conditions read, literal strings, enum values and labels)
// goes into a JSON string as it is (RuleSetImpl::reason_words_plain; needs impl.program).
bool ReasonWordsPlain(const RuleSetImpl& impl);
// The constant JSON members of each benefit's outcome (RuleSetImpl::benefit_json).
std::vector<RuleSetImpl::BenefitJson> CompileBenefitJson(const std::vector<BenefitInfo>& benefits);
// The "rules" member of every decision of a rule set (RuleSetImpl::rules_json).
std::string CompileRulesJson(const PackageInfo& info);
Explanation Explain(const DecisionData& data, size_t household, const BenefitOutcome& o);
// An amount of `info`: vi "750.000 đ/tháng", "2.340.000 đ (một lần)", "100%".
std::string AmountText(const BenefitInfo& info, int64_t amount, Language lang);
void AppendAmountText(std::string& out, const BenefitInfo& info, int64_t amount, Language lang);
// A value for people: vi "1.500.000 đ", en "1,500,000 VND"; enum labels; dates; yes/no.
std::string Human(const RuleSetImpl& impl, const OutputValue& v, int32_t enum_id, Language lang);
void AppendHuman(std::string& out, const RuleSetImpl& impl, const OutputValue& v, int32_t enum_id, Language lang);
// The same, a number written in the declared `unit` of its field or parameter: money
// "1.500.000 đ", "percent" "61%", "months" "6 tháng"/"6 months", "count" "3"; "" = by its type.
void AppendInUnit(std::string& out, const RuleSetImpl& impl, const OutputValue& v, int32_t enum_id, std::string_view unit,
                  Language lang);
std::string HumanInUnit(const RuleSetImpl& impl, const OutputValue& v, std::string_view unit, Language lang);
// A whole number of a field or parameter (VND for money) of `type` and declared `unit`:
// "1.500.000 đ", "61%", "6 tháng", "3"; without a unit, money as money and the rest plain.
std::string WholeInUnit(int64_t value, ValueType type, std::string_view unit, Language lang);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RUNTIME_RENDER_HPP_
