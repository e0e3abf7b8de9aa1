// The one platform-specific thing the core needs: a CPU pause hint.
#pragma once

#if defined(_MSC_VER)
#include <intrin.h>
#endif

namespace lfv {

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#elif defined(_MSC_VER)
  _mm_pause();
#endif
}

}  // namespace lfv
