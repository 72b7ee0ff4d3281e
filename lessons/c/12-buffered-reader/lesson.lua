return {
  title = "A buffered reader",
  summary = "Read a file through a buffer: one read() system call per 64 KiB instead of one per request.",
  file = "reader.c",
  timeout = 60,
  bars = {
    records = {
      max_ratio = 1.8,
      against = "reference",
      what = "parsing a 1 MiB file of records (a two-byte length, then 256 to 511 bytes) with reader_read, against the reference reader",
    },
  },
  hints = {
    "Give struct reader a buffer (64 KiB is a good size), and two indices: how many bytes the last read() put there (len) and how many of those you have handed out (pos). reader_getc returns buf[pos++] while pos < len; only when pos == len does it call read() to refill, and read() returning 0 means the end of the file. Return the byte as an unsigned char, so that 0xFF is 255 and not -1.",
    "Every reader needs its own buffer, fd and indices inside its struct (allocate the struct with the buffer in it), and reader_close must close(fd) and free the struct. A refill starts at pos = 0 with len = what read() returned; never assume read() filled the whole buffer.",
    "reader_read copies in a loop: take min(len - pos, n - done) bytes from the buffer with memcpy; when the buffer is empty, refill and go on; stop early only when a refill returns 0. A request at least as large as the buffer can skip the buffer and read() straight into dst.",
  },
}
