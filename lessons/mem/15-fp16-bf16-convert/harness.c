/* harness.c for mem/15-fp16-bf16-convert: moves float bit patterns in and out of float
 * buffers without going through a Lua number (which would lose NaN payloads). */
#include <stdint.h>
#include <string.h>

void harness_bits_to_floats(const uint32_t *bits, float *f, long n) { memcpy(f, bits, (size_t)n * 4); }
void harness_floats_to_bits(const float *f, uint32_t *bits, long n) { memcpy(bits, f, (size_t)n * 4); }
