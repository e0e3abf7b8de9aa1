#include "library.hpp"

#include <algorithm>
#include <fstream>

#include "gui/platform.hpp"

namespace lfv::app {
namespace {

bool is_dir(const std::filesystem::path& p) {
  std::error_code ec;
  return !p.empty() && std::filesystem::is_directory(p, ec);
}

// A build folder's CMakeCache.txt names the source tree it was made from.
std::filesystem::path source_tree_of_build(const std::filesystem::path& build_dir) {
  std::ifstream cache(build_dir / "CMakeCache.txt");
  const std::string key = "CMAKE_HOME_DIRECTORY:INTERNAL=";
  for (std::string line; std::getline(cache, line);)
    if (line.rfind(key, 0) == 0) return line.substr(key.size());
  return {};
}

}  // namespace

std::filesystem::path find_library(const std::optional<std::filesystem::path>& override) {
  if (override) return *override;
  const std::filesystem::path exe = gui::platform::executable_path();
  if (exe.empty()) return {};
  const std::filesystem::path bin = exe.parent_path();
  if (auto installed = bin.parent_path() / "share" / "lfvlab" / "scenarios"; is_dir(installed)) return installed;
  if (auto source = source_tree_of_build(bin); !source.empty() && is_dir(source / "scenarios"))
    return source / "scenarios";
  return {};
}

std::vector<std::string> library_files(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace lfv::app
