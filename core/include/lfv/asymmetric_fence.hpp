// The hazard protocol's two fences on real threads, asymmetric where the
// kernel allows it (as folly's hazptr does): the protect side, on every
// operation, is a compiler-only fence; the scan side, once per scan, is
// membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED), which makes every other
// running thread of the process execute a full fence before it returns
// (a thread not running has fenced in its context switch). So either the
// scan's barrier comes after a protector's hazard store and the scan sees
// it, or it comes before the protector's re-load, which then sees the
// object already unlinked: the pairing of (H2) with (H4), with the cost
// moved from the common side to the rare one.
//
// Opt-in: LFV_ASYMMETRIC_FENCES=1 in the environment. By default, and where
// the kernel lacks the command, both sides are seq_cst fences. Measured on
// the project's x86 machine it did not pay (docs/performance.md, "Tried"):
// the descriptor CAS that follows the protect is a locked instruction, a
// full barrier itself, so it waits for the hazard store the fence no longer
// waits for; and a membarrier costs 0.4 us alone, 2.5-6 us with a second
// running thread to interrupt. It is kept for machines where a fence costs
// more than a CAS does. The choice is made once, on first use, and never
// changes: a compiler-only fence on one side needs the barrier on the other.
#pragma once

#include <atomic>

namespace lfv {

enum class FenceMode : unsigned char {
  symmetric,   // seq_cst fence on both sides
  asymmetric,  // compiler fence to protect, membarrier to scan
};

namespace detail {
FenceMode choose_fence_mode();  // registers with membarrier once, if it can
void heavy_barrier();           // membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)
}  // namespace detail

inline FenceMode fence_mode() {
  static const FenceMode mode = detail::choose_fence_mode();
  return mode;
}

// The protect side (H2): between the hazard store and the re-load.
inline void protect_fence() {
  if (fence_mode() == FenceMode::asymmetric)
    std::atomic_signal_fence(std::memory_order_seq_cst);  // pairs with the scan's membarrier
  else
    std::atomic_thread_fence(std::memory_order_seq_cst);
}

// The scan side (H4): after the unlink, before reading the hazards.
inline void scan_fence() {
  if (fence_mode() == FenceMode::asymmetric)
    detail::heavy_barrier();
  else
    std::atomic_thread_fence(std::memory_order_seq_cst);
}

}  // namespace lfv
