# Concurrency reports: deliberately broken solutions of the conc lessons hang, and kdojo says
# why before the lesson's deadline: which thread waits for what, "deadlock" when the waits
# form a cycle, and the seed that replays the schedule.

# Dining philosophers, left fork then right fork: all five hold a left fork and wait.
cat >"$T/naive.c" <<'C'
#include <pthread.h>

pthread_mutex_t forks[64] = {PTHREAD_MUTEX_INITIALIZER};
static int seats;

struct table *table_new(int n)
{
    seats = n;
    for (int i = 0; i < n; i++)
        pthread_mutex_init(&forks[i], NULL);
    return (struct table *)forks;
}

void table_pickup(struct table *t, int i)
{
    pthread_mutex_lock(&forks[i]);
    pthread_mutex_lock(&forks[(i + 1) % seats]);
}

void table_putdown(struct table *t, int i)
{
    pthread_mutex_unlock(&forks[(i + 1) % seats]);
    pthread_mutex_unlock(&forks[i]);
}

void table_free(struct table *t)
{
}
C
RC=0
OUT=$("$KDOJO" check conc/05-dining-philosophers "$T/naive.c" --seed 11 2>&1) || RC=$?
[[ $RC == 1 ]] || { printf 'FAILED: the deadlocking philosophers exited %s\n%s\n' "$RC" "$OUT" >&2; exit 1; }
assert_contains "$OUT" "✓ two philosophers share both forks" "the scripted scenes pass (no cycle is possible there)"
assert_contains "$OUT" "FAIL deadlock: timed out after 6 s in test '5 philosophers x 3,000 meals, perturbed'" \
  "the summary says deadlock and names the test"
assert_contains "$OUT" "deadlock: these threads wait for each other in a cycle" "the report says there is a cycle"
assert_contains "$OUT" "waits for mutex forks+" "the mutex is named by the learner's global"
assert_contains "$OUT" "in table_pickup+" "where each thread waits"
assert_contains "$OUT" "; held by thread " "who holds each mutex"
assert_contains "$OUT" "(locked in table_pickup+" "where the holder locked it"
assert_contains "$OUT" "replay this run: kdojo check conc/05-dining-philosophers --seed 11" "the seed to replay"
# Five philosophers in the cycle: five "held by" lines.
[[ $(grep -c "; held by thread" <<<"$OUT") == 5 ]] || { echo "FAILED: expected 5 threads in the cycle" >&2; echo "$OUT" >&2; exit 1; }

# Bounded queue that signals only when the queue was empty (or full) before: with two
# sleepers, the second never hears of its item. No cycle of mutexes, so no "deadlock",
# but every producer and consumer is asleep on a condition variable.
sed -e 's/^    pthread_cond_signal(&q->not_empty);/    if (q->count == 1)\n        pthread_cond_signal(\&q->not_empty);/' \
    -e 's/^    pthread_cond_signal(&q->not_full);/    if (q->count == q->capacity - 1)\n        pthread_cond_signal(\&q->not_full);/' \
    "$SRC/lessons/conc/03-bounded-queue/solution.c" >"$T/lost.c"
grep -q "if (q->count == 1)" "$T/lost.c"
RC=0
OUT=$("$KDOJO" check conc/03-bounded-queue "$T/lost.c" --seed 7 2>&1) || RC=$?
[[ $RC == 1 ]] || { printf 'FAILED: the lost-wakeup queue exited %s\n%s\n' "$RC" "$OUT" >&2; exit 1; }
assert_contains "$OUT" "✓ queue_put waits while the queue is full" "one sleeper at a time is woken fine"
assert_contains "$OUT" "FAIL timed out after 6 s in test '" "the hang is a timeout naming the test"
assert_not_contains "$OUT" "FAIL deadlock" "condition variables form no mutex cycle"
assert_contains "$OUT" "threads are blocked (thread 0 is the grader):" "the report counts the blocked threads"
assert_contains "$OUT" "waits for a thread to finish (pthread_join), in harness_stress" "the grader waits for the workers"
assert_contains "$OUT" "waits for condition variable" "sleepers on condition variables are listed"
assert_contains "$OUT" ", in queue_get+" "a consumer asleep in queue_get"
assert_contains "$OUT" ", in queue_put+" "a producer asleep in queue_put"
assert_not_contains "$OUT" "still running" "finished threads do not count as running"
assert_contains "$OUT" "replay this run: kdojo check conc/03-bounded-queue --seed 7" "the seed to replay"

# SPSC ring that publishes tail before writing the slot: a race, not a hang. The atomics
# yield at random (seeded), so the consumer reads the slot before the value is in it; the
# failure names the item and says which order is wrong.
sed -e '/^    r->slots\[t & r->mask\] = v;$/d' \
    -e 's|^    kd_atomic_store_long(&r->tail, t + 1);  /\* publish: the slot is written \*/$|    kd_atomic_store_long(\&r->tail, t + 1);\n    r->slots[t \& r->mask] = v;|' \
    "$SRC/lessons/conc/09-spsc-ring/solution.c" >"$T/early.c"
grep -q "^    r->slots\[t & r->mask\] = v;$" "$T/early.c"
RC=0
OUT=$("$KDOJO" check conc/09-spsc-ring "$T/early.c" --seed 5 2>&1) || RC=$?
[[ $RC == 1 ]] || { printf 'FAILED: the racy ring exited %s\n%s\n' "$RC" "$OUT" >&2; exit 1; }
assert_contains "$OUT" "✓ the indices wrap around many times" "one thread cannot see the race"
assert_contains "$OUT" "the consumer read a slot before the producer had written it" "the race is explained"
assert_contains "$OUT" "with atomics yielding at random: item #" "the perturbed test names the item"
assert_contains "$OUT" "replay this run: kdojo check conc/09-spsc-ring --seed 5" "the seed to replay"
