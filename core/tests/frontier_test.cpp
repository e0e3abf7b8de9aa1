// The state cache's summary of a history's past (Frontier, Lowe's
// just-in-time linearization) against the Wing & Gong checker, an
// independent algorithm: on random histories of the whole API, a history
// is linearizable exactly when its frontier is not empty at the end.
#include <gtest/gtest.h>

#include <random>

#include "../src/explore/state_key.hpp"
#include "lfv/check/linearizability.hpp"

namespace {

using namespace lfv;

scenario::Op random_op(std::mt19937& rng) {
  scenario::Op op;
  op.kind = scenario::OpKind(rng() % 6);
  op.arg0 = op.kind == scenario::OpKind::push ? 1 + rng() % 3 : rng() % 3;
  op.arg1 = 4 + rng() % 2;
  return op;
}

struct Event {
  unsigned thread;
  bool invoke;
};

TEST(Frontier, AgreesWithTheCheckerOnRandomHistories) {
  std::mt19937 rng(20261202);
  unsigned linearizable = 0, not_linearizable = 0;
  for (int round = 0; round < 4000; ++round) {
    const unsigned threads = 2 + rng() % 2;
    std::vector<std::vector<scenario::Op>> programs(threads);
    for (auto& p : programs)
      for (unsigned n = 1 + rng() % 3; n-- > 0;) p.push_back(random_op(rng));
    std::vector<std::uint64_t> initial;
    for (unsigned n = rng() % 3; n-- > 0;) initial.push_back(7 + rng() % 2);
    // A random interleaving of each thread's invoke/return events.
    std::vector<Event> events;
    std::vector<unsigned> left(threads);
    for (unsigned t = 0; t < threads; ++t) left[t] = unsigned(programs[t].size()) * 2;
    for (;;) {
      std::vector<unsigned> ready;
      for (unsigned t = 0; t < threads; ++t)
        if (left[t]) ready.push_back(t);
      if (ready.empty()) break;
      const unsigned t = ready[rng() % ready.size()];
      events.push_back({t, left[t] % 2 == 0});
      --left[t];
    }
    // Results from a random linearization, then sometimes one changed.
    std::vector<check::HistoryOp> history;
    std::vector<std::size_t> open(threads, SIZE_MAX), next(threads, 0);
    std::vector<bool> done;
    std::vector<std::uint64_t> model = initial;
    auto linearize = [&](std::size_t i) {
      history[i].result = check::apply_sequential(model, history[i].op);
      done[i] = true;
    };
    for (std::size_t time = 0; time < events.size(); ++time) {
      const Event& e = events[time];
      if (e.invoke) {
        open[e.thread] = history.size();
        history.push_back({e.thread, programs[e.thread][next[e.thread]++], {}, time, 0, true});
        done.push_back(false);
      } else {
        const std::size_t i = open[e.thread];
        for (unsigned u = 0; u < threads; ++u)  // others may take effect first
          if (open[u] != SIZE_MAX && open[u] != i && !done[open[u]] && rng() % 2) linearize(open[u]);
        if (!done[i]) linearize(i);
        history[i].returned = time;
        open[e.thread] = SIZE_MAX;
      }
    }
    if (rng() % 3 == 0) {
      using scenario::OpResult;
      const OpResult results[] = {{OpResult::Kind::ok},     {OpResult::Kind::empty}, {OpResult::Kind::out_of_range},
                                  OpResult::number(0),      OpResult::number(1),     OpResult::number(2),
                                  OpResult::number(3),      OpResult::number(7),     OpResult::number(8)};
      history[rng() % history.size()].result = results[rng() % std::size(results)];
    }
    explore::detail::Frontier f(initial);
    for (std::size_t time = 0; time < events.size(); ++time)
      for (std::size_t i = 0; i < history.size(); ++i) {
        if (history[i].invoked == time) f.invoke(history[i].thread, history[i].op);
        if (history[i].returned == time) f.complete(history[i].thread, history[i].result);
      }
    check::CheckOptions options;
    options.initial = initial;
    const bool expected = check::check_linearizable(history, options).linearizable;
    ASSERT_EQ(!f.empty(), expected) << "round " << round;
    (expected ? linearizable : not_linearizable) += 1;
  }
  // Both answers were tested, many times each.
  EXPECT_GT(linearizable, 1000u);
  EXPECT_GT(not_linearizable, 300u);
}

}  // namespace
