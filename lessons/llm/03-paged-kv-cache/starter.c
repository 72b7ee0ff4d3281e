/* A paged KV cache (as in vLLM's PagedAttention).
 *
 * A pool of num_blocks physical blocks, each holding block_size tokens of dim floats.
 * Each sequence has a block table: token t lives in slot t % block_size of physical
 * block table[t / block_size]. Blocks are shared between sequences after pg_fork and
 * copied only when a sequence writes into a shared, partly filled block (copy-on-write).
 *
 * pg_new           the pool (all blocks free)
 * pg_create        a new empty sequence; returns its id (>= 0, not used by a live sequence)
 * pg_append        add one token (dim floats) at the end; 0, or -1 if a block was needed
 *                  and none is free (then nothing changes)
 * pg_fork          a new sequence with the same tokens, sharing all the blocks; its id
 * pg_free_seq      the sequence is gone; blocks no sequence uses any more become free
 * pg_read          copy token pos of a sequence into out; 0, or -1 if pos is out of range
 * pg_block_table   write the sequence's physical block ids into table; return their number
 * pg_free_blocks   how many blocks are free
 * pg_destroy       release everything
 */
#include <stdlib.h>
#include <string.h>

struct paged {
    int num_blocks, bs, dim;
    float *pool;
    /* TODO */
};

struct paged *pg_new(int num_blocks, int block_size, int dim)
{
    struct paged *p = calloc(1, sizeof *p);
    p->num_blocks = num_blocks;
    p->bs = block_size;
    p->dim = dim;
    p->pool = malloc(sizeof(float) * (size_t)num_blocks * block_size * dim + 1);
    return p;
}

int pg_create(struct paged *p) { /* TODO */ return -1; }
int pg_append(struct paged *p, int seq, const float *kv) { /* TODO */ return -1; }
int pg_fork(struct paged *p, int seq) { /* TODO */ return -1; }
void pg_free_seq(struct paged *p, int seq) { /* TODO */ }
int pg_read(const struct paged *p, int seq, int pos, float *out) { /* TODO */ return -1; }
int pg_block_table(const struct paged *p, int seq, int *table) { /* TODO */ return 0; }
int pg_free_blocks(const struct paged *p) { /* TODO */ return 0; }

void pg_destroy(struct paged *p)
{
    free(p->pool);
    free(p);
}
