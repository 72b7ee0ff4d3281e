/* harness.c for c/11-free-list-allocator: the heap the allocator lives in, the traces that
 * drive it, the checks, and the libc malloc baseline of the speed bar.
 *
 * The heap is one reserved range of addresses; harness_sbrk makes the next bytes of it
 * readable and writable. Everything past the current end stays inaccessible, so a block
 * that runs past the heap's end crashes at once.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int mm_init(void);
void *mm_malloc(size_t size);
void mm_free(void *p);
void *mm_realloc(void *p, size_t size);

#define HARNESS_HEAP_MAX ((size_t)64 << 20)

static unsigned char *harness_lo;     /* start of the reserved range */
static size_t harness_brk;            /* bytes handed out by harness_sbrk */
static size_t harness_mapped;         /* bytes made accessible (whole pages) */

/* Grows the heap by incr bytes; returns the old end of the heap (where the new bytes
 * start), or NULL if the heap would exceed 64 MiB. */
void *harness_sbrk(size_t incr)
{
    if (!harness_lo || incr > HARNESS_HEAP_MAX - harness_brk)
        return NULL;
    size_t end = harness_brk + incr, page = 4096;
    if (end > harness_mapped) {
        size_t upto = (end + page - 1) / page * page;
        if (mprotect(harness_lo + harness_mapped, upto - harness_mapped, PROT_READ | PROT_WRITE) != 0)
            return NULL;
        harness_mapped = upto;
    }
    void *old = harness_lo + harness_brk;
    harness_brk = end;
    return old;
}

/* Empties the heap (and reserves it the first time). 0 on success. With scrub, the old
 * contents are dropped and every byte past the end is made inaccessible again; without
 * (the timed runs), the pages stay, so that growing the heap costs no system call. */
int harness_heap_reset_to(int scrub)
{
    if (!harness_lo) {
        void *p = mmap(NULL, HARNESS_HEAP_MAX, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) return -1;
        harness_lo = p;
    } else if (harness_mapped && scrub) {
        madvise(harness_lo, harness_mapped, MADV_DONTNEED);
        mprotect(harness_lo, harness_mapped, PROT_NONE);
        harness_mapped = 0;
    }
    harness_brk = 0;
    return 0;
}

int harness_heap_reset(void) { return harness_heap_reset_to(1); }

size_t harness_heap_size(void) { return harness_brk; }

/* Where p lies in the heap: its offset from the heap's start, or -1 if outside it. */
long long harness_heap_offset(const void *p)
{
    const unsigned char *q = p;
    if (!harness_lo || q < harness_lo || q >= harness_lo + harness_brk) return -1;
    return (long long)(q - harness_lo);
}

size_t harness_addr(const void *p) { return (size_t)(uintptr_t)p; }
void harness_fill(void *p, size_t n, int value) { memset(p, value, n); }
long harness_check(const void *p, size_t n, int value)
{
    const unsigned char *q = p;
    for (size_t i = 0; i < n; i++)
        if (q[i] != (unsigned char)value) return (long)i;
    return -1;
}

/* ---------------------------------------------------------------- traces */

enum { HOP_MALLOC, HOP_FREE, HOP_REALLOC };
struct harness_op { int type, id; size_t size; };

#define HARNESS_MAX_OPS 200000
#define HARNESS_MAX_IDS 100000
static struct harness_op harness_ops[HARNESS_MAX_OPS];
static int harness_nops, harness_nids;
static unsigned long long harness_rng;

static unsigned long long harness_rand(void)
{
    unsigned long long x = harness_rng;
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    return harness_rng = x;
}
static size_t harness_between(size_t lo, size_t hi) { return lo + harness_rand() % (hi - lo + 1); }

static void harness_emit(int type, int id, size_t size)
{
    if (harness_nops < HARNESS_MAX_OPS)
        harness_ops[harness_nops++] = (struct harness_op){type, id, size};
}

/* Sizes as programs ask for them: mostly small, some medium, a few large. */
static size_t harness_size(void)
{
    unsigned r = (unsigned)(harness_rand() % 100);
    if (r < 70) return harness_between(1, 64);
    if (r < 95) return harness_between(65, 512);
    return harness_between(513, 4096);
}

/* Trace kinds (see grade.lua for what each is for). */
enum { HT_RANDOM, HT_COALESCE, HT_REALLOC, HT_PHASES, HT_SMALL };

