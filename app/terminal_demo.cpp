#include "terminal_demo.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>

#include "lfv/sim/describe.hpp"

namespace lfv::app {
namespace {

std::string human_bytes(std::int64_t b) {
  char buf[32];
  if (b < 10 * 1024) std::snprintf(buf, sizeof buf, "%lld B", (long long)b);
  else if (b < 10 * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", b / 1024.0);
  else std::snprintf(buf, sizeof buf, "%.1f MiB", b / (1024.0 * 1024.0));
  return buf;
}

std::string variant_label(Completion c, Reclaim r) {
  return std::string(name(c)) + " + " + std::string(name(r));
}

void print_row(std::ostream& out, const WorkloadReport& rep) {
  const KindTotals left = rep.after_destroy.total();
  const double failed = double(rep.events[std::size_t(Event::descriptor_cas_failed)]) / double(rep.operations);
  const double helped_share =
      double(rep.events[std::size_t(Event::write_completion_run)]) / double(rep.operations);
  char line[256];
  std::snprintf(line, sizeof line, "  %-18s %8.2f M/s %9.3f %9.3f %7llu %8llu %10lld %11s",
                variant_label(rep.completion, rep.reclaim).c_str(), rep.ops_per_second() / 1e6, failed,
                helped_share, (unsigned long long)rep.lost, (unsigned long long)rep.phantom,
                (long long)left.live_objects(), human_bytes(left.live_bytes()).c_str());
  out << line;
  if (rep.reclaim == Reclaim::hazard) out << "   peak retired/thread " << rep.retired_peak_per_thread;
  out << '\n';
}

nlohmann::json row_json(const WorkloadReport& rep) {
  const KindTotals left = rep.after_destroy.total();
  nlohmann::json row = {
      {"completion", name(rep.completion)},
      {"reclaim", name(rep.reclaim)},
      {"ran", true},
      {"operations", rep.operations},
      {"ops_per_second", rep.ops_per_second()},
      {"failed_cas_per_op", double(rep.events[std::size_t(Event::descriptor_cas_failed)]) / double(rep.operations)},
      {"completions_run_per_op", double(rep.events[std::size_t(Event::write_completion_run)]) / double(rep.operations)},
      {"lost", rep.lost},
      {"phantom", rep.phantom},
      {"leaked_objects", left.live_objects()},
      {"leaked_bytes", left.live_bytes()}};
  if (rep.reclaim == Reclaim::hazard) row["retired_peak_per_thread"] = rep.retired_peak_per_thread;
  return row;
}

}  // namespace

int run_terminal_demo(const DemoOptions& o, std::ostream& result) {
  // The table goes to `out`; with --json only the JSON reaches `result`.
  std::ostringstream out;
  nlohmann::json rows = nlohmann::json::array();
  const WorkloadSpec& w = o.workload;
  out << "lfvlab terminal demo: " << w.threads << " real threads x " << w.ops_per_thread
      << " operations each (" << w.push_percent << "% push, " << w.pop_percent << "% pop, "
      << 100 - w.push_percent - w.pop_percent << "% size), on " << std::thread::hardware_concurrency()
      << " hardware threads.\n"
      << "Every pushed value is unique; afterwards the vector is drained and what came out is\n"
      << "compared with what went in. 'leaked' counts objects still allocated after the vector\n"
      << "is destroyed (from the counting allocator).\n\n";
  out << "  variant              throughput  failed  completions   lost  phantom     leaked      leaked\n"
         "                                   CAS/op       run/op   values  values    objects       bytes\n";

  int exit_code = 0;
  std::string notes;
  for (Completion c : kAllCompletions) {
    if (o.only_completion && *o.only_completion != c) continue;
    for (Reclaim r : kAllReclaims) {
      if (o.only_reclaim && *o.only_reclaim != r) continue;
      if (r == Reclaim::free_now) continue;  // refused at compile time for real threads
      if (!memory_safe_on_real_threads(c, r)) {
        out << "  " << variant_label(c, r) << ": not run on real threads: it can use freed memory"
            << " (the simulator shows how)\n";
        rows.push_back({{"completion", name(c)}, {"reclaim", name(r)}, {"ran", false},
                        {"why", "it can use freed memory on real threads (the simulator shows how)"}});
        continue;
      }
      const WorkloadReport rep = with_variant(c, r, [&]<Completion C, Reclaim R>() {
        if constexpr (R == Reclaim::free_now || (C == Completion::book && R == Reclaim::hazard))
          return WorkloadReport{};  // unreachable: filtered above
        else
          return run_workload<C, R>(w);
      });
      print_row(out, rep);
      rows.push_back(row_json(rep));
      const std::string_view defect = known_defect(c, r);
      if (!defect.empty()) rows.back()["known_defect"] = std::string(defect);
      if (!defect.empty()) {
        notes += "  " + variant_label(c, r) + ": " + std::string(defect) + ".\n";
      } else if (rep.lost || rep.phantom) {
        exit_code = 1;
        notes += "  " + variant_label(c, r) + ": LOST OR INVENTED VALUES in a variant that claims to be correct.\n";
      }
    }
  }
  if (!notes.empty()) out << "\nNotes:\n" << notes;
  if (!o.only_reclaim || *o.only_reclaim == Reclaim::free_now)
    out << "  free-now: simulation only; the type system refuses it for real threads.\n";
  out << "\nLost or phantom values in a broken variant appear only when threads interleave just so;\n"
         "the simulator and the explorer find those interleavings on purpose.\n";
  if (o.json)
    result << sim::json_text({{"threads", w.threads},
                              {"ops_per_thread", w.ops_per_thread},
                              {"push_percent", w.push_percent},
                              {"pop_percent", w.pop_percent},
                              {"hardware_threads", std::thread::hardware_concurrency()},
                              {"variants", std::move(rows)},
                              {"correct", exit_code == 0}})
           << '\n';
  else
    result << out.str();
  return exit_code;
}

}  // namespace lfv::app
