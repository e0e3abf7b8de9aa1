// A chart drawn with ImGui's draw list: a few coloured series over a range
// of x (seconds, steps), a zero-based y axis with round ticks in the data's
// unit, and a legend that wraps when the chart is narrow.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "theme.hpp"

namespace lfv::gui {

// What an axis counts; each has a unit drawn on its labels.
enum class PlotUnit { seconds, steps, ops_per_second, bytes, failed_cas_per_op };
std::string_view unit_name(PlotUnit u);  // "s", "steps", "ops/s", "B", "CAS/op" (--dump-state)

// A value with its unit ("12.3 M/s", "1.5 KiB", "0.0081 /op", "46 steps");
// `resolution` > 0 is the spacing of the ticks it labels, which sets the
// decimals ("0.002 /op" beside "0.004 /op", never "0.000" twice).
std::string format_value(PlotUnit u, double v, double resolution = 0);

struct PlotSeries {
  std::string label;
  ImU32 color;
  std::vector<ImVec2> points;  // x in the x unit, y in the y unit; in order of x
  bool dots = false;           // mark each point (sparse series)
};

// What a chart drew, for --dump-state: each axis' range and tick labels,
// and the legend's texts.
struct PlotAxis {
  PlotUnit unit = PlotUnit::seconds;
  double min = 0, max = 0;
  std::vector<std::string> labels;
};
struct PlotDrawn {
  PlotAxis x, y;
  std::vector<std::string> legend;  // "leaked 416 B"
};

// Draws the series over [x_min, x_max] in a box of `size` at the cursor,
// the y axis from 0 to a round value above the largest one shown.
PlotDrawn time_plot(const char* title, const std::vector<PlotSeries>& series, float x_min, float x_max, ImVec2 size,
                    const Theme& t, PlotUnit x_unit, PlotUnit y_unit);

// The dump's lines for a chart: "axis WINDOW PLOT-x UNIT MIN MAX", the
// same for y, "axis_labels WINDOW PLOT-y 0 B | 200 B | ..." and
// "legend WINDOW PLOT TEXT" for each series.
void describe_plot(std::vector<std::string>& out, std::string_view window, std::string_view plot, const PlotDrawn& d);

std::string format_rate(double ops_per_second);  // "12.3 M/s"
std::string format_bytes(double bytes);          // "1.5 MiB"

}  // namespace lfv::gui
