// Shared by the libFuzzer targets in tests/fuzz (docs/reliability.md): a
// per-process scratch folder on tmpfs, the shipped national rules loaded
// once, and the invariants every target checks (a broken invariant aborts, so
// libFuzzer saves the input like a crash).
#ifndef ANSINH_TESTS_FUZZ_FUZZ_SUPPORT_HPP_
#define ANSINH_TESTS_FUZZ_FUZZ_SUPPORT_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ansinh/decision.hpp"
#include "ansinh/records.hpp"
#include "ansinh/rule_set.hpp"

namespace ansinh_fuzz {

// Aborts with `message` (and the input's size) unless `condition` holds.
#define FUZZ_CHECK(condition, message)                                   \
  do {                                                                   \
    if (!(condition)) ::ansinh_fuzz::Fail(__FILE__, __LINE__, (message)); \
  } while (0)

[[noreturn]] void Fail(const char* file, int line, const std::string& message);

// A folder private to this process (under /dev/shm when it exists, else
// $TMPDIR or /tmp), emptied on first use and removed at exit. Not thread-safe.
const std::string& ScratchDir();
// Writes `data` to ScratchDir()/`name` (creating parent folders); returns the path.
std::string WriteScratch(const std::string& name, std::string_view data);
// The same for a name taken from the input: false (nothing written) when the
// path cannot be a file, e.g. a folder of that name exists.
bool TryWriteScratch(const std::string& name, std::string_view data);
// Removes everything inside ScratchDir().
void ClearScratch();

// The repository's rules/vn, loaded on first use (aborts if it does not load).
const ansinh::RuleSet& NationalRules();

// True if `text` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool IsValidUtf8(std::string_view text);

// The invariants of a record issue: a code R_[A-Z0-9_]+, both messages
// non-empty and valid UTF-8, a valid UTF-8 field path.
void CheckIssue(const ansinh::RecordIssue& issue);

// Renders `decision` every public way (JSON with and without the trace when
// present, text in both languages) and checks the output is valid UTF-8.
// Returns the compact JSON.
std::string RenderAll(const ansinh::DecisionView& decision, bool explained);

// Plants an unterminated quote: among the scalars of the YAML `text` written
// in quotes that close on their own line and are followed (next non-blank
// line) by a line that looks like a key, picks the `which`-th (modulo their
// number) and deletes its closing quote. Returns the 1-based line of that
// quote, or 0 (text unchanged) when the text is not YAML or has no such
// scalar. Used by the yamlrec and rulefile targets.
size_t PlantUnclosedQuote(std::string& text, unsigned which);

// The input of the yamlrec and rulefile targets: [control byte] [text]. Sets
// `text`, and `planted` (PlantUnclosedQuote's line when control bit 0 asks
// for it, else 0). False when the input is to be skipped: empty, or bit 0 set
// but nothing to plant (the plain text is covered by control 0).
bool ReadPlantedInput(const uint8_t* data, size_t size, std::string* text, size_t* planted);

}  // namespace ansinh_fuzz

#endif  // ANSINH_TESTS_FUZZ_FUZZ_SUPPORT_HPP_
