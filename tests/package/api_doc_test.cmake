# docs/api.md must contain tests/package/example.cpp verbatim (so the documented example is the tested one).
file(READ ${DOC} doc)
file(READ ${EXAMPLE} example)
string(FIND "${doc}" "${example}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "docs/api.md does not contain tests/package/example.cpp verbatim: update the doc")
endif()
