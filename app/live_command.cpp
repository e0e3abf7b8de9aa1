#include "live_command.hpp"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <thread>

#include "lfv/sim/describe.hpp"

namespace lfv::app {
namespace {

std::string rate(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%7.2f M/s", v / 1e6);
  return b;
}

std::string kib(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%9.1f KiB", v / 1024);
  return b;
}

}  // namespace

int run_live(const LiveCommand& c, std::ostream& result, std::ostream& err) {
  if (const std::string why = live::check_spec(c.spec); !why.empty()) {
    err << "lfvlab live: " << why << '\n';
    return 2;
  }
  const live::LiveSpec& s = c.spec;
  // The lines go to the terminal as they come, or, with --json, into one
  // JSON document at the end.
  std::ostringstream discard;
  std::ostream& out = c.json ? discard : result;
  nlohmann::json seconds = nlohmann::json::array();
  out << live::describe(s) << (s.compare_with_mutex ? "; every fifth 100 ms the mutex baseline" : "") << "\n\n"
      << "   time      vector       mutex   failed CAS/op          live       retired        leaked"
         "   slowest thread's share (vector, mutex)\n";
  live::LiveRun run(s);
  double printed = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(c.seconds);
  // A line per second: the means of that second's intervals.
  auto print_since = [&](double from) {
    const auto samples = run.samples(from);
    if (samples.empty()) return from;
    const live::LiveMeans m = live::means(samples);
    const live::LiveSample& last = samples.back();
    char mutex_share[16] = "    -";
    if (m.mutex_samples) std::snprintf(mutex_share, sizeof mutex_share, "%5.2f", m.mutex_slowest_share);
    char line[200];
    std::snprintf(line, sizeof line, "%6.1f s  %s  %s  %14.4f  %s  %s  %s   %5.2f  %s\n", last.seconds,
                  m.vector_samples ? rate(m.vector_ops_per_second).c_str() : "          -",
                  m.mutex_samples ? rate(m.mutex_ops_per_second).c_str() : "          -", last.failed_cas_per_op,
                  kib(last.live_bytes).c_str(), kib(last.retired_bytes).c_str(), kib(last.leaked_bytes).c_str(),
                  m.vector_slowest_share, mutex_share);
    out << line << std::flush;
    seconds.push_back({{"seconds", last.seconds},
                       {"vector_ops_per_second", m.vector_samples ? nlohmann::json(m.vector_ops_per_second) : nullptr},
                       {"mutex_ops_per_second", m.mutex_samples ? nlohmann::json(m.mutex_ops_per_second) : nullptr},
                       {"failed_cas_per_op", last.failed_cas_per_op},
                       {"live_bytes", last.live_bytes},
                       {"retired_bytes", last.retired_bytes},
                       {"leaked_bytes", last.leaked_bytes},
                       {"vector_slowest_share", m.vector_slowest_share},
                       {"mutex_slowest_share", m.mutex_samples ? nlohmann::json(m.mutex_slowest_share) : nullptr}});
    return last.seconds;
  };
  while (run.running() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (run.latest_seconds() >= printed + 1) printed = print_since(printed);
  }
  run.request_stop();
  while (run.running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (run.latest_seconds() > printed) print_since(printed);
  out << "\n" << run.stop_reason() << "\n";
  if (c.json)
    result << sim::json_text({{"run", live::describe(s)},
                              {"compare_with_mutex", s.compare_with_mutex},
                              {"per_second", std::move(seconds)},
                              {"stop_reason", run.stop_reason()}})
           << '\n';
  return 0;
}

}  // namespace lfv::app
