#include "platform.hpp"

#include <cstdlib>

#ifdef _WIN32
#include <process.h>
#else
#include <unistd.h>
#endif

namespace lfv::gui::platform {

std::filesystem::path config_dir() {
#ifdef _WIN32
  const char* base = std::getenv("APPDATA");
  return base ? std::filesystem::path(base) / "lfvlab" : std::filesystem::path();
#else
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "lfvlab";
  const char* home = std::getenv("HOME");
  return home ? std::filesystem::path(home) / ".config" / "lfvlab" : std::filesystem::path();
#endif
}

std::string process_tag() {
#ifdef _WIN32
  return std::to_string(_getpid());
#else
  return std::to_string(::getpid());
#endif
}

bool have_program(const std::string& name) {
#ifdef _WIN32
  return std::system(("where " + name + " > NUL 2>&1").c_str()) == 0;
#else
  return std::system(("command -v " + name + " > /dev/null 2>&1").c_str()) == 0;
#endif
}

}  // namespace lfv::gui::platform
