#include "lfv/check/linearizability.hpp"

#include <algorithm>
#include <limits>

#include "lfv/sim/log.hpp"

namespace lfv::check {
namespace {

using scenario::Op;
using scenario::OpKind;
using scenario::OpResult;
using Kind = OpResult::Kind;

constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

// Whether an operation of this kind can ever return a result of this kind.
bool possible(OpKind k, Kind r) {
  if (k == OpKind::push || k == OpKind::reserve) return r == Kind::ok;
  if (k == OpKind::write) return r == Kind::ok || r == Kind::out_of_range;
  return r == Kind::value || (k == OpKind::pop && r == Kind::empty) || (k == OpKind::read && r == Kind::out_of_range);
}

// What one step of the sequential model changed, so the search can take it back.
struct Undo {
  enum Kind : std::uint8_t { none, pushed, popped, wrote };
  Kind kind = none;
  std::uint64_t index = 0;
  std::uint64_t value = 0;
};

Undo apply(std::vector<std::uint64_t>& c, const Op& op, OpResult& r) {
  r = {Kind::ok};  // push, write and reserve
  const bool inside = op.arg0 < c.size();
  switch (op.kind) {
    case OpKind::push: c.push_back(op.arg0); return {Undo::pushed};
    case OpKind::pop:
      r = c.empty() ? OpResult{Kind::empty} : OpResult::number(c.back());
      if (c.empty()) return {};
      c.pop_back();
      return {Undo::popped, 0, r.value};
    case OpKind::size: r = OpResult::number(c.size()); return {};
    case OpKind::read:
      r = inside ? OpResult::number(c[op.arg0]) : OpResult{Kind::out_of_range};
      return {};
    case OpKind::write: {
      if (!inside) {
        r = {Kind::out_of_range};
        return {};
      }
      const Undo u{Undo::wrote, op.arg0, c[op.arg0]};
      c[op.arg0] = op.arg1;
      return u;
    }
    case OpKind::reserve: return {};
  }
  return {};
}

void undo(std::vector<std::uint64_t>& c, const Undo& u) {
  switch (u.kind) {
    case Undo::none: break;
    case Undo::pushed: c.pop_back(); break;
    case Undo::popped: c.push_back(u.value); break;
    case Undo::wrote: c[u.index] = u.value; break;
  }
}

// The (progress, contents) pairs already shown to lead nowhere. Open
// addressing over one arena of words: a node's key is written once, at the
// arena's end, and stays there if the node fails. No allocation per entry.
class FailedSet {
 public:
  struct Key {
    std::size_t offset, length;
    std::uint64_t hash;
  };
  FailedSet() : slots_(256) {}
  Key stage(std::span<const std::uint32_t> pos, std::span<const std::uint64_t> contents) {
    const std::size_t offset = arena_.size();
    for (std::size_t t = 0; t < pos.size(); t += 2)
      arena_.push_back(pos[t] | (t + 1 < pos.size() ? std::uint64_t(pos[t + 1]) << 32 : 0));
    arena_.insert(arena_.end(), contents.begin(), contents.end());
    std::uint64_t h = 0x9e3779b97f4a7c15ull ^ (arena_.size() - offset);
    for (std::size_t i = offset; i < arena_.size(); ++i) {
      h = (h ^ arena_[i]) * 0xbf58476d1ce4e5b9ull;
      h ^= h >> 31;
    }
    return {offset, arena_.size() - offset, h};
  }
  void unstage(const Key& k) { arena_.resize(k.offset); }  // only right after stage()
  bool contains(const Key& k) const {
    const auto at = [&](std::size_t offset) { return arena_.begin() + std::ptrdiff_t(offset); };
    for (std::size_t i = k.hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Key& s = slots_[i];
      if (s.length == 0) return false;
      if (s.hash == k.hash && s.length == k.length &&
          std::equal(at(k.offset), at(k.offset + k.length), at(s.offset)))
        return true;
    }
  }
  void commit(const Key& k) {
    if (2 * (count_ + 1) > slots_.size()) {
      std::vector<Key> old(slots_.size() * 2);
      old.swap(slots_);
      for (const Key& s : old)
        if (s.length != 0) place(s);
    }
    place(k);
    ++count_;
  }

