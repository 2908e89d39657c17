// Internal: writing an output file whole or not at all.
//
// AtomicFile writes to a temporary file in the target's folder, checks every
// write, and on Commit() flushes, fsyncs and closes it and renames it over
// the target (then fsyncs the folder): a reader of the target sees the old
// file or the new one, never a part. Destroyed without Commit() (an error, an
// exception), it removes the temporary file and leaves the target as it was.
// A target that exists and is not a regular file (/dev/null, /dev/full, a
// terminal, a pipe) is written in place, with every write checked.
//
// The one helper for every file ansinh writes (the CLI's --output of eval,
// report and diff; the library itself writes no files). InstallSignalCleanup() makes SIGINT, SIGTERM and SIGHUP
// remove the temporary files of the AtomicFiles alive at that moment before
// the process dies of the signal.
#ifndef ANSINH_LIB_CLI_ATOMIC_FILE_HPP_
#define ANSINH_LIB_CLI_ATOMIC_FILE_HPP_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ansinh::cli {

class AtomicFile {
 public:
  // Creates the temporary file (or opens a non-regular target). Throws
  // InputError ("cannot write <target>: <reason>") when it cannot.
  explicit AtomicFile(std::string target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() noexcept { return stream_; }
  // Makes the written bytes the target's content. Throws InputError on any
  // failed write, fsync, close or rename (the target then keeps its old content).
  void Commit();
  const std::string& target() const noexcept { return target_; }

 private:
  class Buffer;
  std::string target_;
  std::string target_real_;  // the file renamed over (the target, or what its link names)
  std::string temp_;         // empty when writing in place
  int fd_ = -1;
  int slot_ = -1;     // signal cleanup slot
  std::unique_ptr<Buffer> buffer_;
  std::ostream stream_;
  bool committed_ = false;
};

// Throws InputError when `output` names the same file (device and inode) as
// one of `inputs` (following symbolic links): writing it would destroy the
// input. A missing `output` is fine.
void RefuseOutputOverInput(const std::string& output, const std::vector<std::string>& inputs);

// Once per process (the CLI's main): remove live temporary files on SIGINT,
// SIGTERM and SIGHUP, then die of the signal as before.
void InstallSignalCleanup();

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_ATOMIC_FILE_HPP_
