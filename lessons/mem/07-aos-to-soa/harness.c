/* harness.c for mem/07-aos-to-soa: fills a store and checks it, in C. */
#include <string.h>

struct particle {
    float x, y, z;
    float vx, vy, vz;
    float mass;
    int charge;
    int id, flags;
    float reserved[6];
};
struct store;
void store_set(struct store *s, long i, const struct particle *p);
void store_get(const struct store *s, long i, struct particle *out);

static unsigned long long harness_next(unsigned long long *x)
{
    *x ^= *x << 13; *x ^= *x >> 7; *x ^= *x << 17;
    return *x;
}

static void harness_make(long i, unsigned long long seed, struct particle *p)
{
    unsigned long long x = (seed + (unsigned long long)i) * 0x9E3779B97F4A7C15ULL | 1;
    harness_next(&x);
    memset(p, 0, sizeof *p);
    p->x = (float)(harness_next(&x) % 10000) / 7; p->y = -(float)i; p->z = (float)(seed % 1000);
    p->vx = 0.5f; p->vy = -0.25f; p->vz = (float)(i % 13);
    p->mass = 1 + (float)(i % 5);
    p->charge = (int)(harness_next(&x) % 2001) - 1000;
    p->id = (int)i; p->flags = (int)(harness_next(&x) & 0xff);
    for (int k = 0; k < 6; k++) p->reserved[k] = 99;
}

/* Sets particles 0..n-1 from seed; returns their total charge. */
long long harness_fill(struct store *s, long n, long long seed)
{
    long long total = 0;
    struct particle p;
    for (long i = 0; i < n; i++) {
        harness_make(i, (unsigned long long)seed, &p);
        store_set(s, i, &p);
        total += p.charge;
    }
    return total;
}

/* Reads every particle back; returns the first index whose named fields differ, or -1.
 * field[0] receives the number of the first wrong field (0 = x ... 9 = flags). */
long harness_check(const struct store *s, long n, long long seed, int *field)
{
    struct particle want, got;
    for (long i = 0; i < n; i++) {
        harness_make(i, (unsigned long long)seed, &want);
        memset(&got, 0, sizeof got);
        store_get(s, i, &got);
        float wf[7] = {want.x, want.y, want.z, want.vx, want.vy, want.vz, want.mass};
        float gf[7] = {got.x, got.y, got.z, got.vx, got.vy, got.vz, got.mass};
        for (int k = 0; k < 7; k++)
            if (wf[k] != gf[k]) { *field = k; return i; }
        if (want.charge != got.charge) { *field = 7; return i; }
        if (want.id != got.id) { *field = 8; return i; }
        if (want.flags != got.flags) { *field = 9; return i; }
    }
    return -1;
}

/* Changes the charge of a few particles (through store_set); returns the change in total. */
long long harness_perturb(struct store *s, long n, long long seed, int count)
{
    unsigned long long x = (unsigned long long)seed * 0x2545F4914F6CDD1DULL | 1;
    long long delta = 0;
    struct particle p;
    for (int k = 0; k < count; k++) {
        long i = (long)(harness_next(&x) % (unsigned long long)n);
        store_get(s, i, &p);
        int c = (int)(harness_next(&x) % 2001) - 1000;
        delta += c - p.charge;
        p.charge = c;
        store_set(s, i, &p);
    }
    return delta;
}

#include <malloc.h>
#include <stdint.h>
struct store *store_new(long n);
void store_free(struct store *s);

/* 1 when p looks like a pointer malloc could have returned (not NULL, not a small integer,
 * 8-byte aligned). */
int harness_plausible(const void *p)
{
    uintptr_t v = (uintptr_t)p;
    return v >= 65536 && (v & 7) == 0;
}

/* Creates and frees 200 stores of 1000 particles; returns the bytes still allocated
 * afterwards that were not before (or -1 if store_new failed). */
long long harness_leak(void)
{
    struct mallinfo2 before = mallinfo2();
    for (int k = 0; k < 200; k++) {
        struct store *s = store_new(1000);
        if (!harness_plausible(s)) return -1;
        store_free(s);
    }
    struct mallinfo2 after = mallinfo2();
    return (long long)after.uordblks - (long long)before.uordblks;
}
