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

// Text from a file, quoted for a message: "push\u00a01". Control and
// invisible characters (NUL, newline, NBSP, zero-width spaces, ...) are
// written as escapes so a lecturer sees why "push 1" did not match, and
// long text is cut short so a message stays one readable line.
std::string quote(std::string_view text);

// Whether `name` may name a thread: 1 to limits::kNameBytes letters,
// digits, '_' and '-' (what --schedule and printed schedules can spell).
bool is_thread_name(std::string_view name);

// Checks the text before toml++ 3.3.0 sees it: valid UTF-8, and no table
// header whose name starts with a character a key cannot start with (that
// input breaks an assumption inside toml++'s parse_key, fixed upstream by
// PR #301). On a problem returns its 1-based line and column (in code
// points, as toml++ counts) and a message.
struct GuardError {
  int line = 1;
  int column = 1;
  std::string message;
};
std::optional<GuardError> guard_toml_input(std::string_view text);

}  // namespace lfv::scenario::detail
