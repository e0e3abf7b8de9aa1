// `lfvlab verify-orders DIR`: weakens each numbered memory order one step
// at a time and explores the library under c11 with it; writes
// docs/memory-orders.md (--out) or checks that a committed one still holds
// (--check: the verdicts, and every counterexample it lists replayed).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "orders_table.hpp"

namespace lfv::app {

struct VerifyOrdersCommand {
  std::string directory;             // the library, e.g. scenarios
  std::optional<std::string> out;    // write the document here
  std::optional<std::string> check;  // compare with this document
  OrderBounds bounds;                // per search: preemption bound and executions
  unsigned workers = 0;              // searches run at once; 0: one per hardware thread
  bool progress = false;             // progress on stderr even when it is not a terminal
};

// Exit status: 0 written or unchanged, 1 the document differs or a listed
// counterexample no longer fails so, 2 bad input.
int run_verify_orders(const VerifyOrdersCommand& c, std::ostream& out, std::ostream& err);

// Replays a listed counterexample of `directory`'s unit under versioned +
// hazard, c11 and its weakening. Returns what is wrong (it fails otherwise,
// or not at all, or does not parse), or nothing when it fails as listed.
std::optional<std::string> replay_problem(const std::string& directory, const ListedCounterexample& cx);

}  // namespace lfv::app
