/* An iteration-level (continuous) batching scheduler with preemption by recomputation,
 * in the style of vLLM.
 *
 * Every step, each running request produces one token. A request whose context holds
 * len tokens occupies ceil(len / block_size) KV blocks; the step's new token is written
 * at position len, so it needs ceil((len + 1) / block_size) blocks during the step.
 *
 * sched_step:
 *  1. Grow: for each running request, oldest admission first, make room for its next
 *     token. If it needs a new block and none is free, preempt the most recently admitted
 *     running request (possibly itself): free all its blocks and put it back at the front
 *     of the waiting queue. Repeat until the block is free or the request was preempted.
 *  2. Admit: only if nothing was preempted this step. While the waiting queue is not empty
 *     and fewer than max_batch run: the head needs ceil((prompt + generated + 1) /
 *     block_size) blocks (its whole context is recomputed). If they are free, admit it;
 *     otherwise stop (first come, first served: nobody overtakes the head).
 *  3. Run: every running request generates one token; those that reach their output
 *     length finish and free their blocks.
 */
#include <stdlib.h>
#include <string.h>

struct req {
    int id, prompt, output, generated, blocks;
};

struct sched {
    int total, bs, max_batch, free;
    struct req *run;          /* running, in admission order */
    int nrun;
    struct req *wait;         /* waiting queue, head first (an array: small in practice) */
    int nwait, wcap;
};

static int blocks_for(const struct sched *s, int len) { return (len + s->bs - 1) / s->bs; }

struct sched *sched_new(int total_blocks, int block_size, int max_batch)
{
    struct sched *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->total = s->free = total_blocks;
    s->bs = block_size;
    s->max_batch = max_batch;
    s->run = malloc(sizeof *s->run * (size_t)(max_batch + 1));
    return s;
}

static void wait_insert(struct sched *s, int at, struct req r)
{
    if (s->nwait == s->wcap) {
        s->wcap = s->wcap ? s->wcap * 2 : 16;
        s->wait = realloc(s->wait, sizeof *s->wait * (size_t)s->wcap);
    }
    memmove(&s->wait[at + 1], &s->wait[at], sizeof *s->wait * (size_t)(s->nwait - at));
    s->wait[at] = r;
    s->nwait++;
}

void sched_add(struct sched *s, int id, int prompt_len, int output_len)
{
    wait_insert(s, s->nwait, (struct req){id, prompt_len, output_len, 0, 0});
}

int sched_step(struct sched *s, int *running, int *preempted, int *npreempted, int *finished, int *nfinished)
{
    int np = 0, nf = 0;
    /* 1. Grow, preempting the newest when blocks run out. */
    for (int i = 0; i < s->nrun; i++) {
        struct req *r = &s->run[i];
        int need = blocks_for(s, r->prompt + r->generated + 1) - r->blocks;
        while (need > s->free) {
            struct req victim = s->run[--s->nrun];      /* the most recently admitted */
            s->free += victim.blocks;
            victim.blocks = 0;
            wait_insert(s, 0, victim);                  /* the front of the queue */
            preempted[np++] = victim.id;
            if (s->nrun == i)                           /* it was r itself */
                break;
        }
        if (i < s->nrun) {
            s->free -= need;
            r->blocks += need;
        }
    }
    /* 2. Admit, first come first served, unless this step preempted. */
    if (np == 0) {
        while (s->nwait > 0 && s->nrun < s->max_batch) {
            struct req h = s->wait[0];
            int need = blocks_for(s, h.prompt + h.generated + 1);
            if (need > s->free)
                break;
            s->free -= need;
            h.blocks = need;
            s->run[s->nrun++] = h;
            memmove(&s->wait[0], &s->wait[1], sizeof *s->wait * (size_t)--s->nwait);
        }
    }
    /* 3. Run one token for everyone; retire the finished. */
    int k = s->nrun, keep = 0;
    for (int i = 0; i < s->nrun; i++) {
        running[i] = s->run[i].id;
        s->run[i].generated++;
        if (s->run[i].generated == s->run[i].output) {
            finished[nf++] = s->run[i].id;
            s->free += s->run[i].blocks;
        } else {
            s->run[keep++] = s->run[i];
        }
    }
    s->nrun = keep;
    *npreempted = np;
    *nfinished = nf;
    return k;
}

int sched_free_blocks(const struct sched *s)
{
    return s->free;
}

void sched_free(struct sched *s)
{
    if (!s) return;
    free(s->run);
    free(s->wait);
    free(s);
}
