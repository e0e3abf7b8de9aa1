// A linearizability checker for histories of vector operations: is there an
// order of the operations, consistent with each thread's program order and
// with real time, in which a plain sequential vector gives every result that
// was observed? Wing & Gong's search, memoized on (each thread's progress,
// the vector's contents). Depends only on the scenario's Op types.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lfv/scenario/scenario.hpp"

namespace lfv::sim {
struct Log;
}

namespace lfv::check {

// One operation as observed: what a thread called, what it got back, and when.
struct HistoryOp {
  unsigned thread = 0;  // ops of one thread are sequential, in program order
  scenario::Op op;
  scenario::OpResult result;  // ignored when !complete
  std::uint64_t invoked = 0;  // A precedes B in real time iff A.returned < B.invoked
  std::uint64_t returned = 0;
  // false: no response (the run stopped); it may take effect with any result, or not at all.
  bool complete = true;
  // For CheckOptions::happens_before (the c11 memory model): the invoking
  // thread's vector clock at the invocation, and the epoch of the return
  // (sim::OpRecord's). A precedes B iff B.invoked_clock[A.thread] >= A.returned_epoch.
  std::vector<std::uint32_t> invoked_clock{};
  std::uint32_t returned_epoch = 0;
};

struct Verdict {
  bool linearizable = false;
  std::vector<std::size_t> witness;         // indices into the history, in linearization order
  std::vector<std::size_t> longest_prefix;  // when not: the longest linearizable sequence found
  std::optional<std::size_t> first_bad;     // when not: the op that cannot follow that prefix
  std::string explanation;                  // one or two plain sentences for a lecturer
  std::uint64_t states_explored = 0;
};

struct CheckOptions {
  std::vector<std::uint64_t> initial{};  // contents before the history
  // If given, an observation: the state after the whole linearization must equal it.
  std::optional<std::vector<std::uint64_t>> final_contents{};
  std::vector<std::string> thread_names{};  // for explanations; default "A", "B", ...
  // Which order between operations of different threads a linearization
  // must respect. false: real time (the run's steps; what sc gives). true:
  // happens-before (Batty, Dodds and Gotsman, "Library abstraction for
  // C/C++ concurrency", POPL 2013): under c11 an op that returned earlier in
  // the run but that nothing synchronises with the later one's thread need
  // not precede it, since C11 has no real-time order between threads.
  bool happens_before = false;
};

Verdict check_linearizable(std::span<const HistoryOp> history, const CheckOptions& options);

// The sequential model the checker compares against: applies `op` to
// `contents` and returns its result.
scenario::OpResult apply_sequential(std::vector<std::uint64_t>& contents, const scenario::Op& op);

// Whether `op` returning `result` shows a value nobody put in the vector: a
// pop or read that returned a number which no push or write in `history`
// stores and `initial` does not hold, so no order of the operations can
// explain it. The checker explains a failure with it; the explorer's
// narration marks such a pop as it returns (passing the history so far).
bool never_pushed(const scenario::Op& op, scenario::OpResult result, std::span<const HistoryOp> history,
                  std::span<const std::uint64_t> initial);

// From the simulator's log; ops with returned == kNoStep are incomplete.
std::vector<HistoryOp> history_from_log(const sim::Log& log);

}  // namespace lfv::check
