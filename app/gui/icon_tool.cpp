// Build-time: writes the icon theme's files from app/gui/icon.cpp.
//   lfvlab-icon DIR   ->  DIR/lfvlab.svg, DIR/lfvlab-16.png ... DIR/lfvlab-256.png
#include <stb/stb_image_write.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "icon.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: lfvlab-icon DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  std::ofstream(dir + "/lfvlab.svg") << lfv::gui::icon_svg();
  for (int size : {16, 32, 48, 64, 128, 256}) {
    const auto img = lfv::gui::render_icon(size);
    const std::string out = dir + "/lfvlab-" + std::to_string(size) + ".png";
    if (!stbi_write_png(out.c_str(), size, size, 4, img.rgba.data(), size * 4)) {
      std::fprintf(stderr, "lfvlab-icon: cannot write %s\n", out.c_str());
      return 1;
    }
  }
  return 0;
}
