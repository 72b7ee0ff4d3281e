return {
  title = "Decoding UTF-8",
  summary = "Decode UTF-8 byte by byte, reject overlong forms, surrogates and truncated sequences, and say where the input went wrong.",
  file = "utf8.c",
  timeout = 20,
  hints = {
    "The first byte says the length: 0xxxxxxx is 1 byte, 110xxxxx is 2, 1110xxxx is 3, 11110xxx is 4; anything else (10xxxxxx, 11111xxx) cannot start a sequence. Test with masks: (b & 0xE0) == 0xC0 means 110xxxxx. Every following byte must be 10xxxxxx, and contributes its low 6 bits: c = (c << 6) | (b & 0x3F).",
    "Decoding bits is not enough. After assembling c, reject it when it is below the smallest code point of its length (0x80 for 2 bytes, 0x800 for 3, 0x10000 for 4: an overlong form), when it is above 0x10FFFF, or when it lies in 0xD800 .. 0xDFFF (surrogates).",
    "Check n >= len before you read any byte after the first: a sequence cut off at the end is an error, and s[n] is not yours. In utf8_decode, remember i, the offset where the current sequence starts; when decoding fails there, *err = i (not the offset of the bad byte inside the sequence).",
  },
}
