/* Byte-level BPE.
 *
 * Tokens 0..255 are single bytes. Merge r (r = 0 .. nmerges-1) joins the adjacent pair
 * (merges[2r], merges[2r+1]) into the new token 256 + r; a lower r is a higher priority.
 *
 * bpe_encode: start from the bytes of text (len bytes, any values 0..255) and repeat:
 *   find the adjacent pair with the lowest merge rank; replace all its occurrences, left
 *   to right, without overlapping; until no adjacent pair has a merge. Write the tokens
 *   to out (room for len ints) and return their number.
 * bpe_decode: write the bytes of the n tokens to out and return how many; -1 if an id is
 *   not a token (out has room for the whole text).
 */
#include <stdlib.h>
#include <string.h>

struct bpe {
    int nmerges;
    int *merges;
    /* TODO: whatever makes encoding fast */
};

struct bpe *bpe_new(const int *merges, int nmerges)
{
    struct bpe *t = calloc(1, sizeof *t);
    t->nmerges = nmerges;
    t->merges = malloc(sizeof(int) * 2 * (size_t)(nmerges + 1));
    memcpy(t->merges, merges, sizeof(int) * 2 * (size_t)nmerges);
    return t;
}

int bpe_encode(const struct bpe *t, const char *text, int len, int *out)
{
    /* TODO: this returns the bytes, unmerged */
    for (int i = 0; i < len; i++)
        out[i] = text[i];
    return len;
}

int bpe_decode(const struct bpe *t, const int *ids, int n, char *out)
{
    /* TODO */
    return 0;
}

void bpe_free(struct bpe *t)
{
    free(t->merges);
    free(t);
}
