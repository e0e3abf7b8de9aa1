// `lfvlab shot FILE --step S --out x.png`: one step rendered offscreen.
#include <iostream>

#include "offscreen.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class Shot final : public Subcommand {
 public:
  explicit Shot(CLI::App& cli) {
    cmd_ = cli.add_subcommand("shot", "Render a scenario's step to a PNG without a visible window");
    cmd_->add_option("file", o_.file, "Scenario file (TOML)")->required();
    cmd_->add_option("--step", o_.shot_step, "The step to show: a number, end, or pause:K (default 0)")
        ->check(CLI::Validator(
            [](std::string& v) {
              const bool number = !v.empty() && v.size() < 10 && v.find_first_not_of("0123456789") == std::string::npos;
              const bool pause = v.rfind("pause:", 0) == 0 && v.size() > 6 && v.size() < 12 &&
                                 v.find_first_not_of("0123456789", 6) == std::string::npos && v != "pause:0" &&
                                 v[6] != '0';
              // The scenario decides how far a step can go: App::run checks that.
              return number || pause || v == "end" ? std::string()
                                                   : std::string("expected a step number, end or pause:K (K from 1)");
            },
            "STEP"));
    cmd_->add_option("--out", o_.shot_out, "The PNG to write")->required();
    cmd_->add_option("--size", size_, "Width x height, from 320x240 to 7680x4320, e.g. 1280x720")
        ->check(size_validator());
    cmd_->add_flag("--presenter", o_.presenter, "Presenter mode");
    add_memory_flags(cmd_, memory_);
    cmd_->add_option("--dump-state", o_.dump_state,
                     "Also write what the picture shows (position, objects and their states) to this file");
    cmd_->add_option("--live", o_.shot_live_ms,
                     "Show the Live window after running it this many milliseconds (versioned + hazard, 2 threads, "
                     "push/pop 50/50, against the mutex)")
        ->check(CLI::Range(100, 60000))
        ->default_str("");
    cmd_->add_flag("--orders", o_.shot_orders, "Show the Orders window (the numbered memory orders; O in the app)");
    cmd_->add_option("--views", o_.shot_views,
                     "Open the Views window on this thread's view of memory (c11: the stores it has seen and the "
                     "newer ones it has not), and show its stale values in the Memory window");
    set_footer(cmd_, "lfvlab shot scenarios/04-helping.toml --step pause:2 --out helping.png --size 1024x768");
  }

  int run(const Context& context) override {
    if (!o_.dump_state.empty() && !writable("", "--dump-state", o_.dump_state)) return 2;
    if (!writable("shot", "--out", o_.shot_out)) return 2;
    parse_size(size_, &o_.width, &o_.height);
    o_.memory = memory_.parsed();
    return run_offscreen("shot", o_, context);
  }

 private:
  gui::AppOptions o_;
  std::string size_ = "1920x1080";
  MemoryFlags memory_;
};

}  // namespace

std::unique_ptr<Subcommand> add_shot(CLI::App& cli) { return std::make_unique<Shot>(cli); }

}  // namespace lfv::app::cli
