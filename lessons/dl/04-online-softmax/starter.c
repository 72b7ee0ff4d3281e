/* Online softmax: the statistics of a softmax row, gathered in one pass over chunks.
 *
 * After any sequence of updates, a state must hold, for all the values seen so far:
 *   max = the largest value (-INFINITY when none, or all were -INFINITY)
 *   sum = sum of expf(v - max) over those values (0 when none)
 * The grader passes chunks one at a time; it never shows you the whole row.
 */
#include <math.h>

struct osm {
    float max;
    float sum;
};

/* The state of an empty row. */
void osm_init(struct osm *s)
{
    /* TODO */
}

/* Folds the n values at x (n may be 0) into s. */
void osm_update(struct osm *s, const float *x, int n)
{
    /* TODO */
}

/* a = the state of (a's values followed by b's values). Either may be empty. */
void osm_merge(struct osm *a, const struct osm *b)
{
    /* TODO */
}

/* The softmax probability of value x in the row summarised by s. */
float osm_prob(const struct osm *s, float x)
{
    /* TODO */
    return 0.0f;
}