/* Builds a trace; returns the number of operations. Every block is freed by the end. */
int harness_trace_make(int kind, long long seed, int nops, int maxlive)
{
    static int live[HARNESS_MAX_IDS];
    int nlive = 0;
    harness_rng = (unsigned long long)seed * 2654435761u + 88172645463325252ull;
    if (!harness_rng) harness_rng = 1;
    harness_nops = harness_nids = 0;
    if (maxlive > HARNESS_MAX_IDS) maxlive = HARNESS_MAX_IDS;
    if (kind == HT_RANDOM || kind == HT_SMALL) {
        while (harness_nops < nops - nlive && harness_nids < HARNESS_MAX_IDS) {
            unsigned r = (unsigned)(harness_rand() % 100);
            if (nlive < maxlive && (r < 55 || nlive == 0)) {
                size_t size = kind == HT_SMALL ? harness_between(1, 48) : harness_size();
                live[nlive++] = harness_nids;
                harness_emit(HOP_MALLOC, harness_nids++, size);
            } else if (r < 92 || kind == HT_SMALL) {
                int k = (int)(harness_rand() % (unsigned)nlive);
                harness_emit(HOP_FREE, live[k], 0);
                live[k] = live[--nlive];
            } else {
                int k = (int)(harness_rand() % (unsigned)nlive);
                harness_emit(HOP_REALLOC, live[k], kind == HT_SMALL ? harness_between(1, 48) : harness_size());
            }
        }
    } else if (kind == HT_COALESCE) {
        /* Many small blocks freed in a random order, then fewer large ones: the large ones
           fit only where neighbouring free blocks have been merged. Repeated. */
        for (int round = 0; round < 4; round++) {
            int base = harness_nids, n = maxlive;
            for (int i = 0; i < n; i++) harness_emit(HOP_MALLOC, harness_nids++, harness_between(90, 110));
            for (int i = 0; i < n; i++) live[i] = base + i;
            for (int i = n - 1; i > 0; i--) {
                int j = (int)(harness_rand() % (unsigned)(i + 1)), t = live[i];
                live[i] = live[j], live[j] = t;
            }
            for (int i = 0; i < n; i++) harness_emit(HOP_FREE, live[i], 0);
            base = harness_nids;
            for (int i = 0; i < n / 20; i++) harness_emit(HOP_MALLOC, harness_nids++, harness_between(1900, 2100));
            for (int i = 0; i < n / 20; i++) harness_emit(HOP_FREE, base + i, 0);
        }
        nlive = 0;
    } else if (kind == HT_REALLOC) {
        /* A few buffers that grow step by step, as a string builder or vector would,
           with small allocations coming and going in between. */
        int nbuf = 8, base = harness_nids;
        for (int i = 0; i < nbuf; i++) harness_emit(HOP_MALLOC, harness_nids++, harness_between(16, 64));
        size_t size[8];
        for (int i = 0; i < nbuf; i++) size[i] = harness_ops[harness_nops - nbuf + i].size;
        while (harness_nops < nops) {
            int b = (int)(harness_rand() % (unsigned)nbuf);
            size[b] += harness_between(1, 200);
            if (size[b] > 60000) size[b] = harness_between(16, 64);
            harness_emit(HOP_REALLOC, base + b, size[b]);
            if (harness_rand() % 4 == 0) {
                if (nlive < maxlive) {
                    live[nlive++] = harness_nids;
                    harness_emit(HOP_MALLOC, harness_nids++, harness_between(1, 128));
                } else {
                    int k = (int)(harness_rand() % (unsigned)nlive);
                    harness_emit(HOP_FREE, live[k], 0);
                    live[k] = live[--nlive];
                }
            }
        }
        for (int i = 0; i < nbuf; i++) harness_emit(HOP_FREE, base + i, 0);
    } else if (kind == HT_PHASES) {
        /* Build up, tear most down, build up again with different sizes. */
        for (int phase = 0; phase < 6; phase++) {
            size_t lo = phase % 2 ? 200 : 8, hi = phase % 2 ? 1500 : 120;
            while (nlive < maxlive) {
                live[nlive++] = harness_nids;
                harness_emit(HOP_MALLOC, harness_nids++, harness_between(lo, hi));
            }
            while (nlive > maxlive / 10) {
                int k = (int)(harness_rand() % (unsigned)nlive);
                harness_emit(HOP_FREE, live[k], 0);
                live[k] = live[--nlive];
            }
        }
    }
    /* Free whatever is still live. */
    for (int i = 0; i < nlive; i++) harness_emit(HOP_FREE, live[i], 0);
    return harness_nops;
}

/* ---------------------------------------------------------------- running a trace */

static void *harness_ptr[HARNESS_MAX_IDS];
static size_t harness_len[HARNESS_MAX_IDS];

/* Result codes of harness_trace_check; out[1] is the operation's index, out[2] its id. */
enum { HR_OK, HR_INIT, HR_NULL, HR_ALIGN, HR_OUTSIDE, HR_CORRUPT, HR_REALLOC_LOST, HR_NOHEAP };

