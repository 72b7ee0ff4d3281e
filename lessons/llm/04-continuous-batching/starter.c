/* An iteration-level (continuous) batching scheduler with preemption.
 *
 * A request with prompt P that has generated G tokens has a context of P + G tokens and
 * occupies ceil((P + G) / block_size) KV blocks; writing its next token needs
 * ceil((P + G + 1) / block_size). There are total_blocks blocks.
 *
 * sched_step runs one iteration:
 *  1. Grow: for each running request, oldest admission first: if its next token needs a
 *     block and none is free, preempt the most recently admitted running request (which
 *     may be this one): free all its blocks and put it back at the FRONT of the waiting
 *     queue (it keeps its generated tokens). Repeat until the block is free or this
 *     request was preempted.
 *  2. Admit (only if step 1 preempted nobody): while requests wait and fewer than
 *     max_batch run, the head of the queue needs ceil((P + G + 1) / block_size) blocks.
 *     Admit it if they are free; otherwise stop (nobody overtakes the head).
 *  3. Every running request generates one token. Those with G == output_len finish and
 *     free their blocks.
 * It writes the ids that ran (admission order) to running[] and returns their number;
 * the ids preempted in step 1 (in order) to preempted[]; the ids that finished (admission
 * order) to finished[].
 */
#include <stdlib.h>
#include <string.h>

struct sched {
    int total, bs, max_batch, free;
    /* TODO: the running requests (in admission order) and the waiting queue */
};

struct sched *sched_new(int total_blocks, int block_size, int max_batch)
{
    struct sched *s = calloc(1, sizeof *s);
    s->total = s->free = total_blocks;
    s->bs = block_size;
    s->max_batch = max_batch;
    return s;
}

void sched_add(struct sched *s, int id, int prompt_len, int output_len)
{
    /* TODO: append to the waiting queue */
}

int sched_step(struct sched *s, int *running, int *preempted, int *npreempted, int *finished, int *nfinished)
{
    /* TODO */
    *npreempted = 0;
    *nfinished = 0;
    return 0;
}

int sched_free_blocks(const struct sched *s)
{
    return s->free;
}

void sched_free(struct sched *s)
{
    free(s);
}
