// The heap objects of each completion variant. All are plain data; the
// algorithm that uses them is in vector.hpp.
#pragma once

#include <cstddef>

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
};

template <class Env, Completion C>
using Records = std::conditional_t<C == Completion::book, BookRecords<Env>,
                                   std::conditional_t<C == Completion::paper, PaperRecords<Env>, VersionedRecords<Env>>>;

}  // namespace lfv
