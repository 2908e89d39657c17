#include "cli/atomic_file.hpp"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <streambuf>

#include "ansinh/error.hpp"

namespace ansinh::cli {
namespace {

// Temporary files to remove on a signal: fixed slots, async-signal-safe.
constexpr int kSlots = 16;
char g_temp_path[kSlots][PATH_MAX];
std::atomic<bool> g_slot_used[kSlots];

int ClaimSlot(const std::string& path) {
  if (path.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (g_slot_used[i].compare_exchange_strong(expected, true)) {
      // Written before it is marked live (the flag below), read only after.
      std::memcpy(g_temp_path[i], path.c_str(), path.size() + 1);
      return i;
    }
  }
  return -1;
}

std::atomic<bool> g_slot_live[kSlots];

void ReleaseSlot(int slot) {
  if (slot < 0) return;
  g_slot_live[slot].store(false);
  g_slot_used[slot].store(false);
}

extern "C" void RemoveTempsAndDie(int sig) {
  for (int i = 0; i < kSlots; ++i) {
    if (g_slot_live[i].load()) ::unlink(g_temp_path[i]);
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

std::string Reason() { return std::strerror(errno); }

// "cannot write FILE: REASON" in English and Vietnamese (the system's reason is English).
InputError CannotWrite(const std::string& target, const std::string& reason, bool unchanged = false) {
  return InputError("cannot write " + target + ": " + reason + (unchanged ? "; it was not changed" : ""),
                    "không ghi được tệp " + target + " (hệ thống báo: " + reason + ")" +
                        (unchanged ? "; tệp vẫn giữ nguyên như cũ" : ""));
}

std::string Folder(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// The file a symbolic link finally names (so that the rename replaces that
// file, not the link); `path` itself when it is not a link or is missing.
std::string Resolve(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return path;  // a dangling link: replaced by the file
  std::string out(real);
  ::free(real);
  return out;
}

}  // namespace

// A std::streambuf over a file descriptor that remembers the first failed write.
class AtomicFile::Buffer final : public std::streambuf {
 public:
  explicit Buffer(int fd) : fd_(fd), data_(new char[kSize]) { setp(data_.get(), data_.get() + kSize); }
  int error() const noexcept { return error_; }
  bool Drain() {
    Write(pbase(), static_cast<size_t>(pptr() - pbase()));
    setp(data_.get(), data_.get() + kSize);
    return error_ == 0;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return Drain() ? 0 : -1; }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (static_cast<size_t>(n) >= kSize) {  // a large block (eval writes ~1 MB ones): no copy into the buffer
      if (!Drain()) return 0;
      return static_cast<std::streamsize>(Write(s, static_cast<size_t>(n)));
    }
    std::streamsize done = 0;
    while (done < n) {
      if (pptr() == epptr() && !Drain()) return done;
      const std::streamsize room = epptr() - pptr();
      const std::streamsize k = std::min(room, n - done);
      std::memcpy(pptr(), s + done, static_cast<size_t>(k));
      pbump(static_cast<int>(k));
      done += k;
    }
    return done;
  }

 private:
  static constexpr size_t kSize = size_t{1} << 16;
  static constexpr uint64_t kWriteback = uint64_t{8} << 20;

  // Writes all of [p, p + n) unless a write fails (error_); returns the bytes written. Every
  // kWriteback bytes, starts the disk writes of what came before (sync_file_range: asynchronous),
  // so that Commit's fsync has little left to wait for; a file that cannot (a pipe) is not asked again.
  size_t Write(const char* p, size_t n) {
    size_t done = 0;
    while (done < n && error_ == 0) {
      const ssize_t w = ::write(fd_, p + done, n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        error_ = w < 0 ? errno : EIO;
        break;
      }
      done += static_cast<size_t>(w);
    }
    written_ += done;
#ifdef __linux__
    if (writeback_ && written_ - started_ >= kWriteback) {
      if (::sync_file_range(fd_, static_cast<off64_t>(started_), static_cast<off64_t>(written_ - started_),
                            SYNC_FILE_RANGE_WRITE) != 0) {
        writeback_ = false;
      }
      started_ = written_;
    }
#endif
    return done;
  }

  int fd_;
  std::unique_ptr<char[]> data_;
  int error_ = 0;
  uint64_t written_ = 0;  // bytes written to fd_
  uint64_t started_ = 0;  // bytes whose writeback was started
  bool writeback_ = true;
};

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)), stream_(nullptr) {
  const std::string real = Resolve(target_);
  struct stat st;
  const bool exists = ::stat(real.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) {
    throw InputError("cannot write " + target_ + ": it is a folder",
                     "không ghi được " + target_ + ": đó là một thư mục, không phải tệp");
  }
  if (exists && !S_ISREG(st.st_mode)) {  // a device, a terminal, a pipe: in place
    fd_ = ::open(real.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0) throw CannotWrite(target_, Reason());
  } else {
    std::string name = real.substr(real.find_last_of('/') == std::string::npos ? 0 : real.find_last_of('/') + 1);
    std::string pattern = Folder(real) + "/." + name + ".tmp-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    fd_ = ::mkostemp(buf.data(), O_CLOEXEC);
    if (fd_ < 0) throw CannotWrite(target_, Reason());
    temp_.assign(buf.data());
    slot_ = ClaimSlot(temp_);
    if (slot_ >= 0) g_slot_live[slot_].store(true);
    // The permissions the target has, or those a new file would get.
    mode_t mode = 0;
    if (exists) {
      mode = st.st_mode & 07777;
    } else {
      const mode_t mask = ::umask(0);
      ::umask(mask);
      mode = 0666 & ~mask;
    }
    ::fchmod(fd_, mode);
    target_real_ = real;
  }
  buffer_ = std::make_unique<Buffer>(fd_);
  stream_.rdbuf(buffer_.get());
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    if (fd_ >= 0) ::close(fd_);
    if (!temp_.empty()) ::unlink(temp_.c_str());
  }
  ReleaseSlot(slot_);
}

