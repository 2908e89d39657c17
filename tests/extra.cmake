# Tests that run the CLI on the shipped rule packages (their YAML tests), and
# the --help of every command. Included from tests/CMakeLists.txt.
set(ANSINH_CLI $<TARGET_FILE:ansinh-cli>)
set(ANSINH_SHIPPED_PACKAGES rules/vn rules/vn/tra-vinh/cang-long rules/scenarios/nq42-2030
    rules/scenarios/nq42-2030-cang-long rules/scenarios/base-500000)
if(EXISTS ${PROJECT_SOURCE_DIR}/bench/vn-core/package.yaml)
  list(APPEND ANSINH_SHIPPED_PACKAGES bench/vn-core)
endif()
foreach(pkg IN LISTS ANSINH_SHIPPED_PACKAGES)
  string(REPLACE "/" "_" name ${pkg})
  add_test(NAME rules:check:${name} COMMAND ${ANSINH_CLI} check ${pkg} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME rules:test:${name} COMMAND ${ANSINH_CLI} test ${pkg} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()
foreach(cmd check test eval explain report diff serve)
  add_test(NAME cli:help:${cmd} COMMAND ${ANSINH_CLI} ${cmd} --help)
endforeach()
add_test(NAME cli:help COMMAND ${ANSINH_CLI} --help)

# The installed CMake package, from the build tree and from an install prefix.
add_test(NAME package:build-tree
  COMMAND ${CMAKE_CTEST_COMMAND} --build-and-test ${CMAKE_CURRENT_SOURCE_DIR}/package
          ${CMAKE_CURRENT_BINARY_DIR}/package-build-tree --build-generator ${CMAKE_GENERATOR}
          --build-options -Dansinh_DIR=${PROJECT_BINARY_DIR} -DANSINH_RULES_DIR=${ANSINH_RULES_DIR}
                          -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
          --test-command ${CMAKE_CTEST_COMMAND} --output-on-failure)
add_test(NAME package:install
  COMMAND ${CMAKE_COMMAND} -DBUILD=${PROJECT_BINARY_DIR} -DPREFIX=${CMAKE_CURRENT_BINARY_DIR}/install-prefix
          -DSRC=${CMAKE_CURRENT_SOURCE_DIR}/package -DWORK=${CMAKE_CURRENT_BINARY_DIR}/package-installed
          -DGEN=${CMAKE_GENERATOR} -DRULES=${ANSINH_RULES_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/package/install_test.cmake)
# libansinh.so and the C API (include/ansinh/ansinh.h): what the library
# exports, and a C99 consumer built against the installed package through
# CMake (ansinh::shared) and through pkg-config (ansinh.pc).
if(TARGET ansinh_shared)
  get_target_property(_ansinh_soversion ansinh_shared SOVERSION)
  add_test(NAME capi:install
    COMMAND ${CMAKE_COMMAND} -DBUILD=${PROJECT_BINARY_DIR} -DPREFIX=${CMAKE_CURRENT_BINARY_DIR}/capi-install-prefix
            -DSRC=${CMAKE_CURRENT_SOURCE_DIR}/capi -DWORK=${CMAKE_CURRENT_BINARY_DIR}/capi-installed
            -DGEN=${CMAKE_GENERATOR} -DRULES=${ANSINH_RULES_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/package/install_test.cmake)
  set_tests_properties(capi:install PROPERTIES LABELS "package;no-sanitizer")
endif()
# add_subdirectory(<repository>) from a consumer project (tests/subdir): no
# build type given, so it also checks that ansinh does not impose one. The
# consumer asks for a unity build (CMAKE_UNITY_BUILD, a consumer's choice that
# ansinh must support): the library compiles as 14 batches instead of 100
# files, and a name clash between two files of lib/ fails here, in the Release
# suite (docs/reliability.md).
set(_ansinh_subdir_options -DANSINH_SOURCE_DIR=${PROJECT_SOURCE_DIR} -DANSINH_RULES_DIR=${ANSINH_RULES_DIR}
    -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER} -DCMAKE_UNITY_BUILD=ON)
if(CMAKE_CXX_COMPILER_LAUNCHER)
  list(APPEND _ansinh_subdir_options -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER})
endif()
add_test(NAME package:add_subdirectory
  COMMAND ${CMAKE_CTEST_COMMAND} --build-and-test ${CMAKE_CURRENT_SOURCE_DIR}/subdir
          ${CMAKE_CURRENT_BINARY_DIR}/subdir-consumer --build-generator ${CMAKE_GENERATOR}
          --build-options ${_ansinh_subdir_options}
          --test-command ${CMAKE_CTEST_COMMAND} --output-on-failure)
set_tests_properties(package:build-tree package:install package:add_subdirectory
                     PROPERTIES LABELS "package;no-sanitizer")
# The longest test (it compiles the library): started first by `ctest -j`, even
# in a fresh build tree that has no timings of an earlier run yet.
set_tests_properties(package:add_subdirectory PROPERTIES COST 1000)
add_test(NAME docs:api-example COMMAND ${CMAKE_COMMAND} -DDOC=${PROJECT_SOURCE_DIR}/docs/api.md
         -DEXAMPLE=${CMAKE_CURRENT_SOURCE_DIR}/package/example.cpp -P ${CMAKE_CURRENT_SOURCE_DIR}/package/api_doc_test.cmake)

# The layer order of docs/architecture.md: every #include "..." of lib/ points
# down it (tools/check_layers.py); its fixture holds deliberate upward includes
# the check must find, so a check that passes everything fails here.
if(NOT Python_EXECUTABLE)
  find_package(Python COMPONENTS Interpreter)
endif()
if(Python_EXECUTABLE)
  add_test(NAME layers:includes COMMAND ${Python_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/check_layers.py
           --root ${PROJECT_SOURCE_DIR})
  add_test(NAME layers:fixture COMMAND ${Python_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/check_layers.py
           --root ${CMAKE_CURRENT_SOURCE_DIR}/layers/fixture --doc ${PROJECT_SOURCE_DIR}/docs/architecture.md
           --expect ${CMAKE_CURRENT_SOURCE_DIR}/layers/fixture/expected.txt)
  set_tests_properties(layers:includes layers:fixture PROPERTIES LABELS "layers;no-sanitizer")
  if(TARGET ansinh_shared)  # what libansinh.so exports (tests/capi/check_exports.py)
    add_test(NAME capi:exports
      COMMAND ${Python_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/capi/check_exports.py $<TARGET_FILE:ansinh_shared>
              ${PROJECT_SOURCE_DIR}/include/ansinh/ansinh.h libansinh.so.${_ansinh_soversion})
    set_tests_properties(capi:exports PROPERTIES LABELS "package;no-sanitizer")
  endif()
endif()

# ansinh serve: the service and its intake page.
include(${CMAKE_CURRENT_SOURCE_DIR}/serve/serve.cmake)

# Python binding tests (pytest), when the binding is built.
if(TARGET _ansinh AND TARGET ansinh-cli)
  include(${CMAKE_CURRENT_SOURCE_DIR}/python/python_tests.cmake)
endif()

# ansinh report / diff: docs/analysts.md commands, HTML pages.
include(${CMAKE_CURRENT_SOURCE_DIR}/report/report.cmake)

# The benchmark's smoke (issue 6): a 500-household vn-core population through the
# hand-written baseline, the ansinh runner and `ansinh eval`, each output verified
# identical to the baseline's; no timing. The npm peers (ZEN, JsonLogic) run in
# the full `bash bench/run.sh`, which needs node.
if(TARGET vn_core_baseline AND TARGET ansinh_vn_core_bench AND TARGET ansinh-cli)
  add_test(NAME bench:smoke
    COMMAND bash ${PROJECT_SOURCE_DIR}/bench/run.sh --smoke --no-peers --build-dir ${PROJECT_BINARY_DIR}
            --data-dir ${CMAKE_CURRENT_BINARY_DIR}/bench-smoke)
  set_tests_properties(bench:smoke PROPERTIES LABELS "bench;no-sanitizer" TIMEOUT 600)
endif()

# The JSON Schema of the rule-file format (docs/rule-file.schema.json): its
# closed objects have exactly the key lists the loader checks (both ways),
# every rule file under rules/ carries the editor's modeline and validates.
if(Python_EXECUTABLE)
  add_test(NAME rules:schema COMMAND ${Python_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/check_rule_schema.py
           --root ${PROJECT_SOURCE_DIR})
  set_tests_properties(rules:schema PROPERTIES LABELS "no-sanitizer")
endif()