static unsigned char harness_tag(int id) { return (unsigned char)(id * 37 + 11) | 1; }

static long harness_intact(int id)
{
    return harness_check(harness_ptr[id], harness_len[id], harness_tag(id));
}

/* Runs the trace through mm_* on an empty heap, checking everything: each block is
 * non-NULL, 16-aligned and inside the heap; it is filled with a byte of its own, and that
 * byte is checked before the block is freed or reallocated (another block that overlaps
 * it would have overwritten it). out: [0] result code, [1] op index, [2] id, [3] detail,
 * [4] peak bytes requested and live, [5] heap size at the end, [6] size of the op. */
int harness_trace_check(long long *out)
{
    memset(out, 0, 8 * sizeof *out);
    if (harness_heap_reset() != 0) return out[0] = HR_NOHEAP;
    if (mm_init() != 0 || harness_brk == 0) return out[0] = HR_INIT;
    size_t payload = 0, peak = 0;
    for (int i = 0; i < harness_nops; i++) {
        struct harness_op *op = &harness_ops[i];
        out[1] = i, out[2] = op->id, out[6] = (long long)op->size;
        void *p = NULL;
        if (op->type == HOP_FREE) {
            long bad = harness_intact(op->id);
            if (bad >= 0) { out[3] = bad; return out[0] = HR_CORRUPT; }
            mm_free(harness_ptr[op->id]);
            payload -= harness_len[op->id];
            harness_ptr[op->id] = NULL;
            continue;
        }
        if (op->type == HOP_MALLOC) {
            p = mm_malloc(op->size);
            if (!p) return out[0] = HR_NULL;
        } else {
            long bad = harness_intact(op->id);
            if (bad >= 0) { out[3] = bad; return out[0] = HR_CORRUPT; }
            p = mm_realloc(harness_ptr[op->id], op->size);
            if (!p) return out[0] = HR_NULL;
            size_t keep = harness_len[op->id] < op->size ? harness_len[op->id] : op->size;
            harness_ptr[op->id] = p; /* checked below before it is trusted */
            if ((uintptr_t)p % 16 == 0 && harness_heap_offset(p) >= 0 &&
                harness_heap_offset((unsigned char *)p + op->size - 1) >= 0) {
                bad = harness_check(p, keep, harness_tag(op->id));
                if (bad >= 0) { out[3] = bad; out[7] = (long long)harness_len[op->id]; return out[0] = HR_REALLOC_LOST; }
            }
            payload -= harness_len[op->id];
        }
        if ((uintptr_t)p % 16 != 0) { out[3] = (long long)((uintptr_t)p % 16); return out[0] = HR_ALIGN; }
        if (harness_heap_offset(p) < 0 || harness_heap_offset((unsigned char *)p + op->size - 1) < 0) {
            out[3] = harness_heap_offset(p);
            return out[0] = HR_OUTSIDE;
        }
        harness_ptr[op->id] = p;
        harness_len[op->id] = op->size;
        memset(p, harness_tag(op->id), op->size);
        payload += op->size;
        if (payload > peak) peak = payload;
    }
    out[4] = (long long)peak;
    out[5] = (long long)harness_brk;
    return out[0] = HR_OK;
}

/* The timed run: the same trace, touching one byte of every block, through the learner's
 * allocator (which = 0) or libc's malloc, free and realloc (which = 1). Returns 0, or 1 if
 * an allocation returned NULL. */
int harness_trace_time(int which)
{
    if (which == 0) {
        if (harness_heap_reset_to(0) != 0 || mm_init() != 0 || harness_brk == 0) return 1;
        for (int i = 0; i < harness_nops; i++) {
            struct harness_op *op = &harness_ops[i];
            if (op->type == HOP_FREE) { mm_free(harness_ptr[op->id]); continue; }
            void *p = op->type == HOP_MALLOC ? mm_malloc(op->size) : mm_realloc(harness_ptr[op->id], op->size);
            if (!p) return 1;
            *(volatile unsigned char *)p = 1;
            harness_ptr[op->id] = p;
        }
    } else {
        for (int i = 0; i < harness_nops; i++) {
            struct harness_op *op = &harness_ops[i];
            if (op->type == HOP_FREE) { free(harness_ptr[op->id]); continue; }
            void *p = op->type == HOP_MALLOC ? malloc(op->size) : realloc(harness_ptr[op->id], op->size);
            if (!p) return 1;
            *(volatile unsigned char *)p = 1;
            harness_ptr[op->id] = p;
        }
    }
    return 0;
}
