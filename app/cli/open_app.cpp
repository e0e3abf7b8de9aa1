// `lfvlab [SCENARIO]`, no subcommand: the lecture app; with no display the
// scenario plays in the terminal.
#include <cstdlib>
#include <iostream>

#include "../gui/app.hpp"
#include "../library.hpp"
#include "../play_command.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class OpenApp final : public Subcommand {
 public:
  explicit OpenApp(CLI::App& cli) : root_(&cli) {
    cli.add_option("scenario", o_.file, "Open this scenario in the app (default: the library's first)");
    cli.add_option("--dump-state", o_.dump_state, "Write the app's state to this file on exit");
    cli.add_flag("--presenter", o_.presenter, "Start in presenter mode");
  }

  int run(const Context& context) override {
    // A word that names neither a subcommand nor a file: say which it could be.
    if (!o_.file.empty()) {
      std::error_code ec;
      if (!std::filesystem::exists(o_.file, ec)) {
        const bool looks_like_file =
            o_.file.find('/') != std::string::npos || std::filesystem::path(o_.file).has_extension();
        if (looks_like_file) {
          std::cerr << "lfvlab: " << o_.file << ": no such scenario file\n";
        } else {
          std::cerr << "lfvlab: \"" << o_.file << "\" is neither a subcommand nor a scenario file. Subcommands:";
          for (const CLI::App* sub : root_->get_subcommands([](const CLI::App*) { return true; }))
            std::cerr << ' ' << sub->get_name();
          std::cerr << "\n(lfvlab --help says what each does)\n";
        }
        return 2;
      }
    }
    if (!o_.dump_state.empty() && !writable("", "--dump-state", o_.dump_state)) return 2;
    o_.library_dir = context.library.string();
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const bool has_display = (display && *display) || (wayland && *wayland);
    int status = 3;
    if (has_display) status = gui::App(o_).run();
    if (status != 3) return status;
    std::string file = o_.file;
    if (file.empty()) {
      const std::vector<std::string> units = library_files(context.library);
      if (units.empty()) {
        std::cerr << "lfvlab: no scenario library found (looked beside the program for share/lfvlab/scenarios); "
                     "name a scenario file or pass --library DIR\n";
        return 2;
      }
      file = units.front();
    }
    std::cout << "lfvlab: no display, so the scenario plays in the terminal (" << file << ")\n\n";
    PlayOptions terminal;
    terminal.file = file;
    return run_play(terminal, std::cout, std::cerr);
  }

 private:
  CLI::App* root_;
  gui::AppOptions o_;
};

}  // namespace

std::unique_ptr<Subcommand> add_open_app(CLI::App& cli) { return std::make_unique<OpenApp>(cli); }

}  // namespace lfv::app::cli
