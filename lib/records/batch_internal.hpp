// Internal to lib/records: shared by batch.cpp and batch_values.cpp.
#ifndef ANSINH_LIB_RECORDS_BATCH_INTERNAL_HPP_
#define ANSINH_LIB_RECORDS_BATCH_INTERNAL_HPP_

namespace ansinh::internal {

// Stands for "members[<id>]" in issue paths and messages until the member's id
// is known (rewritten by BatchBuilder::EndPerson). A control character, which
// QuoteForMessage never lets through from user text.
inline constexpr char kPersonMark[] = "\x1E";

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RECORDS_BATCH_INTERNAL_HPP_
