return {
  title = "A token bucket",
  summary = "A thread-safe rate limiter on an injected clock: lazy refill, a burst cap, and how long to wait.",
  file = "bucket.c",
  timeout = 8,
  memory_mb = 256,
  hints = {
    "No timer and no background thread: when a call arrives at time now, first add rate * (now - last) tokens for the time since the last refill, cap the total at burst, and remember now as last. Then decide.",
    "Never refill for a now older than last: with many threads, a call that read the clock earlier can arrive later, and must not earn the same interval twice. Refill and take must be one critical section (a mutex in the bucket): two threads must not both see the same token.",
    "take: lock; if (now > last) { tokens = min(burst, tokens + (now - last) * rate); last = now; } ok = tokens >= n; if (ok) tokens -= n; unlock.  wait: -1 if n > burst; else refill the same way, and return max(0, n - tokens) / rate.",
  },
}
