return {
  title = "A lock-free MPMC queue",
  summary = "Many producers and consumers, a bounded ring, no lock: positions claimed by compare-and-swap, slots handed over by sequence numbers.",
  file = "mpmc.c",
  timeout = 8,
  memory_mb = 256,
  hints = {
    "With several producers, 'read tail, write the slot, store tail + 1' lets two of them write the same slot. A producer must first claim its position with kd_atomic_cas_long(&q->tail, &pos, pos + 1); only the winner writes. Consumers claim from head the same way.",
    "Claiming is not enough: a consumer may claim position p before p's producer has written it, and a producer may claim a slot whose previous item is still being read. Each cell's seq says whose turn it is: p (empty, for producer p), p + 1 (full, for consumer p), p + capacity (empty again, for the next lap). Check seq before claiming, and store the new seq after writing or reading.",
    "push: pos = load(tail); loop { c = &cells[pos & mask]; seq = load(c->seq); if (seq == pos) { if (cas(&tail, &pos, pos + 1)) { c->item = v; store(&c->seq, pos + 1); return 1; } } else if (seq < pos) return 0; else pos = load(tail); }  pop: the same with head, seq == pos + 1, and store(&c->seq, pos + capacity) after reading the item.",
  },
}
