// What an atomic action targets, and a short label for it. The core passes a
// Site to every atomic operation and every plain-field read; the real
// environment ignores it, the simulator records it in its event log.
#pragma once

#include <cstdint>

namespace lfv {

enum class Target : std::uint8_t {
  descriptor,  // the vector's descriptor pointer
  pending,     // a Descriptor's pending pointer (book)
  slot,        // an element slot in a bucket
  bucket,      // the vector's bucket table
  hazard,      // a hazard-pointer slot
  done,        // a WriteDescriptor's done flag (paper, versioned)
  field,       // a plain (non-atomic) field of a heap object
};

// How the simulator shows the value an action reads or writes.
enum class Shown : std::uint8_t {
  as_is,         // by its type: a number, a flag, an object
  slot_word,     // a slot's word: the element, and its tag under versioned
  slot_pointer,  // a pointer to a slot: "[3] in B1"
};

// The hazard protocol's two fences, by side: the environment decides what
// each is (real threads: asymmetric_fence.hpp; the simulator, which runs
// one step at a time in a single order, needs neither to be anything).
enum class Fence : std::uint8_t {
  protect,  // (H2): between a hazard store and the re-load, every operation
  scan,     // (H4): after the unlink, before reading the hazards, once a scan
};

struct Site {
  Target target = Target::field;
  const char* label = "";
  Shown shown = Shown::as_is;
};

}  // namespace lfv
