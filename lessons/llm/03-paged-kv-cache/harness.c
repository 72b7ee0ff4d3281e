/* harness.c for llm/03-paged-kv-cache: a leak check around pg_destroy. */
#define _GNU_SOURCE
#include <malloc.h>

struct paged;
struct paged *pg_new(int num_blocks, int block_size, int dim);
int pg_create(struct paged *p);
int pg_append(struct paged *p, int seq, const float *kv);
int pg_fork(struct paged *p, int seq);
void pg_destroy(struct paged *p);

/* Bytes left allocated after a cache with forked sequences is destroyed; -2 if pg_create
 * does not return distinct ids. */
long long harness_leak(void)
{
    float kv[4] = {1, 2, 3, 4};
    struct mallinfo2 before = mallinfo2();
    struct paged *p = pg_new(256, 16, 4);
    if (!p) return -1;
    int ids[8];
    for (int s = 0; s < 8; s++) {
        ids[s] = pg_create(p);
        for (int q = 0; q < s; q++)
            if (ids[q] == ids[s] || ids[s] < 0)
                return -2;             /* not a usable cache: do not touch it */
    }
    for (int s = 0; s < 8; s++) {
        int id = ids[s];
        for (int t = 0; t < 100; t++) pg_append(p, id, kv);
        int c = pg_fork(p, id);
        pg_append(p, c, kv);
    }
    pg_destroy(p);
    struct mallinfo2 after = mallinfo2();
    return (long long)after.uordblks - (long long)before.uordblks;
}
