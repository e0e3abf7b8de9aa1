#include "lfv/explore/program_sweep.hpp"

#include <chrono>

namespace lfv::explore {
namespace {

// The kinds of operation a program uses, as a pair when there are one or two.
std::optional<OpPair> pair_of(const Program& p) {
  std::set<scenario::OpKind> kinds;
  for (const auto& op : p.a) kinds.insert(op.kind);
  for (const auto& op : p.b) kinds.insert(op.kind);
  for (const auto& op : p.c) kinds.insert(op.kind);
  if (kinds.size() == 1) return OpPair{*kinds.begin(), *kinds.begin()};
  if (kinds.size() == 2) return OpPair{*kinds.begin(), *kinds.rbegin()};
  return std::nullopt;
}

}  // namespace

Variant variant_at(std::size_t i) {
  return {kAllCompletions[i / std::size(kAllReclaims)], kAllReclaims[i % std::size(kAllReclaims)]};
}

SweepResult sweep_programs(const SweepOptions& o) {
  SweepResult res;
  const auto start = std::chrono::steady_clock::now();
  res.space_size = count_programs(o.space);
  const std::uint64_t every = o.every ? o.every : 1;
  const std::uint64_t slice = (res.space_size + every - 1) / every;
  for_each_program(o.space, [&](const Program& p) {
    if (p.index % every != 0) return;
    const scenario::Scenario s = p.scenario();
    const auto pair = pair_of(p);
    if (pair) {
      ++res.pair_programs[*pair];
      res.matrix[*pair];  // a row even when nothing fails
    }
    for (std::size_t v = 0; v < kVariantCount; ++v) {
      const Variant var = variant_at(v);
      const bool correct = documented_failures(var.completion, var.reclaim).empty();
      ExploreOptions eo;
      eo.completion = var.completion;
      eo.reclaim = var.reclaim;
      eo.max_executions = o.max_executions;
      eo.stop_at_first = correct || !o.every_failure;
      eo.preemption_limit = o.preemption_limit;
      const ExploreResult r = explore(s, eo);
      res.executions += r.executions;
      res.executions_by_variant[v] += r.executions;
      std::set<FailureKind> kinds;
      for (const auto& [k, n] : r.failures_by_kind)
        if (n > 0 && k != FailureKind::none) kinds.insert(k);
      if (r.failure) kinds.insert(r.failure->kind);
      for (FailureKind k : kinds) {
        if (++res.failing_programs[v][k] == 1) res.first_failing[v][k] = p;
        if (pair) res.matrix[*pair][v].insert(k);
        if (!documented_failure(var.completion, var.reclaim, k)) {
          const bool shown = r.failure && r.failure->kind == k;
          res.findings.push_back({p, var, k, shown ? r.failure->message : "in some execution",
                                  shown ? r.failure->schedule : std::vector<unsigned>{}});
        }
      }
      // Covered: every schedule, or every one within the bound asked for.
      const bool covered = r.complete || (o.preemption_limit && r.complete_bound == o.preemption_limit);
      if (!covered && !(eo.stop_at_first && r.failure)) {
        res.findings.push_back({p, var, FailureKind::none,
                                "the search stopped (" + std::string(name(r.stop)) + ") after " +
                                    std::to_string(r.executions) + " executions without covering every schedule",
                                {}});
      }
    }
    ++res.programs;
    if (o.on_program) o.on_program(res.programs, slice);
  });
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return res;
}

void merge(SweepResult& into, const SweepResult& more) {
  into.programs += more.programs;
  into.space_size += more.space_size;
  into.executions += more.executions;
  into.seconds += more.seconds;
  for (std::size_t v = 0; v < kVariantCount; ++v) {
    into.executions_by_variant[v] += more.executions_by_variant[v];
    for (const auto& [k, n] : more.failing_programs[v]) {
      if (into.failing_programs[v][k] == 0) into.first_failing[v][k] = more.first_failing[v].at(k);
      into.failing_programs[v][k] += n;
    }
  }
  for (const auto& [pair, n] : more.pair_programs) into.pair_programs[pair] += n;
  for (const auto& [pair, cells] : more.matrix) {
    auto& row = into.matrix[pair];
    for (std::size_t v = 0; v < kVariantCount; ++v) row[v].insert(cells[v].begin(), cells[v].end());
  }
  into.findings.insert(into.findings.end(), more.findings.begin(), more.findings.end());
}

}  // namespace lfv::explore
