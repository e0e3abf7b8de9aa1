#include "plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lfv::gui {
namespace {

// A unit's prefix for values around `magnitude`: one per axis, so its
// labels compare at a glance ("0 KiB | 100 KiB | 200 KiB").
struct Scale {
  double factor;
  const char* suffix;
};

Scale scale_for(PlotUnit u, double magnitude) {
  const double m = std::abs(magnitude);
  switch (u) {
    case PlotUnit::ops_per_second:
      if (m >= 1e6) return {1e6, " M/s"};
      if (m >= 1e3) return {1e3, " k/s"};
      return {1, " /s"};
    case PlotUnit::bytes:
      if (m >= double(1 << 30)) return {double(1 << 30), " GiB"};
      if (m >= double(1 << 20)) return {double(1 << 20), " MiB"};
      if (m >= double(1 << 10)) return {double(1 << 10), " KiB"};
      return {1, " B"};
    case PlotUnit::failed_cas_per_op: return {1, " /op"};
    case PlotUnit::seconds: return {1, " s"};
    case PlotUnit::steps: return {1, " steps"};
  }
  return {1, ""};
}

std::string scaled(double v, Scale s, int decimals) {
  char b[48];
  std::snprintf(b, sizeof b, "%.*f%s", decimals, v / s.factor, s.suffix);
  return b;
}

// Whole things (bytes, steps, operations) are never split below one.
bool whole(PlotUnit u) { return u == PlotUnit::bytes || u == PlotUnit::steps || u == PlotUnit::ops_per_second; }

// A y axis from 0 with at most `max_ticks` intervals of 1, 2 or 5 times a
// power of ten (in the axis' prefix), its top at or above `top`.
PlotAxis y_axis(PlotUnit u, double top, int max_ticks) {
  if (!(top > 0)) top = u == PlotUnit::failed_cas_per_op ? 0.01 : u == PlotUnit::bytes ? 1024 : u == PlotUnit::ops_per_second ? 1000 : 1;
  const Scale s = scale_for(u, top);
  const double raw = top / s.factor / double(std::max(1, max_ticks));
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  // The smallest round step that covers the top in that many intervals.
  double step = 10 * p;
  for (double m : {1.0, 2.0, 5.0})
    if (std::ceil(top / s.factor / (m * p) - 1e-9) <= max_ticks) {
      step = m * p;
      break;
    }
  if (whole(u) && s.factor == 1) step = std::max(step, 1.0);
  const int intervals = std::max(1, int(std::ceil(top / s.factor / step - 1e-9)));
  const int decimals = std::max(0, int(-std::floor(std::log10(step) + 1e-9)));
  PlotAxis a;
  a.unit = u;
  a.max = double(intervals) * step * s.factor;
  for (int k = 0; k <= intervals; ++k) a.labels.push_back(scaled(double(k) * step * s.factor, s, k ? decimals : 0));
  return a;
}

}  // namespace

std::string_view unit_name(PlotUnit u) {
  switch (u) {
    case PlotUnit::seconds: return "s";
    case PlotUnit::steps: return "steps";
    case PlotUnit::ops_per_second: return "ops/s";
    case PlotUnit::bytes: return "B";
    case PlotUnit::failed_cas_per_op: return "CAS/op";
  }
  return "?";
}

std::string format_value(PlotUnit u, double v, double resolution) {
  const Scale s = scale_for(u, std::max(std::abs(v), resolution));
  int decimals;
  if (resolution > 0) {
    decimals = std::max(0, int(-std::floor(std::log10(resolution / s.factor) + 1e-9)));
  } else if (u == PlotUnit::failed_cas_per_op) {  // two significant digits: 0.0081, 0.12
    decimals = v == 0 ? 0 : std::clamp(1 - int(std::floor(std::log10(std::abs(v)))), 1, 6);
  } else {
    decimals = (whole(u) && s.factor == 1) || u == PlotUnit::steps ? 0 : 1;
  }
  return scaled(v, s, decimals);
}

std::string format_rate(double v) { return format_value(PlotUnit::ops_per_second, v); }
std::string format_bytes(double v) { return format_value(PlotUnit::bytes, v); }

