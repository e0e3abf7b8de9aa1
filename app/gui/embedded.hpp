// Files embedded into lfvlab at build time (tools/embed.cmake): the fonts
// and the core sources the Source window shows.
#pragma once

#include <cstddef>
#include <vector>

namespace lfv::gui {

struct EmbeddedFile {
  const char* name;
  const unsigned char* data;
  std::size_t size;
};

EmbeddedFile font_sans();
EmbeddedFile font_sans_bold();
EmbeddedFile font_mono();
const std::vector<EmbeddedFile>& core_sources();

}  // namespace lfv::gui
