// The state a path of the search reaches, as a 128-bit hash, kept up to
// date step by step along the path (push after a step, pop on backtrack).
//
// Two paths of the same length with the same key reach the same state, and
// so have the same futures and the same verdicts:
// - each thread's code is deterministic given what its own steps returned,
//   so a thread is summed up by the chain of its observations: per step the
//   action, the word, the value read and written, CAS success, the heap
//   events it caused (allocations with their ids, retires, frees), and at
//   the first step of each operation how many operations of every thread
//   had returned (the real-time order the linearizability check reads);
// - shared memory is the last value a step wrote to each word (pointers as
//   object ids); what is never written by a step was set by its creator's
//   own code, so it is in the creator's chain;
// - the length of the path, because the step limit (livelock) counts it.
// Object ids come from allocation order, so two paths whose threads
// allocated in a different order get different keys: an exact key, not one
// up to renaming objects.
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "lfv/sim/run.hpp"

namespace lfv::explore::detail {

struct StateKey {
  std::uint64_t a = 0, b = 0;
  friend bool operator==(const StateKey&, const StateKey&) = default;
};
struct StateKeyHash {
  std::size_t operator()(const StateKey& k) const { return std::size_t(k.a); }
};

inline std::uint64_t mix64(std::uint64_t x) {  // splitmix64's finalizer
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

class StateTracker {
 public:
  static constexpr unsigned kMaxThreads = 9;

  // The initial state of a run of `threads` threads.
  void reset(unsigned threads);
  // Folds in the step the run just took.
  void push(const sim::Run& run);
  // Undoes the last push.
  void pop();
  StateKey key() const;

 private:
  struct Lanes {
    std::uint64_t a = 0, b = 0;
  };
  struct Level {
    std::array<Lanes, kMaxThreads> chain{};
    Lanes memory;  // a sum over words, so a write replaces its word's term
    // What the step leading here overwrote, to restore on pop.
    std::uint64_t word = 0, old_value = 0;
    bool wrote = false, had_old = false;
  };
  static Lanes term(std::uint64_t word, std::uint64_t value);

  unsigned threads_ = 0;
  std::vector<Level> levels_;
  std::unordered_map<std::uint64_t, std::uint64_t> memory_;  // word -> last value written by a step
};

}  // namespace lfv::explore::detail
