// Internal: the household ids seen so far in one input, for
// R_DUPLICATE_HOUSEHOLD_ID, in memory that does not grow with the ids' text.
//
// Every id goes, with where it was first seen, into an append-only log: a
// block in memory (the "in-memory part", `buffer_bytes`) that is written out
// to an unlinked temporary file whenever it fills. In memory stays one 8-byte
// slot per id (open addressing at most 3/4 full): 24 bits of the id's 64-bit
// hash and the 40-bit offset of its log record. A new id whose slot tag
// matches is compared exactly against the logged record (full hash, then the
// bytes), so no duplicate is missed and no distinct id is ever taken for one.
// Growing the table re-reads the log's hashes in order (sequential, rare).
// Memory: 8 bytes × 4/3..8/3 per household (11-21 B) + the block; 1 M households
// ~16 MB, against ~55 B per household when every id was kept in memory.
#ifndef ANSINH_LIB_IO_HOUSEHOLD_IDS_HPP_
#define ANSINH_LIB_IO_HOUSEHOLD_IDS_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/records.hpp"
#include "records/batch.hpp"

namespace ansinh::internal {

class HouseholdIds {
 public:
  static constexpr size_t kDefaultBufferBytes = size_t{1} << 20;

  explicit HouseholdIds(size_t buffer_bytes = kDefaultBufferBytes) : buffer_bytes_(buffer_bytes) {}
  ~HouseholdIds();
  HouseholdIds(const HouseholdIds&) = delete;
  HouseholdIds& operator=(const HouseholdIds&) = delete;

  // Before EndHousehold: if the current household's id was seen before, adds
  // the issue (with where it was first seen); otherwise remembers it with `origin`.
  void Check(BatchBuilder& builder, const RecordOrigin& origin);

  // If `id` was seen before, sets `*first` to where and returns true; otherwise
  // remembers it with `origin` and returns false. Throws InputError when the
  // temporary file cannot be written or read.
  bool Insert(std::string_view id, const RecordOrigin& origin, RecordOrigin* first);

  size_t size() const noexcept { return count_; }
  // Bytes of the log written to the temporary file so far (0: all in memory).
  uint64_t spilled_bytes() const noexcept { return flushed_; }

 private:
  struct Header {  // a log record: this, then the id's bytes
    uint64_t hash;
    uint64_t line;
    uint64_t index;
    uint32_t file;
    uint32_t length;
  };

  static uint64_t Hash(std::string_view id) noexcept;
  // The record at `offset` of the log: its header, and its id into `*id`.
  Header ReadRecord(uint64_t offset, std::string* id);
  void ReadAt(uint64_t offset, void* out, size_t n);
  void Flush();
  void Grow();
  void Place(uint64_t hash, uint64_t slot_value);

  size_t buffer_bytes_;
  std::vector<uint64_t> slots_;  // 0 = empty; else tag << 40 | (log offset + 1)
  size_t mask_ = 0;
  size_t count_ = 0;
  std::string buffer_;    // the log's records after flushed_
  uint64_t flushed_ = 0;  // bytes of the log in the file
  int fd_ = -1;
  std::vector<std::string> files_;
  std::string scratch_;
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_HOUSEHOLD_IDS_HPP_
