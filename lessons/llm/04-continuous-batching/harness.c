/* harness.c for llm/04-continuous-batching: runs a request trace through the learner's
 * scheduler on a simulated clock of steps, checks the invariants every step, and records
 * every step so grade.lua can compare the run with the reference's. */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

struct sched;
struct sched *sched_new(int total_blocks, int block_size, int max_batch);
void sched_add(struct sched *s, int id, int prompt_len, int output_len);
int sched_step(struct sched *s, int *running, int *preempted, int *npreempted, int *finished, int *nfinished);
int sched_free_blocks(const struct sched *s);
void sched_free(struct sched *s);

/* Request i arrives at step arrive[i] (non-decreasing) with plen[i] prompt tokens and
 * wants olen[i] output tokens. rec receives, per step: t, n, running ids..., np,
 * preempted ids..., nf, finished ids..., free blocks. finish_step[i] and the number of
 * preemptions per request are filled in. Returns the number of ints recorded, or -1 with
 * a message in err. ids has room for max_batch + 1 ints (scratch for the learner). */
long long harness_run(const int *arrive, const int *plen, const int *olen, int n, int total_blocks, int bs,
                      int max_batch, int *rec, long long rec_cap, int *finish_step, char *err, int errlen)
{
    struct sched *s = sched_new(total_blocks, bs, max_batch);
    if (!s) { snprintf(err, (size_t)errlen, "sched_new returned NULL"); return -1; }
    int *gen = calloc((size_t)n, sizeof(int));
    char *state = calloc((size_t)n, 1);      /* 0 not arrived, 1 waiting/running, 2 finished */
    int *running = malloc(sizeof(int) * (size_t)(max_batch + 2));
    int *pre = malloc(sizeof(int) * (size_t)(max_batch + 2));
    int *fin = malloc(sizeof(int) * (size_t)(max_batch + 2));
    char *seen = calloc((size_t)n, 1);
    long long at = 0;
    int next = 0, done = 0, rc = 0, idle = 0;
    for (int t = 0; done < n; t++) {
        while (next < n && arrive[next] <= t) {
            sched_add(s, next, plen[next], olen[next]);
            state[next++] = 1;
        }
        int np = -1, nf = -1;
        int k = sched_step(s, running, pre, &np, fin, &nf);
        if (k < 0 || k > max_batch || np < 0 || np > max_batch + 1 || nf < 0 || nf > k) {
            snprintf(err, (size_t)errlen, "step %d: sched_step returned %d running (max_batch %d), %d preempted, %d finished", t, k, max_batch, np, nf);
            rc = -1; break;
        }
        long long used = 0;
        for (int j = 0; j < k; j++) {
            int id = running[j];
            if (id < 0 || id >= n || state[id] != 1 || seen[id]) {
                snprintf(err, (size_t)errlen, "step %d: running slot %d holds id %d, which %s", t, j, id,
                         id < 0 || id >= n || state[id] == 0 ? "has not arrived" : state[id] == 2 ? "has finished" : "appears twice");
                rc = -1; break;
            }
            seen[id] = 1;
            gen[id]++;
            used += (plen[id] + gen[id] + bs - 1) / bs;    /* its blocks while writing the new token */
        }
        if (rc) break;
        if (used > total_blocks) {
            snprintf(err, (size_t)errlen, "step %d: the %d running requests need %lld blocks for their contexts, more than the %d there are", t, k, used, total_blocks);
            rc = -1; break;
        }
        for (int j = 0; j < nf; j++) {
            int id = fin[j];
            if (id < 0 || id >= n || !seen[id] || gen[id] != olen[id]) {
                snprintf(err, (size_t)errlen, "step %d: request %d reported finished after %d of its %d tokens", t, id,
                         id >= 0 && id < n ? gen[id] : -1, id >= 0 && id < n ? olen[id] : -1);
                rc = -1; break;
            }
            state[id] = 2;
            finish_step[id] = t;
            done++;
        }
        if (rc) break;
        for (int j = 0; j < k; j++) {
            int id = running[j];
            seen[id] = 0;
            if (state[id] == 1 && gen[id] >= olen[id]) {
                snprintf(err, (size_t)errlen, "step %d: request %d has all %d of its tokens but was not reported finished", t, id, olen[id]);
                rc = -1; break;
            }
        }
        if (rc) break;
        idle = k == 0 && next == n ? idle + 1 : 0;
        if (idle > 2) {
            snprintf(err, (size_t)errlen, "step %d: %d requests wait, nothing runs and nothing more will arrive: the scheduler is stuck", t, n - done);
            rc = -1; break;
        }
        long long need = 4 + (long long)k + np + nf;
        if (at + need > rec_cap) { snprintf(err, (size_t)errlen, "step %d: the record is full (the run is far longer than the reference's)", t); rc = -1; break; }
        rec[at++] = t;
        rec[at++] = k;
        for (int j = 0; j < k; j++) rec[at++] = running[j];
        rec[at++] = np;
        for (int j = 0; j < np; j++) rec[at++] = pre[j];
        rec[at++] = nf;
        for (int j = 0; j < nf; j++) rec[at++] = fin[j];
        rec[at++] = sched_free_blocks(s);
    }
    sched_free(s);
    free(gen); free(state); free(running); free(pre); free(fin); free(seen);
    return rc ? -1 : at;
}

/* Bytes left allocated after a scheduler with running and waiting requests is freed. */
long long harness_leak(void)
{
    int a[64], b[64], c[64], na, nc;
    struct mallinfo2 before = mallinfo2();
    struct sched *s = sched_new(100, 16, 32);
    if (!s) return -1;
    for (int i = 0; i < 2000; i++) sched_add(s, i, 50, 100);
    for (int t = 0; t < 5; t++) sched_step(s, a, b, &na, c, &nc);
    sched_free(s);
    struct mallinfo2 after = mallinfo2();
    return (long long)after.uordblks - (long long)before.uordblks;
}
