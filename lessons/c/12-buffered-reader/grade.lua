local reader_open = learner.fn "struct reader *reader_open(const char *path)"
local reader_getc = learner.fn "int reader_getc(struct reader *r)"
local reader_read = learner.fn "size_t reader_read(struct reader *r, void *dst, size_t n)"
local reader_close = learner.fn "void reader_close(struct reader *r)"
local make_file = learner.fn "int harness_make_file(const char *path, int kind, long long seed, long long size)"
local file_hash = learner.fn "long long harness_file_hash(const char *path, long long *size)"
local getc_all = learner.fn "void harness_getc_all(struct reader *r, long long limit, long long *out)"
local read_all = learner.fn "void harness_read_all(struct reader *r, long long seed, long long maxn, int mix, long long limit, long long *out)"
local interleave = learner.fn "void harness_interleave(struct reader *a, struct reader *b, long long limit, long long *out)"
local churn = learner.fn "int harness_churn(const char *path, int n)"
local parse = learner.fn "long long harness_parse_records(const char *path)"
local ref_parse = reference.fn "long long harness_parse_records(const char *path)"

local RANDOM, RECORDS, COUNTING = 0, 1, 2

local fmt = thousands

-- Files live in the grading child's scratch directory, its current directory.
local made = 0
local function file(kind, size)
  made = made + 1
  local path = ("test-%d.bin"):format(made)
  if make_file(path, kind, gen.seed(), size) ~= 0 then
    fail(("the tests could not create the file %s: are descriptors left open (reader_close must close the file)?"):format(path))
  end
  local len = buf.i64(1, { name = "size" })
  local h = file_hash(path, len)
  return path, h
end

local function open(path, what)
  local r = reader_open(path)
  if r == nil then fail(("reader_open(\"%s\") returned NULL for %s that exists"):format(path, what), { hint = 1 }) end
  return r
end

test("a file that does not exist gives NULL", function()
  local r = reader_open("no-such-file.bin")
  if r ~= nil then fail("reader_open(\"no-such-file.bin\") returned a reader; expected NULL (open() fails with ENOENT)") end
end)

test("an empty file", function()
  local path = file(RANDOM, 0)
  local r = open(path, "an empty file")
  expect(reader_getc(r), "reader_getc on an empty file"):eq(-1, { hint = 1 })
  expect(reader_getc(r), "reader_getc again, at the end of an empty file"):eq(-1, { hint = 1 })
  local dst = buf.u8(16, { name = "dst" })
  expect(reader_read(r, dst, 16), "reader_read(r, dst, 16) on an empty file"):eq(0, { hint = 1 })
  reader_close(r)
end)

test("a one-byte file", function()
  local path = file(COUNTING, 1) -- the byte 0x00
  local r = open(path, "a one-byte file")
  expect(reader_getc(r), "reader_getc on a file holding one byte 0x00"):eq(0, { hint = 1 })
  expect(reader_getc(r), "reader_getc after its only byte"):eq(-1, { hint = 1 })
  reader_close(r)
end)

local function check_getc(path, h, size, what)
  local r = open(path, what)
  local out = buf.i64(4, { name = "out" })
  getc_all(r, size, out)
  reader_close(r)
  if out[2] ~= 0 then
    fail(("reading %s with reader_getc: after %s bytes it returned %d; expected a byte 0 .. 255 or -1"):format(what, fmt(out[0]), out[3]), { hint = 1 })
  end
  if out[0] ~= size then
    local why = ""
    if out[0] % 256 == 255 and out[0] < size then
      why = ". The next byte is 0xFF: returned through a char, it becomes -1. Return it as an unsigned char"
    end
    if out[0] > size then
      fail(("reading %s with reader_getc: it went on returning bytes past the end of the file (%s of them so far); at the end it must return -1"):format(what, fmt(out[0])), { hint = 1 })
    end
    fail(("reading %s with reader_getc: it returned -1 after %s bytes; the file has %s%s"):format(what, fmt(out[0]), fmt(size), why), { hint = 2 })
  end
  if out[1] ~= h then
    fail(("reading %s with reader_getc: all %s bytes came back, but not the file's bytes in order (a refill that skips or repeats bytes?)"):format(what, fmt(size)), { hint = 2 })
  end
end

test("every byte value, 0xFF included", function()
  local path, h = file(COUNTING, 1024)
  check_getc(path, h, 1024, "a file of the bytes 0, 1, ..., 255, four times")
end)

local SIZES = { 4095, 4096, 4097, 65535, 65536, 65537, 200003, (1 << 20) + 13 }

test("reader_getc, files of sizes around buffer sizes", function()
  for _, size in ipairs(SIZES) do
    local path, h = file(RANDOM, size)
    check_getc(path, h, size, ("a file of %s random bytes"):format(fmt(size)))
  end
end)

