#include "options.hpp"

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "../output_path.hpp"

namespace lfv::app::cli {

bool parse_size(const std::string& v, int* w, int* h) {
  const std::size_t x = v.find('x');
  auto digits = [](std::string_view d) {
    return !d.empty() && d.size() <= 5 && d.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (x == std::string::npos || !digits(std::string_view(v).substr(0, x)) || !digits(std::string_view(v).substr(x + 1)))
    return false;
  *w = std::stoi(v.substr(0, x));
  *h = std::stoi(v.substr(x + 1));
  return *w >= 320 && *h >= 240 && *w <= 7680 && *h <= 4320;
}

CLI::Validator size_validator() {
  return CLI::Validator(
      [](std::string& v) {
        int w = 0, h = 0;
        return parse_size(v, &w, &h) ? std::string() : std::string("expected WIDTHxHEIGHT between 320x240 and 7680x4320");
      },
      "WxH");
}

CLI::Validator digits_only() {
  return CLI::Validator(
      [](std::string& v) {
        return !v.empty() && v.size() <= 19 && v.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : std::string("expected a whole number from 0");
      },
      "N");
}

CLI::Validator seconds_between(double min, double max, const std::string& message) {
  return CLI::Validator(
      [=](std::string& v) {
        char* end = nullptr;
        const double x = std::strtod(v.c_str(), &end);
        return end && *end == '\0' && std::isfinite(x) && x >= min && x <= max ? std::string() : message;
      },
      "SECONDS");
}

std::optional<Completion> VariantFlags::parsed_completion() const {
  return completion.empty() ? std::nullopt : parse_completion(completion);
}
std::optional<Reclaim> VariantFlags::parsed_reclaim() const {
  return reclaim.empty() ? std::nullopt : parse_reclaim(reclaim);
}

void add_variant_flags(CLI::App* cmd, VariantFlags& v, const std::string& what) {
  cmd->add_option("--completion", v.completion, what + " completion: book, paper or versioned")
      ->check(CLI::IsMember({"book", "paper", "versioned"}));
  cmd->add_option("--reclaim", v.reclaim, what + " reclamation: leak, hazard or free-now")
      ->check(CLI::IsMember({"leak", "hazard", "free-now"}));
}

void add_memory_flags(CLI::App* cmd, MemoryFlags& m) {
  cmd->add_option("--memory-model", m.model,
                  "sc (every load reads the latest store) or c11 (a load may read an older one, as C11 "
                  "allows; docs/memory-model.md); default: the file's memory_model, else sc")
      ->check(CLI::IsMember({"sc", "c11"}));
  cmd->add_option("--weaken", m.weaken,
                  "Run a numbered order weaker than the code declares, TAG=ORDER (e.g. V4=relaxed, H2=relaxed); "
                  "repeatable; added to the file's [orders]; needs c11 (the flag or the file's memory_model)")
      ->check(CLI::Validator(
          [](std::string& v) {
            sim::Weakening scratch;
            return sim::add_weakening(scratch, v).value_or(std::string());
          },
          "TAG=ORDER"));
}

sim::MemoryChoice MemoryFlags::parsed() const {
  sim::MemoryChoice m;
  if (!model.empty()) m.model = sim::parse_memory_model(model).value();  // validated by the flag
  for (const std::string& spec : weaken) (void)sim::add_weakening(m.weaken, spec);
  return m;
}

bool writable(const char* command, const char* flag, const std::string& path) {
  if (auto why = output_path_problem(path)) {
    std::cerr << "lfvlab" << (*command ? " " : "") << command << ": " << flag << ": " << *why << '\n';
    return false;
  }
  return true;
}

const char* const kExitStatuses =
    "Exit status: 0 ok; 1 a failure was found (or an expectation does not hold); "
    "2 bad input (a file, a flag), named in the message.";

void set_footer(CLI::App* cmd, const std::string& example) {
  if (cmd->get_footer().empty()) cmd->footer(std::string(kExitStatuses) + "\nExample: " + example);
}

}  // namespace lfv::app::cli
