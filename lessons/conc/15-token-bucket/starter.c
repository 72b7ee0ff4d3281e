/* A token bucket rate limiter, on an injected clock.
 *
 * The bucket holds at most burst tokens and earns rate tokens per second; it starts full.
 * Every call says what time it is (now, in seconds, from whatever clock the caller uses), so
 * nothing here sleeps or runs in the background. Many threads call it at once.
 */
#include <pthread.h>
#include <stdlib.h>

struct bucket {
    double rate, burst;
    double tokens;
    /* TODO: when tokens were last added; a lock */
};

/* A full bucket at time now, or NULL if memory runs out. */
struct bucket *bucket_new(double rate, double burst, double now)
{
    struct bucket *b = malloc(sizeof *b);
    if (!b)
        return NULL;
    b->rate = rate;
    b->burst = burst;
    b->tokens = burst;
    return b;
}

/* If n tokens are available at time now, takes them and returns 1; otherwise returns 0 and
   takes nothing. */
int bucket_take(struct bucket *b, double now, double n)
{
    /* TODO: first add the tokens earned since the last call (at most burst in all) */
    if (b->tokens >= n) {
        b->tokens -= n;
        return 1;
    }
    return 0;
}

/* Seconds from now until n tokens will be available (0 if they are now), or -1 if n > burst. */
double bucket_wait(struct bucket *b, double now, double n)
{
    /* TODO */
    return 0;
}

/* Releases the bucket; no thread uses it any more. */
void bucket_free(struct bucket *b)
{
    free(b);
}
