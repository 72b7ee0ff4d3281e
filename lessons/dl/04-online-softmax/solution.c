/* Online softmax (Milakov and Gimelshein, 2018): one pass, a running maximum, and a sum
 * that is rescaled whenever the maximum grows.
 *
 * Invariant: sum = sum over values seen of expf(v - max). Every term is <= 1 and the
 * largest is exactly 1, so sum never overflows and, once a finite value is seen, is >= 1.
 * The only trap is -INFINITY - (-INFINITY) = NaN: it arises for an empty state (max is
 * -INFINITY) meeting a masked value, and is kept away from expf below.
 */
#include <math.h>

struct osm {
    float max;
    float sum;
};

void osm_init(struct osm *s)
{
    s->max = -INFINITY;
    s->sum = 0.0f;
}

void osm_update(struct osm *s, const float *x, int n)
{
    float m = s->max, sum = s->sum;
    for (int i = 0; i < n; i++) {
        float v = x[i];
        if (v > m) {
            /* Old terms were relative to m; relative to v they shrink by expf(m - v).
             * For an empty state m = -INFINITY, expf(-INFINITY) = 0 and sum = 0: fine. */
            sum = sum * expf(m - v) + 1.0f;
            m = v;
        } else if (v != -INFINITY) {
            sum += expf(v - m);
        }
        /* v == -INFINITY adds expf(-inf) = 0: nothing. */
    }
    s->max = m;
    s->sum = sum;
}

void osm_merge(struct osm *a, const struct osm *b)
{
    if (b->max == -INFINITY)   /* b saw nothing (finite): a is already the answer */
        return;
    if (a->max == -INFINITY) {
        *a = *b;
        return;
    }
    float m = fmaxf(a->max, b->max);
    a->sum = a->sum * expf(a->max - m) + b->sum * expf(b->max - m);
    a->max = m;
}

float osm_prob(const struct osm *s, float x)
{
    return expf(x - s->max) / s->sum;
}
