/* harness.c for c/13-mmap-tensor-file: writes the test files (in the current directory,
 * the grading child's scratch directory) and inspects what tensor_open produced. */
#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tensor_file {
    void *map;
    size_t map_size;
    uint32_t dtype;
    uint32_t ndim;
    uint64_t dims[8];
    const void *data;
    uint64_t count;
};

/* The value element i of a test file holds, by dtype. */
static void harness_elem(int dtype, long long i, unsigned char *out)
{
    float f = (float)i * 0.25f;
    double d = (double)i * 0.5 - 3.0;
    int32_t k = (int32_t)(i * 7 - 1000);
    int8_t b = (int8_t)(i * 3);
    switch (dtype) {
    case 0: memcpy(out, &f, 4); break;
    case 1: memcpy(out, &d, 8); break;
    case 2: memcpy(out, &k, 4); break;
    default: memcpy(out, &b, 1); break;
    }
}
static int harness_esize(int dtype) { return dtype == 1 ? 8 : dtype == 3 ? 1 : 4; }

/* Writes hlen header bytes, then data_bytes bytes of elements of dtype (the last one may
 * be cut). Returns 0, or -1. */
int harness_write_file(const char *path, const char *header, long long hlen, long long data_bytes, int dtype)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return -1;
    if (hlen && write(fd, header, (size_t)hlen) != (ssize_t)hlen) { close(fd); return -1; }
    static unsigned char chunk[65536];
    int es = harness_esize(dtype);
    long long i = 0, done = 0;
    while (done < data_bytes) {
        size_t k = 0;
        while (k + 8 <= sizeof chunk && done + (long long)k < data_bytes) {
            harness_elem(dtype, i++, chunk + k);
            k += (size_t)es;
        }
        if ((long long)k > data_bytes - done) k = (size_t)(data_bytes - done);
        if (write(fd, chunk, k) != (ssize_t)k) { close(fd); return -1; }
        done += (long long)k;
    }
    return close(fd);
}

/* What tensor_open stored: out[0] map, [1] map_size, [2] dtype, [3] ndim, [4] data,
 * [5] count, [6 .. 13] dims. */
void harness_info(const struct tensor_file *t, long long *out)
{
    out[0] = (long long)(uintptr_t)t->map;
    out[1] = (long long)t->map_size;
    out[2] = t->dtype;
    out[3] = t->ndim;
    out[4] = (long long)(uintptr_t)t->data;
    out[5] = (long long)t->count;
    for (int i = 0; i < 8; i++) out[6 + i] = (long long)t->dims[i];
}

/* The first element of t->data that differs from what the file was written with, or -1. */
long long harness_check_data(const struct tensor_file *t, int dtype, long long count)
{
    const unsigned char *p = t->data;
    int es = harness_esize(dtype);
    unsigned char want[8];
    for (long long i = 0; i < count; i++) {
        harness_elem(dtype, i, want);
        if (memcmp(p + i * es, want, (size_t)es) != 0) return i;
    }
    return -1;
}

/* 1 if t->data lies in a mapping of a file whose path ends with /name (from
 * /proc/self/maps); 0 if it lies in other memory; -1 if it is not mapped at all. */
int harness_mapped_from(const struct tensor_file *t, const char *name)
{
    const void *p = t->data;
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return -2;
    char line[4096];
    int found = -1;
    uintptr_t a = (uintptr_t)p;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx", &lo, &hi) != 2 || a < lo || a >= hi) continue;
        size_t n = strlen(line), m = strlen(name);
        while (n && (line[n - 1] == '\n' || line[n - 1] == ' ')) line[--n] = 0;
        found = n >= m + 1 && strcmp(line + n - m, name) == 0 && line[n - m - 1] == '/';
        break;
    }
    fclose(f);
    return found;
}

/* How many descriptors are open, and how many mappings exist. */
int harness_count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d) return -1;
    int n = 0;
    while (readdir(d)) n++;
    closedir(d);
    return n;
}

int harness_count_maps(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return -1;
    int n = 0, c;
    while ((c = fgetc(f)) != EOF) n += c == '\n';
    fclose(f);
    return n;
}
