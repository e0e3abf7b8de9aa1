// `lfvlab bench-ui`: the app's frame times on an 8-thread, 10k-step trace.
#include <iostream>

#include "offscreen.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class BenchUi final : public Subcommand {
 public:
  explicit BenchUi(CLI::App& cli) {
    cmd_ = cli.add_subcommand("bench-ui", "Time the app's frames on an 8-thread, 10k-step trace at 1920x1080");
    set_footer(cmd_, "xvfb-run -a lfvlab bench-ui");
  }

  int run(const Context& context) override {
    gui::AppOptions o;
    o.bench_ui = true;
    o.width = 1920;
    o.height = 1080;
    return run_offscreen("bench-ui", o, context);
  }
};

}  // namespace

std::unique_ptr<Subcommand> add_bench_ui(CLI::App& cli) { return std::make_unique<BenchUi>(cli); }

}  // namespace lfv::app::cli