 private:
  void place(const Key& k) {
    std::size_t i = k.hash & (slots_.size() - 1);
    while (slots_[i].length != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = k;
  }
  std::vector<Key> slots_;  // length 0: free (every key holds at least one word of progress)
  std::vector<std::uint64_t> arena_;
  std::size_t count_ = 0;
};

struct Move {
  std::uint32_t op;
  std::uint32_t thread;  // dense index
  bool leave_out;        // an incomplete op skipped, so its thread's later ops may go on
};

std::string contents_text(const std::vector<std::uint64_t>& c) {
  std::string out = "[";
  for (std::size_t i = 0; i < c.size() && i < 8; ++i) out += (i ? ", " : "") + std::to_string(c[i]);
  return out + (c.size() > 8 ? ", ...]" : "]");
}

std::string join(const std::vector<std::string>& parts, const std::string& last = " and ") {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? last : ", ") + parts[i];
  return out;
}

class Search {
 public:
  Search(std::span<const HistoryOp> h, const CheckOptions& o) : h_(h), o_(o), contents_(o.initial) {
    std::vector<unsigned> ids;
    for (const HistoryOp& op : h) ids.push_back(op.thread);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    by_thread_.resize(ids.size());
    std::size_t pushes = 0;
    for (std::size_t i = 0; i < h.size(); ++i) {
      const auto t = std::size_t(std::lower_bound(ids.begin(), ids.end(), h[i].thread) - ids.begin());
      by_thread_[t].push_back(std::uint32_t(i));
      pushes += h[i].op.kind == OpKind::push;
    }
    contents_.reserve(o.initial.size() + pushes);  // no allocation during the search
    for (const auto& ops : by_thread_) {
      // Suffix minimum of return times: whether any later op of a thread returned before a time.
      std::vector<std::uint64_t> m(ops.size() + 1, kNever);
      for (std::size_t p = ops.size(); p-- > 0;)
        m[p] = std::min(m[p + 1], h[ops[p]].complete ? h[ops[p]].returned : kNever);
      min_returned_.push_back(std::move(m));
      std::uint32_t last = 0;
      for (std::size_t p = 0; p < ops.size(); ++p)
        if (h[ops[p]].complete) last = std::uint32_t(p + 1);
      must_reach_.push_back(last);
    }
    pos_.assign(ids.size(), 0);
    best_pos_ = pos_;
  }

  Verdict run() {
    Verdict v;
    v.linearizable = explore();
    v.states_explored = explored_;
    if (v.linearizable) {
      v.witness = path_;
      v.explanation = witness_text(v.witness);
    } else {
      v.longest_prefix = best_path_;
      v.first_bad = first_bad();
      v.explanation = failure_text(v.first_bad);
    }
    return v;
  }

 private:
  bool only_incomplete_left() const {
    for (std::size_t t = 0; t < pos_.size(); ++t)
      if (pos_[t] < must_reach_[t]) return false;
    return true;
  }

  // Under happens_before: whether op j's return happens before op i's
  // invocation. A thread's later ops return after its next one, so that
  // one alone says whether any of them precedes i (see enabled_hb).
  bool precedes_hb(std::uint32_t j, std::uint32_t i) const {
    const HistoryOp& a = h_[j];
    const std::vector<std::uint32_t>& clock = h_[i].invoked_clock;
    return a.complete && a.thread < clock.size() && clock[a.thread] >= a.returned_epoch;
  }
  bool enabled_hb(std::size_t t, std::span<const std::uint32_t> pos) const {
    const std::uint32_t i = by_thread_[t][pos[t]];
    for (std::size_t u = 0; u < pos.size(); ++u)
      if (u != t && pos[u] < by_thread_[u].size() && precedes_hb(by_thread_[u][pos[u]], i)) return false;
    return true;
  }

  // Whether thread t's next op may go next after the ops before `pos` (see explore()).
  bool enabled(std::size_t t, std::span<const std::uint32_t> pos) const {
    if (o_.happens_before) return enabled_hb(t, pos);
    const std::uint64_t begun = h_[by_thread_[t][pos[t]]].invoked;
    for (std::size_t u = 0; u < pos.size(); ++u)
      if (u != t && min_returned_[u][pos[u]] < begun) return false;
    return true;
  }

