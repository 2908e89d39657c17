# One CTest test per tests/python/test_*.py, run by pytest with the build's
# package first on PYTHONPATH. Labels: `python` and `no-sanitizer` on all
# (the ASan pass of tools/test.sh skips them: a Python interpreter would need
# the sanitizer runtime preloaded); `pip` on the offline install test.
set(_py_dir ${CMAKE_CURRENT_SOURCE_DIR}/python)
set(_ansinh_shared_file "")  # test_capi_ctypes.py skips without it
if(TARGET ansinh_shared)
  set(_ansinh_shared_file $<TARGET_FILE:ansinh_shared>)
endif()
file(GLOB _py_tests CONFIGURE_DEPENDS ${_py_dir}/test_*.py)
foreach(_file IN LISTS _py_tests)
  get_filename_component(_name ${_file} NAME_WE)
  string(REGEX REPLACE "^test_" "" _short ${_name})
  add_test(NAME python:${_short}
    COMMAND ${Python_EXECUTABLE} -m pytest -q -p no:cacheprovider ${_file}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set(_labels python no-sanitizer)
  set(_timeout 300)
  if(_short STREQUAL "pip_install")
    list(APPEND _labels pip)
    set(_timeout 240)
  endif()
  set_tests_properties(python:${_short} PROPERTIES
    LABELS "${_labels}"
    TIMEOUT ${_timeout}
    ENVIRONMENT "PYTHONPATH=${ANSINH_PYTHON_DIR};ANSINH_SOURCE_DIR=${PROJECT_SOURCE_DIR};ANSINH_BINARY_DIR=${PROJECT_BINARY_DIR};ANSINH_CLI=$<TARGET_FILE:ansinh-cli>;PYTHONDONTWRITEBYTECODE=1;ANSINH_SHARED_LIBRARY=${_ansinh_shared_file}")
endforeach()
