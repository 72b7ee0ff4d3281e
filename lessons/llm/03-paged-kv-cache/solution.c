/* A paged KV cache: sequences map their tokens onto fixed-size physical blocks through a
 * block table, as in vLLM's PagedAttention.
 *
 *   token t of a sequence lives in block table[t / bs], slot t % bs.
 *
 * Blocks are reference counted. pg_fork copies only the block table (every block's count
 * goes up by one). A block with count > 1 is shared and read-only: appending into a shared,
 * partially filled last block first copies it (copy-on-write). Full shared blocks are never
 * written again, so they stay shared for good.
 */
#include <stdlib.h>
#include <string.h>

struct seq {
    int live, len, nblocks, cap;
    int *table;
};

struct paged {
    int num_blocks, bs, dim;
    float *pool;            /* num_blocks * bs * dim floats */
    int *refcount;
    int *free_list, nfree;  /* a stack of free block ids */
    struct seq *seqs;
    int nseqs, seqcap;
};

struct paged *pg_new(int num_blocks, int block_size, int dim)
{
    struct paged *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->num_blocks = num_blocks;
    p->bs = block_size;
    p->dim = dim;
    p->pool = malloc(sizeof(float) * (size_t)num_blocks * block_size * dim + 1);
    p->refcount = calloc((size_t)num_blocks + 1, sizeof(int));
    p->free_list = malloc(sizeof(int) * ((size_t)num_blocks + 1));
    for (int i = 0; i < num_blocks; i++)
        p->free_list[i] = num_blocks - 1 - i;   /* hand out block 0 first */
    p->nfree = num_blocks;
    return p;
}

static int new_seq(struct paged *p)
{
    for (int i = 0; i < p->nseqs; i++)
        if (!p->seqs[i].live) {
            memset(&p->seqs[i], 0, sizeof p->seqs[i]);
            p->seqs[i].live = 1;
            return i;
        }
    if (p->nseqs == p->seqcap) {
        p->seqcap = p->seqcap ? p->seqcap * 2 : 8;
        p->seqs = realloc(p->seqs, sizeof *p->seqs * (size_t)p->seqcap);
    }
    memset(&p->seqs[p->nseqs], 0, sizeof p->seqs[0]);
    p->seqs[p->nseqs].live = 1;
    return p->nseqs++;
}

int pg_create(struct paged *p)
{
    return new_seq(p);
}

static float *slot(const struct paged *p, int block, int s)
{
    return p->pool + ((size_t)block * p->bs + s) * p->dim;
}

int pg_append(struct paged *p, int id, const float *kv)
{
    struct seq *s = &p->seqs[id];
    int off = s->len % p->bs;
    if (off == 0) {                              /* the last block is full (or there is none) */
        if (p->nfree == 0)
            return -1;
        if (s->nblocks == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 4;
            s->table = realloc(s->table, sizeof(int) * (size_t)s->cap);
        }
        int b = p->free_list[--p->nfree];
        p->refcount[b] = 1;
        s->table[s->nblocks++] = b;
    } else {
        int last = s->table[s->nblocks - 1];
        if (p->refcount[last] > 1) {             /* shared: copy before writing */
            if (p->nfree == 0)
                return -1;
            int b = p->free_list[--p->nfree];
            p->refcount[b] = 1;
            memcpy(slot(p, b, 0), slot(p, last, 0), sizeof(float) * (size_t)off * p->dim);
            p->refcount[last]--;
            s->table[s->nblocks - 1] = b;
        }
    }
    memcpy(slot(p, s->table[s->nblocks - 1], off), kv, sizeof(float) * (size_t)p->dim);
    s->len++;
    return 0;
}

int pg_fork(struct paged *p, int id)
{
    int c = new_seq(p);
    struct seq *s = &p->seqs[id], *t = &p->seqs[c];   /* after new_seq: seqs may have moved */
    t->len = s->len;
    t->nblocks = t->cap = s->nblocks;
    t->table = malloc(sizeof(int) * (size_t)(s->nblocks ? s->nblocks : 1));
    for (int i = 0; i < s->nblocks; i++) {
        t->table[i] = s->table[i];
        p->refcount[s->table[i]]++;
    }
    return c;
}

void pg_free_seq(struct paged *p, int id)
{
    struct seq *s = &p->seqs[id];
    for (int i = 0; i < s->nblocks; i++)
        if (--p->refcount[s->table[i]] == 0)
            p->free_list[p->nfree++] = s->table[i];
    free(s->table);
    memset(s, 0, sizeof *s);
}

int pg_read(const struct paged *p, int id, int pos, float *out)
{
    const struct seq *s = &p->seqs[id];
    if (pos < 0 || pos >= s->len)
        return -1;
    memcpy(out, slot(p, s->table[pos / p->bs], pos % p->bs), sizeof(float) * (size_t)p->dim);
    return 0;
}

int pg_block_table(const struct paged *p, int id, int *table)
{
    const struct seq *s = &p->seqs[id];
    for (int i = 0; i < s->nblocks; i++)
        table[i] = s->table[i];
    return s->nblocks;
}

int pg_free_blocks(const struct paged *p)
{
    return p->nfree;
}

void pg_destroy(struct paged *p)
{
    if (!p) return;
    for (int i = 0; i < p->nseqs; i++)
        free(p->seqs[i].table);
    free(p->seqs);
    free(p->pool);
    free(p->refcount);
    free(p->free_list);
    free(p);
}
