// Shared by the two halves of the scenario loader: scenario_names.cpp (ops,
// actions, untils, variant checks) and scenario_parse.cpp (the TOML reader).
// Not part of the public API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lfv/scenario/scenario.hpp"

namespace lfv::scenario::detail {

// The largest value a scenario may hold: the simulator runs on 32-bit elements.
inline constexpr std::uint64_t kMaxValue = 0xffffffffu;

enum class Number { ok, not_a_number, negative, too_big };

// Reads a plain decimal number ("0", "42"; no sign, no spaces) of at most kMaxValue.
Number parse_number(std::string_view s, std::uint64_t* out);

// Splits on runs of spaces and tabs, dropping leading and trailing ones.
std::vector<std::string_view> split_words(std::string_view s);

// Parses an `until` string. On failure returns nullopt and sets *why to a
// whole message that quotes the text, e.g. `until "swap slot" is impossible: ...`.
std::optional<Until> parse_until(std::string_view text, std::string* why);

// "a, b or c": for the lists of expected names in messages.
std::string join_or(const std::vector<std::string_view>& names);

}  // namespace lfv::scenario::detail
