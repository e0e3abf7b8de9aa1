// The property sweep: every generated program (programs.hpp) explored under
// every variant, each verdict checked against the variant's documented
// failures (documented_failures in variant.hpp): the correct variants must
// never fail, the broken ones only in the ways they are documented to.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lfv/explore/explorer.hpp"
#include "lfv/explore/programs.hpp"

namespace lfv::explore {

struct SweepOptions {
  ProgramSpace space;
  // A deterministic slice: only programs whose index is a multiple of this.
  std::uint64_t every = 1;
  // Per search; a search that reaches it is reported as incomplete.
  std::uint64_t max_executions = 400'000;
  // Search a broken variant's every schedule and check every failing
  // execution's kind (true: some 50 times the executions of book + hazard),
  // or stop at its first failure (false: checks that one's kind). A correct
  // variant's search stops at its first failure either way.
  bool every_failure = false;
  // Stop each search at this preemption bound (three threads: bounded);
  // none: every schedule.
  std::optional<unsigned> preemption_limit;
  // Called after each program (programs done, of how many).
  std::function<void(std::uint64_t, std::uint64_t)> on_program;
};

inline constexpr std::size_t kVariantCount = std::size(kAllCompletions) * std::size(kAllReclaims);
struct Variant {
  Completion completion;
  Reclaim reclaim;
};
// In the order of the tables: book, paper, versioned; each leak, hazard, free-now.
Variant variant_at(std::size_t i);

// Something the sweep must not find: a correct variant failing, a broken
// one failing in an undocumented way, or a search that could not finish.
struct SweepFinding {
  Program program;
  Variant variant;
  FailureKind kind = FailureKind::none;  // none: the search was incomplete
  std::string message;
  std::vector<unsigned> schedule;
};

// An unordered pair of operation kinds, first <= second.
using OpPair = std::pair<scenario::OpKind, scenario::OpKind>;

struct SweepResult {
  std::uint64_t programs = 0;    // explored (the slice)
  std::uint64_t space_size = 0;  // in the whole space
  std::uint64_t executions = 0;
  double seconds = 0;
  // Per variant: executions; by kind, how many programs failed in that way
  // (in some execution) and the first such program.
  std::array<std::uint64_t, kVariantCount> executions_by_variant{};
  std::array<std::map<FailureKind, std::uint64_t>, kVariantCount> failing_programs{};
  std::array<std::map<FailureKind, Program>, kVariantCount> first_failing{};
  // For each pair of kinds: the programs whose operations are of exactly
  // those kinds (both present; one kind when they are equal), and what
  // each variant failed with on them.
  std::map<OpPair, std::uint64_t> pair_programs;
  std::map<OpPair, std::array<std::set<FailureKind>, kVariantCount>> matrix;
  std::vector<SweepFinding> findings;  // empty: the property holds
};

SweepResult sweep_programs(const SweepOptions& options);

// Adds `more` (another sweep) to `into`: totals, tables and findings.
void merge(SweepResult& into, const SweepResult& more);

}  // namespace lfv::explore
