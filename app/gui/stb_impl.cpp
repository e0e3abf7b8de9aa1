// stb_image_write's implementation, for platforms whose stb is header-only
// (Homebrew, vcpkg). Debian's libstb-dev ships it compiled (-lstb), so
// this file is built only with -DLFV_STB_IMPLEMENTATION=ON.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>
