local scene_new = learner.fn "int harness_scene_new(int n)"
local tell = learner.fn "void harness_tell(int i, int cmd)"
local wait = learner.fn "int harness_wait(int i, int ms)"
local scene_end = learner.fn "int harness_scene_end(int free_lock)"
local inside = learner.fn "void harness_inside(long long *out)"
local run = learner.fn [[int harness_run(int nreaders, int nwriters, long long iters, int read_spin, int write_spin,
  long long *out)]]
local leak = learner.fn "long long harness_leak(int n)"

local RD, RDUN, WR, WRUN = 1, 2, 3, 4
local CHAOS_RATE = 0.03

local fmt = thousands

local function rc_check(rc)
  if rc == 1 then fail("rw_new() returned NULL") end
  if rc == 2 then fail("the harness could not start its threads") end
end

local NAMES = { [RD] = "rw_rdlock", [RDUN] = "rw_rdunlock", [WR] = "rw_wrlock", [WRUN] = "rw_wrunlock" }

-- The leak check and the free runs would hang on a lock that the scenes showed does not let
-- threads in when it should: they run only once every scene passes.
local scene_failed

local function gate()
  if scene_failed then
    fail(("not run: first make the scripted tests pass ('%s' failed); these threads would hang"):format(scene_failed))
  end
end

-- A scene: n threads (called A, B, C, ...) that do what the steps say.
local function scene(name, n, body)
  test(name, function()
    rc_check(scene_new(n))
    local ok, err = pcall(body)
    local out = buf.i64(4, { name = "inside" })
    inside(out)
    if ok and out[0] == 1 then
      ok, err = pcall(fail, ("a writer got in while %d reader(s) and %d writer(s) were inside"):format(out[1], out[2] - 1),
        { hint = 2 })
    elseif ok and out[0] == 2 then
      ok, err = pcall(fail, "a reader got in while a writer was inside", { hint = 2 })
    end
    scene_end(ok and 1 or 0)
    if not ok then
      scene_failed = scene_failed or name
      error(err, 0)
    end
  end)
end

local function who(i) return string.char(65 + i) end

local function now(i, cmd, why) -- must return within 1 s
  tell(i, cmd)
  if wait(i, 500) == 0 then
    fail(("thread %s's %s was still waiting after 0.5 s, %s"):format(who(i), NAMES[cmd], why), { hint = 1 })
  end
end

local function blocks(i, cmd, why) -- must still wait 50 ms later
  tell(i, cmd)
  if wait(i, 50) ~= 0 then
    fail(("thread %s's %s returned at once, %s"):format(who(i), NAMES[cmd], why), { hint = 2 })
  end
end

local function then_gets_in(i, cmd, why)
  if wait(i, 500) == 0 then
    fail(("thread %s's %s was still waiting 0.5 s after %s"):format(who(i), NAMES[cmd], why), { hint = 2 })
  end
end

scene("one thread: read, write, read again", 1, function()
  now(0, RD, "on a free lock")
  now(0, RDUN, "")
  now(0, WR, "on a free lock")
  now(0, WRUN, "")
  now(0, RD, "after a write had finished")
  now(0, RDUN, "")
end)

scene("readers share the lock", 3, function()
  now(0, RD, "on a free lock")
  now(1, RD, "while only another reader was inside: readers must not exclude each other")
  now(2, RD, "while only two readers were inside")
  now(1, RDUN, "")
  now(0, RDUN, "")
  now(2, RDUN, "")
end)

scene("a writer waits for the readers, then gets in", 3, function()
  now(0, RD, "on a free lock")
  now(1, RD, "while only another reader was inside")
  blocks(2, WR, "while two readers were inside")
  now(0, RDUN, "")
  if wait(2, 50) ~= 0 then
    fail("thread C's rw_wrlock returned while reader B was still inside", { hint = 2 })
  end
  now(1, RDUN, "")
  then_gets_in(2, WR, "the last reader left")
  now(2, WRUN, "")
end)

