// Runtime CPU-feature dispatch: one binary picks its fastest GEMM micro-kernel
// on the machine it runs on, so a prebuilt addon runs on any x86-64 (or ARM) CPU.
#pragma once

namespace fsn {

enum class Isa { Generic = 0, Avx2 = 1, Avx512 = 2 };

// Best ISA this CPU and OS support.
Isa detect_isa();
// ISA used by the kernels now (starts as detect_isa(); tests force lower ones).
Isa active_isa();
// Forces an ISA; returns false (and changes nothing) when the CPU lacks it.
bool set_isa(Isa isa);
const char* isa_name(Isa isa);
bool parse_isa(const char* name, Isa* out);

}  // namespace fsn
