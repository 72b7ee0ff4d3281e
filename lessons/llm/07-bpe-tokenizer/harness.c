/* harness.c for llm/07-bpe-tokenizer: a leak check around bpe_free. */
#define _GNU_SOURCE
#include <malloc.h>

struct bpe;
struct bpe *bpe_new(const int *merges, int nmerges);
int bpe_encode(const struct bpe *t, const char *text, int len, int *out);
void bpe_free(struct bpe *t);

/* Bytes left allocated after a tokenizer with 2,000 merges is built, used and freed. */
long long harness_leak(void)
{
    static int merges[4000];
    int out[64];
    for (int r = 0; r < 2000; r++) {
        merges[2 * r] = 97 + r % 20;
        merges[2 * r + 1] = r < 20 ? 98 : 256 + r - 20;
    }
    struct mallinfo2 before = mallinfo2();
    struct bpe *t = bpe_new(merges, 2000);
    if (!t) return -1;
    bpe_encode(t, "abababcabcabdab", 15, out);
    bpe_free(t);
    struct mallinfo2 after = mallinfo2();
    return (long long)after.uordblks - (long long)before.uordblks;
}
