#include "lfv/scenario/op_result.hpp"

#include "scenario_internal.hpp"

namespace lfv::scenario {
namespace {

constexpr Status kWords[] = {Status::ok, Status::empty, Status::out_of_range};

}  // namespace

std::string OpResult::text() const {
  if (kind == Kind::value) return std::to_string(value);
  for (Status s : kWords)
    if (of(s).kind == kind) return std::string(name(s));
  return "?";
}

std::optional<OpResult> parse_result(std::string_view text) {
  for (Status s : kWords)
    if (name(s) == text) return OpResult::of(s);
  std::uint64_t v = 0;
  if (detail::parse_number(text, &v) == detail::Number::ok) return OpResult::number(v);
  return std::nullopt;
}

}  // namespace lfv::scenario
