/* A token bucket on an injected clock.
 *
 * The bucket holds up to `burst` tokens and gains `rate` tokens per second. Nothing runs in
 * the background: tokens are added lazily, when somebody asks, for the time elapsed since the
 * last refill, and capped at burst. Time is passed in by the caller (now, in seconds), which
 * makes the limiter testable without sleeping and usable with any clock.
 *
 * Calls come from many threads at once, so refill-and-take is one critical section. Their
 * clocks may also disagree slightly: a thread that read the clock a moment before another
 * may arrive after it. Refilling only forward (never for a `now` older than the last one)
 * keeps such a call from minting tokens twice for the same interval.
 */
#include <pthread.h>
#include <stdlib.h>

struct bucket {
    pthread_mutex_t lock;
    double rate, burst;
    double tokens;          /* guarded by lock */
    double last;            /* the latest time tokens were added for */
};

struct bucket *bucket_new(double rate, double burst, double now)
{
    struct bucket *b = malloc(sizeof *b);
    if (!b)
        return NULL;
    pthread_mutex_init(&b->lock, NULL);
    b->rate = rate;
    b->burst = burst;
    b->tokens = burst;      /* starts full */
    b->last = now;
    return b;
}

/* Adds the tokens earned since b->last. Called with the lock held. */
static void refill(struct bucket *b, double now)
{
    if (now > b->last) {
        b->tokens += (now - b->last) * b->rate;
        if (b->tokens > b->burst)
            b->tokens = b->burst;
        b->last = now;
    }
}

int bucket_take(struct bucket *b, double now, double n)
{
    pthread_mutex_lock(&b->lock);
    refill(b, now);
    int ok = b->tokens >= n;
    if (ok)
        b->tokens -= n;
    pthread_mutex_unlock(&b->lock);
    return ok;
}

double bucket_wait(struct bucket *b, double now, double n)
{
    if (n > b->burst)
        return -1;          /* never: the bucket cannot hold that many */
    pthread_mutex_lock(&b->lock);
    refill(b, now);
    double missing = n - b->tokens;
    double t = missing <= 0 ? 0 : missing / b->rate;
    if (now < b->last)
        t += b->last - now; /* the tokens are counted up to b->last already */
    pthread_mutex_unlock(&b->lock);
    return t;
}

void bucket_free(struct bucket *b)
{
    pthread_mutex_destroy(&b->lock);
    free(b);
}
