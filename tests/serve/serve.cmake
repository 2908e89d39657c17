# `ansinh serve` (docs/service.md): each case starts the server on an ephemeral
# loopback port (tests/serve/serve_test.py); the intake page in a real browser
# (tests/serve/browser_test.py: skipped, with its reason, when chromium or
# chromedriver is absent). Included from tests/extra.cmake.
if(TARGET ansinh-cli AND Python_EXECUTABLE)
  foreach(case endpoints equality schema errors connections token reload sigterm)
    add_test(NAME serve:${case}
             COMMAND ${Python_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/serve_test.py $<TARGET_FILE:ansinh-cli>
                     ${PROJECT_SOURCE_DIR} ${case})
    set_tests_properties(serve:${case} PROPERTIES LABELS "serve" TIMEOUT 300)
  endforeach()
  add_test(NAME serve:proxy
           COMMAND ${Python_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/serve_test.py $<TARGET_FILE:ansinh-cli>
                   ${PROJECT_SOURCE_DIR} proxy)
  # Exit 77: nginx is absent (the test prints why).
  set_tests_properties(serve:proxy PROPERTIES LABELS "serve" TIMEOUT 300 SKIP_RETURN_CODE 77)
  add_test(NAME serve:browser
           COMMAND ${Python_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/browser_test.py $<TARGET_FILE:ansinh-cli>
                   ${PROJECT_SOURCE_DIR})
  # Exit 77: the browser is absent (the test prints why).
  set_tests_properties(serve:browser PROPERTIES LABELS "serve;browser" TIMEOUT 300 SKIP_RETURN_CODE 77)
endif()
