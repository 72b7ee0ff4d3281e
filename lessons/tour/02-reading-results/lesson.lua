return {
  title = "Reading results",
  summary = "Fix a function from its failing diff, then from its timing bar.",
  file = "shout.c",
  timeout = 30,
  hints = {
    "Read the first failing test: which letter stayed lowercase? Compare it with the range your condition accepts.",
    "'a' itself is not greater than 'a'. The lowercase letters are the characters c with 'a' <= c && c <= 'z'.",
    "strlen(s) walks the whole line every time the loop condition is tested. Stop at the terminating NUL instead: for (char *p = s; *p; p++) { if (*p >= 'a' && *p <= 'z') *p -= 'a' - 'A'; }",
  },
  bars = {
    shout = {
      max_ratio = 2.0,
      against = "reference",
      what = "uppercase 2 MiB of text in lines of 2047 characters",
    },
  },
}
