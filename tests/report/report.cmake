# Report and diff tests that run the CLI: every command of docs/analysts.md,
# and the HTML pages (Python's html.parser) and JSON documents (json) of the
# example registry. Included from tests/extra.cmake.
find_program(ANSINH_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT ANSINH_PYTHON3)
  find_program(ANSINH_PYTHON3 NAMES python3)
endif()
if(ANSINH_PYTHON3)
  set(_report_dir ${CMAKE_CURRENT_SOURCE_DIR}/report)
  set(_work ${CMAKE_CURRENT_BINARY_DIR}/report-work)
  file(MAKE_DIRECTORY ${_work})
  add_test(NAME docs:analysts
    COMMAND ${ANSINH_PYTHON3} ${_report_dir}/run_doc_commands.py $<TARGET_FILE:ansinh-cli> ${PROJECT_SOURCE_DIR}
            ${_work}/docs ${PROJECT_SOURCE_DIR}/docs/analysts.md 12)
  if(TARGET _ansinh AND NOT ANSINH_SANITIZE)  # the ```python blocks too (not under sanitizers: no preloaded runtime)
    set_tests_properties(docs:analysts PROPERTIES
      ENVIRONMENT "PYTHONPATH=${ANSINH_PYTHON_DIR};ANSINH_DOCS_PYTHON=1;PYTHONDONTWRITEBYTECODE=1")
  endif()
  # The commands of the other pages too (README, the guides, the references):
  # one test per page that shows any (README and the guide at least as many as
  # they show today, so that a broken code fence cannot hide them); the
  # fixture's wrong command must fail.
  set(_min_README 10)
  set(_min_vi/huong-dan 8)
  file(GLOB _pages RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS
       ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/*.md ${PROJECT_SOURCE_DIR}/docs/vi/*.md)
  foreach(_page IN LISTS _pages)
    if(_page STREQUAL "docs/analysts.md")
      continue()
    endif()
    file(STRINGS ${PROJECT_SOURCE_DIR}/${_page} _commands REGEX "^(build/bin/)?ansinh [a-z]")
    if(_commands)
      string(REGEX REPLACE "(docs/|\\.md$)" "" _name ${_page})
      set(_min 0)
      if(DEFINED _min_${_name})
        set(_min ${_min_${_name}})
      endif()
      add_test(NAME docs:commands:${_name}
        COMMAND ${ANSINH_PYTHON3} ${_report_dir}/run_doc_commands.py $<TARGET_FILE:ansinh-cli> ${PROJECT_SOURCE_DIR}
                ${_work}/docs-${_name} ${PROJECT_SOURCE_DIR}/${_page} ${_min})
      set_tests_properties(docs:commands:${_name} PROPERTIES LABELS "docs;no-sanitizer")
    endif()
  endforeach()
  add_test(NAME docs:commands:fixture
    COMMAND ${ANSINH_PYTHON3} ${_report_dir}/run_doc_commands.py $<TARGET_FILE:ansinh-cli> ${PROJECT_SOURCE_DIR}
            ${_work}/docs-fixture ${CMAKE_CURRENT_SOURCE_DIR}/docs/fixture.md)
  set_tests_properties(docs:commands:fixture PROPERTIES LABELS "docs;no-sanitizer" PASS_REGULAR_EXPRESSION
    "FAIL line 11: [^\n]*\n  exit 1, expected 0.*ok   line 12: .*ok   line 13: ")
  add_test(NAME report:xlsx
    COMMAND ${ANSINH_PYTHON3} ${_report_dir}/check_xlsx.py $<TARGET_FILE:ansinh-cli> ${PROJECT_SOURCE_DIR} ${_work}/xlsx)
  set_tests_properties(report:xlsx PROPERTIES SKIP_RETURN_CODE 77)
  # The pages in headless Chromium at 1280 px and 390 px: no overflow, no
  # sideways scroll at phone width, no bare id (skipped when Chromium is absent).
  set(_page_args
      "report|rules/vn/tra-vinh/cang-long|examples/registry.jsonl|--period|2026-11|--by|commune"
      "report|rules/vn|examples/registry.jsonl|--period|2026-11|--lang|en|--by|status"
      "diff|rules/vn/tra-vinh/cang-long|rules/scenarios/nq42-2030-cang-long|examples/registry.jsonl|--period|2026-11"
      "diff|rules/scenarios/base-500000|rules/vn|examples/registry.jsonl|--period|2026-11|--by|commune|--lang|en")
  add_test(NAME report:browser
    COMMAND ${ANSINH_PYTHON3} ${_report_dir}/check_browser.py --cli $<TARGET_FILE:ansinh-cli> ${_work}/browser
            ${_page_args}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(report:browser PROPERTIES SKIP_RETURN_CODE 77 LABELS "no-sanitizer" TIMEOUT 300)
  add_test(NAME report:html:report
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:ansinh-cli> -DPYTHON=${ANSINH_PYTHON3} -DCHECK=${_report_dir}/check_html.py
            -DOUT=${_work}/report.html -DCHARTS=chart-cost,chart-coverage,chart-area
            "-DARGS=report;rules/vn/tra-vinh/cang-long;examples/registry.jsonl;--period;2026-11;--by;commune"
            -P ${_report_dir}/html_check.cmake
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME report:html:diff
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:ansinh-cli> -DPYTHON=${ANSINH_PYTHON3} -DCHECK=${_report_dir}/check_html.py
            -DOUT=${_work}/diff.html -DCHARTS=chart-cost-change,chart-area-change,chart-coverage-change
            "-DARGS=diff;rules/vn/tra-vinh/cang-long;rules/scenarios/nq42-2030-cang-long;examples/registry.jsonl;--period;2026-11;--lang;en"
            -P ${_report_dir}/html_check.cmake
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endif()
