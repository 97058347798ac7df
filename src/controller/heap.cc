#include "controller/heap.h"

#include <malloc.h>

namespace kic::controller {

void TuneHeapForLongRun() {
  // 256 KiB: above every per-object allocation, below every body and page of the translation.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  // One arena per core at most: reflector and HTTP threads allocate little, and every extra arena
  // keeps its own freed pages.
  mallopt(M_ARENA_MAX, 2);
}

void ReleaseFreedHeap() {
  malloc_trim(0);
}

}  // namespace kic::controller
