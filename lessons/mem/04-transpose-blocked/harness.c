/* harness.c for mem/04-transpose-blocked: checks a transpose in C (64 M elements are too
 * many to compare from Lua). */

/* The first flat index k of b where b is not the transpose of a, or -1 if it is. */
long long harness_first_wrong(const int *a, const int *b, int rows, int cols)
{
    for (long j = 0; j < cols; j++)
        for (long i = 0; i < rows; i++)
            if (b[j * rows + i] != a[i * cols + j])
                return j * rows + i;
    return -1;
}

/* Changes `count` elements of a (deterministically from seed) so that no two repetitions
 * of the timing see the same matrix. */
void harness_perturb(int *a, long long n, long long seed, int count)
{
    unsigned long long x = (unsigned long long)seed * 6364136223846793005ULL + 1442695040888963407ULL;
    for (int k = 0; k < count; k++) {
        x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33;
        a[x % (unsigned long long)n] = (int)(x >> 40);
    }
}
