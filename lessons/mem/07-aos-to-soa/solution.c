/* A store of particles as a structure of arrays (SoA).
 *
 * Each field lives in its own array, so a pass over one field reads only that field:
 * store_total_charge streams 4 bytes per particle from memory instead of a whole 64-byte
 * line, 16 charges per cache line fetched. store_set and store_get scatter and gather one
 * particle across the arrays; they touch ten lines instead of one, which is the price of
 * the layout and is worth paying when whole-array passes over a few fields dominate.
 */
#include <stdlib.h>

struct particle {
    float x, y, z;
    float vx, vy, vz;
    float mass;
    int charge;
    int id, flags;
    float reserved[6];
};

struct store {
    long n;
    float *x, *y, *z, *vx, *vy, *vz, *mass;
    int *charge, *id, *flags;
};

#define FLOAT_FIELDS 7
#define INT_FIELDS 3

struct store *store_new(long n)
{
    struct store *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n = n;
    size_t m = n > 0 ? (size_t)n : 1;
    float **f[FLOAT_FIELDS] = {&s->x, &s->y, &s->z, &s->vx, &s->vy, &s->vz, &s->mass};
    int **g[INT_FIELDS] = {&s->charge, &s->id, &s->flags};
    int ok = 1;
    for (int k = 0; k < FLOAT_FIELDS; k++)
        ok &= (*f[k] = calloc(m, sizeof(float))) != NULL;
    for (int k = 0; k < INT_FIELDS; k++)
        ok &= (*g[k] = calloc(m, sizeof(int))) != NULL;
    if (!ok) {
        free(s->x); free(s->y); free(s->z); free(s->vx); free(s->vy); free(s->vz); free(s->mass);
        free(s->charge); free(s->id); free(s->flags);
        free(s);
        return NULL;
    }
    return s;
}

void store_free(struct store *s)
{
    free(s->x); free(s->y); free(s->z); free(s->vx); free(s->vy); free(s->vz); free(s->mass);
    free(s->charge); free(s->id); free(s->flags);
    free(s);
}

void store_set(struct store *s, long i, const struct particle *p)
{
    s->x[i] = p->x; s->y[i] = p->y; s->z[i] = p->z;
    s->vx[i] = p->vx; s->vy[i] = p->vy; s->vz[i] = p->vz;
    s->mass[i] = p->mass;
    s->charge[i] = p->charge; s->id[i] = p->id; s->flags[i] = p->flags;
}

void store_get(const struct store *s, long i, struct particle *out)
{
    out->x = s->x[i]; out->y = s->y[i]; out->z = s->z[i];
    out->vx = s->vx[i]; out->vy = s->vy[i]; out->vz = s->vz[i];
    out->mass = s->mass[i];
    out->charge = s->charge[i]; out->id = s->id[i]; out->flags = s->flags[i];
}

long long store_total_charge(const struct store *s)
{
    long long total = 0;
    for (long i = 0; i < s->n; i++)
        total += s->charge[i];
    return total;
}
