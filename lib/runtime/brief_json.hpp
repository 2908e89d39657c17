// Internal: the brief of a decision (MakeBrief, the selection of `ansinh
// explain`) as JSON, for the C API and the HTTP service. The same keys as the
// Python binding's Decision.brief() (docs/decision-format.md, "A decision in
// brief", JSON form).
#ifndef ANSINH_LIB_RUNTIME_BRIEF_JSON_HPP_
#define ANSINH_LIB_RUNTIME_BRIEF_JSON_HPP_

#include <string>

#include "ansinh/decision.hpp"

namespace ansinh::internal {

// Appends the brief of `decision` at `detail`, labels and reasons in `lang`,
// as one line of JSON to `out`.
void AppendBriefJson(const DecisionView& decision, Detail detail, Language lang, std::string* out);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RUNTIME_BRIEF_JSON_HPP_
