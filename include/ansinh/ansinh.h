/* ansinh — the C API: load a rule package, evaluate households given as JSON
 * text, explain one, read what went wrong. C99; compiles as C and as C++.
 * For any language with a C foreign-function interface (C#, Java, Python,
 * PHP, Go ...): docs/api.md, "The C API", shows C, Python (ctypes), C#
 * (P/Invoke) and Java (JNA, Panama).
 *
 * Link: -lansinh (libansinh.so, pkg-config ansinh, or the CMake target
 * ansinh::shared of find_package(ansinh)).
 *
 * Errors. Every function that can fail returns an ansinh_status and, when
 * `error` is not NULL, stores in *error an error object (NULL on success)
 * that the caller frees with ansinh_error_free. No C++ exception ever leaves
 * a function of this header (out of memory included: ANSINH_ERROR_MEMORY).
 * Problems of one household record are not errors: they are in that
 * household's decision (status "error", with codes and messages in Vietnamese
 * and English), and the other records are evaluated.
 *
 * Memory. The caller owns, and frees:
 *   - an ansinh_rules*   with ansinh_rules_free,
 *   - an ansinh_error*   with ansinh_error_free,
 *   - a char* returned through an out-parameter (decisions, texts) with
 *     ansinh_string_free (never with free(): the library may use another heap).
 * A const char* returned by a function (ansinh_version, the accessors of
 * rules, errors and diagnostics) belongs to the library: it stays valid
 * until the object it was read from is freed (ansinh_version: always), and
 * the caller never frees it. A const ansinh_diagnostic* belongs to its error
 * or rules in the same way. Freeing NULL is allowed and does nothing.
 *
 * Threads. An ansinh_rules is immutable once loaded: ansinh_evaluate,
 * ansinh_explain and the ansinh_rules_* accessors may run at the same time
 * from any number of threads on one shared ansinh_rules (each call evaluates
 * on its calling thread). Only ansinh_rules_free must not run while another
 * call uses that handle. An ansinh_error is read-only after it is returned
 * (its accessors may be called from several threads) and is freed once.
 * ansinh_rules_load and ansinh_version may run concurrently with anything.
 *
 * Texts are UTF-8. The decision JSON is the stable format of
 * docs/decision-format.md, byte for byte what `ansinh eval --format jsonl`
 * (or `--format json`) writes for the same records.
 */
#ifndef ANSINH_ANSINH_H_
#define ANSINH_ANSINH_H_

#include <stddef.h>
#include <stdint.h>

#include "ansinh/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A loaded, checked and compiled rule package (immutable). */
typedef struct ansinh_rules ansinh_rules;
/* What went wrong in one call. */
typedef struct ansinh_error ansinh_error;
/* One problem found in a rule file (owned by its ansinh_error or ansinh_rules). */
typedef struct ansinh_diagnostic ansinh_diagnostic;

typedef enum ansinh_status {
  ANSINH_OK = 0,
  ANSINH_ERROR_RULES = 1,    /* the rule package has errors: see the error's diagnostics */
  ANSINH_ERROR_INPUT = 2,    /* an input cannot be read at all (a file, the records' framing) */
  ANSINH_ERROR_USAGE = 3,    /* an invalid argument: NULL where text is needed, a bad date, an unknown detail ... */
  ANSINH_ERROR_MEMORY = 4,   /* out of memory */
  ANSINH_ERROR_INTERNAL = 5  /* anything else: a bug in ansinh (please report it) */
} ansinh_status;

/* Flags (combine with |). */
#define ANSINH_ALLOW_OUTSIDE 0x01u  /* load: follow symbolic links out of the package folder (--allow-outside) */
#define ANSINH_JSON_LINES 0x02u     /* records are JSON Lines (default: JSON: an object, an array of
                                       objects, or objects one after another) */
#define ANSINH_JSON_ARRAY 0x04u     /* decisions as `eval --format json` (an array; default: as
                                       `--format jsonl`, one line per decision) */
#define ANSINH_EXPLAIN 0x08u        /* the trace: each condition with the values it read (eval --explain,
                                       explain --trace) */
#define ANSINH_STRICT 0x10u         /* a field the schema does not know is an error of its record */

/* The library version, "MAJOR.MINOR.PATCH" (static text). */
ANSINH_EXPORT const char* ansinh_version(void);

/* The name of a status ("ANSINH_ERROR_RULES"; static text). */
ANSINH_EXPORT const char* ansinh_status_name(ansinh_status status);

/* --- rule packages ------------------------------------------------------- */

/* Loads, checks and compiles the rule package in folder `path`, as `ansinh
 * eval PATH --root R ...` does: `roots` (`root_count` of them; NULL when 0)
 * are the folders that its `extends` may resolve into (none: the nearest
 * ancestor holding an ansinh-workspace.yaml). flags: ANSINH_ALLOW_OUTSIDE.
 * On success *rules is the rule set (its warnings: ansinh_rules_diagnostic);
 * when the package has errors, ANSINH_ERROR_RULES and every diagnostic in
 * the error. */
ANSINH_EXPORT ansinh_status ansinh_rules_load(const char* path, const char* const* roots, size_t root_count,
                                              unsigned flags, ansinh_rules** rules, ansinh_error** error);
