// What an operation returned: ok, empty, out-of-range or a number (a
// popped or read value, a size). The simulator, the checker and the
// explorer keep it typed and compare integers; it becomes text only where
// it is shown, and text becomes a result only where a scenario file is read.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lfv/status.hpp"

namespace lfv::scenario {

struct OpResult {
  enum class Kind : std::uint8_t { ok, empty, out_of_range, value };
  Kind kind = Kind::ok;
  std::uint64_t value = 0;  // Kind::value only; 0 otherwise, so the comparisons may compare both fields

  static constexpr OpResult of(Status s) {
    switch (s) {
      case Status::ok: break;
      case Status::empty: return {Kind::empty};
      case Status::out_of_range: return {Kind::out_of_range};
    }
    return {Kind::ok};
  }
  static constexpr OpResult number(std::uint64_t v) { return {Kind::value, v}; }

  // "ok", "empty", "out-of-range" (the words of Status) or the decimal number.
  std::string text() const;
  friend auto operator<=>(const OpResult&, const OpResult&) = default;
};

// A result as a scenario's [expect] writes it: one of the words above or a
// plain decimal number of at most 32 bits ("007" is 7). nullopt otherwise;
// the loader says why.
std::optional<OpResult> parse_result(std::string_view text);

}  // namespace lfv::scenario
