/* A test-and-set spinlock: correct, and what most first spinlocks look like.
 *
 * Every turn of the loop is an atomic exchange, a write: the waiters keep stealing the lock's
 * cache line from each other and from the holder. And it never yields, so when the holder is
 * preempted (more threads than cores), the waiters spin through whole time slices while the
 * one thread that could release the lock waits for a CPU.
 */
#include <kdojo/atomic.h>

int spin_trylock(volatile int *lock)
{
    return kd_atomic_exchange_int(lock, 1) == 0;
}

void spin_lock(volatile int *lock)
{
    while (kd_atomic_exchange_int(lock, 1) != 0)
        kd_cpu_relax();
}

void spin_unlock(volatile int *lock)
{
    kd_atomic_store_int(lock, 0);
}
