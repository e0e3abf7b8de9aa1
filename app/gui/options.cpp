#include "options.hpp"

#include "../export_folder.hpp"
#include "platform.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace lfv::gui {
namespace {

std::filesystem::path options_file() {
  const auto dir = platform::config_dir();
  return dir.empty() ? dir : dir / "options.ini";
}

// options.ini is small; anything larger is not ours.
constexpr std::uintmax_t kMaxOptionsBytes = 64 * 1024;

bool parse_bool(const std::string& v, bool* out) {
  if (v != "0" && v != "1") return false;
  *out = v == "1";
  return true;
}

// A whole number in [lo, hi], digits only.
bool parse_int(const std::string& v, int lo, int hi, int* out) {
  int x = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size() || x < lo || x > hi) return false;
  *out = x;
  return true;
}

// A finite number in [lo, hi]: NaN passes std::clamp, so it is refused here.
bool parse_float(const std::string& v, float lo, float hi, float* out) {
  float x = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(x) || x < lo || x > hi) return false;
  *out = x;
  return true;
}

}  // namespace

bool config_file_usable(const std::filesystem::path& file, std::uintmax_t max_bytes) {
  // Only a regular file of sane size: a FIFO would block the app before its
  // window opens, a device would never end.
  std::error_code ec;
  const auto st = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(st)) return true;  // missing is fine: it will be written
  if (!std::filesystem::is_regular_file(st)) {
    std::cerr << "lfvlab: " << file.string() << " is not a regular file; it is neither read nor written\n";
    return false;
  }
  if (std::filesystem::file_size(file, ec) > max_bytes) {
    std::cerr << "lfvlab: " << file.string() << " is larger than " << max_bytes / 1024
              << " KiB; it is neither read nor written\n";
    return false;
  }
  return true;
}

Options Options::load() {
  Options o;
  const auto file = options_file();
  if (file.empty() || !std::filesystem::exists(file) || !config_file_usable(file, kMaxOptionsBytes)) return o;
  std::ifstream f(file);
  int line_no = 0;
  for (std::string line; std::getline(f, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // written on Windows
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;  // not an option line: ignored
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    bool ok = true;
    std::string expected;
    if (key == "presenter") ok = parse_bool(value, &o.presenter), expected = "0 or 1";
    else if (key == "play_speed") ok = parse_float(value, 0.5f, 60.0f, &o.play_speed), expected = "a number from 0.5 to 60";
    else if (key == "show_reads") ok = parse_bool(value, &o.show_reads), expected = "0 or 1";
    else if (key == "memory_fit") ok = parse_bool(value, &o.memory_fit), expected = "0 or 1";
    else if (key == "memory_zoom") ok = parse_float(value, 0.4f, 3.0f, &o.memory_zoom), expected = "a number from 0.4 to 3";
    else if (key == "last_scenario") {
      ok = value.size() <= 4096;
      expected = "a path of at most 4096 bytes";
      if (ok) o.last_scenario = value;
    } else if (key == "export_folder") {
      std::string why;
      const auto folder = value.empty() ? std::nullopt : app::parse_export_folder(value, &why);
      ok = value.empty() || folder;
      expected = "empty (the default) or an absolute folder of at most 4096 bytes, without control characters";
      if (folder) o.export_folder = folder->string();
    } else if (key == "live_variant") {
      const auto plus = value.find('+');
      const auto c = parse_completion(value.substr(0, plus));
      const auto r = plus == std::string::npos ? std::nullopt : parse_reclaim(value.substr(plus + 1));
      ok = c && r && memory_safe_on_real_threads(*c, *r);
      expected = "a variant safe on real threads, e.g. versioned+hazard";
      if (ok) o.live_completion = *c, o.live_reclaim = *r;
    } else if (key == "live_workload") {
      ok = live::parse_live_workload(value, o.live_workload);
      expected = "mixed, read-heavy or bursts";
    } else if (key == "live_threads") {
      ok = parse_int(value, 1, int(live::max_live_threads()), &o.live_threads);
      expected = "a whole number from 1 to " + std::to_string(live::max_live_threads());
    } else if (key == "live_compare") ok = parse_bool(value, &o.live_compare), expected = "0 or 1";
    if (!ok) {
      // The default stays (the parsers leave it untouched on failure).
      std::cerr << "lfvlab: " << file.string() << ":" << line_no << ": " << key << " must be " << expected
                << "; using the default\n";
    }
  }
  return o;
}

void Options::save() const {
  const auto file = options_file();
  if (file.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  if (!config_file_usable(file, kMaxOptionsBytes)) return;
  std::ofstream f(file);
  f << "presenter=" << (presenter ? 1 : 0) << "\nplay_speed=" << play_speed << "\nshow_reads=" << (show_reads ? 1 : 0)
    << "\nmemory_fit=" << (memory_fit ? 1 : 0) << "\nmemory_zoom=" << memory_zoom
    << "\nlast_scenario=" << last_scenario << "\nexport_folder=" << export_folder << "\nlive_variant=" << name(live_completion) << "+"
    << name(live_reclaim) << "\nlive_workload=" << live::key(live_workload) << "\nlive_threads=" << live_threads
    << "\nlive_compare=" << (live_compare ? 1 : 0) << "\n";
  if (!f) std::cerr << "lfvlab: cannot save the options to " << file.string() << '\n';
}

}  // namespace lfv::gui
