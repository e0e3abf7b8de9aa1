// The vector benchmark's display: one table per workload (rows: subject x
// threads; columns: ops/s, ratio to the mutex, allocations per operation,
// failed descriptor CAS per operation, peak live bytes). Google Benchmark's
// own JSON reporter writes the same figures, as counters, to the file named
// by --benchmark_out.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace lfvbench {

// What the table needs to know about a registered row besides its counters.
struct RowInfo {
  std::string workload_title;  // the table's heading
  std::string subject_label;   // e.g. "paper + leak (deliberately broken)"
  unsigned threads = 1;
  bool counts_cas = false;      // only the lock-free vector has a descriptor CAS
  bool shows_pushes = false;    // the size-readers table adds a pushes/s column
};

struct Line {
  RowInfo info;
  std::string error;  // empty when the row ran
  double ops_per_second = 0, min_ops_per_second = 0, max_ops_per_second = 0, vs_mutex = 0, allocs_per_op = 0, object_allocs_per_op = 0, failed_cas_per_op = 0, peak_live_bytes = 0,
         pushes_per_second = 0;
};

inline std::string human_rate(double x) {
  char b[32];
  if (x >= 1e6) std::snprintf(b, sizeof b, "%.2f M/s", x / 1e6);
  else std::snprintf(b, sizeof b, "%.1f k/s", x / 1e3);
  return b;
}

inline std::string human_bytes(double x) {
  char b[32];
  if (x >= 1024.0 * 1024) std::snprintf(b, sizeof b, "%.1f MiB", x / (1024.0 * 1024));
  else if (x >= 1024) std::snprintf(b, sizeof b, "%.1f KiB", x / 1024);
  else std::snprintf(b, sizeof b, "%.0f B", x);
  return b;
}

class TableReporter : public benchmark::BenchmarkReporter {
 public:
  // rows: by registered name. header: printed before the first table.
  // finalize: called with every line once all have run.
  TableReporter(const std::map<std::string, RowInfo>& rows, std::string header,
                std::function<void(const std::vector<Line>&)> finalize)
      : rows_(rows), header_(std::move(header)), finalize_(std::move(finalize)) {}

  bool ReportContext(const Context& context) override {
    std::printf("%s", header_.c_str());
    std::printf("machine: %u hardware threads (%d CPUs at %.0f MHz); rows marked * run more threads than that: "
                "oversubscribed\n",
                std::thread::hardware_concurrency(), context.cpu_info.num_cpus, context.cpu_info.cycles_per_second / 1e6);
    std::fflush(stdout);
    return true;
  }

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      auto it = rows_.find(r.run_name.function_name);
      if (it == rows_.end()) continue;
      Line l;
      l.info = it->second;
      if (r.error_occurred) l.error = r.error_message;
      l.ops_per_second = counter(r, "ops_per_second");
      l.min_ops_per_second = counter(r, "ops_per_second_min");
      l.max_ops_per_second = counter(r, "ops_per_second_max");
      l.vs_mutex = counter(r, "vs_mutex");
      l.allocs_per_op = counter(r, "allocs_per_op");
      l.object_allocs_per_op = counter(r, "object_allocs_per_op");
      l.failed_cas_per_op = counter(r, "failed_cas_per_op");
      l.peak_live_bytes = counter(r, "peak_live_bytes");
      l.pushes_per_second = counter(r, "pushes_per_second");
      if (!pending_.empty() && pending_.front().info.workload_title != l.info.workload_title) flush();
      pending_.push_back(l);
      all_.push_back(l);
    }
  }

  void Finalize() override {
    flush();
    if (finalize_) finalize_(all_);
    std::fflush(stdout);
  }

 private:
  static double counter(const Run& r, const char* name) {
    auto it = r.counters.find(name);
    return it == r.counters.end() ? 0 : double(it->second);
  }

  void flush() {
    if (pending_.empty()) return;
    const unsigned hw = std::thread::hardware_concurrency();
    const bool pushes = pending_.front().info.shows_pushes;
    std::printf("\n%s\n", pending_.front().info.workload_title.c_str());
    std::printf("  %-38s %4s %12s %15s %9s %10s %14s %16s%s\n", "variant / baseline", "thr", "ops/s",
                "batches, M/s", "vs mutex",
                "allocs/op", "failed CAS/op", "peak live bytes", pushes ? "      pushes/s" : "");
    std::string last;
    bool over = false;
    for (const Line& l : pending_) {
      const std::string name = l.info.subject_label == last ? "" : l.info.subject_label;
      last = l.info.subject_label;
      char thr[8];
      const bool o = hw > 0 && l.info.threads > hw;
      over |= o;
      std::snprintf(thr, sizeof thr, "%u%s", l.info.threads, o ? "*" : "");
      if (!l.error.empty()) {
        std::printf("  %-38s %4s  failed: %s\n", name.c_str(), thr, l.error.c_str());
        continue;
      }
      char ratio[16], cas[16];
      if (l.vs_mutex > 0) std::snprintf(ratio, sizeof ratio, "%.2fx", l.vs_mutex);
      else std::snprintf(ratio, sizeof ratio, "-");
      if (l.info.counts_cas) std::snprintf(cas, sizeof cas, "%.4f", l.failed_cas_per_op);
      else std::snprintf(cas, sizeof cas, "-");
      char extra[24] = "";
      if (pushes) std::snprintf(extra, sizeof extra, " %13s", human_rate(l.pushes_per_second).c_str());
      char range[32];
      std::snprintf(range, sizeof range, "%.1f-%.1f", l.min_ops_per_second / 1e6, l.max_ops_per_second / 1e6);
      std::printf("  %-38s %4s %12s %15s %9s %10.3f %14s %16s%s\n", name.c_str(), thr,
                  human_rate(l.ops_per_second).c_str(), range, ratio, l.allocs_per_op, cas, human_bytes(l.peak_live_bytes).c_str(), extra);
    }
    if (over) std::printf("  * more threads than the machine's %u hardware threads: oversubscribed\n", hw);
    std::fflush(stdout);
    pending_.clear();
  }

  const std::map<std::string, RowInfo>& rows_;
  std::string header_;
  std::function<void(const std::vector<Line>&)> finalize_;
  std::vector<Line> pending_, all_;
};

}  // namespace lfvbench
