// Dense indices for OS threads, so per-thread tables (hazard records,
// counter shards) are plain arrays. An index is recycled when its thread exits.
#pragma once

namespace lfv {

inline constexpr unsigned kMaxThreads = 256;

// The calling thread's index in [0, kMaxThreads). Aborts with a message if
// more than kMaxThreads threads are alive at once.
unsigned this_thread_index();

}  // namespace lfv
