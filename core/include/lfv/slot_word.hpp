// How an element sits in its 64-bit slot word. Plain variants store the
// element's bytes; the versioned variant stores a 32-bit value and a 32-bit
// tag that every successful change of the slot increments, so a stale CAS
// cannot succeed until the tag wraps after 2^32 changes of that one slot.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace lfv {

using Word = std::uint64_t;

template <class T, bool Tagged>
struct SlotWord {
  static_assert(std::is_trivially_copyable_v<T>, "elements are stored as raw bytes");
  static_assert(sizeof(T) <= (Tagged ? 4 : 8),
                "elements are at most 8 bytes (4 in the versioned variant, beside a 32-bit tag)");
  static constexpr bool kTagged = Tagged;  // the views show a tagged word as "value #tag"

  static Word encode(T value, std::uint32_t tag = 0) {
    Word bytes = 0;
    std::memcpy(&bytes, &value, sizeof(T));
    if constexpr (Tagged) return (Word{tag} << 32) | bytes;
    return bytes;
  }

  static T value(Word w) {
    T out;
    std::memcpy(&out, &w, sizeof(T));
    return out;
  }

  static std::uint32_t tag(Word w) { return Tagged ? static_cast<std::uint32_t>(w >> 32) : 0; }

  // The word that replaces `old` when `value` is written over it.
  static Word successor(Word old, T value) { return encode(value, tag(old) + 1); }
};

}  // namespace lfv
