// Internal: pieces of a diff that every renderer shows the same way.
#ifndef ANSINH_LIB_REPORT_DIFF_VIEWS_HPP_
#define ANSINH_LIB_REPORT_DIFF_VIEWS_HPP_

#include <optional>
#include <string>

#include "ansinh/diff.hpp"

namespace ansinh::report {

// Whether a benefit line has anything to show (beneficiaries or changes).
bool Shows(const DiffBenefitLine& line);

// An amount as paid: money "810.000 đ", percent "70%", not paid "—".
std::string AmountText(const std::optional<int64_t>& amount, BenefitUnit unit, Language lang);

// The label of benefit `id` in the diff (the id itself if the diff has no such line).
const std::string& BenefitLabel(const Diff& diff, const std::string& id, Language lang);

// "CL-0005-03 · Trợ cấp trẻ em dưới 3 tuổi: được thêm (— → 810.000 đ)".
std::string ChangeLine(const Diff& diff, const BenefitChange& change, Language lang);

}  // namespace ansinh::report

#endif  // ANSINH_LIB_REPORT_DIFF_VIEWS_HPP_
