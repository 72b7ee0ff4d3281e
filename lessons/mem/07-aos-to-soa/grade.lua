local decls = {
  new = "struct store *store_new(long n)",
  free = "void store_free(struct store *s)",
  total = "long long store_total_charge(const struct store *s)",
}
local store_new, store_free = learner.fn(decls.new), learner.fn(decls.free)
local total_charge = learner.fn(decls.total)
local fill = learner.fn "long long harness_fill(struct store *s, long n, long long seed)"
local check_all = learner.fn "long harness_check(const struct store *s, long n, long long seed, int *field)"
local perturb = learner.fn "long long harness_perturb(struct store *s, long n, long long seed, int count)"
local ref_new, ref_total = reference.fn(decls.new), reference.fn(decls.total)
local ref_fill = reference.fn "long long harness_fill(struct store *s, long n, long long seed)"
local ref_perturb = reference.fn "long long harness_perturb(struct store *s, long n, long long seed, int count)"

local plausible = learner.fn "int harness_plausible(const void *p)"
local leak = learner.fn "long long harness_leak(void)"

local fields = { "x", "y", "z", "vx", "vy", "vz", "mass", "charge", "id", "flags" }

local function make(n)
  local s = store_new(n)
  if s == nil then fail(("store_new(%d) returned NULL"):format(n)) end
  if plausible(s) == 0 then fail(("store_new(%d) returned something that is not a pointer from malloc"):format(n)) end
  return s
end

local function round_trip(n, what)
  local s = make(n)
  local sd = gen.int(1, 1000000)
  local want = fill(s, n, sd)
  local field = buf.i32(1, { name = "field" })
  local bad = check_all(s, n, sd, field)
  if bad >= 0 then
    fail(("%s: store_get(s, %d) after store_set(s, %d, p) gives a different %s"):format(what, bad, bad, fields[field[0] + 1]), { hint = 2 })
  end
  expect(total_charge(s), ("%s: store_total_charge of %d particles"):format(what, n)):eq(want)
  store_free(s)
end

test("an empty store", function()
  local s = make(0)
  expect(total_charge(s), "store_total_charge of an empty store"):eq(0)
  store_free(s)
end)
test("one particle", function() round_trip(1, "one particle") end)
test("fields round-trip through set and get", function() round_trip(37, "37 particles") end)
test("a larger store", function() round_trip(100003, "100,003 particles") end)
test("overwriting a particle", function()
  local s = make(50)
  local total = fill(s, 50, 7) + perturb(s, 50, 11, 20)
  expect(total_charge(s), "store_total_charge after changing 20 charges"):eq(total)
  store_free(s)
end)

test("store_free releases everything", function()
  local left = leak()
  if left < 0 then fail("store_new(1000) did not return a valid pointer") end
  if left >= 200 * 1000 then
    fail(("after 200 store_new(1000) / store_free pairs, %d bytes are still allocated: store_free must free every array"):format(left))
  end
end)

test("speed: 8 M particles", function()
  round_trip(5, "5 particles, before the large store")
  local n = 8 << 20
  local mine, theirs = make(n), ref_new(n)
  local want = fill(mine, n, seed)
  ref_fill(theirs, n, seed)
  bench.compare("charge", {
    reps = 7,
    inputs = function(rep)
      local d = perturb(mine, n, seed + rep, 100)
      ref_perturb(theirs, n, seed + rep, 100)
      want = want + d
    end,
    learner = function() return total_charge(mine) end,
    against = function() return ref_total(theirs) end,
    check = function(got) expect(got, "store_total_charge of 8 M particles"):eq(want) end,
  })
end)
