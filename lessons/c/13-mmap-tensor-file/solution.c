/* A tensor file, mapped into memory: the header is parsed in place and the data is used
 * where it lies, without copying a byte. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct tensor_file {
    void *map;          /* the whole file, mapped read-only */
    size_t map_size;
    uint32_t dtype;     /* 0 f32, 1 f64, 2 i32, 3 i8 */
    uint32_t ndim;      /* 1 .. 8 */
    uint64_t dims[8];
    const void *data;   /* the first element, inside map */
    uint64_t count;     /* dims[0] x ... x dims[ndim-1] */
};

static const size_t elem_size[4] = {4, 8, 4, 1};

/* Checks the header against the file's size; returns the data offset, or 0 if invalid. */
static size_t parse(const unsigned char *p, size_t size, struct tensor_file *t)
{
    if (size < 16 || memcmp(p, "KDT1", 4) != 0)
        return 0;
    uint32_t dtype, ndim;
    memcpy(&dtype, p + 4, 4);
    memcpy(&ndim, p + 8, 4);
    if (dtype > 3 || ndim < 1 || ndim > 8)
        return 0;
    size_t header = 16 + 8 * (size_t)ndim;
    size_t offset = (header + 63) & ~(size_t)63;
    if (size < header)
        return 0;
    uint64_t count = 1;
    for (uint32_t i = 0; i < ndim; i++) {
        uint64_t d;
        memcpy(&d, p + 16 + 8 * i, 8);
        /* count * d must not wrap: {2^32, 2^32, 2} would multiply to 0. */
        if (d != 0 && count > UINT64_MAX / d)
            return 0;
        count *= d;
        t->dims[i] = d;
    }
    if (count > (UINT64_MAX - offset) / elem_size[dtype])
        return 0;
    if (size < offset || size - offset < count * elem_size[dtype])
        return 0; /* the data would run past the end of the file */
    t->dtype = dtype;
    t->ndim = ndim;
    t->count = count;
    return offset;
}

int tensor_open(const char *path, struct tensor_file *t)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < 16) { /* mmap of 0 bytes fails anyway */
        close(fd);
        return -1;
    }
    size_t size = (size_t)st.st_size;
    void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd); /* the mapping keeps the file; the descriptor is no longer needed */
    if (map == MAP_FAILED)
        return -1;
    size_t offset = parse(map, size, t);
    if (!offset) {
        munmap(map, size);
        return -1;
    }
    t->map = map;
    t->map_size = size;
    t->data = (const unsigned char *)map + offset;
    return 0;
}

void tensor_close(struct tensor_file *t)
{
    if (t->map)
        munmap(t->map, t->map_size);
    t->map = NULL;
    t->data = NULL;
}
