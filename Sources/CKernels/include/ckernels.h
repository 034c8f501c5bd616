#ifndef REGTUTOR_CKERNELS_H
#define REGTUTOR_CKERNELS_H
#include <stdint.h>

/// C[m×n] = A · B, with C row-major (row length n) and A, B read through strides:
/// A(i, p) = a[i·a_row + p·a_col] and B(p, j) = b[p·b_row + j·b_col], so any operand may be
/// stored transposed. Every C(i, j) is the fused multiply-add chain over p = 0, 1, ..., k−1
/// starting from 0, whichever code path runs (AVX2+FMA when the CPU has it, plain C otherwise),
/// so the result is the same bit for bit on every machine.
///
/// `should_stop` (may be NULL) is asked between blocks of rows, on the calling thread only; when it returns nonzero the
/// product stops, and the function returns 1; 2 when the memory for packing B was refused; 0
/// when it finished.
int regtutor_sgemm(int64_t m, int64_t n, int64_t k,
                   const float *a, int64_t a_row, int64_t a_col,
                   const float *b, int64_t b_row, int64_t b_col,
                   float *c, int (*should_stop)(void));

/// How many threads a large product may use: 1 or 2 (values outside are clamped). The result is
/// the same whatever the number: the rows are split, never the sums.
void regtutor_sgemm_set_threads(int threads);

/// The number set by `regtutor_sgemm_set_threads`; until then the cores this process may use, at most 2.
int regtutor_sgemm_threads(void);

/// 1 when the fast path (AVX2 with FMA) runs on this CPU.
int regtutor_sgemm_uses_avx2(void);

#endif
