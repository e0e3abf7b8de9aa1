// lfvlab's icon, drawn from one list of shapes: as SVG for the desktop's
// icon theme, as pixels for the window (glfwSetWindowIcon) and the PNG
// sizes the theme wants. No image files to keep in step.
#pragma once

#include <string>
#include <vector>

namespace lfv::gui {

struct IconImage {
  int size = 0;
  std::vector<unsigned char> rgba;  // size * size pixels, top row first
};

IconImage render_icon(int size);
std::string icon_svg();

}  // namespace lfv::gui
