// `lfvlab demo`: real threads push and pop on the vector in each variant.
#include <iostream>

#include "../terminal_demo.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class Demo final : public Subcommand {
 public:
  explicit Demo(CLI::App& cli) {
    cmd_ = cli.add_subcommand("demo", "Real threads push and pop on the vector in each variant");
    cmd_->add_option("--threads", options_.workload.threads, "Threads")->check(CLI::Range(1u, 64u));
    cmd_->add_option("--ops", options_.workload.ops_per_thread, "Operations per thread")
        ->check(CLI::Range(1u, 1u << 24));
    add_variant_flags(cmd_, variant_, "Only this");
    cmd_->add_flag("--json", options_.json, "Print the figures of every variant as JSON instead of the table");
    set_footer(cmd_, "lfvlab demo --threads 4 --completion versioned");
  }

  int run(const Context&) override {
    options_.only_completion = variant_.parsed_completion();
    options_.only_reclaim = variant_.parsed_reclaim();
    // Filters that leave no variant to run on real threads are refused, as live refuses them.
    bool any = false;
    for (Completion c : kAllCompletions)
      for (Reclaim r : kAllReclaims)
        any = any || ((!options_.only_completion || *options_.only_completion == c) &&
                      (!options_.only_reclaim || *options_.only_reclaim == r) && memory_safe_on_real_threads(c, r));
    if (!any) {
      std::cerr << "lfvlab demo: --completion/--reclaim: "
                << (variant_.completion.empty() ? "" : variant_.completion + " + ")
                << (variant_.reclaim.empty() ? "any reclaim" : variant_.reclaim)
                << " is not run on real threads: it can use freed memory (lfvlab play shows how in the simulator)\n";
      return 2;
    }
    return run_terminal_demo(options_, std::cout);
  }

 private:
  DemoOptions options_;
  VariantFlags variant_;
};

}  // namespace

std::unique_ptr<Subcommand> add_demo(CLI::App& cli) { return std::make_unique<Demo>(cli); }

}  // namespace lfv::app::cli
