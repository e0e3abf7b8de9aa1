#include "embedded.hpp"

extern const unsigned char lfv_font_sans[], lfv_font_sans_bold[], lfv_font_mono[], lfv_src_vector[],
    lfv_src_hazard[];
extern const std::size_t lfv_font_sans_size, lfv_font_sans_bold_size, lfv_font_mono_size, lfv_src_vector_size,
    lfv_src_hazard_size;

namespace lfv::gui {

EmbeddedFile font_sans() { return {"DejaVuSans.ttf", lfv_font_sans, lfv_font_sans_size}; }
EmbeddedFile font_sans_bold() { return {"DejaVuSans-Bold.ttf", lfv_font_sans_bold, lfv_font_sans_bold_size}; }
EmbeddedFile font_mono() { return {"DejaVuSansMono.ttf", lfv_font_mono, lfv_font_mono_size}; }

const std::vector<EmbeddedFile>& core_sources() {
  static const std::vector<EmbeddedFile> files = {
      {"vector.hpp", lfv_src_vector, lfv_src_vector_size},
      {"hazard_domain.hpp", lfv_src_hazard, lfv_src_hazard_size},
  };
  return files;
}

}  // namespace lfv::gui
