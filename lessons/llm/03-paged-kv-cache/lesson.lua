return {
  title = "Paged KV cache",
  summary = "Block tables over a fixed pool of KV blocks, with reference counts and copy-on-write forks.",
  file = "paged.c",
  timeout = 30,
  hints = {
    "Token t of a sequence lives in slot t % block_size of block table[t / block_size]. A new block is needed exactly when len % block_size == 0. Keep the free blocks on a stack so allocation and release are O(1).",
    "Give each physical block a reference count. pg_fork copies the parent's block table and adds 1 to every block's count: no data moves. pg_free_seq subtracts 1 and returns a block to the free stack when its count reaches 0.",
    "Before writing into the last block, check its count: if it is shared (count > 1), take a free block, copy the len % block_size tokens already there, drop one reference to the old block and put the new one in the table. If no block is free, return -1 before changing anything.",
  },
}
