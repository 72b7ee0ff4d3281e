/* A spinlock: the lock is one int, 0 when free and 1 when held.
 *
 * As written, two threads can both see 0 and both set 1: the test and the set are two steps.
 * Make taking the lock one atomic step (<kdojo/atomic.h>), and make waiting cheap for the
 * holder: wait on plain loads, back off, and give the CPU away when waiting long.
 */
#include <kdojo/atomic.h>
#include <sched.h>

/* Takes the lock if it is free: returns 1 if it did, 0 at once if it is held. */
int spin_trylock(volatile int *lock)
{
    if (*lock != 0)
        return 0;
    *lock = 1; /* TODO: not atomic with the test above */
    return 1;
}

/* Takes the lock, waiting as long as it takes. */
void spin_lock(volatile int *lock)
{
    while (!spin_trylock(lock)) {
        /* TODO: back off; yield now and then */
    }
}

/* Releases the lock, which the calling thread holds. */
void spin_unlock(volatile int *lock)
{
    *lock = 0; /* TODO: an atomic store, so the next holder sees everything written before it */
}
