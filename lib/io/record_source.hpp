// Internal: one reader per format behind a common interface, used by
// RecordReader (reader.cpp). Each source appends one household at a time, in
// input order, and never skips a record.
#ifndef ANSINH_LIB_IO_RECORD_SOURCE_HPP_
#define ANSINH_LIB_IO_RECORD_SOURCE_HPP_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/reader.hpp"
#include "io/id_table.hpp"
#include "records/batch.hpp"

namespace ansinh::internal {

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // Appends the next household (with its issues) to `builder`. Returns false
  // when the input is exhausted. Throws InputError only for I/O failures.
  virtual bool ReadOne(BatchBuilder& builder) = 0;
  // Bytes of input consumed so far.
  virtual uint64_t bytes_read() const noexcept = 0;
};

// Household ids seen so far in one input, for R_DUPLICATE_HOUSEHOLD_ID.
// Memory grows with the number of distinct ids (the only state that does).
class HouseholdIds {
 public:
  // Before EndHousehold: if the current household's id was seen before, adds
  // the issue; otherwise remembers it with `origin`.
  void Check(BatchBuilder& builder, const RecordOrigin& origin);

 private:
  struct First {
    uint32_t file;
    uint64_t line;
    uint64_t index;
  };
  IdTable<First> first_;
  std::vector<std::string> files_;
};

// Records given as text in memory (a request body, a C API argument), read
// as if they were the file `name`; the text must outlive the source.
struct MemoryInput {
  std::string name;
  std::string_view text;
};

// The readers (paths already checked to exist; they throw InputError otherwise).
std::unique_ptr<RecordSource> MakeJsonLinesSource(const CompiledSchema& schema,
                                                  std::vector<std::string> paths,
                                                  const ReadOptions& options);
std::unique_ptr<RecordSource> MakeJsonSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                             const ReadOptions& options);
// The JSON Lines and JSON readers over text in memory (the same code as for files).
std::unique_ptr<RecordSource> MakeJsonLinesSource(const CompiledSchema& schema, MemoryInput input,
                                                  const ReadOptions& options);
std::unique_ptr<RecordSource> MakeJsonSource(const CompiledSchema& schema, MemoryInput input,
                                             const ReadOptions& options);
std::unique_ptr<RecordSource> MakeYamlSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                             const ReadOptions& options);
// paths: households.csv and persons.csv (either order; told apart by the join column).
std::unique_ptr<RecordSource> MakeCsvSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                            const ReadOptions& options);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_RECORD_SOURCE_HPP_
