#include "icon.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace lfv::gui {
namespace {

struct Color {
  unsigned char r, g, b;
};

// Shapes in a 256 x 256 box, painted in order. The picture: a descriptor
// (blue) whose pending write points at one slot (orange) of a row of four.
struct Shape {
  enum Kind { rounded_rect, triangle } kind;
  std::array<float, 6> p;  // rect: x0 y0 x1 y1 radius; triangle: x0 y0 x1 y1 x2 y2
  Color color;
};

constexpr Color kBackground{31, 43, 71}, kSlot{232, 237, 245}, kPending{245, 165, 36}, kDescriptor{127, 209, 255};

constexpr std::array<Shape, 9> kShapes{{
    {Shape::rounded_rect, {16, 16, 240, 240, 44, 0}, kBackground},
    {Shape::rounded_rect, {98, 36, 204, 80, 10, 0}, kDescriptor},
    {Shape::rounded_rect, {145, 80, 157, 120, 0, 0}, kDescriptor},
    {Shape::triangle, {129, 116, 173, 116, 151, 144}, kDescriptor},
    {Shape::rounded_rect, {40, 152, 78, 206, 6, 0}, kSlot},
    {Shape::rounded_rect, {86, 152, 124, 206, 6, 0}, kSlot},
    {Shape::rounded_rect, {132, 152, 170, 206, 6, 0}, kPending},
    {Shape::rounded_rect, {178, 152, 216, 206, 6, 0}, kSlot},
    {Shape::rounded_rect, {40, 214, 216, 220, 3, 0}, kDescriptor},
}};

bool inside(const Shape& s, float x, float y) {
  const auto& p = s.p;
  if (s.kind == Shape::rounded_rect) {
    if (x < p[0] || x > p[2] || y < p[1] || y > p[3]) return false;
    const float r = p[4];
    const float cx = std::clamp(x, p[0] + r, p[2] - r), cy = std::clamp(y, p[1] + r, p[3] - r);
    return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
  }
  auto side = [&](float ax, float ay, float bx, float by) { return (bx - ax) * (y - ay) - (by - ay) * (x - ax); };
  const float a = side(p[0], p[1], p[2], p[3]), b = side(p[2], p[3], p[4], p[5]), c = side(p[4], p[5], p[0], p[1]);
  return (a >= 0 && b >= 0 && c >= 0) || (a <= 0 && b <= 0 && c <= 0);
}

std::string hex(Color c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

}  // namespace

IconImage render_icon(int size) {
  IconImage img;
  img.size = size;
  img.rgba.assign(std::size_t(size) * std::size_t(size) * 4, 0);
  constexpr int kSamples = 4;  // 4 x 4 samples a pixel: smooth edges at 16 px too
  const float scale = 256.0f / float(size);
  for (int py = 0; py < size; ++py)
    for (int px = 0; px < size; ++px) {
      float r = 0, g = 0, b = 0, a = 0;
      for (int sy = 0; sy < kSamples; ++sy)
        for (int sx = 0; sx < kSamples; ++sx) {
          const float x = (float(px) + (float(sx) + 0.5f) / kSamples) * scale;
          const float y = (float(py) + (float(sy) + 0.5f) / kSamples) * scale;
          const Shape* top = nullptr;
          for (const Shape& s : kShapes)
            if (inside(s, x, y)) top = &s;
          if (!top) continue;
          r += top->color.r, g += top->color.g, b += top->color.b, a += 1;
        }
      unsigned char* out = &img.rgba[(std::size_t(py) * std::size_t(size) + std::size_t(px)) * 4];
      if (a > 0) {
        out[0] = static_cast<unsigned char>(std::lround(r / a));
        out[1] = static_cast<unsigned char>(std::lround(g / a));
        out[2] = static_cast<unsigned char>(std::lround(b / a));
      }
      out[3] = static_cast<unsigned char>(std::lround(255.0f * a / (kSamples * kSamples)));
    }
  return img;
}

std::string icon_svg() {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">\n"
                    "  <title>lfvlab</title>\n";
  char buf[256];
  for (const Shape& s : kShapes) {
    const auto& p = s.p;
    if (s.kind == Shape::rounded_rect)
      std::snprintf(buf, sizeof buf, "  <rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" rx=\"%g\" fill=\"%s\"/>\n",
                    double(p[0]), double(p[1]), double(p[2] - p[0]), double(p[3] - p[1]), double(p[4]),
                    hex(s.color).c_str());
    else
      std::snprintf(buf, sizeof buf, "  <polygon points=\"%g,%g %g,%g %g,%g\" fill=\"%s\"/>\n", double(p[0]),
                    double(p[1]), double(p[2]), double(p[3]), double(p[4]), double(p[5]), hex(s.color).c_str());
    svg += buf;
  }
  return svg + "</svg>\n";
}

}  // namespace lfv::gui
