local agent = learner.fn "int harness_agent(const char *script, const char *task, int max_steps, char *answer, int answer_cap, char *prompts, long long prompts_cap, char *tools, long long tools_cap, int *ncalls)"

local RS = "\30"

local FACTS = {
  ["capital of france"] = "Paris", ["population of paris"] = "2102650", ["height of everest in m"] = "8849",
  ["speed of light in km/s"] = "299792", ["author of dune"] = "Frank Herbert", ["year dune was published"] = "1965",
  ["capital of [france]"] = "Paris (bracketed)",
}

-- The tools, as the harness implements them (only argument forms the tests use).
local function tool(name, arg)
  if name == "calc" then
    local a, op, b = arg:match("^%s*(%-?%d+)%s*([%+%-%*/])%s*(%-?%d+)%s*$")
    a, b = tonumber(a), tonumber(b)
    if not a or (op == "/" and b == 0) then return ("error: cannot evaluate '%s'"):format(arg) end
    if op == "+" then return tostring(a + b) elseif op == "-" then return tostring(a - b)
    elseif op == "*" then return tostring(a * b) end
    local q = a // b
    if q < 0 and q * b ~= a then q = q + 1 end        -- C division truncates toward zero
    return tostring(q)
  elseif name == "lookup" then
    return FACTS[arg] or ("no entry for '%s'"):format(arg)
  end
  return nil
end

