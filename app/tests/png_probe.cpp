// Checks a PNG the app exported: its size, that it is not blank, and how
// many pixels have a given colour (a failure mark, the leaked shelf),
// anywhere or, after region=X,Y,W,H, inside that rectangle only.
//   png_probe FILE WIDTH HEIGHT [region=X,Y,W,H] [R,G,B MIN]...
#include <stb/stb_image.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <set>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: png_probe FILE WIDTH HEIGHT [R,G,B MIN]...\n");
    return 2;
  }
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
  if (!px) {
    std::fprintf(stderr, "%s: not a PNG\n", argv[1]);
    return 1;
  }
  int status = 0;
  if (w != std::atoi(argv[2]) || h != std::atoi(argv[3])) {
    std::fprintf(stderr, "%s: %dx%d, wanted %sx%s\n", argv[1], w, h, argv[2], argv[3]);
    status = 1;
  }
  std::set<unsigned> colours;
  for (int i = 0; i < w * h && colours.size() < 64; ++i)
    colours.insert(unsigned(px[3 * i]) << 16 | unsigned(px[3 * i + 1]) << 8 | px[3 * i + 2]);
  if (colours.size() < 16) {
    std::fprintf(stderr, "%s: blank (%zu colours)\n", argv[1], colours.size());
    status = 1;
  }
  int rx = 0, ry = 0, rw = w, rh = h;
  for (int a = 4; a < argc; a += 2) {
    if (std::sscanf(argv[a], "region=%d,%d,%d,%d", &rx, &ry, &rw, &rh) == 4) {
      --a;  // one argument, not a pair
      continue;
    }
    int r, g, b;
    if (a + 1 >= argc || std::sscanf(argv[a], "%d,%d,%d", &r, &g, &b) != 3) return 2;
    long count = 0;
    for (int y = std::max(0, ry); y < std::min(h, ry + rh); ++y)
      for (int x = std::max(0, rx); x < std::min(w, rx + rw); ++x) {
        const unsigned char* p = px + 3 * (std::size_t(y) * std::size_t(w) + std::size_t(x));
        count += std::abs(p[0] - r) < 8 && std::abs(p[1] - g) < 8 && std::abs(p[2] - b) < 8;
      }
    if (count < std::atol(argv[a + 1])) {
      std::fprintf(stderr, "%s: %ld pixels of %s in %d,%d %dx%d, wanted at least %s\n", argv[1], count, argv[a], rx, ry,
                   rw, rh, argv[a + 1]);
      status = 1;
    }
  }
  stbi_image_free(px);
  return status;
}