  bool explore() {
    if (depth_ > best_depth_) {
      best_depth_ = depth_;
      best_path_ = path_;
      best_pos_ = pos_;
    }
    if (only_incomplete_left()) {
      if (!o_.final_contents || contents_ == *o_.final_contents) return true;
      note_end_state();  // incomplete ops may still take effect below
    }
    const FailedSet::Key key = failed_.stage(pos_, contents_);
    if (failed_.contains(key)) {
      failed_.unstage(key);
      return false;
    }
    ++explored_;

    // Real time: a thread's next op may go next unless another thread's pending op returned before it
    // began. The earliest and second earliest pending returns answer that for every thread at once.
    std::uint64_t first = kNever, second = kNever;
    std::size_t first_thread = pos_.size();
    for (std::size_t u = 0; u < pos_.size(); ++u) {
      const std::uint64_t r = min_returned_[u][pos_[u]];
      if (r < first)
        second = first, first = r, first_thread = u;
      else if (r < second)
        second = r;
    }
    const std::size_t begin = moves_.size();
    for (std::size_t t = 0; t < pos_.size(); ++t) {
      const std::uint32_t p = pos_[t];
      if (p == by_thread_[t].size()) continue;
      const std::uint32_t i = by_thread_[t][p];
      if (o_.happens_before ? !enabled_hb(t, pos_) : (t == first_thread ? second : first) < h_[i].invoked) continue;
      moves_.push_back({i, std::uint32_t(t), false});
      if (!h_[i].complete && p + 1 < by_thread_[t].size()) moves_.push_back({i, std::uint32_t(t), true});
    }
    // Earliest invocation first, so witnesses read like the run itself (insertion sort: a handful of moves).
    for (std::size_t k = begin + 1; k < moves_.size(); ++k)
      for (std::size_t j = k; j > begin && h_[moves_[j].op].invoked < h_[moves_[j - 1].op].invoked; --j)
        std::swap(moves_[j], moves_[j - 1]);

    for (std::size_t k = begin; k < moves_.size(); ++k) {
      const Move m = moves_[k];
      Undo u;
      if (!m.leave_out) {
        OpResult r;
        u = apply(contents_, h_[m.op].op, r);
        if (h_[m.op].complete && r != h_[m.op].result) {
          undo(contents_, u);
          continue;
        }
        path_.push_back(m.op);
      }
      ++pos_[m.thread];
      ++depth_;
      if (explore()) return true;  // keep path_ as the witness
      --depth_;
      --pos_[m.thread];
      if (!m.leave_out) path_.pop_back();
      undo(contents_, u);
    }
    moves_.resize(begin);
    failed_.commit(key);
    return false;
  }

  void note_end_state() {
    if (end_states_.size() > 3 ||
        std::find(end_states_.begin(), end_states_.end(), contents_) != end_states_.end())
      return;
    end_states_.push_back(contents_);
  }

  // After the longest prefix (its state left in contents_), the op that was allowed next but gave a result
  // the model cannot: the one that returned first.
  std::optional<std::size_t> first_bad() {
    contents_ = o_.initial;
    OpResult r;
    for (std::size_t i : best_path_) apply(contents_, h_[i].op, r);
    std::optional<std::size_t> bad;
    for (std::size_t t = 0; t < best_pos_.size(); ++t) {
      if (best_pos_[t] == by_thread_[t].size() || !enabled(t, best_pos_)) continue;
      const std::uint32_t i = by_thread_[t][best_pos_[t]];
      if (h_[i].complete && model_result(i) != h_[i].result && (!bad || h_[i].returned < h_[*bad].returned))
        bad = i;
    }
    return bad;
  }

  OpResult model_result(std::size_t i) {
    OpResult r;
    undo(contents_, apply(contents_, h_[i].op, r));
    return r;
  }

  std::string thread_name(unsigned id) const {
    if (id < o_.thread_names.size()) return o_.thread_names[id];
    return id < 26 ? std::string(1, char('A' + id)) : "T" + std::to_string(id);
  }

  std::string op_text(std::size_t i) const {
    const HistoryOp& op = h_[i];
    std::string s = thread_name(op.thread) + "'s " + op.op.text();
    if (!op.complete) return s + " (unfinished)";
    if (op.result != OpResult{Kind::ok}) s += " -> " + op.result.text();
    return s;
  }

  std::string ops_text(const std::vector<std::size_t>& ops) const {
    std::vector<std::string> parts;
    for (std::size_t k = ops.size() > 5 ? ops.size() - 3 : 0; k < ops.size(); ++k)
      parts.push_back(op_text(ops[k]));
    if (ops.size() > 5) return std::to_string(ops.size()) + " operations ending with " + join(parts);
    return join(parts);
  }

