// Where a test program finds the repository and its build tree, at run time.
//
// The paths are not compiled in: CMake writes <build>/ansinh-test-paths.txt
// (tests/CMakeLists.txt) and a program looks for it from its own directory
// upwards. So a test program's compile command and preprocessed text hold no
// absolute path of the clone (the file names of Catch2's messages are made
// relative with -fmacro-prefix-map), and ccache reuses its object from another
// clone of the same commit (docs/reliability.md, "ccache").
//
// The four names are expressions of type const std::string&:
//   ANSINH_SOURCE_DIR + "/examples/registry.jsonl"
#ifndef ANSINH_TESTS_TEST_PATHS_HPP_
#define ANSINH_TESTS_TEST_PATHS_HPP_

#include <string>

namespace ansinh_tests {

// The repository (the folder of the top CMakeLists.txt).
const std::string& SourceDir();
// The build tree the program belongs to (the folder holding ansinh-test-paths.txt).
const std::string& BinaryDir();
// SourceDir() + "/rules" and SourceDir() + "/tests/data".
const std::string& RulesDir();
const std::string& TestDataDir();

}  // namespace ansinh_tests

#define ANSINH_SOURCE_DIR (::ansinh_tests::SourceDir())
#define ANSINH_BINARY_DIR (::ansinh_tests::BinaryDir())
#define ANSINH_RULES_DIR (::ansinh_tests::RulesDir())
#define ANSINH_TEST_DATA_DIR (::ansinh_tests::TestDataDir())

#endif  // ANSINH_TESTS_TEST_PATHS_HPP_
