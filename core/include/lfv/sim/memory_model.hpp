// The simulator's memory models. `sc` (the default): every load reads the
// latest store, fences do nothing. `c11`: an operational C11/C++20 model
// (docs/memory-model.md) in which a load may read an older store, as far
// as coherence and happens-before allow, and the scheduler chooses which.
// C11Memory is the engine's side of it and knows nothing of the vector: it
// keeps, per atomic location (keyed by address), the modification order,
// and per thread what that thread may still read.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lfv::sim {

enum class MemoryModel : std::uint8_t { sc, c11, count_ };
inline constexpr std::array<std::string_view, std::size_t(MemoryModel::count_)> kMemoryModelNames{"sc", "c11"};
constexpr std::string_view name(MemoryModel m) { return kMemoryModelNames[std::size_t(m)]; }
std::optional<MemoryModel> parse_memory_model(std::string_view s);

// What an order does; consume is treated as acquire, as compilers do.
constexpr bool acquires(std::memory_order mo) {
  return mo == std::memory_order_consume || mo == std::memory_order_acquire || mo == std::memory_order_acq_rel ||
         mo == std::memory_order_seq_cst;
}
constexpr bool releases(std::memory_order mo) {
  return mo == std::memory_order_release || mo == std::memory_order_acq_rel || mo == std::memory_order_seq_cst;
}

// A view: a vector clock (one epoch per thread: happens-before) and, per
// location (by its dense index), the oldest store of its modification order
// the holder may still read. Joining two views takes the later of each.
struct View {
  std::vector<std::uint32_t> clock;
  std::vector<std::uint32_t> oldest;
  void join(const View& other);
  void join_oldest(const View& other);  // the locations only, not the clock
  void raise(std::uint32_t loc, std::uint32_t index);  // oldest[loc] = max(oldest[loc], index)
  std::uint32_t at(std::uint32_t loc) const { return loc < oldest.size() ? oldest[loc] : 0; }
  bool empty() const { return clock.empty() && oldest.empty(); }
};

class C11Memory {
 public:
  static constexpr unsigned kSetup = ~0u;  // the storer of a location's initial value

  // One entry of a location's modification order.
  struct Store {
    std::uint64_t raw = 0;
    unsigned thread = kSetup;
    View clock;  // the storer's clock at the store (its `oldest` left empty)
    std::memory_order order = std::memory_order_relaxed;
    bool rmw = false;
    // What an acquire that reads this store joins: the storer's view if it
    // is a release (or follows a release fence), joined with the release
    // sequence it continues when it is an RMW; empty when none.
    View release;
    std::uint32_t step = kNoStore;  // the run's step that stored it; kNoStore: set up, or written outside
  };
  static constexpr std::uint32_t kNoStore = ~0u;
  // The run's step the next store belongs to (the engine says, per step).
  void set_step(std::uint32_t step) { step_ = step; }
  // The step of the store the last load, RMW or failed CAS synchronised
  // with: an acquire reading a store that releases (a release store, one
  // after a release fence, or an RMW continuing a release sequence).
  // kNoStore when it did not.
  std::uint32_t synchronised_with() const { return synchronised_with_; }

  // Registers the location on its first access, with `current` (what the
  // memory holds: set up before the run, or constructed by a thread) as its
  // initial store, which every thread may read until it has seen a later one.
  // Called before every atomic action: a value written outside the threads
  // since (the low `width` bytes differ from the latest store) is appended
  // as a store that every thread has seen.
  void touch(const void* loc, std::uint64_t current, unsigned width);
  // How many stores a load by thread t with order mo may read: 1 + how many
  // older stores it may still read. 1 for a location not yet touched, or
  // written outside the threads (`current`, `width`: as for touch).
  std::uint32_t choices(unsigned t, const void* loc, std::memory_order mo, std::uint64_t current,
                        unsigned width) const;

