// ansinh — exceptions: API misuse and the environment.
//
// Error channel 2 of 3. Exceptions are thrown only when an operation cannot go
// on: an unreadable file, an invalid option, loading a rule package that has
// errors through a throwing convenience call. No yaml-cpp, Spirit or simdjson
// exception ever crosses the public API.
#ifndef ANSINH_ERROR_HPP_
#define ANSINH_ERROR_HPP_

#include "ansinh/export.h"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ansinh/diagnostic.hpp"
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// Base of every exception thrown by ansinh. what() is English; an error a
// person meets at the command line (a file that cannot be read or written, a
// wrong option value) also has its Vietnamese text, message_vi().
class ANSINH_EXPORT Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  Error(const std::string& message, std::string message_vi)
      : std::runtime_error(message), message_vi_(std::move(message_vi)) {}
  // The Vietnamese text, or empty when the thrower gave none (what() then).
  const std::string& message_vi() const noexcept { return message_vi_; }

 private:
  std::string message_vi_;
};

// A rule package has errors. what() is the formatted diagnostics.
class ANSINH_EXPORT RuleError : public Error {
 public:
  explicit RuleError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// A records file cannot be opened or its structure cannot be read at all
// (per-record problems are values in the decisions, not exceptions).
class ANSINH_EXPORT InputError : public Error {
 public:
  using Error::Error;
};

// An invalid argument or option (bad date string, unknown format, ...).
class ANSINH_EXPORT UsageError : public Error {
 public:
  using Error::Error;
};

ANSINH_END_NAMESPACE

#endif  // ANSINH_ERROR_HPP_
