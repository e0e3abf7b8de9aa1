#include "export_folder.hpp"

#include "gui/platform.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#ifndef _WIN32
#include <unistd.h>
#endif

namespace lfv::app {
namespace fs = std::filesystem;
namespace {

// An environment variable that names an absolute folder; empty otherwise.
fs::path env_folder(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return {};
  fs::path p(v);
  return p.is_absolute() ? p : fs::path();
}

fs::path home_folder() {
#ifdef _WIN32
  return env_folder("USERPROFILE");
#else
  return env_folder("HOME");
#endif
}

// user-dirs.dirs is a few lines; anything larger (or a FIFO, a device) is not it.
std::optional<std::string> read_small_file(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > 64 * 1024 || ec) return std::nullopt;
  std::ifstream f(file, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// The number in NAME = STEM-NN…, where what follows NN begins with '.' or
// '-' (so stem "x-1" does not count "x-14-01.png"); 0 when it is not one.
unsigned long number_in(const std::string& name, const std::string& stem) {
  if (name.size() <= stem.size() + 1 || name.compare(0, stem.size(), stem) != 0 || name[stem.size()] != '-') return 0;
  std::size_t at = stem.size() + 1, end = at;
  while (end < name.size() && end - at < 9 && name[end] >= '0' && name[end] <= '9') ++end;
  if (end == at || end == name.size() || (name[end] != '.' && name[end] != '-')) return 0;
  return std::stoul(name.substr(at, end - at));
}

}  // namespace

std::optional<fs::path> pictures_dir_from_user_dirs(std::string_view text, const fs::path& home) {
  std::optional<fs::path> found;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    const std::string l = trim(line);
    const std::string key = "XDG_PICTURES_DIR=";
    if (l.compare(0, key.size(), key) != 0) continue;  // comments, other folders
    std::string v = trim(std::string_view(l).substr(key.size()));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    // The shell's escapes, as xdg-user-dirs writes them (\" \\ \$).
    std::string value;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '\\' && i + 1 < v.size()) ++i;
      value += v[i];
    }
    fs::path p;
    if (value == "$HOME" || value.rfind("$HOME/", 0) == 0) {
      if (home.empty()) continue;
      p = home / fs::path(value.size() > 6 ? value.substr(6) : std::string());
    } else if (fs::path(value).is_absolute()) {
      p = value;
    } else {
      continue;  // the format allows nothing else
    }
    found = p.lexically_normal();  // the last one counts, as when the shell reads it
  }
  return found;
}

fs::path default_export_folder() {
  const fs::path home = home_folder();
  fs::path pictures;
#ifndef _WIN32
  // user-dirs.dirs sits beside the app's own settings folder.
  if (const fs::path config = gui::platform::config_dir(); !config.empty())
    if (auto text = read_small_file(config.parent_path() / "user-dirs.dirs"))
      if (auto p = pictures_dir_from_user_dirs(*text, home)) pictures = *p;
#endif
  if (pictures.empty() && !home.empty()) pictures = home / "Pictures";
  if (pictures.empty()) {
    std::error_code ec;
    pictures = fs::current_path(ec);
  }
  return pictures / "lfvlab";
}

std::optional<fs::path> parse_export_folder(std::string_view text, std::string* why) {
  if (text.size() > 4096) {
    *why = "the export folder must be a path of at most 4096 bytes";
    return std::nullopt;
  }
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f) {
      *why = "the export folder must not hold control characters";
      return std::nullopt;
    }
  std::string s(text);
  if (s == "~" || s.rfind("~/", 0) == 0) {
    const fs::path home = home_folder();
    if (home.empty()) {
      *why = "the export folder " + s + " starts with ~, and HOME is not set";
      return std::nullopt;
    }
    s = (home / s.substr(std::min<std::size_t>(2, s.size()))).string();
  }
  const fs::path p(s);
  if (s.empty() || !p.is_absolute()) {
    *why = "the export folder must be an absolute path (or start with ~/): " + s;
    return std::nullopt;
  }
  return p.lexically_normal();
}

std::optional<std::string> make_export_folder(const fs::path& folder) {
  std::error_code ec;
  const auto st = fs::status(folder, ec);
  if (fs::exists(st) && !fs::is_directory(st)) return "cannot export to " + folder.string() + ": it is not a folder";
  if (!fs::exists(st) && !fs::create_directories(folder, ec) && ec)
    return "cannot make the export folder " + folder.string() + ": " + ec.message();
#ifndef _WIN32
  if (::access(folder.c_str(), W_OK) != 0) return "cannot write in the export folder " + folder.string();
#endif
  return std::nullopt;
}

namespace {
// 0, or the errno of the failure. "x": fails when the file exists, in one
// step with creating it.
int try_create(const fs::path& file) {
  std::FILE* f = std::fopen(file.string().c_str(), "wbx");
  if (!f) return errno;
  std::fclose(f);
  return 0;
}
}  // namespace

bool create_new_file(const fs::path& file, std::string* why) {
  const int err = try_create(file);
  if (err) *why = "cannot write " + file.string() + ": " + std::strerror(err);
  return err == 0;
}

std::optional<fs::path> reserve_numbered(const fs::path& folder, const std::string& stem, const std::string& tail,
                                         std::string* why) {
  unsigned long highest = 0;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    highest = std::max(highest, number_in(it->path().filename().string(), stem));
  if (ec) {
    *why = "cannot read the export folder " + folder.string() + ": " + ec.message();
    return std::nullopt;
  }
  // Another program may take a name between the look and the creation:
  // then the next number.
  for (unsigned long n = highest + 1; n < highest + 100; ++n) {
    char num[16];
    std::snprintf(num, sizeof num, "-%02lu", n);
    const fs::path file = folder / (stem + num + tail);
    const int err = try_create(file);
    if (err == 0) return file;
    *why = "cannot write " + file.string() + ": " + std::strerror(err);
    if (err != EEXIST) return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace lfv::app
