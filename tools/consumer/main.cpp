// Uses both installed targets: the real vector on this thread (lfv::core)
// and a scenario explored in the simulator (lfv::sim).
#include <cstdio>
#include <variant>

#include "lfv/explore/explorer.hpp"
#include "lfv/real_env.hpp"
#include "lfv/vector.hpp"

int main() {
  lfv::LockFreeVector<int, lfv::RealEnv, lfv::Completion::versioned, lfv::Reclaim::hazard> v;
  for (int i = 0; i < 100; ++i) v.push(i);
  const auto last = v.pop();

  const char* text = R"(title = "consumer"
[[threads]]
name = "A"
ops = ["push 1"]
[[threads]]
name = "B"
ops = ["pop"]
)";
  auto loaded = lfv::scenario::parse_scenario(text, "consumer.toml");
  if (auto* e = std::get_if<lfv::scenario::ScenarioError>(&loaded)) {
    std::fprintf(stderr, "%s\n", e->text().c_str());
    return 1;
  }
  const auto r = lfv::explore::explore(std::get<lfv::scenario::Scenario>(loaded), {});
  std::printf("popped %d, size %zu; explored %llu executions: %s\n", last.value_or(-1), v.size(),
              static_cast<unsigned long long>(r.executions), r.failure ? "failure" : r.complete ? "complete" : "bounded");
  return last == 99 && v.size() == 99 && !r.failure && r.complete ? 0 : 1;
}
