# Writes an HTML page with the CLI (ARGS, then --format html -o OUT) and checks
# it with check_html.py for the charts in CHARTS (comma-separated).
execute_process(COMMAND ${CLI} ${ARGS} --format html -o ${OUT} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ansinh ${ARGS} failed (${rc}): ${err}")
endif()
string(REPLACE "," ";" charts "${CHARTS}")
execute_process(COMMAND ${PYTHON} ${CHECK} ${OUT} ${charts} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OUT} is not a valid page")
endif()
