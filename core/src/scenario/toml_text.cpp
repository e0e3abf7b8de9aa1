#include "lfv/scenario/toml_text.hpp"

#include <sstream>
#include <toml++/toml.h>

namespace lfv::scenario {
namespace {

template <class Node>
std::string formatted(const Node& node, toml::format_flags flags) {
  std::ostringstream out;
  out << toml::toml_formatter{node, flags | toml::format_flags::allow_unicode_strings};
  return out.str();
}

}  // namespace

std::string toml_text(std::string_view s) {
  return formatted(toml::value<std::string>{std::string(s)}, toml::format_flags::none);
}

std::string toml_multiline_text(std::string_view s) {
  return formatted(toml::value<std::string>{std::string(s)}, toml::format_flags::allow_multi_line_strings);
}

std::string toml_text(const std::vector<std::string>& xs) {
  toml::array a;
  for (const auto& x : xs) a.push_back(x);
  return formatted(a, toml::format_flags::none);
}

std::string toml_text(const std::vector<OpResult>& xs) {
  std::vector<std::string> texts;
  for (const OpResult& x : xs) texts.push_back(x.text());
  return toml_text(texts);
}

std::string toml_text(const std::vector<std::uint64_t>& xs) {
  toml::array a;
  // TOML integers are signed 64-bit; element values are at most 32 bits.
  for (std::uint64_t x : xs) a.push_back(static_cast<std::int64_t>(x));
  return formatted(a, toml::format_flags::none);
}

}  // namespace lfv::scenario
