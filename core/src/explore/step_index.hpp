// The steps of the search's path (path.hpp), indexed by what they touch,
// so the race detection and the vector clocks visit only the steps that a
// move may depend on, and of those only the latest that can matter, not
// the whole path at every state.
//
// Why the latest suffice: a step depends on every earlier step it is
// dependent with, so its clock covers theirs (path.cpp, clock_of). Two
// writes of one word are dependent, so once the latest write of a word
// is covered (happens before the thread asking, or is joined into the
// clock being built), every earlier access of that word is covered too;
// the same holds for a free or reclaim, which touches the whole object.
// Reads of one word are not dependent on one another: each is visited.
#pragma once

#include <cstdint>
#include <vector>

#include "move.hpp"

namespace lfv::explore::detail {

class StepIndex {
 public:
  void clear();
  // Step i (the path's latest) joins its lists; remove() takes the latest
  // step, whose move is m, out again.
  void add(std::size_t i, const Move& m);
  void remove(const Move& m);

  // For the steps below `end` that `m` depends on, latest first within
  // each list they are kept in: skips a step `covered(i)` says true for,
  // calls visit(i) on the others, and stops going back in a list at a
  // step that covers the rest of it, or when visit returns false. A step
  // may be visited twice (it is on two lists); `steps[i]` is step i's move.
  template <class Steps, class Covered, class Visit>
  void visit(const Move& m, std::size_t end, const Steps& steps, Covered&& covered, Visit&& visit) const {
    const auto scan = [&](const std::vector<int>& v, Stop stop) {
      for (std::size_t k = v.size(); k-- > 0;) {
        const std::size_t i = std::size_t(v[k]);
        if (i >= end) continue;
        const Move& s = steps(i);
        if (!depends(s, m)) continue;
        const bool last = stop == Stop::any || (stop == Stop::write && s.access.write) ||
                          (stop == Stop::whole && s.access.whole_object);
        if (!covered(i) && !visit(i)) return;
        if (last) return;
      }
    };
    if (const Object* o = object(m.access.object)) {
      if (m.access.whole_object) {
        scan(o->touches, Stop::whole);
      } else {
        if (const Word* w = o->word(m.access.offset)) {
          if (m.access.write) scan(w->accesses, Stop::write);
          else scan(w->writes, Stop::any);
        }
        scan(o->frees, Stop::any);
      }
    }
    if (m.op_begin) scan(op_ends_, Stop::never);
    if (m.op_end) scan(op_begins_, Stop::never);
  }

 private:
  // Which step of a list, once reached, covers the steps before it.
  enum class Stop { never, any, write, whole };
  struct Word {
    std::uint32_t offset = 0;
    std::vector<int> accesses, writes;  // of this word, frees apart
  };
  struct Object {
    std::vector<int> touches, frees;  // every step on the object; its frees
    std::vector<Word> words;
    const Word* word(std::uint32_t offset) const;
    Word& word_for(std::uint32_t offset);
  };
  const Object* object(sim::ObjectId id) const {
    return id < objects_.size() ? &objects_[id] : nullptr;
  }

  std::vector<Object> objects_;
  std::vector<int> op_begins_, op_ends_;
};

}  // namespace lfv::explore::detail
