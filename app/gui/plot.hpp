// A time-series chart drawn with ImGui's draw list: a few coloured series
// over a window of seconds, a zero-based y axis and a legend.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "theme.hpp"

namespace lfv::gui {

struct PlotSeries {
  std::string label;
  ImU32 color;
  std::vector<ImVec2> points;  // x: seconds, y: the value; in order of x
  bool dots = false;           // mark each point (sparse series)
};

// Draws the series over [x_min, x_max] in a box of `size` at the cursor,
// the y axis from 0 to the largest value shown; `unit` formats a y value.
void time_plot(const char* title, const std::vector<PlotSeries>& series, float x_min, float x_max, ImVec2 size,
               const Theme& t, std::string (*unit)(double));

std::string format_rate(double ops_per_second);  // "12.3 M/s"
std::string format_bytes(double bytes);          // "1.5 MiB"
std::string format_ratio(double per_op);         // "0.012"

}  // namespace lfv::gui
