// The heap objects of each completion variant. All are plain data; the
// algorithm that uses them is in vector.hpp.
#pragma once

#include <cstddef>
#include <type_traits>

#include "lfv/counters.hpp"
#include "lfv/hazard_domain.hpp"
#include "lfv/slot_word.hpp"
#include "lfv/variant.hpp"

namespace lfv {

// book: the descriptor points, through an atomic, to an Option<WriteDescriptor>
// that is its own heap object even when it holds no write ("none").
template <class Env>
struct BookRecords {
  using Slot = typename Env::template Atomic<Word>;

  struct WriteDescriptor : Retirable<Env> {
    WriteDescriptor() = default;  // none
    WriteDescriptor(Slot* loc, Word old_w, Word new_w)
        : has_write(true), location(loc), old_word(old_w), new_word(new_w) {}
    bool has_write = false;
    Slot* location = nullptr;
    Word old_word = 0;
    Word new_word = 0;

    // Lists the fields for the simulator's snapshots (any visitor with
    // flag/pointer/word/value members).
    template <class V>
    void describe(V& v) const {
      v.flag(Field::has_write, has_write);
      if (!has_write) return;
      v.pointer(Field::location, location);
      v.word(Field::old_word, old_word);
      v.word(Field::new_word, new_word);
    }
  };

  struct Descriptor : Retirable<Env> {
    Descriptor(std::size_t n, WriteDescriptor* p) : size(n), pending(p) {}
    std::size_t size;
    typename Env::template Atomic<WriteDescriptor*> pending;

    template <class V>
    void describe(V& v) const {
      v.value(Field::size, size);
      v.pointer(Field::pending, pending.unsynchronized());
    }
  };

  // What the simulator's views read of these records (core/src/sim/run_impl.hpp),
  // stated here once: the objects an operation allocates, the write a
  // descriptor still has pending, the write descriptor that is an object
  // of its own, and whether a write object holds a write at all.
  static constexpr ObjectKind kAllocates[] = {ObjectKind::descriptor, ObjectKind::write_descriptor,
                                              ObjectKind::bucket};
  static constexpr bool kWriteInDescriptor = false;
  static const WriteDescriptor* pending_write(const Descriptor* d) {
    const WriteDescriptor* p = d->pending.unsynchronized();
    return p && p->has_write ? p : nullptr;
  }
  static const WriteDescriptor* separate_write(const Descriptor* d) { return d->pending.unsynchronized(); }
  // "none" holds no write. (Trivially destructible, so a freed one, whose
  // memory the simulator never reuses during a run, still says.)
  static bool carries_a_write(const WriteDescriptor* w) {
    static_assert(std::is_trivially_destructible_v<WriteDescriptor>);
    return w->has_write;
  }
};

// paper: the descriptor owns its write descriptor, a heap object of its own
// (set once, or null), and the write descriptor carries its own done flag.
template <class Env>
struct PaperRecords {
  using Slot = typename Env::template Atomic<Word>;

  struct WriteDescriptor {
    WriteDescriptor(Slot* loc, Word old_w, Word new_w) : location(loc), old_word(old_w), new_word(new_w) {}
    Slot* location;
    Word old_word;
    Word new_word;
    typename Env::template Atomic<bool> done{false};

    template <class V>
    void describe(V& v) const {
      v.pointer(Field::location, location);
      v.word(Field::old_word, old_word);
      v.word(Field::new_word, new_word);
      v.flag(Field::done, done.unsynchronized());
    }
  };

  struct Descriptor : Retirable<Env> {
    Descriptor(std::size_t n, WriteDescriptor* w) : size(n), write(w) {}
    std::size_t size;
    WriteDescriptor* write;  // null when the descriptor carries no write

    template <class V>
    void describe(V& v) const {
      v.value(Field::size, size);
      v.pointer(Field::write, write);
    }
  };

  // What the simulator's views read (as BookRecords says).
  static constexpr ObjectKind kAllocates[] = {ObjectKind::descriptor, ObjectKind::write_descriptor,
                                              ObjectKind::bucket};
  static constexpr bool kWriteInDescriptor = false;
  static const WriteDescriptor* pending_write(const Descriptor* d) {
    return d->write && !d->write->done.unsynchronized() ? d->write : nullptr;
  }
  static const WriteDescriptor* separate_write(const Descriptor* d) { return d->write; }
  static bool carries_a_write(const WriteDescriptor*) { return true; }
};

// versioned: one heap object per attempt. The descriptor holds its write
// descriptor inline (the repaired design's "the descriptor owns its write
// descriptor", taken literally): one allocation instead of two, one object
// to retire, and a helper finds the size and the write on the same cache
// line. The write's fields are the paper's, plus the tags in the words.
template <class Env>
struct VersionedRecords {
  using Slot = typename Env::template Atomic<Word>;
  using WriteDescriptor = typename PaperRecords<Env>::WriteDescriptor;

  struct Descriptor : Retirable<Env> {
    explicit Descriptor(std::size_t n) : size(n) {}
    Descriptor(std::size_t n, bool appends, Slot* loc, Word old_w, Word new_w)
        : size(n), has_write(true), grows(appends), write(loc, old_w, new_w) {}
    std::size_t size;
    bool has_write = false;  // false: a pop's descriptor, which carries no write
    // The write appends (a push): size counts it, so size() discounts it
    // while it is pending. false for an overwrite, which leaves the size as
    // it is whether or not it is performed yet.
    bool grows = false;
    WriteDescriptor write{nullptr, 0, 0};

    template <class V>
    void describe(V& v) const {
      v.value(Field::size, size);
      v.flag(Field::has_write, has_write);
      if (!has_write) return;
      v.flag(Field::grows, grows);
      write.describe(v);
    }
  };

  // What the simulator's views read (as BookRecords says): the write is
  // inside its descriptor, so there is no write object at all.
  static constexpr ObjectKind kAllocates[] = {ObjectKind::descriptor, ObjectKind::bucket};
  static constexpr bool kWriteInDescriptor = true;
  static const WriteDescriptor* pending_write(const Descriptor* d) {
    return d->has_write && !d->write.done.unsynchronized() ? &d->write : nullptr;
  }
  static const WriteDescriptor* separate_write(const Descriptor*) { return nullptr; }
  static bool carries_a_write(const WriteDescriptor*) { return true; }
};

template <class Env, Completion C>
using Records = std::conditional_t<C == Completion::book, BookRecords<Env>,
                                   std::conditional_t<C == Completion::paper, PaperRecords<Env>, VersionedRecords<Env>>>;

}  // namespace lfv
