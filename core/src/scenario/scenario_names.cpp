// The small languages inside a scenario file: ops ("write 1 5"), action and
// target names, `until` strings, and which untils a variant can reach.
#include <algorithm>
#include <array>
#include <cstdio>

#include "lfv/scenario/scenario.hpp"
#include "lfv/vector_reach.hpp"
#include "scenario_internal.hpp"

namespace lfv::scenario {

namespace detail {

Number parse_number(std::string_view s, std::uint64_t* out) {
  auto all_digits = [](std::string_view d) {
    return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  // "-3" gets its own message: a lecturer may well expect negative values to work.
  if (s.starts_with('-') && all_digits(s.substr(1))) return Number::negative;
  if (!all_digits(s)) return Number::not_a_number;
  std::uint64_t v = 0;
  for (char c : s) {
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
    if (v > kMaxValue) return Number::too_big;  // checked per digit, so v never overflows
  }
  *out = v;
  return Number::ok;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string join_or(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string quote(std::string_view text) {
  constexpr std::size_t kShown = 60;  // code points; the rest is "..."
  std::string out = "\"";
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size(); ++shown) {
    if (shown == kShown) {
      out += "...";
      break;
    }
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    std::size_t n = b(i) < 0x80 ? 1 : b(i) >= 0xF0 ? 4 : b(i) >= 0xE0 ? 3 : b(i) >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > text.size()) {  // not UTF-8: show the byte
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", b(i));
      out += hex;
      ++i;
      continue;
    }
    std::uint32_t cp = n == 1 ? b(i) : b(i) & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
    const bool invisible = cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD || cp == 0x1680 ||
                           cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
                           (cp >= 0x205F && cp <= 0x2064) || cp == 0x3000 || cp == 0xFEFF;
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += char(cp);
    } else if (invisible) {
      char hex[12];
      std::snprintf(hex, sizeof hex, "\\u%04x", unsigned(cp));
      out += hex;
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out + "\"";
}

bool is_thread_name(std::string_view name) {
  return !name.empty() && name.size() <= limits::kNameBytes &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

}  // namespace detail

using detail::Number;

std::string ScenarioError::text() const {
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": " + message;
}

// ---- ops ----

namespace {

struct OpSyntax {
  OpKind kind;
  std::string_view name;
  std::array<std::string_view, 2> args;  // what each argument is, for messages; empty = none
  std::string_view usage;                // said when the argument count is wrong
};

constexpr OpSyntax kOps[] = {
    {OpKind::push, "push", {"value", ""}, "push takes one value, e.g. \"push 3\""},
    {OpKind::pop, "pop", {"", ""}, "pop takes no arguments: write just \"pop\""},
    {OpKind::size, "size", {"", ""}, "size takes no arguments: write just \"size\""},
    {OpKind::read, "read", {"index", ""}, "read takes one index, e.g. \"read 2\""},
    {OpKind::write, "write", {"index", "value"}, "write takes an index and a value, e.g. \"write 1 5\""},
    {OpKind::reserve, "reserve", {"count", ""}, "reserve takes one count, e.g. \"reserve 16\""},
};

const OpSyntax& syntax(OpKind k) {
  for (const OpSyntax& s : kOps)
    if (s.kind == k) return s;
  return kOps[0];
}

std::size_t arg_count(const OpSyntax& s) { return s.args[0].empty() ? 0 : s.args[1].empty() ? 1 : 2; }

}  // namespace

std::string Op::text() const {
  const OpSyntax& s = syntax(kind);
  std::string out(s.name);
  const std::size_t n = arg_count(s);
  if (n >= 1) out += " " + std::to_string(arg0);
  if (n >= 2) out += " " + std::to_string(arg1);
  return out;
}

std::optional<Op> parse_op(std::string_view text, std::string* why) {
  auto fail = [&](std::string message) -> std::optional<Op> {
    if (why) *why = std::move(message);
    return std::nullopt;
  };
  const std::vector<std::string_view> words = detail::split_words(text);
  if (words.empty()) return fail("an op is one of push V, pop, size, read I, write I V, reserve N");
  const OpSyntax* s = nullptr;
  for (const OpSyntax& candidate : kOps)
    if (candidate.name == words[0]) s = &candidate;
  if (!s)
    return fail("unknown operation " + detail::quote(words[0]) +
                " (expected push, pop, size, read, write or reserve)");
  if (words.size() - 1 != arg_count(*s)) return fail(std::string(s->usage));

  Op op;
  op.kind = s->kind;
  std::uint64_t* out[] = {&op.arg0, &op.arg1};
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string arg(words[i]);
    const std::string role(s->args[i - 1]);
    switch (detail::parse_number(arg, out[i - 1])) {
      case Number::ok: break;
      case Number::not_a_number: return fail("the " + role + " " + detail::quote(arg) + " is not a decimal number");
      case Number::negative:
        return fail("the " + role + " " + arg + " is negative; values, indices and counts are 0 or more");
      case Number::too_big:
        return fail("the " + role + " " + arg + " does not fit in 32 bits (the largest is 4294967295)");
    }
  }
  // The simulator would allocate the buckets for it (8 bytes a slot).
  if (op.kind == OpKind::reserve && op.arg0 > limits::kReserve)
    return fail("the count " + std::to_string(op.arg0) + " is more than a vector may reserve in the simulator (at most " +
                std::to_string(limits::kReserve) + " elements, 1 MiB of buckets)");
  return op;
}

// ---- actions and targets ----

namespace {

constexpr ActionKind kActions[] = {
    ActionKind::load,  ActionKind::store,  ActionKind::cas,     ActionKind::swap, ActionKind::read,
    ActionKind::alloc, ActionKind::retire, ActionKind::reclaim, ActionKind::free, ActionKind::protect};
constexpr Target kTargets[] = {Target::descriptor, Target::pending, Target::slot, Target::bucket,
                               Target::hazard,     Target::done,    Target::field};

template <class E, std::size_t N>
std::vector<std::string_view> names_of(const E (&all)[N], std::string_view (*namer)(E)) {
  std::vector<std::string_view> out;
  for (E e : all) out.push_back(namer(e));
  return out;
}

}  // namespace

std::string_view name(ActionKind k) {
  switch (k) {
    case ActionKind::load: return "load";
    case ActionKind::store: return "store";
    case ActionKind::cas: return "cas";
    case ActionKind::swap: return "swap";
    case ActionKind::read: return "read";
    case ActionKind::alloc: return "alloc";
    case ActionKind::retire: return "retire";
    case ActionKind::reclaim: return "reclaim";
    case ActionKind::free: return "free";
    case ActionKind::protect: return "protect";
  }
  return "?";
}

std::optional<ActionKind> parse_action_kind(std::string_view s) {
  for (ActionKind k : kActions)
    if (name(k) == s) return k;
  return std::nullopt;
}

std::string_view target_name(Target t) {
  switch (t) {
    case Target::descriptor: return "descriptor";
    case Target::pending: return "pending";
    case Target::slot: return "slot";
    case Target::bucket: return "bucket";
    case Target::hazard: return "hazard";
    case Target::done: return "done";
    case Target::field: return "field";
  }
  return "?";
}

std::optional<Target> parse_target(std::string_view s) {
  for (Target t : kTargets)
    if (target_name(t) == s) return t;
  return std::nullopt;
}

// ---- until ----

std::string Until::text() const {
  switch (mode) {
    case Mode::op_end: return "op-end";
    case Mode::end: return "end";
    case Mode::through_action: return std::string(name(kind)) + " " + std::string(target_name(target));
    case Mode::before_action:
      return "before " + std::string(name(kind)) + " " + std::string(target_name(target));
    case Mode::steps: return "steps = " + std::to_string(steps);
  }
  return "?";
}

std::optional<Until> detail::parse_until(std::string_view text, std::string* why) {
  const std::string quoted = detail::quote(text);
  auto fail = [&](std::string message) -> std::optional<Until> {
    if (why) *why = std::move(message);
    return std::nullopt;
  };
  std::vector<std::string_view> words = split_words(text);
  Until u;
  if (words.size() == 1 && words[0] == "op-end") return u;
  if (words.size() == 1 && words[0] == "end") {
    u.mode = Until::Mode::end;
    return u;
  }
  u.mode = Until::Mode::through_action;
  if (!words.empty() && words[0] == "before") {
    u.mode = Until::Mode::before_action;
    words.erase(words.begin());
  }
  if (words.size() == 1 && parse_action_kind(words[0]))
    return fail("malformed until " + quoted + ": name what the " + std::string(words[0]) +
                " targets too, e.g. \"" + std::string(words[0]) + " " +
                std::string(target_name(reachable_targets(*parse_action_kind(words[0]))[0])) + "\"");
  if (words.size() != 2)
    return fail("malformed until " + quoted +
                ": expected op-end, end, \"KIND TARGET\" or \"before KIND TARGET\", e.g. \"cas descriptor\"");

  const std::optional<ActionKind> kind = parse_action_kind(words[0]);
  if (!kind)
    return fail("unknown action " + detail::quote(words[0]) + " in until " + quoted + " (expected " +
                detail::join_or(names_of(kActions, &name)) + ")");
  const std::optional<Target> target = parse_target(words[1]);
  if (!target)
    return fail("unknown target " + detail::quote(words[1]) + " in until " + quoted + " (expected " +
                detail::join_or(names_of(kTargets, &target_name)) + ")");
  const std::vector<Target> reachable = reachable_targets(*kind);
  if (std::find(reachable.begin(), reachable.end(), *target) == reachable.end()) {
    std::vector<std::string_view> names;
    for (Target t : reachable) names.push_back(target_name(t));
    return fail("until " + quoted + " is impossible: " + std::string(name(*kind)) +
                (names.size() == 1 ? " targets only " : " targets ") + detail::join_or(names) + ", never " +
                std::string(target_name(*target)));
  }
  const bool heap_event = *kind == ActionKind::alloc || *kind == ActionKind::retire ||
                          *kind == ActionKind::reclaim || *kind == ActionKind::free || *kind == ActionKind::protect;
  if (u.mode == Until::Mode::before_action && heap_event)
    return fail("until " + quoted + " is impossible: a heap event (" + std::string(name(*kind)) +
                ") happens inside a step and cannot be stopped before; write \"" + std::string(name(*kind)) + " " +
                std::string(target_name(*target)) + "\" to stop just after it");
  u.kind = *kind;
  u.target = *target;
  return u;
}

// ---- what each variant can reach (lfv/vector_reach.hpp) ----

std::optional<ScenarioError> check_variant(const Scenario& s, Completion c, Reclaim r) {
  for (const ScriptStep& step : s.script) {
    const Until& u = step.until;
    if (u.mode != Until::Mode::through_action && u.mode != Until::Mode::before_action) continue;
    if (std::optional<std::string> why = unreachable_under(u.kind, u.target, c, r))
      return ScenarioError{step.where, "until \"" + u.text() + "\"" + *why};
  }
  return std::nullopt;
}

std::optional<unsigned> Scenario::thread_index(std::string_view name) const {
  for (std::size_t i = 0; i < threads.size(); ++i)
    if (threads[i].name == name) return static_cast<unsigned>(i);
  return std::nullopt;
}

}  // namespace lfv::scenario
