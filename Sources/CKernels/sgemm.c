// The matrix product behind every Linear layer and convolution.
//
// B is packed into panels of 16 columns (k rows of 16 contiguous floats, zero-padded at the
// right edge); a micro-kernel then computes a block of 6 rows × 16 columns of C in registers,
// walking p = 0 .. k-1 once: broadcast A(i, p), multiply-add it with the panel's row p. Each C
// element is therefore the fused multiply-add chain over p in order, on every path: the AVX2
// kernel (8 lanes, FMA instructions) and the portable one (fmaf) give identical bits. A large
// product gives the second half of its rows to another thread; that splits rows, never sums.
#define _GNU_SOURCE
#include "ckernels.h"
#include <sched.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

enum { PANEL = 16, ROWS = 6, ROWS_PER_CHECK = 96 };

// Products with at least this many multiply-adds use a second thread (when allowed): about
// 50 µs of work, well above the cost of starting a thread.
static const int64_t PARALLEL_WORK = (int64_t)1 << 22;

// Packs columns j0 ..< j0+16 of B (fewer at the edge, the rest zero) as k rows of 16.
static void pack_panel(float *panel, const float *b, int64_t b_row, int64_t b_col, int64_t k, int64_t j0, int64_t width) {
    for (int64_t p = 0; p < k; p++) {
        float *row = panel + p * PANEL;
        for (int64_t jj = 0; jj < width; jj++) row[jj] = b[p * b_row + (j0 + jj) * b_col];
        for (int64_t jj = width; jj < PANEL; jj++) row[jj] = 0;
    }
}