scene("a writer excludes readers and writers", 3, function()
  now(0, WR, "on a free lock")
  blocks(1, RD, "while a writer was inside")
  blocks(2, WR, "while another writer was inside")
  now(0, WRUN, "")
  -- One of them gets in now; the other once it leaves.
  local r, w = wait(1, 500), wait(2, 500)
  if r == 0 and w == 0 then
    fail("0.5 s after the writer left, neither the waiting reader B nor the waiting writer C had got in: rw_wrunlock "
      .. "must wake the threads that wait", { hint = 2 })
  end
  if r ~= 0 and w == 0 then
    now(1, RDUN, "")
    then_gets_in(2, WR, "the reader left")
  elseif w ~= 0 and r == 0 then
    now(2, WRUN, "")
    then_gets_in(1, RD, "the writer left")
  end
  if r ~= 0 and w ~= 0 then
    fail("reader B and writer C were both inside after the first writer left")
  end
  if r ~= 0 and w == 0 then now(2, WRUN, "") else now(1, RDUN, "") end
end)

scene("writers go before readers who came after them", 4, function()
  now(0, RD, "on a free lock")
  blocks(1, WR, "while a reader was inside")
  blocks(2, RD, "while a writer was waiting. With readers allowed past a waiting writer, a steady stream of "
    .. "overlapping readers would keep the writer out forever; a reader must wait while a writer waits")
  now(0, RDUN, "")
  then_gets_in(1, WR, "the only reader left")
  if wait(2, 50) ~= 0 then fail("reader C got in while writer B was inside", { hint = 2 }) end
  now(1, WRUN, "")
  then_gets_in(2, RD, "the writer left (all waiting readers should be woken)")
  now(2, RDUN, "")
end)

scene("every waiting reader gets in when the writer leaves", 4, function()
  now(0, WR, "on a free lock")
  blocks(1, RD, "while a writer was inside")
  blocks(2, RD, "while a writer was inside")
  blocks(3, RD, "while a writer was inside")
  now(0, WRUN, "")
  then_gets_in(1, RD, "the writer left: all three waiting readers can go in together (broadcast)")
  then_gets_in(2, RD, "the writer left: all three waiting readers can go in together (broadcast)")
  then_gets_in(3, RD, "the writer left: all three waiting readers can go in together (broadcast)")
  for i = 1, 3 do now(i, RDUN, "") end
end)

test("rw_free releases what rw_new allocated", function()
  gate()
  local n = 2000
  local left = leak(n)
  if left < 0 then fail("rw_new() returned NULL") end
  if left >= n * 8 then
    fail(("after %s rw_new/rw_free pairs, %s bytes are still allocated"):format(fmt(n), fmt(left)))
  end
end)

local function stress(what, nr, nw, iters, rspin, wspin)
  gate()
  local out = buf.i64(8, { name = "out" })
  kd.chaos(gen.seed(), CHAOS_RATE)
  local rc = run(nr, nw, iters, rspin, wspin, out)
  kd.chaos(0, 0)
  rc_check(rc)
  if out[0] == 1 then
    fail(("%s: a writer got in while %d reader(s) and %d other writer(s) were inside"):format(what, out[1], out[2] - 1),
      { hint = 2 })
  elseif out[0] == 2 then
    fail(("%s: a reader got in while a writer was inside"):format(what), { hint = 2 })
  end
  if out[4] ~= 0 then
    fail(("%s: %s reads saw a half-finished write (a = %s, b = %s; writers keep a == -b)"):format(what, fmt(out[4]),
      fmt(out[5]), fmt(out[6])), { hint = 2 })
  end
  expect(out[7], what .. ": writes counted by the writers"):eq(nw * iters)
end

test("4 readers, 2 writers, perturbed", function()
  stress("4 readers and 2 writers x 3,000 times each, with injected yields", 4, 2, 3000, 50, 50)
end)

test("1 reader, 6 writers, perturbed", function()
  stress("1 reader and 6 writers x 2,000 times each, with injected yields", 1, 6, 2000, 20, 20)
end)

test("16 readers, 4 writers, long reads, perturbed", function()
  stress("16 readers and 4 writers x 500 times each, reads 10x longer than writes, with injected yields",
    16, 4, 500, 2000, 200)
end)
