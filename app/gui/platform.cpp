#include "platform.hpp"

#include <cstdlib>

#ifdef _WIN32
#include <process.h>
#include <windows.h>
#elif defined(__APPLE__)
#include <mach-o/dyld.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
extern char** environ;
#else
#include <spawn.h>
#include <sys/wait.h>
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
  // A search of PATH, as a shell would do it, without running a shell.
  const char* path = std::getenv("PATH");
  if (!path) return false;
#ifdef _WIN32
  const char sep = ';';
  const std::string suffix = ".exe";
#else
  const char sep = ':';
  const std::string suffix;
#endif
  std::string dirs = path;
  for (std::size_t at = 0; at <= dirs.size();) {
    std::size_t end = dirs.find(sep, at);
    if (end == std::string::npos) end = dirs.size();
    const std::filesystem::path candidate = std::filesystem::path(dirs.substr(at, end - at)) / (name + suffix);
    std::error_code ec;
    if (end > at && std::filesystem::is_regular_file(candidate, ec)) return true;
    at = end + 1;
  }
  return false;
}

std::filesystem::path executable_path() {
  std::error_code ec;
#ifdef _WIN32
  wchar_t buf[32768];
  const DWORD n = GetModuleFileNameW(nullptr, buf, DWORD(std::size(buf)));
  return n > 0 && n < std::size(buf) ? std::filesystem::path(std::wstring(buf, n)) : std::filesystem::path();
#elif defined(__APPLE__)
  char buf[4096];
  std::uint32_t size = sizeof buf;
  if (_NSGetExecutablePath(buf, &size) != 0) return {};
  return std::filesystem::canonical(buf, ec);
#else
  return std::filesystem::read_symlink("/proc/self/exe", ec);
#endif
}

int run_program(const std::string& program, const std::vector<std::string>& args) {
#ifdef _WIN32
  std::vector<const char*> argv{program.c_str()};
  for (const auto& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  return int(_spawnvp(_P_WAIT, program.c_str(), argv.data()));
#else
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
#endif
}

}  // namespace lfv::gui::platform
