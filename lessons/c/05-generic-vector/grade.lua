local vec_new = learner.fn "vec *vec_new(size_t elem_size)"
local vec_free = learner.fn "void vec_free(vec *v)"
local vec_len = learner.fn "size_t vec_len(const vec *v)"
local vec_cap = learner.fn "size_t vec_cap(const vec *v)"
local vec_push = learner.fn "int vec_push(vec *v, const void *elem)"
local vec_at = learner.fn "void *vec_at(vec *v, size_t i)"
local read = learner.fn "void harness_read(void *dst, const void *src, size_t n)"
local push_ints = learner.fn "long harness_push_ints(vec *v, int from, int count)"
local check_ints = learner.fn "long harness_check_ints(vec *v, int from)"
local churn = learner.fn "int harness_churn(int rounds, int n)"
local push_own_first = learner.fn "int harness_push_own_first(int rounds)"

local function new(size)
  local v = vec_new(size)
  if v == nil then fail(("vec_new(%d) returned NULL"):format(size), { hint = 1 }) end
  return v
end

local function push(v, elem, what)
  local r = vec_push(v, elem)
  if r ~= 0 then fail(("vec_push(v, %s) returned %d; expected 0"):format(what, r), { hint = 2 }) end
end

-- Element i of v, as a buffer of `size` bytes.
local function element(v, i, size, context)
  local p = vec_at(v, i)
  if p == nil then fail(("%s: vec_at(v, %d) returned NULL, but the vector holds %d elements"):format(context, i, vec_len(v)), { hint = 1 }) end
  local out = buf.u8(size, { name = "element", align = 1 })
  read(out, p, size)
  return out
end

test("a new vector is empty", function()
  local v = new(4)
  expect(vec_len(v), "vec_len of a new vector"):eq(0)
  expect(vec_at(v, 0) == nil, "vec_at(v, 0) == NULL on a new vector"):is_true()
  vec_free(v)
end)

test("vec_free(NULL) does nothing", function() vec_free(nil) end)

test("push ints and read them back", function()
  local v = new(4)
  local e = buf.i32(1, { name = "elem", align = 4 })
  for k = 1, 10 do
    e[0] = k * 11
    push(v, e, ("&x with x = %d"):format(k * 11))
    expect(vec_len(v), ("vec_len after %d pushes"):format(k)):eq(k)
    if vec_cap(v) < k then fail(("after %d pushes vec_cap is %d, less than vec_len"):format(k, vec_cap(v))) end
  end
  for k = 1, 10 do
    local out = element(v, k - 1, 4, "after pushing 11, 22, ..., 110")
    local x = out[0] | (out[1] << 8) | (out[2] << 16) | (out[3] << 24)
    expect(x, ("after pushing 11, 22, ..., 110: the int at vec_at(v, %d)"):format(k - 1)):eq(k * 11, { hint = 1 })
  end
  vec_free(v)
end)

test("vec_at past the end is NULL", function()
  local v = new(8)
  local e = buf.u8(8, { name = "elem", align = 1 })
  for _ = 1, 5 do push(v, e, "an 8-byte element") end
  expect(vec_at(v, 5) == nil, "with 5 elements, vec_at(v, 5) == NULL"):is_true()
  expect(vec_at(v, 1 << 40) == nil, "with 5 elements, vec_at(v, 2^40) == NULL"):is_true()
  vec_free(v)
end)

test("the element is copied, not remembered", function()
  local v = new(4)
  local e = buf.i32({ 7 }, { name = "elem", align = 4 })
  push(v, e, "&x with x = 7")
  e[0] = 99
  local out = element(v, 0, 4, "after pushing 7 and then changing the caller's variable to 99")
  expect(out[0], "after pushing 7 and then changing the caller's variable to 99, the first byte of element 0"):eq(7, { hint = 1 })
  vec_free(v)
end)

for _, size in ipairs({ 1, 3, 24, 100 }) do
  test(("elements of %d byte%s"):format(size, size == 1 and "" or "s"), function()
    local n = 50
    local data = gen.u8(n * size, { name = "elements", align = 1 })
    local v = new(size)
    for k = 0, n - 1 do push(v, data:ptr(k * size), ("element %d (%d bytes)"):format(k, size)) end
    expect(vec_len(v), ("vec_len after %d pushes"):format(n)):eq(n)
    for k = 0, n - 1 do
      local out = element(v, k, size, ("after %d pushes of %d-byte elements"):format(n, size))
      for b = 0, size - 1 do
        if out[b] ~= data[k * size + b] then
          fail(("after %d pushes of %d-byte elements: byte %d of vec_at(v, %d): expected %d, got %d"):format(
            n, size, b, k, data[k * size + b], out[b]), { hint = 1 })
        end
      end
    end
    vec_free(v)
  end)
end

test("100000 pushes: the capacity grows geometrically", function()
  local v = new(4)
  local changes = push_ints(v, 0, 100000)
  if changes == -1 then fail("pushing the ints 0 .. 99999: a push returned nonzero", { hint = 2 }) end
  if changes == -2 then fail("pushing the ints 0 .. 99999: vec_cap fell below vec_len", { hint = 2 }) end
  expect(vec_len(v), "vec_len after 100000 pushes"):eq(100000)
  local bad = check_ints(v, 0)
  if bad >= 0 then fail(("after pushing 0 .. 99999, element %d is wrong (or vec_at gave NULL)"):format(bad), { hint = 2 }) end
  if changes > 40 then
    fail(("the capacity changed %d times during 100000 pushes; growing by a constant factor changes it about 17 times (x2) or 29 (x1.5). Growing by a fixed amount makes n pushes copy about n^2 / (2 * step) elements"):format(changes), { hint = 2 })
  end
  vec_free(v)
end)

test("vec_free releases the elements' storage", function()
  -- 64 vectors of 4096 elements of 4 KiB: 16 MiB each, 1 GiB in all, under a 512 MiB limit.
  local r = churn(64, 4096)
  if r >= 0 then
    fail(("building and freeing 64 vectors of 16 MiB one after another: a push failed in round %d of 64. Memory is limited to 512 MiB: vec_free must free the element storage, not only the struct"):format(r))
  end
end)

test("pushing an element of the vector itself when it is full", function()
  local r = push_own_first(12)
  if r <= -2 then fail(("vec_push failed (round %d)"):format(-2 - r), { hint = 2 }) end
  if r >= 0 then
    fail(("vec_push(v, vec_at(v, 0)) on a full vector of 16-byte elements (growth %d): the new last element differs from element 0 (or vec_at returned NULL). The push read elem after the old storage was freed"):format(r + 1), { hint = 3 })
  end
end)

-- Last, because kdojo notes a failed allocation in every later failure message.
test("a push that cannot get memory returns -1 and changes nothing", function()
  -- Elements of 2^40 bytes: no allocation for even one of them can succeed.
  local v = new(1 << 40)
  local e = buf.u8(16, { name = "elem", align = 1 })
  local r = vec_push(v, e)
  expect(r, "vec_push on a vector of 2^40-byte elements (malloc must fail)"):eq(-1, { hint = 2 })
  expect(vec_len(v), "vec_len after that failed push"):eq(0, { hint = 2 })
  expect(vec_at(v, 0) == nil, "vec_at(v, 0) == NULL after that failed push"):is_true({ hint = 2 })
  vec_free(v)
end)
