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

struct Site {
  Target target = Target::field;
  const char* label = "";
};

}  // namespace lfv
