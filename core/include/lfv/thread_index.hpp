// Dense indices for OS threads, so per-thread tables (hazard records,
// counter shards) are plain arrays. An index is recycled when its thread exits.
#pragma once

namespace lfv {

inline constexpr unsigned kMaxThreads = 256;

namespace detail {
// The calling thread's index plus one; 0 until its first call. Inline, so
// the counters and the hazard domain, which ask on every operation, pay a
// thread-local load and a branch, not a call (callgrind: 10% of a push).
// constinit: no dynamic initialization, so no TLS wrapper call on each access.
extern thread_local constinit unsigned thread_index_plus_one;
unsigned register_this_thread();  // takes an index, returned when the thread exits
}  // namespace detail

// The calling thread's index in [0, kMaxThreads). Aborts with a message if
// more than kMaxThreads threads are alive at once.
inline unsigned this_thread_index() {
  const unsigned i = detail::thread_index_plus_one;
  return i ? i - 1 : detail::register_this_thread();
}

}  // namespace lfv