  // A load reading the store `choice` back from the latest (0: the latest;
  // choice < choices()). Returns the store's raw value.
  std::uint64_t load(unsigned t, const void* loc, std::memory_order mo, std::uint32_t choice);
  void store(unsigned t, const void* loc, std::uint64_t raw, std::memory_order mo);
  // Exchange or successful CAS: reads the latest store, appends `raw`.
  void rmw(unsigned t, const void* loc, std::uint64_t raw, std::memory_order mo);
  // A failed CAS: a load with the failure order (as_failure_load) of the
  // store `choice` back from the latest ([atomics.types.operations]: "the
  // operation is a load ... with the failure order", so it may read an
  // older store, as far as coherence allows). Returns its raw value.
  std::uint64_t failed_cas(unsigned t, const void* loc, std::memory_order failure, std::uint32_t choice);
  // The load order a CAS's failure order makes: it cannot release.
  static constexpr std::memory_order as_failure_load(std::memory_order mo) {
    if (mo == std::memory_order_acq_rel) return std::memory_order_acquire;
    if (mo == std::memory_order_release) return std::memory_order_relaxed;
    return mo;
  }
  // The raw word of store `back` before the latest at loc (touched or not:
  // `current` when the location is unknown or back is out of range).
  std::uint64_t stored(const void* loc, std::uint32_t back, std::uint64_t current) const;
  static constexpr std::uint64_t width_mask(unsigned width) {
    return width >= 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * width)) - 1;
  }
  void fence(unsigned t, std::memory_order mo);
  // Thread t, new, starts after the threads in `joined` finished (as a join
  // then a spawn would order it): it has seen everything they had, their
  // plain writes after their last atomic action included.
  void start_after(unsigned t, const std::vector<unsigned>& joined);

  // Plain (non-atomic) writes, for the data-race check. A plain write by
  // thread t now is stamped with plain_epoch(t): the epoch of t's next
  // event, which it is sequenced before. happens_before says whether such
  // a write, by `writer` at `epoch`, happens before thread `reader`'s
  // next action (its own writes always do). kSetup's writes (outside the
  // threads) happen before everything.
  std::uint32_t plain_epoch(unsigned t) const;
  bool happens_before(unsigned writer, std::uint32_t epoch, unsigned reader) const;

  // For tests and views: a location's modification order, and a thread's view.
  const std::vector<Store>* stores(const void* loc) const;
  const View& view(unsigned t) const;
  // The index in `loc`'s modification order of the oldest store thread t
  // may still read (what it has seen); 0 for a location not yet touched.
  std::uint32_t seen(unsigned t, const void* loc) const {
    const auto it = index_.find(loc);
    return it == index_.end() ? 0 : view(t).at(it->second);
  }

 private:
  std::uint32_t step_ = kNoStore, synchronised_with_ = kNoStore;
  struct ThreadState {
    View view;
    View acquire_pending;  // joined by relaxed reads: what a later acquire fence acquires
    View release_fence;    // the view at the last release fence: what later relaxed stores release
    bool released = false;
  };
  ThreadState& thread(unsigned t);
  std::uint32_t index_of(const void* loc) const;  // must be touched
  static bool written_outside(const std::vector<Store>& order, std::uint64_t current, unsigned width);
  std::uint32_t tick(unsigned t);                 // a new event of t: its epoch
  // The oldest store t may read at loc, with order mo.
  std::uint32_t oldest(unsigned t, std::uint32_t loc, std::memory_order mo) const;
  void read(ThreadState& th, std::uint32_t loc, std::uint32_t index, std::memory_order mo);
  // What a store by th with order mo releases (before any release sequence).
  View released_by(const ThreadState& th, std::memory_order mo) const;
  Store& append(unsigned t, std::uint32_t loc, std::uint64_t raw, std::memory_order mo);

  std::unordered_map<const void*, std::uint32_t> index_;
  std::vector<std::vector<Store>> locations_;
  std::vector<ThreadState> threads_;
  View outside_;  // the stores made outside the threads: every thread has seen them
  // The seq_cst order, operationally: per location the oldest store a
  // seq_cst load (or anything after a seq_cst fence) may still read.
  View sc_;
};

}  // namespace lfv::sim
