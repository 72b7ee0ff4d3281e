return {
  title = "BPE tokenizer",
  summary = "Byte-level byte-pair encoding: apply merges in rank order to encode, expand tokens to decode; bytes above 127 included.",
  file = "bpe.c",
  timeout = 30,
  hints = {
    "Read each byte as (unsigned char)text[i]: char is signed here, so the first byte of 'é' (0xC3) would otherwise become -61, which is no token. Encoding loops: scan all adjacent pairs for the lowest rank; if there is none, stop; otherwise merge that pair everywhere.",
    "Merge in one left-to-right pass writing into the same array: at i, if out[i], out[i+1] is the pair, write the new token and skip two; else copy one. For 'aaa' with the merge (a, a) that gives [aa, a], not [a, aa]. Looking a pair's rank up by scanning the merge list is too slow for long texts: use a hash table keyed by the pair.",
    "Decode recursively: a token below 256 is its byte; token 256 + r is the expansion of merges[2r] followed by the expansion of merges[2r+1]. Reject ids < 0 or >= 256 + nmerges with -1.",
  },
}
