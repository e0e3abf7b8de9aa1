#include "state_key.hpp"

#include <algorithm>
#include <bit>

#include "lfv/check/linearizability.hpp"

namespace lfv::explore::detail {
namespace {

// Two independent 64-bit lanes make a 128-bit hash: a collision would prune
// an unexplored state, so it must be out of reach, not merely unlikely.
void fold(std::uint64_t& a, std::uint64_t& b, std::uint64_t v) {
  a = mix64(a ^ v);
  b = mix64((b + 0x632be59bd9b4e019ull) ^ std::rotl(v, 23) ^ 0xd6e8feb86659fd93ull);
}

void fold_result(std::uint64_t& a, std::uint64_t& b, scenario::OpResult r) {
  fold(a, b, std::uint64_t(r.kind));
  fold(a, b, r.value);
}

bool writes(const sim::StepEvent& e) {
  return e.kind == sim::ActionKind::store || e.kind == sim::ActionKind::swap ||
         (e.kind == sim::ActionKind::cas && e.success);
}

bool frees(sim::ActionKind k) { return k == sim::ActionKind::free || k == sim::ActionKind::reclaim; }

const sim::OpRecord* op_record(const sim::Log& log, unsigned t, unsigned op) {
  for (auto r = log.ops.rbegin(); r != log.ops.rend(); ++r)
    if (r->thread == t && r->index == op) return &*r;
  return nullptr;
}

}  // namespace

// --- Frontier ---------------------------------------------------------------

Frontier::Frontier(std::vector<std::uint64_t> initial) {
  configs_.push_back({std::move(initial), 0, {}});
  canonicalize();
}

void Frontier::invoke(unsigned t, const scenario::Op& op) {
  running_ |= std::uint16_t(1u << t);
  op_[t] = op;
  close();
}

void Frontier::complete(unsigned t, scenario::OpResult result) {
  const auto bit = std::uint16_t(1u << t);
  std::vector<Config> kept;
  for (Config& c : configs_)
    if ((c.took_effect & bit) && c.result[t] == result) {
      c.took_effect &= std::uint16_t(~bit);
      c.result[t] = {};
      kept.push_back(std::move(c));
    }
  configs_ = std::move(kept);
  running_ &= std::uint16_t(~bit);
  canonicalize();
}

void Frontier::close() {
  for (std::size_t i = 0; i < configs_.size(); ++i)
    for (unsigned t = 0; t < kMaxThreads; ++t) {
      const auto bit = std::uint16_t(1u << t);
      if (!(running_ & bit) || (configs_[i].took_effect & bit)) continue;
      Config next = configs_[i];
      next.result[t] = check::apply_sequential(next.contents, op_[t]);
      next.took_effect |= bit;
      if (std::find(configs_.begin(), configs_.end(), next) == configs_.end()) configs_.push_back(std::move(next));
    }
  canonicalize();
}

void Frontier::canonicalize() {
  std::sort(configs_.begin(), configs_.end());
  configs_.erase(std::unique(configs_.begin(), configs_.end()), configs_.end());
  std::uint64_t a = 0x5bd1e995u, b = 0x27d4eb2fu;
  fold(a, b, running_);
  for (const Config& c : configs_) {
    fold(a, b, c.contents.size() << 16 | c.took_effect);
    for (std::uint64_t v : c.contents) fold(a, b, v);
    for (unsigned t = 0; t < kMaxThreads; ++t)
      if (c.took_effect & (1u << t)) fold_result(a, b, c.result[t]);
  }
  hash_a_ = a;
  hash_b_ = b;
}

// --- StateTracker -------------------------------------------------------------

void StateTracker::reset(const scenario::Scenario& s) {
  threads_ = unsigned(s.threads.size());
  levels_.assign(1, Level{});
  for (unsigned t = 0; t < threads_; ++t) levels_[0].chain[t] = seed(t, 0);
  levels_[0].frontier = std::make_shared<const Frontier>(s.initial);
  memory_.clear();
}

StateTracker::Lanes StateTracker::term(std::uint64_t word, std::uint64_t value) {
  Lanes l{word, ~word};
  fold(l.a, l.b, value);
  return l;
}

StateTracker::Lanes StateTracker::seed(unsigned t, unsigned finished_ops) {
  return term(0x7e3d000000000000ull | t, finished_ops);
}

// The operation r of thread t returned: what it allocated and left alive
// was initialized by its code, which its chain sums up; then the thread is
// known by its count of finished operations alone.
void StateTracker::finish_operation(const sim::Log& log, const sim::OpRecord& r, Level& next) const {
  const Lanes chain = next.chain[r.thread];
  std::vector<sim::ObjectId> made, gone;
  for (std::uint32_t i = r.invoked; i <= r.returned && i < log.steps.size(); ++i) {
    const sim::StepEvent& s = log.steps[i];
    for (std::uint32_t h = s.heap_begin; h < s.heap_end; ++h) {
      const sim::HeapEvent& he = log.heap[h];
      if (he.kind == sim::ActionKind::alloc && s.thread == r.thread)
        made.push_back(he.object);
      else if (frees(he.kind))
        gone.push_back(he.object);
    }
  }
  for (sim::ObjectId o : made) {
    if (std::find(gone.begin(), gone.end(), o) != gone.end()) continue;
    Lanes made_by = term(0xc4ea7e0000000000ull | o, chain.a);
    fold(made_by.a, made_by.b, chain.b);
    add(next.objects, made_by);
  }
  next.chain[r.thread] = seed(r.thread, r.index + 1u);
}

void StateTracker::push(const sim::Program& run) {
  const sim::Log& log = run.log();
  const sim::StepEvent& e = log.steps.back();
  Level next = levels_.back();
  next.wrote = false;
  Lanes& c = next.chain[e.thread];
  fold(c.a, c.b,
       std::uint64_t(e.kind) | std::uint64_t(e.target) << 8 | std::uint64_t(e.success) << 16 |
           std::uint64_t(e.op) << 24 | std::uint64_t(e.value_kind) << 40);
  fold(c.a, c.b, std::uint64_t(e.object) << 32 | e.offset);
  fold(c.a, c.b, e.read);
  fold(c.a, c.b, e.written);
  fold(c.a, c.b, e.expected);
  for (std::uint32_t h = e.heap_begin; h < e.heap_end; ++h) {
    const sim::HeapEvent& he = log.heap[h];
    fold(c.a, c.b, std::uint64_t(he.kind) << 32 | he.object);
    if (he.kind == sim::ActionKind::protect) continue;  // a note for the views; the slot is a word
    const std::uint64_t by = he.kind == sim::ActionKind::retire ? e.thread + 1u : 0u;
    add(next.objects, term(0x0b1ec70000000000ull | std::uint64_t(he.object), std::uint64_t(he.kind) << 8 | by));
  }
  if (const sim::OpRecord* r = op_record(log, e.thread, e.op)) {
    if (r->invoked == e.index || r->returned == e.index) {
      auto f = std::make_shared<Frontier>(*next.frontier);
      if (r->invoked == e.index) f->invoke(e.thread, r->op);
      if (r->returned == e.index) f->complete(e.thread, r->result);
      next.frontier = std::move(f);
    }
    if (r->returned == e.index) finish_operation(log, *r, next);
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
    add(next.memory, term(word, e.written));
  }
  levels_.push_back(std::move(next));
}

void StateTracker::pop() {
  const Level& l = levels_.back();
  if (l.wrote) {
    if (l.had_old)
      memory_[l.word] = l.old_value;
    else
      memory_.erase(l.word);
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
  fold(k.a, k.b, l.objects.a);
  fold(k.a, k.b, l.objects.b);
  fold(k.a, k.b, l.frontier->hash_a());
  fold(k.a, k.b, l.frontier->hash_b());
  return k;
}

}  // namespace lfv::explore::detail
