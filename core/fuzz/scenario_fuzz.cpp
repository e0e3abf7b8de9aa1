// libFuzzer target for the scenario loader (make fuzz; the figures are in
// docs/scenario-format.md, Limits). Any input must end in a Scenario or a
// positioned error: never a crash, a sanitizer report, an assertion inside toml++ (built
// without NDEBUG here, so its assumptions are checked), a hang or a
// runaway allocation. What the loader accepts must also hold together.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lfv/scenario/scenario.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lfv;
  using namespace lfv::scenario;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  LoadResult r = parse_scenario(text, "fuzz.toml");
  if (const auto* e = std::get_if<ScenarioError>(&r)) {
    require(e->where.line >= 1 && e->where.column >= 1 && !e->message.empty());
    return 0;
  }
  const Scenario& s = std::get<Scenario>(r);
  // Accepted means within the documented limits.
  require(!s.title.empty() && s.title.size() <= limits::kTitleBytes && s.about.size() <= limits::kAboutBytes);
  require(!s.threads.empty() && s.threads.size() <= 9 && s.initial.size() <= limits::kInitial);
  require(!s.reserve || *s.reserve <= limits::kReserve);
  require(s.script.size() <= limits::kScriptSteps);
  for (const ThreadSpec& t : s.threads) {
    require(t.ops.size() <= limits::kOpsPerThread && s.thread_index(t.name));
    for (const Op& op : t.ops) {
      std::string why;
      require(parse_op(op.text(), &why) == op);  // canonical text reads back
      require(op.kind != OpKind::reserve || op.arg0 <= limits::kReserve);
    }
  }
  for (const ScriptStep& st : s.script) {
    require(st.thread < s.threads.size());
    require(!st.say || st.say->size() <= limits::kSayBytes);
  }
  for (Completion c : kAllCompletions)
    for (Reclaim rc : kAllReclaims) {
      if (auto e = check_variant(s, c, rc)) require(e->where.line >= 1 && !e->message.empty());
    }
  return 0;
}
