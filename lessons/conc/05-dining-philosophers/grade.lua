local scene_new = learner.fn "int harness_scene_new(int n)"
local tell = learner.fn "void harness_tell(int i, int cmd)"
local wait = learner.fn "int harness_wait(int i, int ms)"
local meals = learner.fn "long long harness_meals(int i)"
local stop = learner.fn "void harness_stop(int i)"
local scene_clash = learner.fn "int harness_scene_clash(long long *out)"
local scene_end = learner.fn "void harness_scene_end(void)"
local scene_abandon = learner.fn "int harness_scene_abandon(void)"
local dine = learner.fn "int harness_dine(int n, long long meals, int eat_spin, int think_spin, long long *out)"

local harness_leak = learner.fn "long long harness_leak(int n)"

local PICKUP, PUTDOWN, FEAST = 1, 2, 3
local CHAOS_RATE = 0.05

local fmt = thousands

local function rc_check(rc)
  if rc == 1 then fail("table_new() returned NULL") end
  if rc == 2 then fail("the harness could not start its threads or allocate its records") end
end

-- A scripted test that fails with a philosopher stuck in a call leaves it behind; the tests
-- after it then do not run (they would hang), and say why.
local stuck

local function scripted(name, n, body)
  test(name, function()
    if stuck then
      fail(("not run: a philosopher of '%s' is still stuck in table_pickup or table_putdown"):format(stuck))
    end
    rc_check(scene_new(n))
    local ok, err = pcall(body)
    local c = buf.i64(3, { name = "clash" })
    if ok and scene_clash(c) ~= 0 then
      ok, err = pcall(fail, ("philosophers %d and %d ate at the same time, both with fork %d"):format(c[0], c[1], c[2]),
        { hint = 2 })
    end
    if not ok then
      if scene_abandon() == 0 then stuck = name end
      error(err, 0)
    end
    scene_end()
  end)
end

-- Philosopher i picks up; it must be eating within 1 s.
local function eats(i, why)
  tell(i, PICKUP)
  if wait(i, 1000) == 0 then
    fail(("table_pickup(t, %d) was still waiting after 1 s, %s"):format(i, why), { hint = 1 })
  end
end

-- Philosopher i picks up; it must still be waiting 50 ms later.
local function waits(i, why)
  tell(i, PICKUP)
  if wait(i, 50) ~= 0 then
    fail(("table_pickup(t, %d) returned at once, %s: two neighbours would eat with the same fork"):format(i, why),
      { hint = 1 })
  end
end

local function puts_down(i)
  tell(i, PUTDOWN)
  if wait(i, 1000) == 0 then fail(("table_putdown(t, %d) did not return within 1 s"):format(i)) end
end

-- A waiting philosopher must get to eat within 1 s of what made room.
local function then_eats(i, why)
  if wait(i, 1000) == 0 then
    fail(("philosopher %d was still waiting in table_pickup 1 s after %s: table_putdown must wake the "
      .. "neighbours who wait for its forks"):format(i, why), { hint = 2 })
  end
end

scripted("a philosopher alone eats at once", 5, function()
  eats(3, "although the whole table was thinking")
  puts_down(3)
  eats(3, "after eating and putting the forks down once already")
  puts_down(3)
end)

scripted("neighbours wait for each other (5 philosophers)", 5, function()
  eats(0, "although the whole table was thinking")
  waits(1, "while its neighbour 0 was eating (fork 1 is theirs to share)")
  waits(4, "while its neighbour 0 was eating (fork 0 is theirs to share)")
  puts_down(0)
  then_eats(1, "philosopher 0 put its forks down")
  then_eats(4, "philosopher 0 put its forks down (1 and 4 are not neighbours: they can eat together)")
  puts_down(1)
  puts_down(4)
end)

scripted("philosophers who are not neighbours eat at the same time", 5, function()
  eats(0, "although the whole table was thinking")
  eats(2, "while only philosopher 0, who is not its neighbour, was eating")
  waits(3, "while its neighbour 2 was eating")
  puts_down(2)
  then_eats(3, "philosopher 2 put its forks down")
  puts_down(0)
  puts_down(3)
end)

scripted("two philosophers share both forks", 2, function()
  eats(1, "although the other philosopher was thinking")
  waits(0, "while the other of the two philosophers was eating")
  puts_down(1)
  then_eats(0, "philosopher 1 put its forks down")
  puts_down(0)
end)

test("table_free releases what table_new allocated", function()
  if stuck then fail(("not run: a philosopher of '%s' is still stuck"):format(stuck)) end
  local n = 1000
  local left = harness_leak(n)
  if left < 0 then fail("table_new(7) returned NULL") end
  if left >= n * 8 then
    fail(("after %s table_new/table_free pairs, %s bytes are still allocated: table_free must free everything "
      .. "table_new allocated"):format(fmt(n), fmt(left)))
  end
end)

local function dinner(what, n, m, eat, think)
  if stuck then
    fail(("not run: a philosopher of '%s' is still stuck in table_pickup or table_putdown, and may hold forks")
      :format(stuck))
  end
  local out = buf.i64(5, { name = "out" })
  kd.chaos(gen.seed(), CHAOS_RATE)
  local rc = dine(n, m, eat, think, out)
  kd.chaos(0, 0)
  rc_check(rc)
  if out[0] ~= 0 then
    fail(("%s: philosophers %d and %d ate at the same time, both with fork %d"):format(what, out[1], out[2], out[3]),
      { hint = 2 })
  end
  expect(out[4], what .. ": the fewest meals any philosopher ate"):eq(m)
end

test("5 philosophers x 3,000 meals, perturbed", function()
  dinner("5 philosophers x 3,000 meals, with injected yields", 5, 3000, 50, 50)
end)

test("2 philosophers x 5,000 meals, perturbed", function()
  dinner("2 philosophers x 5,000 meals, with injected yields", 2, 5000, 20, 0)
end)

test("3 philosophers x 3,000 meals, no thinking, perturbed", function()
  dinner("3 philosophers x 3,000 meals, eating again at once, with injected yields", 3, 3000, 20, 0)
end)

test("16 philosophers x 500 meals, perturbed", function()
  dinner("16 philosophers x 500 meals, with injected yields", 16, 500, 100, 100)
end)

-- Starvation: philosopher 1 waits for fork 1, which philosopher 0 keeps. Meanwhile its other
-- neighbour, 2, wants to eat again and again. If 2 may, then with a little bad luck in timing
-- (0 and 2 taking turns) philosopher 1 never eats. The rule: 2 lines up behind 1.
scripted("a hungry philosopher keeps its place in line", 5, function()
  eats(0, "although the whole table was thinking")
  waits(1, "while its neighbour 0 was eating")
  tell(2, FEAST)
  -- Let philosopher 2 try for 100 ms.
  wait(2, 100)
  local ate = meals(2)
  if ate > 1 then
    fail(("philosopher 2 ate %s times while its neighbour 1, who was hungry first, waited. If 0 and 2 take "
      .. "turns like this, 1 never eats: starvation. A philosopher may not start eating while a neighbour who got "
      .. "hungry earlier is still waiting"):format(fmt(ate)), { hint = 2 })
  end
  puts_down(0)
  then_eats(1, "philosopher 0 put its forks down")
  puts_down(1)
  stop(2)
  if wait(2, 1000) == 0 then
    fail("philosopher 2 was still waiting in table_pickup 1 s after both its neighbours had put their forks down",
      { hint = 2 })
  end
end)
