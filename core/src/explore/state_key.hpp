// The state a path of the search reaches, as a 128-bit hash, kept up to
// date step by step along the path (push after a step, pop on backtrack).
//
// Two paths of the same length with the same key have the same futures and
// the same verdicts, though not the same pasts:
// - a thread inside an operation is summed up by the chain of observations
//   since the operation began (its code is deterministic given what its
//   own steps returned): per step the action, the word, the values read
//   and written, CAS success and the heap events it caused;
// - a thread between operations is summed up by how many it has finished:
//   the vector keeps nothing of a thread between its operations but its
//   hazard record, whose slots are words (below) and whose retired list is
//   the set of objects it retired and nobody freed (below). (A scan keeps
//   that list in another order; the order only orders the frees of one
//   step.) An operation's result matters only to the check, below;
// - shared memory: the last value a step wrote to each word (pointers as
//   object ids); what no step wrote was set by the code of the thread that
//   allocated the object, so each object allocated by a finished
//   operation carries that operation's chain;
// - the heap: per object, the events it went through (allocated, retired
//   by thread t, reclaimed, freed);
// - for the linearizability check, what the past allows the future, as in
//   Lowe's just-in-time linearization: the set of (sequential contents,
//   results of the running operations that already took effect) that some
//   order of the past consistent with real time reaches. The check of a
//   whole history passes iff the future can extend one of them;
// - the length of the path, because the step limit counts it.
// Object ids come from allocation order, so two paths whose threads
// allocated in a different order get different keys: no renaming.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "lfv/scenario/scenario.hpp"
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

// The linearizations a history's past allows (Lowe 2017, "Testing for
// linearizability", just-in-time linearization): closed under letting any
// running operation take effect now.
class Frontier {
 public:
  static constexpr unsigned kMaxThreads = 9;
  explicit Frontier(std::vector<std::uint64_t> initial);
  // Thread t invoked `op`: it may take effect from now on.
  void invoke(unsigned t, const scenario::Op& op);
  // Thread t's operation returned `result`: only the orders in which it
  // took effect with that result remain.
  void complete(unsigned t, scenario::OpResult result);
  bool empty() const { return configs_.empty(); }
  std::size_t size() const { return configs_.size(); }
  std::uint64_t hash_a() const { return hash_a_; }
  std::uint64_t hash_b() const { return hash_b_; }

 private:
  struct Config {
    std::vector<std::uint64_t> contents;
    std::uint16_t took_effect = 0;  // running operations already linearized
    std::array<scenario::OpResult, kMaxThreads> result{};
    friend auto operator<=>(const Config&, const Config&) = default;
  };
  void close();  // every running operation may take effect, in any order
  void canonicalize();

  std::uint16_t running_ = 0;
  std::array<scenario::Op, kMaxThreads> op_{};
  std::vector<Config> configs_;
  std::uint64_t hash_a_ = 0, hash_b_ = 0;
};

class StateTracker {
 public:
  static constexpr unsigned kMaxThreads = Frontier::kMaxThreads;

  // The initial state of a run of the scenario.
  void reset(const scenario::Scenario& s);
  // Folds in the step the run just took.
  void push(const sim::Program& run);
  // Undoes the last push.
  void pop();
  StateKey key() const;

 private:
  struct Lanes {
    std::uint64_t a = 0, b = 0;
  };
  struct Level {
    std::array<Lanes, kMaxThreads> chain{};
    Lanes memory;   // a sum over words, so a write replaces its word's term
    Lanes objects;  // a sum over heap events and finished objects' creators
    std::shared_ptr<const Frontier> frontier;
    // What the step leading here overwrote, to restore on pop.
    std::uint64_t word = 0, old_value = 0;
    bool wrote = false, had_old = false;
  };
  static Lanes term(std::uint64_t word, std::uint64_t value);
  static void add(Lanes& sum, const Lanes& t) { sum.a += t.a, sum.b += t.b; }
  static Lanes seed(unsigned t, unsigned finished_ops);
  void finish_operation(const sim::Log& log, const sim::OpRecord& r, Level& next) const;

  unsigned threads_ = 0;
  std::vector<Level> levels_;
  std::unordered_map<std::uint64_t, std::uint64_t> memory_;  // word -> last value written by a step
};

}  // namespace lfv::explore::detail
