return {
  title = "Strings: bounded copy",
  summary = "strlcpy and strlcat from scratch: never write past the buffer, always terminate, report truncation.",
  file = "bounded.c",
  hints = {
    "In bounded_copy, copy while fewer than size - 1 bytes have been written and src has not ended, then store the NUL; when size is 0 write nothing at all. Keep counting src's length after you stop copying: that count is the return value.",
    "In bounded_append, find the end of dst without looking at more than size bytes (strnlen(dst, size), or your own loop). If no NUL is found, dst is not a string that fits: write nothing and return size + strlen(src). Otherwise copy into the remaining size - len bytes exactly as bounded_copy would.",
    "The return value is the length of the string you tried to make, not the number of bytes copied: strlen(src) for bounded_copy, strnlen(dst, size) + strlen(src) for bounded_append. A caller detects truncation with ret >= size.",
  },
}
