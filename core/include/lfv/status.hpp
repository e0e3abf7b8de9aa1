// Results of vector operations. Out of range and empty are results, never UB.
#pragma once

#include <cstdint>
#include <string_view>

namespace lfv {

enum class Status : std::uint8_t { ok, empty, out_of_range };

constexpr std::string_view name(Status s) {
  switch (s) {
    case Status::ok: return "ok";
    case Status::empty: return "empty";
    case Status::out_of_range: return "out-of-range";
  }
  return "?";
}

// A value, or the reason there is none.
template <class T>
struct Result {
  Status status = Status::ok;
  T value{};

  bool ok() const { return status == Status::ok; }
  friend bool operator==(const Result&, const Result&) = default;
};

}  // namespace lfv
