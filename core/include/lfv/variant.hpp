// The variants of the vector: how a pending write is completed, and how
// replaced objects are reclaimed. Plain names, as lecturers say them.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "lfv/failure.hpp"

namespace lfv {

enum class Completion {
  book,       // the book's code: a separate pending object, cleared on the *current* descriptor (broken)
  paper,      // Dechev et al. 2006: the write descriptor carries a done flag (broken: value ABA)
  versioned,  // the project's repair: as paper, plus tagged slots
};

enum class Reclaim {
  leak,      // never free what was replaced (the book's leaky version)
  hazard,    // hazard pointers (the book's sealed version, or our repaired protocol)
  free_now,  // free at once: simulation only, to show the use-after-free (broken)
};

inline constexpr Completion kAllCompletions[] = {Completion::book, Completion::paper,
                                                 Completion::versioned};
inline constexpr Reclaim kAllReclaims[] = {Reclaim::leak, Reclaim::hazard, Reclaim::free_now};

constexpr std::string_view name(Completion c) {
  switch (c) {
    case Completion::book: return "book";
    case Completion::paper: return "paper";
    case Completion::versioned: return "versioned";
  }
  return "?";
}

constexpr std::string_view name(Reclaim r) {
  switch (r) {
    case Reclaim::leak: return "leak";
    case Reclaim::hazard: return "hazard";
    case Reclaim::free_now: return "free-now";
  }
  return "?";
}

std::optional<Completion> parse_completion(std::string_view s);
std::optional<Reclaim> parse_reclaim(std::string_view s);

// Why a variant is deliberately broken, or empty when it is correct.
// Shown beside the variant in the demo, the CLI and the UI.
std::string_view known_defect(Completion c, Reclaim r);

// The failures the explorer may find in a variant: a closed set, empty for
// the correct ones (versioned + leak, versioned + hazard). The program sweep
// (explore/program_sweep.hpp) fails on any other; docs/verification.md
// gives the reason for each.
std::span<const FailureKind> documented_failures(Completion c, Reclaim r);
bool documented_failure(Completion c, Reclaim r, FailureKind k);

// Variants that may run on real threads: free-now is refused at compile time
// for them, and book+hazard can free a write descriptor its owner still reads.
constexpr bool memory_safe_on_real_threads(Completion c, Reclaim r) {
  return r != Reclaim::free_now && !(c == Completion::book && r == Reclaim::hazard);
}

// Calls fn.template operator()<C, R>() with the compile-time variant matching
// the run-time pair, so callers choose a variant from a flag or a file.
template <class Fn>
decltype(auto) with_variant(Completion c, Reclaim r, Fn&& fn) {
  auto pick_r = [&]<Completion C>() -> decltype(auto) {
    switch (r) {
      case Reclaim::leak: return fn.template operator()<C, Reclaim::leak>();
      case Reclaim::hazard: return fn.template operator()<C, Reclaim::hazard>();
      case Reclaim::free_now: break;
    }
    return fn.template operator()<C, Reclaim::free_now>();
  };
  switch (c) {
    case Completion::book: return pick_r.template operator()<Completion::book>();
    case Completion::paper: return pick_r.template operator()<Completion::paper>();
    case Completion::versioned: break;
  }
  return pick_r.template operator()<Completion::versioned>();
}

}  // namespace lfv