// The portable micro-kernel: `rows` rows × 16 columns of C from one packed panel.
static void kernel_portable(int64_t rows, int64_t k, const float *a, int64_t a_row, int64_t a_col,
                            const float *panel, float *out /* rows × 16 */) {
    for (int64_t r = 0; r < rows; r++) {
        float acc[PANEL] = {0};
        for (int64_t p = 0; p < k; p++) {
            const float x = a[r * a_row + p * a_col];
            const float *row = panel + p * PANEL;
            for (int jj = 0; jj < PANEL; jj++) acc[jj] = fmaf(x, row[jj], acc[jj]);
        }
        memcpy(out + r * PANEL, acc, sizeof acc);
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

// The AVX2 micro-kernel: 6 rows × 16 columns held in twelve 8-lane registers.
__attribute__((target("avx2,fma")))
static void kernel_avx2(int64_t rows, int64_t k, const float *a, int64_t a_row, int64_t a_col,
                        const float *panel, float *out) {
    if (rows != ROWS) {
        for (int64_t r = 0; r < rows; r++) {
            __m256 lo = _mm256_setzero_ps(), hi = _mm256_setzero_ps();
            for (int64_t p = 0; p < k; p++) {
                const __m256 x = _mm256_set1_ps(a[r * a_row + p * a_col]);
                lo = _mm256_fmadd_ps(x, _mm256_loadu_ps(panel + p * PANEL), lo);
                hi = _mm256_fmadd_ps(x, _mm256_loadu_ps(panel + p * PANEL + 8), hi);
            }
            _mm256_storeu_ps(out + r * PANEL, lo);
            _mm256_storeu_ps(out + r * PANEL + 8, hi);
        }
        return;
    }
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps(), c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps(), c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps(), c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
    const float *a0 = a, *a1 = a + a_row, *a2 = a + 2 * a_row, *a3 = a + 3 * a_row, *a4 = a + 4 * a_row, *a5 = a + 5 * a_row;
    for (int64_t p = 0; p < k; p++) {
        const __m256 b0 = _mm256_loadu_ps(panel + p * PANEL), b1 = _mm256_loadu_ps(panel + p * PANEL + 8);
        const int64_t o = p * a_col;
        __m256 x;
        x = _mm256_set1_ps(a0[o]); c00 = _mm256_fmadd_ps(x, b0, c00); c01 = _mm256_fmadd_ps(x, b1, c01);
        x = _mm256_set1_ps(a1[o]); c10 = _mm256_fmadd_ps(x, b0, c10); c11 = _mm256_fmadd_ps(x, b1, c11);
        x = _mm256_set1_ps(a2[o]); c20 = _mm256_fmadd_ps(x, b0, c20); c21 = _mm256_fmadd_ps(x, b1, c21);
        x = _mm256_set1_ps(a3[o]); c30 = _mm256_fmadd_ps(x, b0, c30); c31 = _mm256_fmadd_ps(x, b1, c31);
        x = _mm256_set1_ps(a4[o]); c40 = _mm256_fmadd_ps(x, b0, c40); c41 = _mm256_fmadd_ps(x, b1, c41);
        x = _mm256_set1_ps(a5[o]); c50 = _mm256_fmadd_ps(x, b0, c50); c51 = _mm256_fmadd_ps(x, b1, c51);
    }
    _mm256_storeu_ps(out + 0 * PANEL, c00); _mm256_storeu_ps(out + 0 * PANEL + 8, c01);
    _mm256_storeu_ps(out + 1 * PANEL, c10); _mm256_storeu_ps(out + 1 * PANEL + 8, c11);
    _mm256_storeu_ps(out + 2 * PANEL, c20); _mm256_storeu_ps(out + 2 * PANEL + 8, c21);
    _mm256_storeu_ps(out + 3 * PANEL, c30); _mm256_storeu_ps(out + 3 * PANEL + 8, c31);
    _mm256_storeu_ps(out + 4 * PANEL, c40); _mm256_storeu_ps(out + 4 * PANEL + 8, c41);
    _mm256_storeu_ps(out + 5 * PANEL, c50); _mm256_storeu_ps(out + 5 * PANEL + 8, c51);
}

int regtutor_sgemm_uses_avx2(void) {
    static int answer = -1;
    if (answer < 0) {
        __builtin_cpu_init();
        answer = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return answer;
}
#else
int regtutor_sgemm_uses_avx2(void) { return 0; }
#endif

// What every thread of one product shares: the operands, the packed panels of B, the output,
// and a flag that tells the helper thread to stop when the calling thread was asked to.
struct product {
    int64_t m, n, k, panels;
    const float *a; int64_t a_row, a_col;
    const float *packed;
    float *c;
    void (*kernel)(int64_t, int64_t, const float *, int64_t, int64_t, const float *, float *);
    atomic_int stop;
};

// Rows `begin ..< end` of C (begin a multiple of ROWS). Returns 1 when it stopped early.
static int compute_rows(struct product *job, int64_t begin, int64_t end, int (*should_stop)(void)) {
    float block[ROWS * PANEL];
    for (int64_t i0 = begin; i0 < end; i0 += ROWS) {
        if (i0 > begin && (i0 - begin) % ROWS_PER_CHECK == 0) {
            if (should_stop && should_stop()) atomic_store(&job->stop, 1);
            if (atomic_load(&job->stop)) return 1;
        }
        const int64_t rows = end - i0 < ROWS ? end - i0 : ROWS;
        for (int64_t q = 0; q < job->panels; q++) {
            const int64_t j0 = q * PANEL, width = job->n - j0 < PANEL ? job->n - j0 : PANEL;
            job->kernel(rows, job->k, job->a + i0 * job->a_row, job->a_row, job->a_col, job->packed + q * job->k * PANEL, block);
            for (int64_t r = 0; r < rows; r++) memcpy(job->c + (i0 + r) * job->n + j0, block + r * PANEL, (size_t)width * sizeof(float));
        }
    }
    return 0;
}

// The helper thread's share: the second half of the rows.
struct share { struct product *job; int64_t begin, end; };

static void *compute_share(void *argument) {
    struct share *share = argument;
    compute_rows(share->job, share->begin, share->end, NULL);
    return NULL;
}

// 0 until first asked: then the cores this process may run on, at most 2.
static atomic_int thread_limit = 0;

void regtutor_sgemm_set_threads(int threads) { atomic_store(&thread_limit, threads < 1 ? 1 : threads > 2 ? 2 : threads); }

int regtutor_sgemm_threads(void) {
    if (atomic_load(&thread_limit) == 0) {
        cpu_set_t cores;
        const int count = sched_getaffinity(0, sizeof cores, &cores) == 0 ? CPU_COUNT(&cores) : 1;
        int unset = 0;
        atomic_compare_exchange_strong(&thread_limit, &unset, count >= 2 ? 2 : 1);
    }
    return atomic_load(&thread_limit);
}

int regtutor_sgemm(int64_t m, int64_t n, int64_t k,
                   const float *a, int64_t a_row, int64_t a_col,
                   const float *b, int64_t b_row, int64_t b_col,
                   float *c, int (*should_stop)(void)) {
    if (m <= 0 || n <= 0) return 0;
    if (k <= 0) {
        memset(c, 0, (size_t)(m * n) * sizeof(float));
        return 0;
    }
    struct product job = { .m = m, .n = n, .k = k, .panels = (n + PANEL - 1) / PANEL,
                           .a = a, .a_row = a_row, .a_col = a_col, .c = c, .kernel = kernel_portable };
    atomic_init(&job.stop, 0);
#if defined(__x86_64__)
    if (regtutor_sgemm_uses_avx2()) job.kernel = kernel_avx2;
#endif
    float *packed = malloc((size_t)(job.panels * k * PANEL) * sizeof(float));
    if (!packed) return 2;
    for (int64_t q = 0; q < job.panels; q++) {
        const int64_t j0 = q * PANEL, width = n - j0 < PANEL ? n - j0 : PANEL;
        pack_panel(packed + q * k * PANEL, b, b_row, b_col, k, j0, width);
    }
    job.packed = packed;
    // A large product splits its rows in two at a multiple of ROWS; each element is still the
    // same chain of multiply-adds, so the result does not depend on the split or the threads.
    pthread_t helper;
    struct share second = { &job, (m / 2 + ROWS - 1) / ROWS * ROWS, m };
    const int split = regtutor_sgemm_threads() > 1 && m * n * k >= PARALLEL_WORK && second.begin < m
        && pthread_create(&helper, NULL, compute_share, &second) == 0;
    int stopped = compute_rows(&job, 0, split ? second.begin : m, should_stop);
    if (split) {
        if (stopped) atomic_store(&job.stop, 1);
        pthread_join(helper, NULL);
        stopped = stopped || atomic_load(&job.stop);
    }
    free(packed);
    return stopped ? 1 : 0;
}
