// Per-thread, 64-byte aligned scratch buffers that grow on demand and are
// reused across calls (packing panels, im2col tiles, partial sums).
#pragma once

#include <cstddef>

namespace fsn {

enum class ScratchSlot : int { PackA = 0, PackB, Cols, Partial, SharedB, Count };

// Returns a buffer of at least `floats` floats for this thread and slot; the
// previous contents are not kept when it grows.
float* scratch(ScratchSlot slot, size_t floats);

}  // namespace fsn
