#ifndef REGTUTOR_CMEMORY_H
#define REGTUTOR_CMEMORY_H
#include <stddef.h>

/// Bytes the C allocator has handed out and not taken back (glibc's mallinfo2: the heap in use
/// plus the blocks mapped for large allocations).
size_t regtutor_heap_bytes(void);

/// Keeps freed blocks of up to 32 MiB in the heap for reuse instead of returning them to the
/// kernel at once (training steps make and drop the same sizes over and over).
void regtutor_keep_freed_memory(void);

#endif
