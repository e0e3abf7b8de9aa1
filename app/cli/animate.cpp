// `lfvlab animate FILE --out x.gif`: every step rendered, made a GIF or MP4 by ffmpeg.
#include <iostream>

#include "offscreen.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class Animate final : public Subcommand {
 public:
  explicit Animate(CLI::App& cli) {
    cmd_ = cli.add_subcommand("animate", "Render every step of a scenario and make a GIF or MP4 of it (needs ffmpeg)");
    cmd_->add_option("file", o_.file, "Scenario file (TOML)")->required();
    cmd_->add_option("--out", o_.animate_out, "The .gif or .mp4 to write")
        ->required()
        ->check(CLI::Validator(
            [](std::string& v) {
              const bool ok = v.size() > 4 && (v.substr(v.size() - 4) == ".gif" || v.substr(v.size() - 4) == ".mp4");
              return ok ? std::string() : std::string("the output must end in .gif or .mp4");
            },
            "FILE.gif|FILE.mp4"));
    cmd_->add_option("--fps", o_.animate_fps, "Steps per second")->check(CLI::Range(1, 60));
    cmd_->add_option("--size", size_, "Width x height, from 320x240 to 7680x4320, e.g. 1280x720")
        ->check(size_validator());
    cmd_->add_flag("--presenter", o_.presenter, "Presenter mode");
    set_footer(cmd_, "lfvlab animate scenarios/04-helping.toml --out helping.gif");
  }

  int run(const Context& context) override {
    if (!writable("animate", "--out", o_.animate_out)) return 2;
    parse_size(size_, &o_.width, &o_.height);
    return run_offscreen("animate", o_, context);
  }

 private:
  gui::AppOptions o_;
  std::string size_ = "1920x1080";
};

}  // namespace

std::unique_ptr<Subcommand> add_animate(CLI::App& cli) { return std::make_unique<Animate>(cli); }

}  // namespace lfv::app::cli