  std::string witness_text(const std::vector<std::size_t>& w) const {
    if (w.empty()) return "No operation took effect, and the contents are as they began.";
    if (w.size() > 6)
      return "An order of " + std::to_string(w.size()) +
             " operations, each thread's in program order and respecting " + order_name() + ", explains every result.";
    return "In the order " + ops_text(w) + ", every operation gives the result it returned.";
  }

  std::string failure_text(std::optional<std::size_t> bad) {
    if (!bad) {
      if (end_states_.empty())
        return "No order of the operations respects both each thread's program order and " + order_name() + ".";
      std::vector<std::string> ends;
      for (std::size_t k = 0; k < end_states_.size() && k < 3; ++k)
        ends.push_back(contents_text(end_states_[k]));
      if (end_states_.size() > 3) ends.push_back("others");
      const std::string ended = contents_text(*o_.final_contents);
      return "Every result can be explained, but no such order leaves the vector as it ended, " + ended +
             "; the orders that explain the results leave " + join(ends, " or ") + ".";
    }
    const HistoryOp& op = h_[*bad];
    const std::string name = op.op.text(), who = thread_name(op.thread) + "'s " + name;
    const OpResult want = op.result;
    const std::string said = want.text();
    if (!possible(op.op.kind, want.kind))
      return who + " returned \"" + said + "\", which that operation never returns.";
    std::string s = who + " returned " + said + ", but ";
    s += best_path_.empty() ? "at the start" : "after " + ops_text(best_path_);
    s += " the vector holds " + contents_text(contents_) + ", so a " + name.substr(0, name.find(' ')) +
         " there gives " + model_result(*bad).text() + ".";
    if (never_pushed(op.op, want, h_, o_.initial))
      return s + " " + said + " was never pushed or written, nor there at the start: no order explains it.";
    std::size_t most = o_.initial.size();
    for (const HistoryOp& o : h_) most += o.op.kind == OpKind::push;
    if (op.op.kind == OpKind::size && want.value > most)
      return s + " At most " + std::to_string(most) + (most == 1 ? " element was" : " elements were") +
             " ever in the vector.";
    return s + " No order of the operations that respects program order and " + order_name() + " explains " + said +
           ".";
  }

  std::string order_name() const { return o_.happens_before ? "happens-before" : "real time"; }

  std::span<const HistoryOp> h_;
  const CheckOptions& o_;
  std::vector<std::vector<std::uint32_t>> by_thread_;  // op indices, in program order
  std::vector<std::vector<std::uint64_t>> min_returned_;
  std::vector<std::uint32_t> must_reach_;  // past the thread's last complete op
  std::vector<std::uint32_t> pos_;  // each thread's linearized prefix length
  std::vector<std::uint64_t> contents_;
  std::vector<std::size_t> path_;
  std::size_t depth_ = 0;
  std::size_t best_depth_ = 0;
  std::vector<std::size_t> best_path_;
  std::vector<std::uint32_t> best_pos_;
  std::vector<std::vector<std::uint64_t>> end_states_;  // full orders refused by the final contents
  FailedSet failed_;
  std::vector<Move> moves_;
  std::uint64_t explored_ = 0;
};

}  // namespace

Verdict check_linearizable(std::span<const HistoryOp> history, const CheckOptions& options) {
  return Search(history, options).run();
}

OpResult apply_sequential(std::vector<std::uint64_t>& contents, const scenario::Op& op) {
  OpResult r;
  apply(contents, op, r);
  return r;
}

bool never_pushed(const Op& op, OpResult result, std::span<const HistoryOp> history,
                  std::span<const std::uint64_t> initial) {
  if (result.kind != Kind::value || (op.kind != OpKind::pop && op.kind != OpKind::read)) return false;
  const std::uint64_t v = result.value;
  if (std::find(initial.begin(), initial.end(), v) != initial.end()) return false;
  for (const HistoryOp& h : history)
    if ((h.op.kind == OpKind::push && h.op.arg0 == v) || (h.op.kind == OpKind::write && h.op.arg1 == v))
      return false;
  return true;
}

std::vector<HistoryOp> history_from_log(const sim::Log& log) {
  std::vector<HistoryOp> out;
  for (const sim::OpRecord& r : log.ops) {
    if (r.invoked == sim::kNoStep) continue;  // never started: no evidence either way
    const bool complete = r.returned != sim::kNoStep;
    out.push_back({r.thread, r.op, complete ? r.result : OpResult{}, r.invoked,
                   complete ? std::uint64_t(r.returned) : kNever, complete, r.invoked_clock, r.returned_epoch});
  }
  return out;
}

}  // namespace lfv::check
