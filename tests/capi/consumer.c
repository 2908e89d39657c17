/* A C99 program using the C API of the installed ansinh (tests/capi). It
 * evaluates one household, explains it, and reads three errors: a package
 * that is not there, a rule file with an error, and a bad month.
 *   consumer RULES_DIR BROKEN_PACKAGE_DIR */
#include <ansinh/ansinh.h>

#include <stdio.h>
#include <string.h>

static const char kHousehold[] =
    "{\"id\": \"HH-001\", \"area\": \"rural\", \"income_per_capita\": 1200000,"
    " \"deprivations\": [\"water\", \"sanitation\", \"housing_area\"],"
    " \"members\": [{\"id\": \"P1\", \"birth_date\": \"1990-05-10\", \"sex\": \"female\","
    " \"relationship\": \"head\", \"disability\": \"severe\", \"marital_status\": \"married\","
    " \"pregnant\": false, \"pension_amount\": 0}]}";

static int failures = 0;

static void expect(int condition, const char* what) {
  if (!condition) {
    fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
}

int main(int argc, char** argv) {
  ansinh_rules* rules = NULL;
  ansinh_error* error = NULL;
  char* decisions = NULL;
  size_t length = 0;
  char* text = NULL;
  char* brief = NULL;
  ansinh_status status;
  size_t i;

  if (argc < 3) return 2;
  printf("ansinh %s\n", ansinh_version());

  status = ansinh_rules_load(argv[1], NULL, 0, 0, &rules, &error);
  if (status != ANSINH_OK) {
    fprintf(stderr, "%s: %s\n", ansinh_status_name(status), ansinh_error_message(error));
    ansinh_error_free(error);
    return 1;
  }
  printf("package %s %s %s\n", ansinh_rules_id(rules), ansinh_rules_version(rules), ansinh_rules_hash(rules));

  status = ansinh_evaluate(rules, kHousehold, strlen(kHousehold), NULL, "2025-01-01", "summary", 0, &decisions,
                           &length, &error);
  expect(status == ANSINH_OK && error == NULL, "evaluate succeeds");
  if (decisions != NULL) {
    printf("%s", decisions);
    expect(length == strlen(decisions), "the length is the text's");
    expect(strstr(decisions, "\"benefit\":\"sa_disability\",\"status\":\"eligible\",\"amount\":750000") != NULL,
           "sa_disability: eligible, 750000");
    expect(decisions[length - 1] == '\n', "one JSON line");
  }
  ansinh_string_free(decisions);

  status = ansinh_explain(rules, kHousehold, strlen(kHousehold), NULL, NULL, "2025-01-01", NULL, "vi", 0, &text,
                          &brief, &error);
  expect(status == ANSINH_OK, "explain succeeds");
  if (text != NULL && brief != NULL) {
    printf("%s\n%s\n", text, brief);
    expect(strstr(text, "HH-001") != NULL, "the text names the household");
    expect(strstr(brief, "\"total_monthly\":") != NULL, "the brief has the total");
  }
  ansinh_string_free(text);
  ansinh_string_free(brief);

  /* A record error is in the decision, not an error of the call. */
  status = ansinh_evaluate(rules, "{\"id\": \"HH-X\", \"area\": \"moon\"}", 32, "2025-01", NULL, NULL,
                           ANSINH_JSON_ARRAY, &decisions, NULL, &error);
  expect(status == ANSINH_OK, "a bad record still evaluates");
  if (decisions != NULL) {
    expect(strncmp(decisions, "[\n", 2) == 0, "an array");
    expect(strstr(decisions, "\"status\":\"error\"") != NULL, "with status error");
    expect(strstr(decisions, "R_UNKNOWN_ENUM_VALUE") != NULL, "R_UNKNOWN_ENUM_VALUE");
  }
  ansinh_string_free(decisions);

  /* Errors of the call: a bad month, then no period or as_of. */
  status = ansinh_evaluate(rules, kHousehold, strlen(kHousehold), "2025-13", NULL, NULL, 0, &decisions, NULL, &error);
  expect(status == ANSINH_ERROR_USAGE && decisions == NULL && error != NULL, "a bad month is a usage error");
  printf("%s: %s\n", ansinh_status_name(ansinh_error_status(error)), ansinh_error_message(error));
  expect(strstr(ansinh_error_message(error), "2025-13") != NULL, "the message names the value");
  ansinh_error_free(error);
  status = ansinh_evaluate(rules, kHousehold, strlen(kHousehold), NULL, NULL, NULL, 0, &decisions, NULL, NULL);
  expect(status == ANSINH_ERROR_USAGE, "no date: usage error (error object not asked for)");
  ansinh_rules_free(rules);

  /* A package with an error: every diagnostic, with code and place. */
  status = ansinh_rules_load(argv[2], NULL, 0, 0, &rules, &error);
  expect(status == ANSINH_ERROR_RULES && rules == NULL, "a broken package is refused");
  expect(ansinh_error_diagnostic_count(error) > 0, "with diagnostics");
  for (i = 0; i < ansinh_error_diagnostic_count(error); ++i) {
    const ansinh_diagnostic* d = ansinh_error_diagnostic(error, i);
    printf("%s:%u:%u: %s: %s [%s]\n", ansinh_diagnostic_file(d), (unsigned)ansinh_diagnostic_line(d),
           (unsigned)ansinh_diagnostic_column(d), ansinh_diagnostic_severity(d), ansinh_diagnostic_message(d),
           ansinh_diagnostic_code(d));
  }
  if (ansinh_error_diagnostic_count(error) > 0) {
    const ansinh_diagnostic* d = ansinh_error_diagnostic(error, 0);
    /* tests/data/bad/bad_date.expected: parameters.yaml:5:7 ... [E_BAD_DATE] */
    expect(ansinh_diagnostic_line(d) == 5 && ansinh_diagnostic_column(d) == 7, "located at 5:7");
    expect(strcmp(ansinh_diagnostic_code(d), "E_BAD_DATE") == 0 && ansinh_diagnostic_code_value(d) == 8,
           "E_BAD_DATE (8)");
    expect(strstr(ansinh_diagnostic_file(d), "parameters.yaml") != NULL, "in parameters.yaml");
    expect(strstr(ansinh_diagnostic_text(d), "^~~~~~~~~~") != NULL, "with the caret");
  }
  expect(ansinh_error_diagnostic(error, 1000) == NULL, "out of range: NULL");
  ansinh_error_free(error);

  status = ansinh_rules_load("/nonexistent/package", NULL, 0, 0, &rules, &error);
  expect(status == ANSINH_ERROR_RULES, "a missing package is refused");
  printf("%s\n", ansinh_error_message(error));
  ansinh_error_free(error);

  if (failures == 0) printf("C API OK\n");
  return failures == 0 ? 0 : 1;
}
