// Internal: the column evaluator. Runs a Program over one chunk of households
// at a time: every op processes all lanes of its level (households, persons,
// or person×member pairs) in a tight loop. Per-thread mutable state lives in
// EvalState and is reused across chunks, so evaluation allocates only while
// its buffers grow to the largest chunk seen.
#ifndef ANSINH_LIB_EVAL_VM_HPP_
#define ANSINH_LIB_EVAL_VM_HPP_

#include <cstdint>
#include <vector>

#include "eval/why_pool.hpp"
#include "plan/plan.hpp"
#include "records/batch.hpp"

namespace ansinh::eval {

using plan::kError;
using plan::kKnown;
using plan::kUnknown;
using plan::Level;

// The runtime view of one register for the current chunk and pass. Either a
// scalar (one value for every lane) or a column. `all_known` lets ops skip the
// per-lane state logic in the common case.
struct Reg {
  int64_t* v = nullptr;
  uint8_t* st = nullptr;
  uint32_t* why = nullptr;
  int64_t s = 0;
  uint8_t s_state = kKnown;
  uint32_t s_why = 0;
  bool scalar = true;
  bool all_known = true;
  bool field = false;  // a record column: `why` is made on demand
  uint8_t entity = 0;
  int32_t field_index = -1;

  int64_t At(size_t i) const { return scalar ? s : v[i]; }
  // Every lane known. (`all_known` alone describes columns; a scalar's state is s_state.)
  bool AllKnown() const { return scalar ? s_state == kKnown : all_known; }
  uint8_t State(size_t i) const { return scalar ? s_state : all_known ? kKnown : st[i]; }
};

// The lanes of one chunk and how they relate.
struct Lanes {
  size_t count[3] = {0, 0, 0};
  std::vector<uint32_t> hh_of_person;   // person lane -> household lane
  std::vector<uint32_t> member_begin;   // household lane -> first person lane (size households + 1)
  std::vector<uint32_t> pair_person;    // pair lane -> person lane
  std::vector<uint32_t> pair_member;    // pair lane -> member (person) lane
  std::vector<uint32_t> hh_of_pair;     // pair lane -> household lane
  std::vector<uint32_t> pair_begin;     // person lane -> first pair lane (size persons + 1)
};

// Results of one benefit for the lanes of its level, in the current pass.
struct BenefitLanes {
  std::vector<uint8_t> status;        // BenefitStatus, before group resolution
  std::vector<int64_t> amount;        // rounded amount, when eligible
  std::vector<int16_t> version;       // version in force, or -1
  std::vector<int16_t> failed;        // first false condition, or -1
  std::vector<uint32_t> why;          // undetermined: what is missing / the error
  std::vector<int32_t> superseded_by;  // group resolution: winner, or -1

  // Every column sized to `lanes` (the values are what they were, or zero).
  void Resize(size_t lanes) {
    status.resize(lanes);
    amount.resize(lanes);
    version.resize(lanes);
    failed.resize(lanes);
    why.resize(lanes);
    superseded_by.resize(lanes);
  }
};

class EvalState {
 public:
  // Binds the state to a program and a chunk [h_begin, h_begin + h_count) of
  // `batch`. `pairs`: build pair lanes (the program has pair-level ops).
  void Prepare(const plan::Program& program, const internal::BatchData& batch, size_t h_begin, size_t h_count);
  // Sets the day for this pass: one day for all (as_of) or one per household.
  void SetDay(int32_t day);
  void SetDays(const std::vector<int64_t>& per_household);
  void SetPeriod(int32_t first_day, int32_t last_day);
  // Runs every op of the program for the bound chunk. `again`: another pass
  // over the same chunk on another day (a month's candidate days): an op
  // whose inputs depend neither on the day nor on benefit results, and that
  // ran in an earlier pass, is skipped (its register still holds its value:
  // every op writes its own slot, and nothing else writes it); so is one that
  // depends on the day but none of whose inputs changed since it last ran.
  // On a day for all lanes, a parameter whose day is in the segment between
  // change days it last ran in (the same step) and whose key did not change
  // is skipped too, and so is a benefit whose version in force (the same
  // segment), conditions and amount did not change (benefit_kept).
  void Run(bool again = false);

  const plan::Program* program = nullptr;
  const internal::BatchData* batch = nullptr;
  size_t h_begin = 0, p_begin = 0;
  Lanes lanes;
  std::vector<Reg> regs;
  std::vector<BenefitLanes> benefits;
  std::vector<std::vector<int32_t>> group_winner;
  WhyPool why;
  bool scalar_day = true;
  int32_t day = 0;
  // Record which condition failed first (needed for reasons and traces only).
  bool track_failed = true;
  std::vector<int64_t> scratch;  // per-op temporary lanes
  // Per benefit: its op did not run in the latest pass (a later pass, see
  // Run): its lanes are those of the pass before, group resolution aside.
  std::vector<uint8_t> benefit_kept;

