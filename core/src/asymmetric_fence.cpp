#include "lfv/asymmetric_fence.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(__linux__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace lfv::detail {

#if defined(__linux__)
namespace {
long membarrier(int cmd) { return syscall(__NR_membarrier, cmd, 0, 0); }
}  // namespace

FenceMode choose_fence_mode() {
  const char* e = std::getenv("LFV_ASYMMETRIC_FENCES");
  if (!e || std::strcmp(e, "1") != 0) return FenceMode::symmetric;
  const long supported = membarrier(MEMBARRIER_CMD_QUERY);
  if (supported < 0 || !(supported & MEMBARRIER_CMD_PRIVATE_EXPEDITED)) return FenceMode::symmetric;
  // Registration is per process and must precede the first expedited barrier.
  if (membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) != 0) return FenceMode::symmetric;
  return FenceMode::asymmetric;
}

void heavy_barrier() {
  if (membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) != 0) {
    // Registered, so it cannot fail; if it does, the protect side's
    // compiler fence is no longer paired: stop rather than free unsafely.
    std::perror("lfvlab: membarrier");
    std::abort();
  }
}
#else
FenceMode choose_fence_mode() { return FenceMode::symmetric; }
void heavy_barrier() { std::atomic_thread_fence(std::memory_order_seq_cst); }
#endif

}  // namespace lfv::detail
