// The checks a scenario's text passes before toml++ reads it. Debian's
// toml++ 3.3.0 has two bugs that hostile input reaches: a file that is only
// a byte-order mark (upstream issue #295; parse_scenario drops the mark) and
// a table header whose name starts with a character no key starts with
// (PR #301). Both end in __builtin_unreachable in a release build, so the
// input that leads there is refused here, with a position, instead.
#include <cstdint>
#include <cstdio>
#include <vector>

#include "scenario_internal.hpp"

namespace lfv::scenario::detail {

namespace {

// The length of the UTF-8 sequence at text[i], or 0 when it is not valid
// UTF-8 (overlong forms, surrogates and code points past U+10FFFF included).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) n = 2, cp = b0 & 0x1F;
  else if (b0 >= 0xE0 && b0 <= 0xEF) n = 3, cp = b0 & 0x0F;
  else if (b0 >= 0xF0 && b0 <= 0xF4) n = 4, cp = b0 & 0x07;
  else return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return n;
}

bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

std::optional<GuardError> guard_toml_input(std::string_view text) {
  // Positions in code points per line, as toml++ reports them.
  std::vector<std::size_t> line_start{0};
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      int column = 1;
      for (std::size_t k = line_start.back(); k < i; k += utf8_length(text, k)) ++column;
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      return GuardError{int(line_start.size()), column,
                        "not valid UTF-8 (byte " + std::string(hex) + "): a scenario file is UTF-8 text"};
    }
    if (text[i] == '\n') line_start.push_back(i + 1);
    i += n;
  }
  auto at = [&](std::size_t offset, std::string message) {
    std::size_t line = 0;
    while (line + 1 < line_start.size() && line_start[line + 1] <= offset) ++line;
    int column = 1;
    for (std::size_t k = line_start[line]; k < offset; k += utf8_length(text, k)) ++column;
    return GuardError{int(line + 1), column, std::move(message)};
  };

  // A small TOML scanner: just enough to tell a table header from an array
  // inside a value or text inside a string. It need only be exact for valid
  // TOML; on invalid TOML toml++ stops at its own error before any header
  // this scanner might misjudge.
  int depth = 0;  // open [ and { of values
  bool line_start_pos = true;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      line_start_pos = true;
      ++i;
      continue;
    }
    if (line_start_pos && (c == ' ' || c == '\t' || c == '\r')) {
      ++i;
      continue;
    }
    const bool header = line_start_pos && depth == 0 && c == '[';
    line_start_pos = false;
    if (header) {
      std::size_t k = i + 1;
      if (k < text.size() && text[k] == '[') ++k;
      while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
      if (k < text.size() && !is_bare_key_char(text[k]) && text[k] != '"' && text[k] != '\'' && text[k] != ']')
        return at(k, "not valid TOML: a table header's name must start with a letter, a digit, _, - or a quote, not " +
                         quote(text.substr(k, utf8_length(text, k))));
      while (i < text.size() && text[i] != '\n') ++i;  // a valid header line holds nothing else but a comment
      continue;
    }
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (c == '"' || c == '\'') {
      const bool multi = text.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''");
      const bool escapes = c == '"';
      i += multi ? 3 : 1;
      while (i < text.size()) {
        if (escapes && text[i] == '\\') {
          i += 2;
          continue;
        }
        if (!multi && text[i] == '\n') break;  // an unterminated string: toml++ says so
        if (multi ? text.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''") : text[i] == c) {
          i += multi ? 3 : 1;
          break;
        }
        ++i;
      }
      continue;
    }
    if (c == '[' || c == '{') ++depth;
    if ((c == ']' || c == '}') && depth > 0) --depth;
    ++i;
  }
  return std::nullopt;
}

}  // namespace lfv::scenario::detail
