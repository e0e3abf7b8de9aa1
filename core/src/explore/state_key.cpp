#include "state_key.hpp"

#include <bit>

namespace lfv::explore::detail {
namespace {

// Two independent 64-bit lanes make a 128-bit hash: a collision would prune
// an unexplored state, so it must be out of reach, not merely unlikely.
void fold(std::uint64_t& a, std::uint64_t& b, std::uint64_t v) {
  a = mix64(a ^ v);
  b = mix64((b + 0x632be59bd9b4e019ull) ^ std::rotl(v, 23) ^ 0xd6e8feb86659fd93ull);
}

bool writes(const sim::StepEvent& e) {
  return e.kind == sim::ActionKind::store || e.kind == sim::ActionKind::swap ||
         (e.kind == sim::ActionKind::cas && e.success);
}

}  // namespace

void StateTracker::reset(unsigned threads) {
  threads_ = threads;
  levels_.assign(1, Level{});
  memory_.clear();
}

StateTracker::Lanes StateTracker::term(std::uint64_t word, std::uint64_t value) {
  Lanes l{word, ~word};
  fold(l.a, l.b, value);
  return l;
}

void StateTracker::push(const sim::Run& run) {
  const sim::Log& log = run.log();
  const sim::StepEvent& e = log.steps.back();
  Level next = levels_.back();
  next.wrote = false;
  Lanes& c = next.chain[e.thread];
  fold(c.a, c.b, std::uint64_t(e.kind) | std::uint64_t(e.target) << 8 | std::uint64_t(e.success) << 16 |
                     std::uint64_t(e.op) << 24 | std::uint64_t(e.value_kind) << 40);
  fold(c.a, c.b, std::uint64_t(e.object) << 32 | e.offset);
  fold(c.a, c.b, e.read);
  fold(c.a, c.b, e.written);
  fold(c.a, c.b, e.expected);
  for (std::uint32_t h = e.heap_begin; h < e.heap_end; ++h)
    fold(c.a, c.b, std::uint64_t(log.heap[h].kind) << 32 | log.heap[h].object);
  // The first step of an operation: which operations had returned before
  // it was invoked (its place in the real-time order).
  for (auto r = log.ops.rbegin(); r != log.ops.rend(); ++r) {
    if (r->thread != e.thread || r->index != e.op) continue;
    if (r->invoked == e.index) {
      std::array<std::uint32_t, kMaxThreads> returned{};
      for (const sim::OpRecord& o : log.ops)
        if (o.returned != sim::kNoStep && o.thread < kMaxThreads) ++returned[o.thread];
      for (unsigned t = 0; t < threads_; ++t) fold(c.a, c.b, std::uint64_t(t) << 32 | returned[t]);
    }
    break;
  }
  if (writes(e)) {
    const std::uint64_t word = std::uint64_t(e.object) << 32 | e.offset;
    next.wrote = true;
    next.word = word;
    auto [it, fresh] = memory_.try_emplace(word, e.written);
    next.had_old = !fresh;
    if (!fresh) {
      next.old_value = it->second;
      const Lanes old = term(word, it->second);
      next.memory.a -= old.a;
      next.memory.b -= old.b;
      it->second = e.written;
    }
    const Lanes now = term(word, e.written);
    next.memory.a += now.a;
    next.memory.b += now.b;
  }
  levels_.push_back(next);
}

void StateTracker::pop() {
  const Level& l = levels_.back();
  if (l.wrote) {
    if (l.had_old) memory_[l.word] = l.old_value;
    else memory_.erase(l.word);
  }
  levels_.pop_back();
}

StateKey StateTracker::key() const {
  const Level& l = levels_.back();
  StateKey k{mix64(levels_.size()), mix64(~std::uint64_t(levels_.size()))};
  for (unsigned t = 0; t < threads_; ++t) {
    std::uint64_t a = l.chain[t].a, b = l.chain[t].b;
    fold(a, b, t + 1);
    k.a += a;
    k.b += b;
  }
  fold(k.a, k.b, l.memory.a);
  fold(k.a, k.b, l.memory.b);
  return k;
}

}  // namespace lfv::explore::detail
