/* Struct layout as the C compiler does it on x86-64 (the System V ABI). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* types describes a struct's members in order, one letter each: c char, h short, i int,
 * f float, l long, d double, p pointer; a letter may be followed by a count, an array
 * ("c16" is char[16]). Stores each member's offset in offsets[k] and the struct's
 * alignment in *align; returns sizeof the struct, or 0 if types is not valid. */
size_t layout(const char *types, size_t *offsets, size_t *align)
{
    /* TODO */
    return 0;
}

/* Writes the same members to out (room for strlen(types) + 1 chars), in the order that
 * makes the struct smallest: largest alignment first, keeping the given order among
 * members of equal alignment. Returns the new sizeof, or 0 if types is not valid. */
size_t layout_packed_order(const char *types, char *out)
{
    /* TODO */
    return 0;
}
