#include "cmemory.h"
#include <malloc.h>

size_t regtutor_heap_bytes(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

void regtutor_keep_freed_memory(void) {
    // Tensors of a few megabytes are made and dropped at every training step. By default glibc
    // maps each one fresh from the kernel (which zeroes every page) and unmaps it when freed;
    // keeping them in the heap lets the next step reuse the same memory.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
}