local function check_read(path, h, size, maxn, mix, what)
  local r = open(path, what)
  local out = buf.i64(6, { name = "out" })
  read_all(r, gen.seed(), maxn, mix and 1 or 0, size, out)
  reader_close(r)
  local how = ("reading %s with reader_read in requests of 1 to %s bytes%s"):format(what, fmt(maxn), mix and ", mixed with reader_getc" or "")
  if out[2] == 3 then fail(("%s: at offset %s, a request for %s bytes returned %s"):format(how, fmt(out[5]), fmt(out[3]), fmt(out[4])), { hint = 3 }) end
  if out[2] == 1 then
    fail(("%s: at offset %s, a request for %s bytes returned %s before the end of the file. Return fewer than n only at the end of the file: when the buffer runs out, refill it and go on copying"):format(
      how, fmt(out[5]), fmt(out[3]), fmt(out[4])), { hint = 3 })
  end
  if out[0] ~= size then fail(("%s: got %s bytes in all; the file has %s"):format(how, fmt(out[0]), fmt(size)), { hint = 3 }) end
  if out[1] ~= h then fail(("%s: all %s bytes came back, but not the file's bytes in order"):format(how, fmt(size)), { hint = 3 }) end
end

test("reader_read in small requests", function()
  for _, size in ipairs(SIZES) do
    local path, h = file(RANDOM, size)
    check_read(path, h, size, 100, false, ("a file of %s random bytes"):format(fmt(size)))
  end
end)

test("reader_read in requests larger than a buffer", function()
  for _, size in ipairs({ 65537, 200003, (1 << 20) + 13 }) do
    local path, h = file(RANDOM, size)
    check_read(path, h, size, 300000, false, ("a file of %s random bytes"):format(fmt(size)))
  end
end)

test("reader_read mixed with reader_getc", function()
  for _, size in ipairs({ 4097, 65537, 200003 }) do
    local path, h = file(RANDOM, size)
    check_read(path, h, size, 5000, true, ("a file of %s random bytes"):format(fmt(size)))
  end
end)

test("reader_read of 0 bytes", function()
  local path = file(COUNTING, 10)
  local r = open(path, "a 10-byte file")
  local dst = buf.u8(1, { name = "dst" })
  expect(reader_read(r, dst, 0), "reader_read(r, dst, 0) at the start of a 10-byte file"):eq(0)
  expect(reader_getc(r), "reader_getc after reader_read(r, dst, 0): the first byte"):eq(0, { hint = 3 })
  reader_close(r)
end)

test("two readers at once", function()
  local pa, ha = file(RANDOM, 100003)
  local pb, hb = file(RANDOM, 70001)
  local a, b = open(pa, "a file of 100,003 bytes"), open(pb, "a file of 70,001 bytes")
  local out = buf.i64(4, { name = "out" })
  interleave(a, b, 100003, out)
  reader_close(a)
  reader_close(b)
  if out[0] > 100003 or out[2] > 70001 then
    fail("two readers on different files, one reader_getc on each in turn: a reader went on returning bytes past the end of its file", { hint = 1 })
  end
  if out[0] ~= 100003 or out[1] ~= ha or out[2] ~= 70001 or out[3] ~= hb then
    fail(("two readers on different files (100,003 and 70,001 bytes), one reader_getc on each in turn: got %s and %s bytes%s. Each reader needs its own buffer and position, in its struct, not in static variables"):format(
      fmt(out[0]), fmt(out[2]), (out[0] == 100003 and out[2] == 70001) and ", but not each file's bytes" or ""), { hint = 2 })
  end
end)

test("reader_close releases the file and the buffer", function()
  reader_close(nil)
  local path = file(RANDOM, 100)
  -- 20,000 rounds: a leaked descriptor runs out at about 1,000 (the open-file limit), a
  -- leaked 64 KiB buffer at about 8,000 (the 512 MiB memory limit).
  local r = churn(path, 20000)
  if r >= 0 then
    fail(("opening and closing one file 20,000 times: reader_open returned NULL in round %s. reader_close must close() the descriptor and free() the reader"):format(fmt(r)))
  end
end)

test("speed: parsing a file of records", function()
  local path = file(RECORDS, 1 << 20)
  -- Many short repetitions (about a millisecond each): on a busy machine some are
  -- interrupted by other programs, and the median ignores those.
  bench.compare("records", {
    reps = 31,
    warmup = 2,
    learner = function() return parse(path) end,
    against = function() return ref_parse(path) end,
    check = function(got, want)
      expect(got, "the checksum of all records, read with your reader"):eq(want, { hint = 3 })
    end,
  })
end)
