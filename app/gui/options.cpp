#include "options.hpp"

#include "platform.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace lfv::gui {
namespace {

std::filesystem::path options_file() {
  const auto dir = platform::config_dir();
  return dir.empty() ? dir : dir / "options.ini";
}

}  // namespace

Options Options::load() {
  Options o;
  std::ifstream f(options_file());
  for (std::string line; std::getline(f, line);) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    try {
      if (key == "presenter") o.presenter = value == "1";
      else if (key == "play_speed") o.play_speed = std::clamp(std::stof(value), 0.5f, 200.0f);
      else if (key == "show_reads") o.show_reads = value == "1";
      else if (key == "last_scenario") o.last_scenario = value;
      else if (key == "live_variant") {
        const auto plus = value.find('+');
        const auto c = parse_completion(value.substr(0, plus));
        const auto r = plus == std::string::npos ? std::nullopt : parse_reclaim(value.substr(plus + 1));
        if (c && r && memory_safe_on_real_threads(*c, *r)) o.live_completion = *c, o.live_reclaim = *r;
      } else if (key == "live_workload") live::parse_live_workload(value, o.live_workload);
      else if (key == "live_threads") o.live_threads = std::clamp(std::stoi(value), 1, int(live::max_live_threads()));
      else if (key == "live_compare") o.live_compare = value == "1";
    } catch (const std::exception&) {
      // A bad value keeps its default.
    }
  }
  return o;
}

void Options::save() const {
  const auto file = options_file();
  if (file.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::ofstream f(file);
  f << "presenter=" << (presenter ? 1 : 0) << "\nplay_speed=" << play_speed << "\nshow_reads=" << (show_reads ? 1 : 0)
    << "\nlast_scenario=" << last_scenario << "\nlive_variant=" << name(live_completion) << "+"
    << name(live_reclaim) << "\nlive_workload=" << live::key(live_workload) << "\nlive_threads=" << live_threads
    << "\nlive_compare=" << (live_compare ? 1 : 0) << "\n";
}

}  // namespace lfv::gui
