local DECL = "long long harness_run(const int *arrive, const int *plen, const int *olen, int n, int total_blocks, int bs, int max_batch, int *rec, long long rec_cap, int *finish_step, char *err, int errlen)"
local run_l, run_r = learner.fn(DECL), reference.fn(DECL)

local function run(fn, reqs, total, bs, max_batch)
  local n = #reqs
  local a, p, o = buf.i32(n, { name = "arrive" }), buf.i32(n, { name = "plen" }), buf.i32(n, { name = "olen" })
  local tokens = 0
  for i, r in ipairs(reqs) do a[i - 1], p[i - 1], o[i - 1] = r[1], r[2], r[3]; tokens = tokens + r[3] end
  local cap = 64 * (tokens + n) + 1024
  local rec = buf.i32(cap, { name = "rec" })
  local fin = buf.i32(math.max(n, 1), { name = "finish_step" }):fill(-1)
  local err = buf.char(512, { name = "err" })
  local len = fn(a, p, o, n, total, bs, max_batch, rec, cap, fin, err, 512)
  return len, rec, fin, err:string()
end

-- Splits a record into steps: { t, running = {...}, preempted = {...}, finished = {...}, free, start }.
local function steps_of(rec, len)
  local out, i = {}, 0
  while i < len do
    local s = { start = i, t = rec[i] }
    local function list()
      local k = rec[i]; i = i + 1
      local l = {}
      for j = 1, k do l[j] = rec[i]; i = i + 1 end
      return l
    end
    i = i + 1
    s.running = list(); s.preempted = list(); s.finished = list()
    s.free = rec[i]; i = i + 1
    out[#out + 1] = s
  end
  return out
end

local function show(l)
  local t = {}
  for i, v in ipairs(l) do if i > 12 then t[#t + 1] = "..." break end t[#t + 1] = tostring(v) end
  return "[" .. table.concat(t, " ") .. "]"
end

local function describe_step(s)
  return ("running %s, preempted %s, finished %s, %d blocks free"):format(show(s.running), show(s.preempted), show(s.finished), s.free)
end

local function metrics(reqs, fin, steps)
  local lat, tokens, pre = {}, 0, 0
  for i, r in ipairs(reqs) do lat[i] = fin[i - 1] - r[1] + 1; tokens = tokens + r[3] end
  for _, s in ipairs(steps) do pre = pre + #s.preempted end
  table.sort(lat)
  local mean = 0
  for _, v in ipairs(lat) do mean = mean + v end
  return ("%.2f tokens/step, latency mean %.1f steps, p99 %d steps, %d preemptions"):format(
    tokens / #steps, mean / #lat, lat[math.max(1, math.ceil(0.99 * #lat))], pre)
end

-- Runs the learner and the reference on the same trace; the harness checks invariants in
-- the learner's run, and the two runs must then agree step by step.
local function check(reqs, total, bs, max_batch, what, hint, show_metrics)
  local ctx = ("%s (%d blocks of %d tokens, max_batch %d)"):format(what, total, bs, max_batch)
  local len, rec, fin, err = run(run_l, reqs, total, bs, max_batch)
  if len < 0 then fail(ctx .. ": " .. err, { hint = hint }) end
  local rlen, rrec, rfin, rerr = run(run_r, reqs, total, bs, max_batch)
  if rlen < 0 then error("reference: " .. rerr) end
  local idx = kd.compare(rec, rrec, 0, 0)
  if idx and idx < math.max(len, rlen) then
    local mine, theirs = steps_of(rec, len), steps_of(rrec, rlen)
    for k, s in ipairs(theirs) do
      local m = mine[k]
      if not m or idx < (theirs[k + 1] and theirs[k + 1].start or rlen) then
        fail(("%s: at step %d the reference has %s; yours has %s"):format(ctx, s.t, describe_step(s),
          m and describe_step(m) or "no such step"), { hint = hint })
      end
    end
  end
  if len ~= rlen then fail(("%s: your run has %d recorded values, the reference's %d"):format(ctx, len, rlen), { hint = hint }) end
  if show_metrics then info(("%s: %s"):format(what, metrics(reqs, fin, steps_of(rec, len)))) end
end

-- reqs: { arrival step, prompt tokens, output tokens }
test("one request runs to completion", function() check({ { 0, 5, 3 } }, 10, 4, 4, "one request", 1) end)
test("requests arriving later", function() check({ { 0, 5, 3 }, { 2, 4, 4 }, { 3, 1, 1 } }, 10, 4, 4, "three requests", 1) end)
test("at most max_batch run; the rest wait in order", function()
  check({ { 0, 3, 4 }, { 0, 3, 2 }, { 0, 3, 5 }, { 0, 3, 1 }, { 0, 3, 3 } }, 20, 4, 2, "five requests at step 0", 1)
end)
test("finished requests make room at once (continuous batching)", function()
  check({ { 0, 2, 1 }, { 0, 2, 6 }, { 0, 2, 2 }, { 1, 2, 2 } }, 20, 4, 2, "four short requests", 1)
end)
test("admission needs the whole context's blocks; nobody overtakes the head", function()
  check({ { 0, 4, 6 }, { 0, 30, 2 }, { 0, 2, 2 } }, 9, 4, 4, "a long prompt at the head of the queue", 2)
end)
test("out of blocks: the newest running request is preempted", function()
  check({ { 0, 7, 6 }, { 0, 7, 6 }, { 0, 7, 6 } }, 7, 4, 4, "three requests that outgrow 7 blocks", 3)
end)
test("a preempted request resumes with its tokens and finishes", function()
  check({ { 0, 3, 12 }, { 0, 3, 12 }, { 1, 3, 2 } }, 6, 4, 3, "two growing requests and a late one", 3)
end)
test("a request preempts itself when it is the newest", function()
  check({ { 0, 4, 9 }, { 0, 1, 9 } }, 4, 4, 2, "two requests in 4 blocks", 3)
end)

local function trace(n, rate, pmin, pmax, omin, omax)
  local reqs, t = {}, 0
  for i = 1, n do
    if math.random() < rate then t = t + 1 end
    reqs[i] = { t, math.random(pmin, pmax), math.random(omin, omax) }
  end
  return reqs
end

test("random: 300 requests, plenty of memory", function()
  check(trace(300, 0.5, 10, 200, 5, 100), 2000, 16, 32, "300 requests, ample blocks", 2, true)
end)
test("random: 300 requests, memory pressure", function()
  check(trace(300, 0.8, 20, 300, 20, 300), 120, 16, 32, "300 requests, 120 blocks", 3, true)
end)
test("random: 2,000 requests, heavy preemption", function()
  check(trace(2000, 0.9, 50, 400, 50, 400), 200, 16, 64, "2,000 requests, 200 blocks", 3, true)
end)

test("sched_free releases everything", function()
  local bytes = learner.fn "long long harness_leak(void)" ()
  if bytes > 4096 then fail(("a scheduler freed with 2,000 requests queued left %d bytes allocated"):format(bytes)) end
end)
