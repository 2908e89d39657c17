#include "io/block_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "ansinh/error.hpp"

namespace ansinh::internal {

int CreateTemporaryFile() {
  const char* env = std::getenv("TMPDIR");
  const std::string dir = env != nullptr && *env != '\0' ? env : "/tmp";
#ifdef O_TMPFILE
  const int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
#endif
  std::string pattern = dir + "/ansinh-input-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int tmp = ::mkostemp(name.data(), O_CLOEXEC);
  if (tmp < 0) {
    const std::string reason = std::strerror(errno);
    throw InputError("cannot create a temporary file in " + dir + ": " + reason,
                     "không tạo được tệp tạm trong " + dir + " (hệ thống báo: " + reason + ")");
  }
  ::unlink(name.data());
  return tmp;
}

namespace {

// "cannot open PATH: <the system's reason>" in English, and in Vietnamese a
// sentence naming the file with the system's (English) reason in brackets.
InputError SystemError(const char* what, const char* what_vi, const std::string& path, int error,
                       const char* note = "", const char* note_vi = "") {
  const std::string reason = std::strerror(error);
  return InputError(what + path + note + ": " + reason,
                    what_vi + path + note_vi + " (hệ thống báo: " + reason + ")");
}

struct Spooled {
  int fd = -1;  // the unlinked copy
  int refs = 0;
};
std::mutex g_spool_mutex;
std::map<std::string, Spooled>& SpoolTable() {
  static std::map<std::string, Spooled> table;
  return table;
}

// A new descriptor, with its own offset, on the spooled copy of `path`; -1 if none.
int OpenSpooled(const std::string& path) {
  std::lock_guard<std::mutex> lock(g_spool_mutex);
  const auto it = SpoolTable().find(path);
  if (it == SpoolTable().end()) return -1;
  const std::string self = "/proc/self/fd/" + std::to_string(it->second.fd);
  const int fd = ::open(self.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw SystemError("cannot read the copy of ", "không đọc được bản sao của ", path, errno);
  return fd;
}

// Copies all of `path` (not a regular file) into a new temporary file.
int Spool(const std::string& path) {
  const int in = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) throw SystemError("cannot open ", "không mở được tệp ", path, errno);
  int out = -1;
  try {
    out = CreateTemporaryFile();
    std::unique_ptr<char[]> buf(new char[1 << 16]);
    for (;;) {
      const ssize_t n = ::read(in, buf.get(), 1 << 16);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw SystemError("cannot read ", "không đọc được tệp ", path, errno);
      if (n == 0) break;
      for (ssize_t done = 0; done < n;) {
        const ssize_t w = ::write(out, buf.get() + done, static_cast<size_t>(n - done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
          throw SystemError("cannot keep a copy of ", "không giữ được bản sao của ", path, w < 0 ? errno : EIO,
                            " (it can be read only once)", " (chỉ đọc được một lần)");
        }
        done += w;
      }
    }
  } catch (...) {
    ::close(in);
    if (out >= 0) ::close(out);
    throw;
  }
  ::close(in);
  return out;
}

bool NeedsSpool(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

int OpenForReading(const std::string& path) {
  const int spooled = OpenSpooled(path);
  if (spooled >= 0) return spooled;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw SystemError("cannot open ", "không mở được tệp ", path, errno);
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw InputError("cannot read " + path + ": it is a folder", "không đọc được " + path + ": đó là một thư mục, không phải tệp");
  }
  return fd;
}
}  // namespace

InputSpool::InputSpool(const std::vector<std::string>& paths) {
  try {
    for (const std::string& path : paths) {
      if (std::find(held_.begin(), held_.end(), path) != held_.end()) continue;
      {
        std::lock_guard<std::mutex> lock(g_spool_mutex);
        const auto it = SpoolTable().find(path);
        if (it != SpoolTable().end()) {
          ++it->second.refs;
          held_.push_back(path);
          continue;
        }
      }
      if (!NeedsSpool(path)) continue;
      // Copied outside the lock (a FIFO may wait for its writer); a second
      // spool of the same path at the same moment keeps the first copy.
      const int fd = Spool(path);
      std::lock_guard<std::mutex> lock(g_spool_mutex);
      auto [it, added] = SpoolTable().emplace(path, Spooled{fd, 0});
      if (!added) ::close(fd);
      ++it->second.refs;
      held_.push_back(path);
    }
  } catch (...) {
    Release();
    throw;
  }
}

InputSpool::~InputSpool() { Release(); }

void InputSpool::Release() noexcept {
  std::lock_guard<std::mutex> lock(g_spool_mutex);
  for (const std::string& path : held_) {
    const auto it = SpoolTable().find(path);
    if (it == SpoolTable().end()) continue;
    if (--it->second.refs == 0) {
      ::close(it->second.fd);
      SpoolTable().erase(it);
    }
  }
  held_.clear();
}

void BlockReader::CheckReadable(const std::string& path) { ::close(OpenForReading(path)); }

BlockReader::BlockReader(std::string path, size_t block_size) : path_(std::move(path)) {
  fd_ = OpenForReading(path_);
  struct stat st;
  if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) file_size_ = static_cast<uint64_t>(st.st_size);
  capacity_ = block_size < 4096 ? 4096 : block_size;
  buffer_.reset(new char[capacity_ + kPadding]);
  std::memset(buffer_.get(), 0, capacity_ + kPadding);
}

BlockReader::BlockReader(std::string name, std::string_view text) : path_(std::move(name)) {
  capacity_ = text.size() < 4096 ? 4096 : text.size();
  buffer_.reset(new char[capacity_ + kPadding]);
  std::memcpy(buffer_.get(), text.data(), text.size());
  std::memset(buffer_.get() + text.size(), 0, capacity_ + kPadding - text.size());
  end_ = text.size();
  file_size_ = text.size();
  eof_ = true;  // all of it is in memory: Refill() has nothing to add
}

BlockReader::~BlockReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool BlockReader::Refill() {
  if (eof_) return false;
  const size_t unread = end_ - begin_;
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, unread);
    buffer_offset_ += begin_;
    begin_ = 0;
    end_ = unread;
  }
  if (end_ == capacity_) {  // full of one unfinished item: grow
    const size_t grown = capacity_ * 2;
    std::unique_ptr<char[]> bigger(new char[grown + kPadding]);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = grown;
  }
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.get() + end_, capacity_ - end_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw SystemError("cannot read ", "không đọc được tệp ", path_, errno);
    if (n == 0) eof_ = true;
    end_ += static_cast<size_t>(n);
    std::memset(buffer_.get() + end_, 0, kPadding);
    return n > 0;
  }
}

