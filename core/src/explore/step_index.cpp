#include "step_index.hpp"

namespace lfv::explore::detail {

// Keeps the lists' memory for the next path: the search resets its path
// once per task.
void StepIndex::clear() {
  for (Object& o : objects_) {
    o.touches.clear();
    o.frees.clear();
    for (Word& w : o.words) {
      w.accesses.clear();
      w.writes.clear();
    }
  }
  op_begins_.clear();
  op_ends_.clear();
}

const StepIndex::Word* StepIndex::Object::word(std::uint32_t offset) const {
  for (const Word& w : words)
    if (w.offset == offset) return &w;
  return nullptr;
}

StepIndex::Word& StepIndex::Object::word_for(std::uint32_t offset) {
  for (Word& w : words)
    if (w.offset == offset) return w;
  words.push_back({offset, {}, {}});
  return words.back();
}

void StepIndex::add(std::size_t i, const Move& m) {
  const int step = int(i);
  if (m.access.object != sim::kNoObject) {
    if (m.access.object >= objects_.size()) objects_.resize(std::size_t(m.access.object) + 1);
    Object& o = objects_[m.access.object];
    o.touches.push_back(step);
    if (m.access.whole_object) {
      o.frees.push_back(step);
    } else {
      Word& w = o.word_for(m.access.offset);
      w.accesses.push_back(step);
      if (m.access.write) w.writes.push_back(step);
    }
  }
  if (m.op_begin) op_begins_.push_back(step);
  if (m.op_end) op_ends_.push_back(step);
}

void StepIndex::remove(const Move& m) {
  if (m.access.object != sim::kNoObject) {
    Object& o = objects_[m.access.object];
    o.touches.pop_back();
    if (m.access.whole_object) {
      o.frees.pop_back();
    } else {
      Word& w = o.word_for(m.access.offset);
      w.accesses.pop_back();
      if (m.access.write) w.writes.pop_back();
    }
  }
  if (m.op_begin) op_begins_.pop_back();
  if (m.op_end) op_ends_.pop_back();
}

}  // namespace lfv::explore::detail
