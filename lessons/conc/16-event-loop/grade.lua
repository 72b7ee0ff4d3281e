local fetch_all = learner.fn "int fetch_all(int port, int n, char *out, int stride, int *lens)"
local server_start = learner.fn "int harness_server_start(int delay_ms, int piece, int gap_ms, long long missing)"
local server_stop = learner.fn "void harness_server_stop(long long *out)"
local check = learner.fn "int harness_check(int n, const char *out, int stride, const int *lens, long long missing, long long *detail)"
local threads = learner.fn "int harness_threads(void)"

local STRIDE = 16384

local fmt = thousands

-- Runs fetch_all against a fresh server; returns its result, the seconds it took and the
-- server's statistics (requests, most waiting at once, malformed, most threads).
local function fetch(what, n, opts)
  opts = opts or {}
  local port = server_start(opts.delay or 100, opts.piece or 0, opts.gap or 0, opts.missing or 0)
  if port <= 0 then fail(("the test server could not start (error %d): a problem of kdojo, not of your code"):format(-port)) end
  local out = buf.char(math.max(n, 1) * STRIDE, { name = "out" })
  local lens = buf.i32(math.max(n, 1), { name = "lens" })
  local t0 = kd.clock()
  local got = fetch_all(port, n, out, STRIDE, lens)
  local took = kd.clock() - t0
  local stats = buf.i64(4, { name = "stats" })
  server_stop(stats)
  if stats[2] ~= 0 then
    fail(("%s: the server got %d malformed request(s); send \"GET /item/<i> HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n"
      .. "Connection: close\\r\\n\\r\\n\""):format(what, stats[2]))
  end
  local detail = buf.i64(3, { name = "detail" })
  local bad = check(n, out, STRIDE, lens, opts.missing or 0, detail)
  if bad >= 0 then
    local why = detail[0]
    if why == 1 and detail[1] < 0 then
      fail(("%s: item %d does not exist (the server answered 404), so lens[%d] must be -1; got %s")
        :format(what, bad, bad, fmt(lens[bad])), { hint = 2 })
    elseif why == 1 then
      fail(("%s: lens[%d] is %s, but item %d's body is %s bytes long%s"):format(what, bad, fmt(lens[bad]), bad,
        fmt(detail[1]), lens[bad] >= 0 and lens[bad] < detail[1] and ": was the response read only up to the first "
        .. "recv, before all of it had arrived?" or ""), { hint = 2 })
    elseif why == 2 then
      fail(("%s: item %d's body differs from what the server sent at byte %s"):format(what, bad, fmt(detail[2])))
    else
      fail(("%s: item %d's body is not followed by a NUL"):format(what, bad))
    end
  end
  local want_ok = 0
  for i = 0, n - 1 do
    if not (i < 64 and ((opts.missing or 0) >> i) & 1 == 1) then want_ok = want_ok + 1 end
  end
  expect(got, what .. ": fetch_all's return value (items fetched)"):eq(want_ok)
  return took, stats
end

test("no items", function()
  fetch("fetch_all with n = 0", 0)
end)

test("one item", function()
  fetch("1 item, answered after 100 ms", 1)
end)

test("answers that arrive in pieces", function()
  fetch("8 items, each answer sent 500 bytes at a time, 3 ms apart", 8, { delay = 20, piece = 500, gap = 3 })
end)

test("missing items answer 404", function()
  fetch("10 items, of which 3 and 7 answer 404 Not Found", 10, { delay = 20, missing = (1 << 3) | (1 << 7) })
end)

local slow -- set when the 50 requests took seconds: the next test would take longer still

test("50 items, each 100 ms slow, in well under a second", function()
  slow = true
  local before = threads()
  local took, stats = fetch("50 items, each answered after 100 ms", 50)
  if took > 0.6 then
    fail(("50 requests that each take 100 ms took %.2f s: the server saw at most %d of them waiting at once. "
      .. "Send every request before waiting for any answer, and wait for all of them together with epoll")
      :format(took, stats[1]), { hint = 1 })
  end
  if stats[3] > before + 1 then
    fail(("the process had %d threads while the requests came in (before: %d, plus the test server's): do it "
      .. "from the calling thread alone, with one epoll loop"):format(stats[3], before), { hint = 1 })
  end
  slow = false
end)

test("100 items, in pieces, 150 ms slow", function()
  if slow then fail("not run: first make the 50 requests run at once (the test above)") end
  local took = fetch("100 items answered after 150 ms, 1,000 bytes at a time, 2 ms apart", 100,
    { delay = 150, piece = 1000, gap = 2 })
  if took > 1.2 then fail(("100 requests of 150 ms each took %.2f s"):format(took), { hint = 1 }) end
end)
