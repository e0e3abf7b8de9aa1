// The c11 model's bookkeeping; the rules it implements, with their sources
// and what it leaves out, are in docs/memory-model.md.
#include "lfv/sim/memory_model.hpp"

#include <algorithm>
#include <cassert>

namespace lfv::sim {

std::optional<MemoryModel> parse_memory_model(std::string_view s) {
  for (std::size_t i = 0; i < kMemoryModelNames.size(); ++i)
    if (kMemoryModelNames[i] == s) return MemoryModel(i);
  return std::nullopt;
}

namespace {
void join_into(std::vector<std::uint32_t>& to, const std::vector<std::uint32_t>& from) {
  if (to.size() < from.size()) to.resize(from.size(), 0);
  for (std::size_t i = 0; i < from.size(); ++i) to[i] = std::max(to[i], from[i]);
}
}  // namespace

void View::join(const View& other) {
  join_into(clock, other.clock);
  join_into(oldest, other.oldest);
}

void View::join_oldest(const View& other) { join_into(oldest, other.oldest); }

void View::raise(std::uint32_t loc, std::uint32_t index) {
  if (oldest.size() <= loc) oldest.resize(loc + 1, 0);
  oldest[loc] = std::max(oldest[loc], index);
}

void C11Memory::touch(const void* loc, std::uint64_t current, unsigned width) {
  const auto it = index_.find(loc);
  if (it == index_.end()) {
    index_.emplace(loc, std::uint32_t(locations_.size()));
    locations_.push_back({Store{current, kSetup, {}, std::memory_order_relaxed, false, {}}});
    return;
  }
  // Every store of a simulated thread goes through the model, so the memory
  // holds the latest store; if not, code outside the threads (between
  // steps) wrote it. That write happens before every later step: it is
  // appended, and every thread's view moves up to it.
  std::vector<Store>& order = locations_[it->second];
  if (!written_outside(order, current, width)) return;
  const auto index = std::uint32_t(order.size());
  order.push_back(Store{current, kSetup, {}, std::memory_order_relaxed, false, {}});
  for (ThreadState& th : threads_) th.view.raise(it->second, index);
  outside_.raise(it->second, index);  // and threads yet to act
  sc_.raise(it->second, index);
}

bool C11Memory::written_outside(const std::vector<Store>& order, std::uint64_t current, unsigned width) {
  return ((order.back().raw ^ current) & width_mask(width)) != 0;
}

std::uint32_t C11Memory::index_of(const void* loc) const {
  const auto it = index_.find(loc);
  assert(it != index_.end() && "an access of a location the model was not told of");
  return it->second;
}

C11Memory::ThreadState& C11Memory::thread(unsigned t) {
  while (threads_.size() <= t) threads_.push_back({outside_, {}, {}, false});
  return threads_[t];
}

const View& C11Memory::view(unsigned t) const { return t < threads_.size() ? threads_[t].view : outside_; }

const std::vector<C11Memory::Store>* C11Memory::stores(const void* loc) const {
  const auto it = index_.find(loc);
  return it == index_.end() ? nullptr : &locations_[it->second];
}

std::uint32_t C11Memory::tick(unsigned t) {
  View& v = thread(t).view;
  if (v.clock.size() <= t) v.clock.resize(t + 1, 0);
  return ++v.clock[t];
}

// Coherence (C++20 [intro.races] p15-18): not older than what t has seen,
// written or learnt through happens-before (all in its view). A store that
// happens after the load has not been executed yet. A seq_cst load also
// reads nothing older than the seq_cst order allows ([atomics.order] p4).
std::uint32_t C11Memory::oldest(unsigned t, std::uint32_t loc, std::memory_order mo) const {
  const std::uint32_t seen = view(t).at(loc);
  return mo == std::memory_order_seq_cst ? std::max(seen, sc_.at(loc)) : seen;
}

std::uint32_t C11Memory::choices(unsigned t, const void* loc, std::memory_order mo, std::uint64_t current,
                                 unsigned width) const {
  const auto it = index_.find(loc);
  if (it == index_.end() || written_outside(locations_[it->second], current, width)) return 1;
  const auto last = std::uint32_t(locations_[it->second].size() - 1);
  return last - oldest(t, it->second, mo) + 1;
}

// A read of store `index`: t may not read an older one again (CoRR); an
// acquire read synchronises with what the store releases ([atomics.order]
// p2), a relaxed one keeps it for a later acquire fence ([atomics.fences] p4).
void C11Memory::read(ThreadState& th, std::uint32_t loc, std::uint32_t index, std::memory_order mo) {
  th.view.raise(loc, index);
  const View& released = locations_[loc][index].release;
  // (Its own store too, which the views show as no arrow: the same lane.)
  synchronised_with_ = acquires(mo) && !released.empty() ? locations_[loc][index].step : kNoStore;
  if (acquires(mo)) th.view.join(released);
  else th.acquire_pending.join(released);
  if (mo == std::memory_order_seq_cst) sc_.raise(loc, index);
}

std::uint64_t C11Memory::load(unsigned t, const void* loc, std::memory_order mo, std::uint32_t choice) {
  const std::uint32_t l = index_of(loc);
  assert(choice < choices(t, loc, mo, locations_[l].back().raw, 8));
  tick(t);
  const auto index = std::uint32_t(locations_[l].size() - 1 - choice);
  read(thread(t), l, index, mo);
  return locations_[l][index].raw;
}

// A release store releases the storer's whole view; a relaxed store after a
// release fence releases the view at that fence ([atomics.fences]).
View C11Memory::released_by(const ThreadState& th, std::memory_order mo) const {
  if (releases(mo)) return th.view;
  return th.released ? th.release_fence : View{};
}

// Stores go to the end of the modification order, in execution order.
C11Memory::Store& C11Memory::append(unsigned t, std::uint32_t loc, std::uint64_t raw, std::memory_order mo) {
  ThreadState& th = thread(t);
  const auto index = std::uint32_t(locations_[loc].size());
  th.view.raise(loc, index);  // CoWR, CoWW: t never reads an older one again
  if (mo == std::memory_order_seq_cst) sc_.raise(loc, index);
  Store s{raw, t, View{th.view.clock, {}}, mo, false, released_by(th, mo), step_};
  locations_[loc].push_back(std::move(s));
  return locations_[loc].back();
}

void C11Memory::store(unsigned t, const void* loc, std::uint64_t raw, std::memory_order mo) {
  const std::uint32_t l = index_of(loc);
  tick(t);
  append(t, l, raw, mo);
}

// An RMW reads the latest store ([atomics.order]) and continues its
// release sequence ([intro.races]): an acquire that reads the RMW's
// store synchronises with the head of the sequence as well.
void C11Memory::rmw(unsigned t, const void* loc, std::uint64_t raw, std::memory_order mo) {
  const std::uint32_t l = index_of(loc);
  tick(t);
  const auto last = std::uint32_t(locations_[l].size() - 1);
  read(thread(t), l, last, mo);
  View sequence = locations_[l][last].release;  // copied: append may move it
  Store& s = append(t, l, raw, mo);
  s.rmw = true;
  s.release.join(sequence);
}

// A failed CAS reads like a load with its failure order, which cannot
// release; the engine (SimContext::read_choice) leaves out the older
// stores equal to expected, which a CAS could not fail on.
std::uint64_t C11Memory::failed_cas(unsigned t, const void* loc, std::memory_order failure, std::uint32_t choice) {
  return load(t, loc, as_failure_load(failure), choice);
}

std::uint64_t C11Memory::stored(const void* loc, std::uint32_t back, std::uint64_t current) const {
  const std::vector<Store>* order = stores(loc);
  return order && back < order->size() ? (*order)[order->size() - 1 - back].raw : current;
}

// [atomics.fences]: an acquire fence acquires what the relaxed reads before
// it read; a release fence makes later relaxed stores release the view it
// had. A seq_cst fence also takes its place in the seq_cst order: it learns
// what every earlier seq_cst fence and operation made visible, and makes
// its own view visible to every later one ([atomics.order]). It adds no
// happens-before (the clock is not joined), only what may be read.
void C11Memory::fence(unsigned t, std::memory_order mo) {
  ThreadState& th = thread(t);
  tick(t);
  if (acquires(mo)) th.view.join(th.acquire_pending);
  if (mo == std::memory_order_seq_cst) {
    th.view.join_oldest(sc_);
    sc_.join_oldest(th.view);
  }
  if (releases(mo)) {
    th.release_fence = th.view;
    th.released = true;
  }
}

// The join is an event of each finished thread: a tick past its last
// atomic action, so the plain writes it made after that action (stamped
// with the epoch of its next event) happen before the new thread too.
void C11Memory::start_after(unsigned t, const std::vector<unsigned>& joined) {
  for (unsigned j : joined) tick(j);
  View v = view(t);
  for (unsigned j : joined) v.join(view(j));
  thread(t).view = std::move(v);
}

std::uint32_t C11Memory::plain_epoch(unsigned t) const {
  const std::vector<std::uint32_t>& clock = view(t).clock;
  return (t < clock.size() ? clock[t] : 0) + 1;
}

// [intro.races] p10: the write happens before the read if it is sequenced
// before it (the same thread) or the reader's clock has reached the
// writer's event that the write is sequenced before.
bool C11Memory::happens_before(unsigned writer, std::uint32_t epoch, unsigned reader) const {
  if (writer == kSetup || writer == reader) return true;
  const std::vector<std::uint32_t>& clock = view(reader).clock;
  return writer < clock.size() && clock[writer] >= epoch;
}

}  // namespace lfv::sim