PlotDrawn time_plot(const char* title, const std::vector<PlotSeries>& series, float x_min, float x_max, ImVec2 size,
                    const Theme& t, PlotUnit x_unit, PlotUnit y_unit) {
  PlotDrawn d;
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 a = ImGui::GetCursorScreenPos(), z(a.x + size.x, a.y + size.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, z, t.panel);

  // The title and the legend, each series with its latest value, on as
  // many lines as the width needs (an entry never splits).
  float x = a.x + 6, y = a.y + 2;
  auto room_for = [&](float w) {
    if (x > a.x + 6 && x + w > z.x - 6) x = a.x + 6, y += line;
  };
  if (*title) {
    room_for(ImGui::CalcTextSize(title).x);
    dl->AddText(ImVec2(x, y), t.text, title);
    x += ImGui::CalcTextSize(title).x + 16;
  }
  for (const PlotSeries& s : series) {
    const std::string text = s.label + (s.points.empty() ? "" : " " + format_value(y_unit, s.points.back().y));
    d.legend.push_back(text);
    room_for(line + ImGui::CalcTextSize(text.c_str()).x);
    dl->AddRectFilled(ImVec2(x, y + line * 0.3f), ImVec2(x + line * 0.8f, y + line * 0.7f), s.color);
    x += line;
    dl->AddText(ImVec2(x, y), s.color, text.c_str());
    x += ImGui::CalcTextSize(text.c_str()).x + 16;
  }

  // The y axis: round ticks, as many as fit 1.6 lines apart.
  float top = 0;
  for (const PlotSeries& s : series)
    for (const ImVec2& p : s.points)
      if (p.x >= x_min) top = std::max(top, p.y);
  const float pa_y = y + line + 8, pz_y = z.y - line - 6;
  d.y = y_axis(y_unit, double(top), std::clamp(int((pz_y - pa_y) / (1.6f * line)), 1, 5));
  d.x = {x_unit, double(x_min), double(x_max), {format_value(x_unit, x_min, 1), format_value(x_unit, x_max, 1)}};
  float label_w = 0;
  for (const std::string& l : d.y.labels) label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x);
  const ImVec2 pa(a.x + label_w + 12, pa_y), pz(z.x - 8, pz_y);
  if (pz.x - pa.x < 20 || pz.y - pa.y < 10) {
    ImGui::Dummy(size);
    d.y.labels.clear();  // nothing drawn
    d.x.labels.clear();
    return d;
  }
  const float y_max = float(d.y.max);
  auto to_screen = [&](ImVec2 p) {
    const float fx = (p.x - x_min) / std::max(1e-3f, x_max - x_min);
    return ImVec2(pa.x + (pz.x - pa.x) * fx, pz.y - (pz.y - pa.y) * (p.y / y_max));
  };
  const std::size_t n = d.y.labels.size();
  for (std::size_t k = 0; k < n; ++k) {
    const float gy = pz.y - (pz.y - pa.y) * float(k) / float(n - 1);
    dl->AddLine(ImVec2(pa.x, gy), ImVec2(pz.x, gy), k == 0 ? t.border : t.dim & 0x40FFFFFF);
    const std::string& l = d.y.labels[k];
    dl->AddText(ImVec2(pa.x - 6 - ImGui::CalcTextSize(l.c_str()).x, gy - line * 0.5f), t.dim, l.c_str());
  }
  dl->AddText(ImVec2(pa.x, pz.y + 3), t.dim, d.x.labels[0].c_str());
  dl->AddText(ImVec2(pz.x - ImGui::CalcTextSize(d.x.labels[1].c_str()).x, pz.y + 3), t.dim, d.x.labels[1].c_str());

  dl->PushClipRect(pa, ImVec2(pz.x + 1, pz.y + 1), true);
  for (const PlotSeries& s : series) {
    std::vector<ImVec2> pts;
    // Only what is visible: the points from just before x_min on.
    auto first = std::lower_bound(s.points.begin(), s.points.end(), x_min,
                                  [](const ImVec2& p, float x0) { return p.x < x0; });
    if (first != s.points.begin()) --first;
    for (auto it = first; it != s.points.end(); ++it) pts.push_back(to_screen(*it));
    if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), s.color, ImDrawFlags_None, 2);
    if (s.dots || pts.size() == 1)
      for (const ImVec2& p : pts) dl->AddCircleFilled(p, 3, s.color);
  }
  dl->PopClipRect();
  ImGui::Dummy(size);
  return d;
}

void describe_plot(std::vector<std::string>& out, std::string_view window, std::string_view plot, const PlotDrawn& d) {
  const std::string w(window), p(plot);
  auto num = [](double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return std::string(b);
  };
  for (const auto& [axis, suffix] : {std::pair{&d.x, "-x"}, std::pair{&d.y, "-y"}}) {
    out.push_back("axis " + w + " " + p + suffix + " " + std::string(unit_name(axis->unit)) + " " + num(axis->min) +
                  " " + num(axis->max));
    std::string labels;
    for (const std::string& l : axis->labels) labels += (labels.empty() ? "" : " | ") + l;
    out.push_back("axis_labels " + w + " " + p + suffix + " " + labels);
  }
  for (const std::string& l : d.legend) out.push_back("legend " + w + " " + p + " " + l);
}

}  // namespace lfv::gui