  // Why a lane of a register is not known (0 if known).
  uint32_t WhyAt(const Reg& r, size_t i) {
    if (r.scalar) return r.s_why;
    if (r.field) return why.Field(r.entity, static_cast<uint32_t>(i), static_cast<uint32_t>(r.field_index));
    return r.all_known || r.st[i] == kKnown ? 0 : r.why[i];
  }
  size_t LaneCount(Level level) const { return lanes.count[static_cast<int>(level)]; }
  // The output register of `op`, as a column of its level (buffers reused).
  Reg& OutColumn(const plan::Op& op);
  Reg& OutScalar(const plan::Op& op);
  // Where OutColumn puts the lanes of `op`'s output.
  const int64_t* OwnColumn(const plan::Op& op) const;

 private:
  void BuildLanes(bool pairs);
  void BindRegisters();
  std::vector<int64_t> values_[3];
  std::vector<uint8_t> states_[3];
  std::vector<uint32_t> whys_[3];
  std::vector<int64_t> day_column_;
  std::vector<uint8_t> day_states_;
  bool has_pairs_ = false;
  // Per op of `dependence_of_`: its value depends on the day (or it is a benefit op).
  void FindDayDependent();
  // Runs op i unless its guard excludes the pass's day (then false).
  bool RunOp(size_t i);
  // A later pass: runs op i and notes whether its output changed.
  void RunTracked(size_t i);
  // An input of `op` changed after pass `since`.
  bool InputChanged(const plan::Op& op, uint32_t since) const;
  // A later pass, on a day for all lanes: op i (a parameter or a benefit) would
  // give what it gave when it last ran (see Run).
  bool ParamSame(size_t i, const plan::Op& op) const;
  bool BenefitSame(size_t i, const plan::Op& op) const;
  const plan::Program* dependence_of_ = nullptr;
  std::vector<uint8_t> day_dependent_;
  std::vector<uint32_t> again_ops_;  // the ops a later pass may run: day-dependent or guarded
  // Per benefit: the registers its op reads (every version's conditions and
  // amount), at benefit_reads_[benefit_reads_begin_[b], benefit_reads_begin_[b + 1]).
  std::vector<uint32_t> benefit_reads_begin_;
  std::vector<int32_t> benefit_reads_;
  // Per pass of the chunk: where its day lies among the program's change days
  // (the index of the first one after it), or -1 when the lanes have
  // different days. Two days of one segment have the same parameter steps and
  // versions in force.
  std::vector<int32_t> pass_segment_;
  int32_t DaySegment() const;
  // A later pass in the segment of the pass before: runs only the ops marked
  // as readers of what changed.
  void RunChangedOnly();
  std::vector<uint32_t> readers_begin_;  // per register: range into readers_
  std::vector<uint32_t> readers_;        // ops, ascending
  std::vector<uint32_t> always_ops_;     // group, exclusive and receives ops
  std::vector<uint32_t> param_ops_;
  std::vector<uint64_t> dirty_;          // per op: marked in this pass (a bit each)
  // Op i last ran in a pass on a day of this pass's segment.
  bool SameSegment(size_t i) const;
  std::vector<uint8_t> ran_;  // per op: ran in a pass of the current chunk
  // The passes of the current chunk are numbered from 1. Per op: the pass it
  // last ran in (0: never); per register: the last pass in which its content
  // changed (the day's register: every later pass). A later pass skips an op
  // none of whose inputs changed since it last ran: its output would be the
  // same (ops are functions of their inputs a, b, c; the benefit ops, which
  // read more, always run).
  uint32_t pass_ = 0;
  std::vector<uint32_t> last_run_;
  std::vector<uint32_t> changed_;
  std::vector<int64_t> before_v_;  // RunTracked: the output's lanes before the op ran
  std::vector<uint8_t> before_st_;
  std::vector<uint32_t> before_why_;
  size_t chunk_households_ = 0;
};

// Op families (vm_*.cpp). Each runs one op over all lanes of its level.
void RunGather(EvalState& s, const plan::Op& op);
void RunArithmetic(EvalState& s, const plan::Op& op);
void RunCompare(EvalState& s, const plan::Op& op);
void RunLogic(EvalState& s, const plan::Op& op);
void RunMembership(EvalState& s, const plan::Op& op);
void RunDates(EvalState& s, const plan::Op& op);
void RunMisc(EvalState& s, const plan::Op& op);
void RunReduce(EvalState& s, const plan::Op& op);
void RunParam(EvalState& s, const plan::Op& op);
void RunBenefit(EvalState& s, const plan::Op& op);
void RunGroup(EvalState& s, const plan::Op& op);
// `exclusive: {among: household}`: in each household only one eligible member
// keeps the benefit (highest amount, then `prefer`, then the member listed
// first); the others get superseded_by = number of benefits + the winner's
// index in the household (the decision view reads it as superseded by the
// benefit itself, paid to superseded_by_member).
void ResolveExclusive(const EvalState& s, const plan::BenefitPlan& p, BenefitLanes& lanes);
void RunExclusive(EvalState& s, const plan::Op& op);
void RunReceives(EvalState& s, const plan::Op& op);

}  // namespace ansinh::eval

#endif  // ANSINH_LIB_EVAL_VM_HPP_