-- The protocol of the README, in Lua: expected prompts, tool calls, answer, return value.
local function expected(script, task, max_steps)
  local prompts, calls = {}, {}
  local t = "Task: " .. task .. "\n"
  for step = 1, max_steps do
    prompts[#prompts + 1] = t
    local out = script[step] or ""
    t = t .. out
    if out == "" or out:sub(-1) ~= "\n" then t = t .. "\n" end
    local obs = "error: could not parse an action"
    for line in (out .. "\n"):gmatch("([^\n]*)\n") do
      if line:sub(1, 13) == "Final Answer:" then
        return prompts, calls, (line:sub(14):gsub("^[ \t]+", ""):gsub("[ \t]+$", "")), step
      end
      if line:sub(1, 7) == "Action:" then
        local name, rest = line:sub(8):match("^[ \t]*([a-z_]+)(%[.*)$")
        if name then
          local arg = rest:match("^%[(.*)%][ \t]*$")
          if arg then
            calls[#calls + 1] = name .. "[" .. arg .. "]"
            local r = tool(name, arg)
            obs = r or ("error: unknown tool " .. name)
          end
        end
        break
      end
    end
    t = t .. "Observation: " .. obs .. "\n"
  end
  return prompts, calls, "", -1
end

local function split(s)
  local out = {}
  for piece in s:gmatch("([^" .. RS .. "]*)" .. RS) do out[#out + 1] = piece end
  return out
end

local function visible(s)
  return (s:gsub("\n", "\\n"):gsub("\t", "\\t"))
end

-- The first difference between two strings, shown in context.
local function diff(want, got)
  local i = 1
  while i <= #want and want:sub(i, i) == got:sub(i, i) do i = i + 1 end
  local from = math.max(1, i - 30)
  return ("at character %d: expected ...%s..., got ...%s..."):format(i - 1,
    visible(want:sub(from, i + 30)), visible(got:sub(from, i + 30)))
end

local function run(script, task, max_steps, what, hint)
  local sb = buf.str(table.concat(script, RS))
  local answer = buf.char(256, { name = "answer" }):fill(88)
  local cap = 8 << 20
  local prompts, tools = buf.char(cap, { name = "prompts" }), buf.char(cap, { name = "tools" })
  local ncalls = buf.i32(2, { name = "ncalls" })
  local r = agent(sb, task, max_steps, answer, 256, prompts, cap, tools, cap, ncalls)
  local wp, wc, wa, wr = expected(script, task, max_steps)
  local gp, gc = split(prompts:string(cap)), split(tools:string(cap))
  local ctx = ("%s (max_steps %d)"):format(what, max_steps)
  if ncalls[1] ~= 0 then fail(ctx .. ": the prompts sent to the model add up to more than 8 MiB (far more than expected)") end
  for i = 1, math.max(#wp, #gp) do
    if wp[i] ~= gp[i] then
      if not gp[i] then fail(("%s: the model was called %d times; expected %d calls"):format(ctx, #gp, #wp), { hint = hint }) end
      if not wp[i] then fail(("%s: the model was called %d times; expected only %d (the agent should have stopped)"):format(ctx, #gp, #wp), { hint = hint }) end
      fail(("%s: the prompt of model call %d differs %s"):format(ctx, i, diff(wp[i], gp[i])), { hint = hint })
    end
  end
  local function show(l) local q = {} for i, v in ipairs(l) do q[i] = visible(v) end return "[" .. table.concat(q, ", ") .. "]" end
  expect(show(gc), ctx .. ": the tool calls made"):eq(show(wc), { hint = hint })
  expect(r, ctx .. ": agent_run returned"):eq(wr, { hint = hint })
  expect(answer:string(256), ctx .. ": the answer"):eq(wa, { hint = hint })
end

test("an immediate answer", function()
  run({ "Final Answer: 42" }, "What is six times seven?", 5, "one response", 1)
end)
test("one tool call, then the answer", function()
  run({ "Thought: I should compute it.\nAction: calc[12 * 7]", "Thought: done.\nFinal Answer: 84" },
    "What is 12 times 7?", 5, "calc then answer", 1)
end)
test("two tools in a row", function()
  run({ "Action: lookup[capital of france]", "Action: lookup[population of paris]\n",
        "Thought: I have both.\nFinal Answer:   Paris, 2102650   " },
    "Capital of France and its population?", 6, "two lookups", 1)
end)
test("the argument runs to the last ']' on the line", function()
  run({ "Action: lookup[capital of [france]]  ", "Final Answer: ok" }, "Brackets.", 3, "nested brackets", 2)
end)
test("an unknown tool is reported back, and the loop goes on", function()
  run({ "Action: search[dune]", "Action: lookup[author of dune]", "Final Answer: Frank Herbert" },
    "Who wrote Dune?", 5, "an unknown tool", 2)
end)
test("malformed output gets an error observation", function()
  run({ "I think the answer is 5", "Action calc[2 + 3]", "Action: calc 2 + 3", "Action: Calc[2 + 3]",
        "Action: calc[2 + 3", "Action: calc[2 + 3] and more", "", "Action: calc[2 + 3]", "Final Answer: 5" },
    "Two plus three?", 12, "seven malformed responses", 2)
end)
test("the first Action or Final Answer line decides", function()
  run({ "Thought: Final Answer: not this one\nAction: calc[1 + 1]\nFinal Answer: 3", "Final Answer: 2\nAction: calc[9 * 9]" },
    "One plus one?", 4, "both kinds of line in one response", 2)
end)
test("the step limit: no answer after max_steps model calls", function()
  local script = {}
  for i = 1, 10 do script[i] = ("Action: calc[%d + %d]"):format(i, i) end
  run(script, "Count forever.", 4, "a model that never answers", 3)
end)
test("a tool that fails is still an observation", function()
  run({ "Action: calc[7 / 0]", "Action: calc[two plus two]", "Action: lookup[meaning of life]", "Final Answer: unknown" },
    "Divide by zero.", 5, "tool errors", 2)
end)
test("a long session (the transcript keeps growing)", function()
  local script = {}
  for i = 1, 199 do
    script[i] = ("Thought: step %d of a long computation, thinking carefully about it.\nAction: calc[%d * %d]"):format(i, i, i + 1)
  end
  script[200] = "Final Answer: done"
  run(script, "Multiply many numbers.", 250, "200 responses", 3)
end)
