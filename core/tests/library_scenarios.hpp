// The scenario library and inline scenarios, as the simulator's tests load
// them (a load error fails the test that asked).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "lfv/scenario/scenario.hpp"

#ifndef LFV_SCENARIOS_DIR
#error "LFV_SCENARIOS_DIR must name the scenario library"
#endif

namespace lfv::test {

inline scenario::Scenario library(const std::string& name) {
  auto r = scenario::load_scenario(std::string(LFV_SCENARIOS_DIR) + "/" + name);
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) ADD_FAILURE() << e->text();
  return std::get<scenario::Scenario>(r);
}

inline scenario::Scenario inline_scenario(const std::string& toml) {
  auto r = scenario::parse_scenario(toml, "inline.toml");
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) ADD_FAILURE() << e->text();
  return std::get<scenario::Scenario>(r);
}

}  // namespace lfv::test
