-- The order and names of the tracks in kdojo's browser. A track directory not listed here
-- still appears, after these, under its directory name.
return {
  { "tour", "Tour: learning the tool" },
  { "c", "C for systems programmers" },
  { "mem", "Memory and the CPU" },
  { "conc", "Concurrency in C" },
  { "dl", "Deep-learning operators" },
  { "llm", "LLM serving systems" },
  { "puzzles", "GPU puzzles" },
  { "cuda", "GPU performance" },
}
