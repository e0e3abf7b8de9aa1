// Stateful DPOR: the states whose subtrees the search has finished, with
// what each subtree did, so a path that reaches one again stops there.
//
// Two things make cutting a path at a known state sound (Yang et al. 2008,
// "Efficient stateful dynamic partial order reduction"):
// - the sleep set: the first visit explored from the state under sleep set
//   S; a new visit under S' may stop only if S is a subset of S' (it would
//   explore no more), else it explores again (its children are mostly
//   known by then) and the entry keeps S and S' intersected;
// - the races the cut subtree would have found with the new path's steps:
//   the entry keeps the subtree's footprint, every (thread, access) any of
//   its states offered as a next step, and the search adds a backtrack
//   point at every step of the new path that one of them depends on and
//   does not happen after: more than the subtree would have asked for.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <utility>
#include <unordered_map>
#include <vector>

#include "lfv/sim/log.hpp"
#include "state_key.hpp"
#include "move.hpp"

namespace lfv::explore::detail {

// The distinct (thread, access) pairs a search meets, numbered, so a
// footprint is a small bit set.
class AccessTable {
 public:
  static constexpr unsigned kMax = 512;
  // The number of (t, a); nullopt once the table is full (the search then
  // stops caching: a footprint that cannot be written down is not kept).
  std::optional<unsigned> index(unsigned t, const Move& m);
  struct Entry {
    unsigned thread;
    Move move;
  };
  const Entry& operator[](unsigned i) const { return entries_[i]; }

 private:
  // word (object, offset) -> (thread, write, whole object) -> number
  std::unordered_map<std::uint64_t, std::vector<std::pair<std::uint16_t, unsigned>>> index_;
  std::vector<Entry> entries_;
};

using Footprint = std::bitset<AccessTable::kMax>;

class StateCache {
 public:
  explicit StateCache(std::size_t max_entries) : max_entries_(max_entries) {}

  struct Hit {
    const Footprint* footprint;
  };
  // A finished state with this key, explored under a sleep set contained
  // in `sleep` (a bit mask of threads).
  std::optional<Hit> find(const StateKey& k, std::uint16_t sleep) const;
  // Records a finished state (or narrows the sleep set of a known one).
  void insert(const StateKey& k, std::uint16_t sleep, const Footprint& f);
  std::size_t size() const { return size_; }

 private:
  // Open addressing, linear probing: a million states fit in 24 MiB and a
  // look-up is one cache miss, where a node map chased pointers.
  struct Slot {
    StateKey key;
    std::uint32_t footprint = 0;  // into footprints_
    std::uint16_t sleep = 0;
    bool used = false;
  };
  struct FootprintHash {
    std::size_t operator()(const Footprint& f) const { return std::hash<Footprint>()(f); }
  };
  const Slot* slot_of(const StateKey& k) const;
  void grow();

  std::size_t max_entries_;
  std::size_t size_ = 0;
  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  // Footprints are shared by many states: each is kept once.
  std::unordered_map<Footprint, std::uint32_t, FootprintHash> footprint_ids_;
  std::vector<const Footprint*> footprints_;
};

}  // namespace lfv::explore::detail
