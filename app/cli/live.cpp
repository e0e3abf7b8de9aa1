// `lfvlab live`: real threads on the real vector against a mutex, a line per second.
#include <iostream>

#include "../live_command.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class Live final : public Subcommand {
 public:
  explicit Live(CLI::App& cli) {
    cmd_ = cli.add_subcommand("live",
                              "Real threads on the real vector against a mutex, a line per second (the Live window)");
    cmd_->add_option("--completion", completion_, "book, paper or versioned (default versioned)")
        ->check(CLI::IsMember({"book", "paper", "versioned"}));
    // free-now is not offered: it frees memory other threads read, so it
    // exists only in the simulator.
    cmd_->add_option("--reclaim", reclaim_, "leak or hazard (default hazard)")->check(CLI::IsMember({"leak", "hazard"}));
    cmd_->add_option("--workload", workload_, "mixed, read-heavy or bursts (default mixed)")
        ->check(CLI::IsMember({"mixed", "read-heavy", "bursts"}));
    cmd_->add_option("--threads", c_.spec.threads, "Threads, 1 to twice the hardware threads (default 2)");
    cmd_->add_option("--seconds", c_.seconds, "How long (default 5)")
        ->check(seconds_between(0.1, 3600, "expected seconds from 0.1 to 3600"));
    cmd_->add_flag("--no-mutex", no_mutex_, "Measure the vector only, without the mutex baseline");
    cmd_->add_flag("--json", c_.json, "Print the figures of each second as one JSON document at the end");
    set_footer(cmd_, "lfvlab live --threads 2 --seconds 5");
  }

  int run(const Context&) override {
    c_.spec.completion = *parse_completion(completion_);
    c_.spec.reclaim = *parse_reclaim(reclaim_);
    live::parse_live_workload(workload_, c_.spec.workload);
    c_.spec.compare_with_mutex = !no_mutex_;
    return run_live(c_, std::cout, std::cerr);
  }

 private:
  LiveCommand c_;
  std::string completion_ = "versioned", reclaim_ = "hazard", workload_ = "mixed";
  bool no_mutex_ = false;
};

}  // namespace

std::unique_ptr<Subcommand> add_live(CLI::App& cli) { return std::make_unique<Live>(cli); }

}  // namespace lfv::app::cli