void AtomicFile::Commit() {
  stream_.flush();
  const bool written = buffer_->Drain() && !stream_.bad();
  const int error = buffer_->error();
  auto fail = [&](const std::string& reason) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!temp_.empty()) ::unlink(temp_.c_str());
    committed_ = true;  // nothing left to clean up
    throw CannotWrite(target_, reason, !temp_.empty());
  };
  if (!written) fail(std::strerror(error != 0 ? error : EIO));
  if (temp_.empty()) {  // in place: a device or a pipe
    const int fd = fd_;
    fd_ = -1;
    committed_ = true;
    if (::close(fd) != 0) throw CannotWrite(target_, Reason());
    return;
  }
  if (::fsync(fd_) != 0) fail(Reason());
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail(Reason());
  if (::rename(temp_.c_str(), target_real_.c_str()) != 0) fail(Reason());
  committed_ = true;
  const int dir = ::open(Folder(target_real_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);  // the rename itself; best effort (not every file system allows it)
    ::close(dir);
  }
}

void RefuseOutputOverInput(const std::string& output, const std::vector<std::string>& inputs) {
  struct stat out;
  if (output.empty() || output == "-" || ::stat(output.c_str(), &out) != 0) return;
  if (!S_ISREG(out.st_mode)) return;  // /dev/null and the like may well be given twice
  for (const std::string& input : inputs) {
    struct stat in;
    if (::stat(input.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
      throw InputError("--output " + output + " is the input file " + input +
                           ": writing it would destroy the records; choose another output file",
                       "--output " + output + " chính là tệp đầu vào " + input +
                           ": ghi vào đó sẽ xóa mất hồ sơ; hãy chọn tệp kết quả khác");
    }
  }
}

void InstallSignalCleanup() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old;
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;  // e.g. nohup
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = RemoveTempsAndDie;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

}  // namespace ansinh::cli
