// FileCursor: the files of one input, one BlockReader at a time (io/record_source.hpp).
#include <memory>

#include "io/record_source.hpp"

namespace ansinh::internal {

bool FileCursor::Open(bool* opened) {
  *opened = false;
  if (in_) return true;
  if (next_path_ == paths_.size()) return false;
  in_ = in_memory_ ? std::make_unique<BlockReader>(paths_[next_path_++], memory_)
                   : std::make_unique<BlockReader>(paths_[next_path_++]);
  in_->SkipBom();
  *opened = true;
  return true;
}

void FileCursor::Close() {
  done_bytes_ += in_->offset();
  in_.reset();
}

uint64_t FileCursor::bytes_read() const noexcept { return done_bytes_ + (in_ ? in_->offset() : 0); }

}  // namespace ansinh::internal
