// TOML values as text, written by toml++ (the loader's own library), so
// what lfvlab writes (saved counterexamples, check's messages) is always
// valid TOML that the loader reads back: quotes, backslashes and control
// characters escaped, Unicode kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lfv/scenario/op_result.hpp"

namespace lfv::scenario {

// A basic string on one line ("a\"b\n").
std::string toml_text(std::string_view s);
// A string that may span lines ("""...""" when it holds a newline).
std::string toml_multiline_text(std::string_view s);
std::string toml_text(const std::vector<std::string>& xs);     // [ "a", "b" ]
std::string toml_text(const std::vector<std::uint64_t>& xs);   // [ 1, 2 ]
std::string toml_text(const std::vector<OpResult>& xs);        // [ "ok", "2" ], as [expect] results are written

}  // namespace lfv::scenario
