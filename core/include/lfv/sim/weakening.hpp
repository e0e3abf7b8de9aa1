// A lecturer's weakening of the numbered memory orders (docs/memory-model.md):
// "V4=relaxed" runs every access tagged (V4) with relaxed instead of what
// the code declares. An order can only be weakened: each access runs with
// the meet of its declared order and the one asked for (what both give:
// acquire from both, release from both, seq_cst from both), so asking for
// a stronger one changes nothing. The fences of the hazard protocol are
// (H2) and (H4); a fence weakened to relaxed does nothing. Only the c11
// memory model reads orders; under sc a weakening changes no step.
#pragma once

#include <array>
#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "lfv/sim/memory_model.hpp"
#include "lfv/site.hpp"

namespace lfv::sim {

inline constexpr std::array<std::string_view, 5> kOrderStrengthNames{"relaxed", "acquire", "release", "acq_rel",
                                                                     "seq_cst"};
std::optional<std::memory_order> parse_memory_order(std::string_view s);
std::string_view name(std::memory_order mo);
// What both orders give: acquire from both, release from both, seq_cst from both.
std::memory_order meet(std::memory_order a, std::memory_order b);

struct Weakening {
  std::array<std::optional<std::memory_order>, std::size_t(Order::count_)> to{};

  bool any() const;
  // The order an access tagged `tag` and declared `declared` runs with.
  std::memory_order apply(Order tag, std::memory_order declared) const;
  // Adds another's weakenings (a scenario's [orders] and --weaken): where
  // both weaken one tag, the meet of the two, so adding never strengthens.
  void add(const Weakening& other);
  // "V4=relaxed H2=relaxed", in tag order; empty when none.
  std::string text() const;
};

// What a command's flags ask of the memory model: --memory-model, when
// given, and --weaken (run.hpp's choose_memory adds the scenario's).
struct MemoryChoice {
  std::optional<MemoryModel> model;
  Weakening weaken;
};

// Adds "TAG=ORDER" (V1…H6; relaxed, acquire, release, acq_rel, seq_cst).
// Returns what is wrong with it, naming the part, or nothing.
std::optional<std::string> add_weakening(Weakening& w, std::string_view spec);

}  // namespace lfv::sim
