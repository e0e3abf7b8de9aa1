// `lfvlab keys`: the app's keys, from the command table (README's key list).
#include <iostream>

#include "../gui/commands.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class Keys final : public Subcommand {
 public:
  explicit Keys(CLI::App& cli) {
    cmd_ = cli.add_subcommand("keys", "Print the app's keys (the table README's key list is)");
    set_footer(cmd_, "lfvlab keys");
  }
  int run(const Context&) override {
    std::cout << gui::keys_markdown();
    return 0;
  }
};

}  // namespace

std::unique_ptr<Subcommand> add_keys(CLI::App& cli) { return std::make_unique<Keys>(cli); }

}  // namespace lfv::app::cli