void BlockReader::Seek(uint64_t offset) {
  // Only forward within memory: consumed bytes may have been rewritten in place
  // (the CSV scanner unescapes quoted fields where they lie).
  if (offset >= buffer_offset_ + begin_ && offset <= buffer_offset_ + end_) {
    begin_ = static_cast<size_t>(offset - buffer_offset_);
    return;
  }
  if (fd_ < 0) {
    throw InputError("cannot seek back in " + path_ + " (text in memory)",
                     "không quay lại được trong " + path_ + " (văn bản trong bộ nhớ)");
  }
  if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) {
    throw SystemError("cannot seek in ", "không dời được vị trí đọc trong ", path_, errno);
  }
  buffer_offset_ = offset;
  begin_ = end_ = 0;
  eof_ = false;
}

void BlockReader::SkipBom() {
  while (size() < 3 && Refill()) {
  }
  if (size() >= 3 && std::memcmp(data(), "\xEF\xBB\xBF", 3) == 0) Consume(3);
}

LineStatus NextLine(BlockReader& in, size_t max_bytes, std::string_view* line, std::string* prefix,
                    uint64_t* skipped) {
  size_t searched = 0;
  for (;;) {
    const char* p = in.data();
    const size_t n = in.size();
    const void* nl = n > searched ? std::memchr(p + searched, '\n', n - searched) : nullptr;
    if (nl != nullptr || (in.eof() && n > 0)) {
      const size_t len = nl ? static_cast<size_t>(static_cast<const char*>(nl) - p) : n;
      if (len > max_bytes) {  // all in memory but too long
        prefix->assign(p, len < 4096 ? len : 4096);
        *skipped = len;
        *line = *prefix;
        in.Consume(nl ? len + 1 : len);
        return LineStatus::kTooLong;
      }
      *line = std::string_view(p, len > 0 && p[len - 1] == '\r' ? len - 1 : len);
      in.Consume(nl ? len + 1 : len);
      return LineStatus::kLine;
    }
    if (in.eof()) return LineStatus::kEnd;  // nothing left (n == 0)
    if (n > max_bytes) {  // skip to the end of this line without keeping it
      prefix->assign(p, n < 4096 ? n : 4096);
      uint64_t total = 0;
      for (;;) {
        const char* q = in.data();
        const void* end = std::memchr(q, '\n', in.size());
        if (end != nullptr) {
          const size_t k = static_cast<size_t>(static_cast<const char*>(end) - q);
          total += k;
          in.Consume(k + 1);
          break;
        }
        total += in.size();
        in.Consume(in.size());
        if (!in.Refill()) break;
      }
      *skipped = total;
      *line = *prefix;
      return LineStatus::kTooLong;
    }
    searched = n;
    in.Refill();
  }
}

}  // namespace ansinh::internal
