// Colours and style: one place, so presenter mode can swap them all.
#pragma once

#include <imgui.h>

#include "lfv/sim/run.hpp"

namespace lfv::gui {

struct Theme {
  bool presenter = false;
  ImU32 text, dim, panel, border, accent, failure, success, helping;
  ImU32 synchronises;  // c11: the timeline's release-to-acquire arrows
  ImU32 state(sim::LifeState s) const;
  ImU32 thread(unsigned t) const;
};

// Sets ImGui's style for normal or presenter (large, high-contrast) mode.
Theme apply_theme(bool presenter, float scale);

}  // namespace lfv::gui
