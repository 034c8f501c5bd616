#ifndef REGTUTOR_CMEMORY_H
#define REGTUTOR_CMEMORY_H
#include <stddef.h>

/// Bytes the C allocator has handed out and not taken back (glibc's mallinfo2: the heap in use
/// plus the blocks mapped for large allocations).
size_t regtutor_heap_bytes(void);

#endif
