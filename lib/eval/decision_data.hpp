// Internal: decisions of a whole batch, stored by column. The columns are
// allocated once for the batch; each evaluated chunk writes its slice (so
// threads never share a cell and no merge is needed). Variable-length data
// (issues, reasons, missing fields, traces, ids) goes to the chunk's pool.
#ifndef ANSINH_LIB_EVAL_DECISION_DATA_HPP_
#define ANSINH_LIB_EVAL_DECISION_DATA_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ansinh/decision.hpp"
#include "ansinh/rule_set.hpp"
#include "common/big_alloc.hpp"

namespace ansinh::internal {

// A column inside the batch's single arena (DecisionData::arena): not
// zero-filled, every cell is written by the evaluator before it is read.
template <typename T>
class ColumnView {
 public:
  void Bind(T* data, size_t n) {
    data_ = data;
    size_ = n;
  }
  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  T* begin() noexcept { return data_; }
  T& operator[](size_t i) noexcept { return data_[i]; }
  const T& operator[](size_t i) const noexcept { return data_[i]; }
  size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

 private:
  T* data_ = nullptr;
  size_t size_ = 0;
};

// A value captured for a reason or an explanation (strings copied into the pool).
struct CapturedValue {
  int32_t reg = -1;   // program register (gives the type)
  uint8_t state = 1;  // plan::kKnown / kUnknown / kError
  int64_t raw = 0;    // strings: a text ref in the same pool
};

struct MissingRef {
  int32_t member = -1;      // -1: a household field
  int32_t field = -1;       // schema field index, or -1 for a parameter value
  int32_t param_plan = -1;  // an unconfirmed parameter value
  uint32_t key = UINT32_MAX;
};

struct ProvisionalRef {
  int32_t param = -1;  // index into RuleSet::parameters()
  int32_t step = -1;
};

struct OutcomeDetail {
  int16_t version = -1;
  int16_t failed = -1;           // first false condition
  int32_t day = 0;               // the day whose evaluation decided
  uint32_t missing_begin = 0, missing_count = 0;
  uint32_t values_begin = 0, values_count = 0;
  uint32_t provisional_begin = 0, provisional_count = 0;
  int64_t error = -1;            // text ref of an evaluation error message, or -1
};

// What one chunk's decisions refer to.
struct ChunkPool {
  std::vector<OutcomeDetail> details;
  std::vector<MissingRef> missing;
  std::vector<CapturedValue> values;
  std::vector<ProvisionalRef> provisional;
  std::vector<RecordIssue> issues;
  std::vector<std::string> origin_files;
  std::string text;
  // Details of outcomes when columns do not hold them (reasons and traces off):
  // key = column (with bit 31 set for person columns) << 32 | entity.
  std::unordered_map<uint64_t, uint32_t> sparse_details;

  static uint64_t SparseKey(bool person, uint32_t column, uint32_t entity) {
    return (static_cast<uint64_t>(column | (person ? 0x80000000u : 0u)) << 32) | entity;
  }

  int64_t AddText(std::string_view t) {
    const uint64_t offset = text.size();
    text.append(t.data(), t.size());
    return static_cast<int64_t>((offset << 24) | (t.size() & 0xFFFFFF));
  }
  std::string_view Text(int64_t ref) const {
    const uint64_t r = static_cast<uint64_t>(ref);
    return std::string_view(text).substr(r >> 24, r & 0xFFFFFF);
  }
};

struct HouseholdRow {
  uint32_t chunk = 0;            // pool
  int64_t id = 0;                // text ref in the pool
  uint32_t member_begin = 0, member_count = 0;
  uint32_t issue_begin = 0, issue_count = 0;  // in the pool; errors first
  uint32_t origin_file = 0;      // DecisionData::origin_files
  uint64_t origin_line = 0, origin_index = 0;
  int64_t total = 0;
  bool ok = true;
};

struct MemberRow {
  int64_t id = 0;                // text ref in the household's pool
  uint32_t household = 0;
  int64_t total = 0;
};

constexpr uint8_t kProvisionalBit = 0x80;
constexpr uint8_t kNearMissBit = 0x40;     // not eligible, in the benefit's target group (reasons on)
constexpr uint8_t kStatusMask = 0x3F;

// One benefit's outcomes for every household (household-level benefits) or
// every member (person-level benefits) of the batch.
struct OutcomeColumn {
  uint32_t benefit = 0;
  ColumnView<uint8_t> status;           // BenefitStatus, | kProvisionalBit | kNearMissBit
  ColumnView<int64_t> amount;           // 0 unless eligible or superseded
  ColumnView<int32_t> superseded_by;
  ColumnView<uint32_t> detail;          // dense details (reasons/traces on): UINT32_MAX or a pool index
};

struct VarValue {
  int64_t raw = 0;
  uint8_t state = 1;
};

// Indicator results per entity: 0 outside the population, 1 in it and the
// numerator false, 2 numerator true, 3 numerator unknown, 4 filter unknown.
using IndicatorFlag = uint8_t;

struct DecisionData {
  std::optional<RuleSet> rules;  // set by Evaluate (lib/runtime)
  When when;
  bool reasons = true;
  bool explain = false;
  bool dense_details = true;   // reasons or explain: every outcome has a detail slot
  std::vector<HouseholdRow, BigAllocator<HouseholdRow>> households;
  std::vector<MemberRow, BigAllocator<MemberRow>> members;
  std::vector<OutcomeColumn> household_outcomes;  // per household-level benefit, benefit order
  std::vector<OutcomeColumn> person_outcomes;     // per person-level benefit
  std::vector<ColumnView<VarValue>> household_vars;  // per household variable (RuleSet::variables order)
  std::vector<ColumnView<VarValue>> person_vars;
  std::vector<ColumnView<IndicatorFlag>> household_indicators;  // per household-population indicator
  std::vector<ColumnView<IndicatorFlag>> person_indicators;
  BigBuffer arena;  // every column above, one allocation (huge pages when large)
  std::vector<std::unique_ptr<ChunkPool>> pools;

  const ChunkPool& PoolOf(size_t household) const { return *pools[households[household].chunk]; }
};

// True if program register `reg` of `rules` holds strings (captured as text refs).
bool IsStringRegister(const RuleSet& rules, int32_t reg);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_EVAL_DECISION_DATA_HPP_
