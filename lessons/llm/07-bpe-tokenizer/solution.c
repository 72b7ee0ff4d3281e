/* Byte-level BPE: encode by applying merges in rank order, decode by expanding tokens.
 *
 * Tokens 0..255 are the bytes. Merge i joins the pair (merges[2i], merges[2i+1]) into
 * token 256 + i. Encoding starts from the text's bytes (unsigned: 0..255) and repeats:
 * find the adjacent pair with the lowest merge rank; replace every occurrence of it, left
 * to right, without overlaps; stop when no adjacent pair has a merge.
 *
 * A pair that has been merged cannot reappear (later merges only create pairs involving
 * newer tokens), so each rank is applied at most once: at most nmerges passes over the
 * sequence, each O(n) with a hash table from pair to rank.
 */
#include <stdlib.h>
#include <string.h>

struct bpe {
    int nmerges;
    int *left, *right;            /* children of token 256 + i */
    long long *keys;              /* open-addressing table: pair key -> rank */
    int *ranks, cap;
    int *len;                     /* bytes in each token's expansion */
};

static long long key(int a, int b) { return ((long long)a << 32) | (unsigned)b; }

static unsigned long long hash(long long k)
{
    unsigned long long x = (unsigned long long)k * 0x9E3779B97F4A7C15ULL;
    return x ^ (x >> 29);
}

static int rank_of(const struct bpe *t, int a, int b)
{
    long long k = key(a, b);
    for (unsigned long long i = hash(k) & (unsigned)(t->cap - 1);; i = (i + 1) & (unsigned)(t->cap - 1)) {
        if (t->keys[i] == -1) return -1;
        if (t->keys[i] == k) return t->ranks[i];
    }
}

struct bpe *bpe_new(const int *merges, int nmerges)
{
    struct bpe *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->nmerges = nmerges;
    t->left = malloc(sizeof(int) * (size_t)(nmerges + 1));
    t->right = malloc(sizeof(int) * (size_t)(nmerges + 1));
    t->len = malloc(sizeof(int) * (size_t)(256 + nmerges));
    t->cap = 16;
    while (t->cap < 2 * nmerges + 2) t->cap *= 2;
    t->keys = malloc(sizeof(long long) * (size_t)t->cap);
    t->ranks = malloc(sizeof(int) * (size_t)t->cap);
    for (int i = 0; i < t->cap; i++) t->keys[i] = -1;
    for (int i = 0; i < 256; i++) t->len[i] = 1;
    for (int r = 0; r < nmerges; r++) {
        int a = merges[2 * r], b = merges[2 * r + 1];
        t->left[r] = a;
        t->right[r] = b;
        t->len[256 + r] = t->len[a] + t->len[b];
        long long k = key(a, b);
        unsigned long long i = hash(k) & (unsigned)(t->cap - 1);
        while (t->keys[i] != -1 && t->keys[i] != k) i = (i + 1) & (unsigned)(t->cap - 1);
        if (t->keys[i] == -1) {        /* a repeated pair keeps its first (lowest) rank */
            t->keys[i] = k;
            t->ranks[i] = r;
        }
    }
    return t;
}

int bpe_encode(const struct bpe *t, const char *text, int len, int *out)
{
    int n = len;
    for (int i = 0; i < n; i++)
        out[i] = (unsigned char)text[i];         /* bytes are 0..255, whatever char's sign */
    for (;;) {
        int best = -1;
        for (int i = 0; i + 1 < n; i++) {
            int r = rank_of(t, out[i], out[i + 1]);
            if (r >= 0 && (best < 0 || r < best)) best = r;
        }
        if (best < 0)
            return n;
        int a = t->left[best], b = t->right[best], w = 0;
        for (int i = 0; i < n;) {
            if (i + 1 < n && out[i] == a && out[i + 1] == b) {
                out[w++] = 256 + best;
                i += 2;
            } else {
                out[w++] = out[i++];
            }
        }
        n = w;
    }
}

static int expand(const struct bpe *t, int id, char *out)
{
    if (id < 256) {
        out[0] = (char)id;
        return 1;
    }
    int k = expand(t, t->left[id - 256], out);
    return k + expand(t, t->right[id - 256], out + k);
}

int bpe_decode(const struct bpe *t, const int *ids, int n, char *out)
{
    int w = 0;
    for (int i = 0; i < n; i++) {
        if (ids[i] < 0 || ids[i] >= 256 + t->nmerges)
            return -1;
        w += expand(t, ids[i], out + w);
    }
    return w;
}

void bpe_free(struct bpe *t)
{
    if (!t) return;
    free(t->left);
    free(t->right);
    free(t->len);
    free(t->keys);
    free(t->ranks);
    free(t);
}
