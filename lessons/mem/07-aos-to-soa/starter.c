/* A store of n particles.
 *
 * The tests only use these five functions; how struct store keeps the particles is up to
 * you. As written it keeps an array of structs (AoS). Make store_total_charge fast.
 */
#include <stdlib.h>

struct particle {
    float x, y, z;          /* position */
    float vx, vy, vz;       /* velocity */
    float mass;
    int charge;             /* in units of the elementary charge */
    int id, flags;
    float reserved[6];      /* makes the struct 64 bytes: one cache line */
};

struct store {
    long n;
    struct particle *p;
};

/* A store for n particles (n >= 0), all fields zero; NULL if out of memory. */
struct store *store_new(long n)
{
    struct store *s = malloc(sizeof *s);
    if (!s)
        return NULL;
    s->n = n;
    s->p = calloc(n > 0 ? n : 1, sizeof *s->p);
    if (!s->p) {
        free(s);
        return NULL;
    }
    return s;
}

void store_free(struct store *s)
{
    free(s->p);
    free(s);
}

/* Particle i (0 <= i < n) becomes *p. reserved[] need not be kept. */
void store_set(struct store *s, long i, const struct particle *p)
{
    s->p[i] = *p;
}

/* *out receives particle i; its reserved[] may hold anything. */
void store_get(const struct store *s, long i, struct particle *out)
{
    *out = s->p[i];
}

/* The sum of charge over all n particles. */
long long store_total_charge(const struct store *s)
{
    /* TODO: sum the charges, and choose a layout where this reads only the charges */
    return 0;
}
