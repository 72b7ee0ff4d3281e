return {
  title = "KV-cache manager (LRU)",
  summary = "Keep conversations' KV caches in a fixed token budget: LRU eviction, pinning of entries in use, O(1) operations.",
  file = "kvcache.c",
  timeout = 30,
  hints = {
    "Two structures: a hash table from key to entry (for lookup) and a doubly linked list in recency order (least recently used at the head). A lookup hit unlinks the entry and relinks it at the tail; eviction starts at the head.",
    "kv_insert: first decide whether the entry can fit at all: tokens <= capacity - (tokens of pinned entries). If not, return -1 without touching anything. Otherwise walk from the least recently used end, skipping pinned entries, evicting until used + tokens <= capacity.",
    "Keep a pin count per entry and a running total of pinned tokens (add an entry's tokens when its count goes 0 -> 1, subtract on 1 -> 0). Removing from an open-addressing hash table needs a tombstone, or probe chains break.",
  },
}
