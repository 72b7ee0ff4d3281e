/* Test helpers for c/04: call the learner's comparators through qsort and the dispatch
 * table through find_op, in C, as real callers would. */
#include <stdlib.h>
#include <string.h>

typedef long long (*op_fn)(long long, long long);
int cmp_int(const void *a, const void *b);
int cmp_word(const void *a, const void *b);
op_fn find_op(const char *name);

int harness_cmp_int(int x, int y) { return cmp_int(&x, &y); }
int harness_cmp_word(const char *x, const char *y) { return cmp_word(&x, &y); }
void harness_sort_ints(int *a, int n) { qsort(a, (size_t)n, sizeof *a, cmp_int); }

/* Sorts the space-separated words of text with qsort and cmp_word, and writes them to
 * out, space-separated. Returns the number of words, or -1 if there are too many. */
int harness_sort_words(const char *text, char *out, int out_size)
{
    static char copy[1 << 16];
    static const char *words[4096];
    size_t len = strlen(text);
    if (len >= sizeof copy || (int)len >= out_size) return -1;
    memcpy(copy, text, len + 1);
    int n = 0;
    for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
        if (n == 4096) return -1;
        words[n++] = w;
    }
    qsort(words, (size_t)n, sizeof *words, cmp_word);
    char *p = out;
    for (int i = 0; i < n; i++) {
        size_t k = strlen(words[i]);
        if (i) *p++ = ' ';
        memcpy(p, words[i], k);
        p += k;
    }
    *p = '\0';
    return n;
}

int harness_has_op(const char *name) { return find_op(name) != NULL; }

long long harness_apply(const char *name, long long a, long long b)
{
    op_fn f = find_op(name);
    return f ? f(a, b) : 0;
}
