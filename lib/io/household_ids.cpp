#include "io/record_source.hpp"
#include "records/issues.hpp"

namespace ansinh::internal {

void HouseholdIds::Check(BatchBuilder& builder, const RecordOrigin& origin) {
  const std::string_view id = builder.CurrentHouseholdId();
  if (id.empty()) return;
  if (files_.empty() || files_.back() != origin.file) files_.push_back(origin.file);
  const auto [earlier, inserted] =
      first_.Insert(id, First{static_cast<uint32_t>(files_.size() - 1), origin.line, origin.index});
  if (inserted) return;
  RecordOrigin first;
  first.file = files_[earlier->file];
  first.line = earlier->line;
  first.index = earlier->index;
  builder.AddIssue(DuplicateHouseholdIdIssue(id, first));
}

}  // namespace ansinh::internal