ANSINH_EXPORT void ansinh_rules_free(ansinh_rules* rules);

/* The package: id ("vn"), version, content hash ("sha256:..."). */
ANSINH_EXPORT const char* ansinh_rules_id(const ansinh_rules* rules);
ANSINH_EXPORT const char* ansinh_rules_version(const ansinh_rules* rules);
ANSINH_EXPORT const char* ansinh_rules_hash(const ansinh_rules* rules);
/* The warnings of a successful load (index 0 .. count - 1; NULL beyond). */
ANSINH_EXPORT size_t ansinh_rules_diagnostic_count(const ansinh_rules* rules);
ANSINH_EXPORT const ansinh_diagnostic* ansinh_rules_diagnostic(const ansinh_rules* rules, size_t index);

/* --- evaluation ---------------------------------------------------------- */

/* Evaluates every household of `records` (UTF-8 JSON text of `length` bytes,
 * not necessarily NUL-terminated): one household object, an array of them,
 * or (flag ANSINH_JSON_LINES) one per line. Give exactly one of `period`
 * ("YYYY-MM": for that month, by each benefit's month rule) and `as_of`
 * ("YYYY-MM-DD": as the day stood); the other NULL. `detail`: "summary",
 * "reasons" or "full" (NULL: "full"). flags: ANSINH_JSON_LINES,
 * ANSINH_JSON_ARRAY, ANSINH_EXPLAIN, ANSINH_STRICT.
 * On success *decisions is the decisions, in input order, as `ansinh eval
 * --format jsonl` (or json) writes them, NUL-terminated; *decisions_length
 * (when not NULL) its length in bytes. Free it with ansinh_string_free. A
 * record with problems is a decision with status "error"; the call still
 * succeeds. */
ANSINH_EXPORT ansinh_status ansinh_evaluate(const ansinh_rules* rules, const char* records, size_t length,
                                            const char* period, const char* as_of, const char* detail,
                                            unsigned flags, char** decisions, size_t* decisions_length,
                                            ansinh_error** error);

/* Explains one household as `ansinh explain` does: *text is what that
 * command prints (in `lang`: "vi" or "en"; NULL: "vi"), *brief the same
 * selection as JSON (docs/decision-format.md, "A decision in brief").
 * `records` as for ansinh_evaluate; `household` the id of the household to
 * explain (NULL: `records` must hold exactly one). `detail`: "reasons" (NULL)
 * keeps the near misses, "summary" leaves them out, "full" adds everything
 * else. flags: ANSINH_JSON_LINES, ANSINH_EXPLAIN (the trace), ANSINH_STRICT.
 * `text` or `brief` may be NULL when not wanted; each result is freed with
 * ansinh_string_free. A household whose record has errors is explained too
 * (the text says what is wrong; the brief's "status" is "error"). */
ANSINH_EXPORT ansinh_status ansinh_explain(const ansinh_rules* rules, const char* records, size_t length,
                                           const char* household, const char* period, const char* as_of,
                                           const char* detail, const char* lang, unsigned flags, char** text,
                                           char** brief, ansinh_error** error);

ANSINH_EXPORT void ansinh_string_free(char* text);

/* --- errors and diagnostics ---------------------------------------------- */

ANSINH_EXPORT void ansinh_error_free(ansinh_error* error);
ANSINH_EXPORT ansinh_status ansinh_error_status(const ansinh_error* error);
/* What went wrong, in English, one or more lines (for ANSINH_ERROR_RULES:
 * every diagnostic, formatted as `ansinh check` prints them). */
ANSINH_EXPORT const char* ansinh_error_message(const ansinh_error* error);
/* The rule diagnostics of an ANSINH_ERROR_RULES error (errors and warnings). */
ANSINH_EXPORT size_t ansinh_error_diagnostic_count(const ansinh_error* error);
ANSINH_EXPORT const ansinh_diagnostic* ansinh_error_diagnostic(const ansinh_error* error, size_t index);

/* The stable code ("E_DUPLICATE_KEY") and its number (docs/diagnostics.md). */
ANSINH_EXPORT const char* ansinh_diagnostic_code(const ansinh_diagnostic* diagnostic);
ANSINH_EXPORT int ansinh_diagnostic_code_value(const ansinh_diagnostic* diagnostic);
/* "error", "warning" or "note". */
ANSINH_EXPORT const char* ansinh_diagnostic_severity(const ansinh_diagnostic* diagnostic);
/* One sentence in English: what is wrong and what to write instead. */
ANSINH_EXPORT const char* ansinh_diagnostic_message(const ansinh_diagnostic* diagnostic);
/* Where: the file as given to the loader, 1-based line and byte column (0: unknown). */
ANSINH_EXPORT const char* ansinh_diagnostic_file(const ansinh_diagnostic* diagnostic);
ANSINH_EXPORT uint32_t ansinh_diagnostic_line(const ansinh_diagnostic* diagnostic);
ANSINH_EXPORT uint32_t ansinh_diagnostic_column(const ansinh_diagnostic* diagnostic);
/* "file:line:col: error: message [CODE]", the source line and a caret. */
ANSINH_EXPORT const char* ansinh_diagnostic_text(const ansinh_diagnostic* diagnostic);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ANSINH_ANSINH_H_ */
