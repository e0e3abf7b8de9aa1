#include "lfv/thread_index.hpp"

#include <bitset>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace lfv {
namespace {

std::mutex registry_mutex;
std::bitset<kMaxThreads> registry_used;

// Holds the calling thread's index for its lifetime; returns it at exit.
struct Registration {
  unsigned index;
  Registration() {
    std::lock_guard lock(registry_mutex);
    for (unsigned i = 0; i < kMaxThreads; ++i) {
      if (!registry_used[i]) {
        registry_used[i] = true;
        index = i;
        return;
      }
    }
    std::fprintf(stderr, "lfvlab: more than %u threads use the vector at once\n", kMaxThreads);
    std::abort();
  }
  ~Registration() {
    std::lock_guard lock(registry_mutex);
    registry_used[index] = false;
  }
};

}  // namespace

namespace detail {

constinit thread_local unsigned thread_index_plus_one = 0;

unsigned register_this_thread() {
  thread_local Registration registration;  // its destructor returns the index at thread exit
  thread_index_plus_one = registration.index + 1;
  return registration.index;
}

}  // namespace detail

}  // namespace lfv
