/* A spinlock: test-and-test-and-set with exponential backoff, and a yield when waiting long.
 *
 * Three things make a spinlock behave under contention:
 * - Test before test-and-set. kd_atomic_exchange_int always writes, so every attempt pulls the
 *   lock's cache line over to the spinning core, away from the holder that will soon want it
 *   back to unlock. Spinning on a plain load instead keeps a shared copy in each waiter's cache
 *   until the holder's unlock invalidates it; only then do the waiters try the exchange.
 * - Back off. When the exchange fails anyway (somebody else won), wait a little, and twice as
 *   long the next time, so the waiters stop arriving all at once.
 * - Yield. A spinlock assumes the holder is running on another core. With more threads than
 *   cores, the holder may be preempted; spinning then only burns the time slice the holder
 *   needs. After a while, give the CPU away with sched_yield.
 */
#include <kdojo/atomic.h>
#include <sched.h>

int spin_trylock(volatile int *lock)
{
    return kd_atomic_load_int(lock) == 0 && kd_atomic_exchange_int(lock, 1) == 0;
}

void spin_lock(volatile int *lock)
{
    int delay = 1;
    for (;;) {
        if (kd_atomic_exchange_int(lock, 1) == 0)
            return;
        /* Wait until it looks free, on reads only, backing off a little more each round. */
        do {
            for (int i = 0; i < delay; i++)
                kd_cpu_relax();
            if (delay < 1024)
                delay *= 2;
            else
                sched_yield();  /* waited long: the holder may need this CPU to finish */
        } while (kd_atomic_load_int(lock) != 0);
    }
}

void spin_unlock(volatile int *lock)
{
    kd_atomic_store_int(lock, 0);
}
