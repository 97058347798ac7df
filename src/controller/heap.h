#pragma once

namespace kic::controller {

// glibc malloc settings for a long-running controller whose big buffers (config bodies of tens of
// MB, translation scratch) come and go on every sync. With glibc's defaults the mmap threshold
// grows to the size of the largest freed block, so later bodies land in the heap and freed
// pages stay resident between syncs; a fixed threshold gives big blocks back to the kernel when
// they are freed. Call once at start.
void TuneHeapForLongRun();

// Gives the pages freed by a full translation back to the kernel, so the next one starts from the
// store's size rather than from the last peak. Costs a heap walk: call off the latency path.
void ReleaseFreedHeap();

}  // namespace kic::controller
