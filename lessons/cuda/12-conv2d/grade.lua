local cuda = require "cuda"
local decl = "void conv2d(float *out, const float *in, const float *filt, int n, int c, int k, int h, int w)"
local conv = cuda.kernel(decl)

-- The launch from the file's exported tile shape (side = "learner" or "reference").
local function shape(side)
  local s = {}
  for _, name in ipairs { "tile_w", "tile_h", "tile_k", "block_x", "block_y" } do
    s[name] = cuda.constant(name, side)
    if s[name] < 1 then fail(("%s = %d: each of tile_w, tile_h, tile_k, block_x, block_y must be 1 or more"):format(name, s[name])) end
  end
  if s.block_x * s.block_y > 1024 then
    fail(("a block of %d x %d threads is more than 1024"):format(s.block_x, s.block_y))
  end
  return s
end

local function cfg(s, n, k, h, w)
  return { grid = { (w + s.tile_w - 1) // s.tile_w, (h + s.tile_h - 1) // s.tile_h, n * ((k + s.tile_k - 1) // s.tile_k) },
           block = { s.block_x, s.block_y } }
end

local function ints(count, lo, hi, name)
  local x = buf.f32(count, { name = name, align = 4 })
  for i = 0, count - 1 do x[i] = gen.int(lo, hi) end
  return x
end

-- The convolution in Lua; small integers make every sum exact in float, whatever the order.
local function want_of(x, f, n, c, k, h, w)
  local want = buf.f32(n * k * h * w + 64)
  want:fill(-7.5)
  for b = 0, n - 1 do
    for ko = 0, k - 1 do
      for y = 0, h - 1 do
        for xx = 0, w - 1 do
          local acc = 0
          for ci = 0, c - 1 do
            for r = 0, 2 do
              local iy = y + r - 1
              if iy >= 0 and iy < h then
                for s = 0, 2 do
                  local ix = xx + s - 1
                  if ix >= 0 and ix < w then
                    acc = acc + x[((b * c + ci) * h + iy) * w + ix] * f[((ko * c + ci) * 3 + r) * 3 + s]
                  end
                end
              end
            end
          end
          want[((b * k + ko) * h + y) * w + xx] = acc
        end
      end
    end
  end
  return want
end

local function check(n, c, k, h, w)
  local s = shape("learner")
  local x = ints(n * c * h * w, -4, 4, "in")
  local f = ints(k * c * 9, -3, 3, "filt")
  local out = buf.f32(n * k * h * w + 64, { name = "out", align = 4 })
  out:fill(-7.5)
  conv:launch(cfg(s, n, k, h, w), out, x, f, n, c, k, h, w)
  cuda.expect(out, want_of(x, f, n, c, k, h, w), { what = "out", hint = 2, width = n * k == 1 and w or nil,
    context = ("n = %d, c = %d, k = %d, %d x %d images (out[((b * %d + ko) * %d + y) * %d + x]; from %d on is past the end)"):format(
      n, c, k, h, w, k, h, w, n * k * h * w) })
end

test("the rule: at most 48 KiB of shared memory, no register spills", function()
  local s = shape("learner")
  cuda.expect_resources(conv, { max_shared = 48 * 1024, no_spills = true }, { block = { s.block_x, s.block_y } })
end)
test("a 1 x 1 image: all 8 neighbours are padding", function() check(1, 1, 1, 1, 1) end)
test("one channel, 5 x 7: the border pixels see the padding", function() check(1, 1, 1, 5, 7) end)
test("n = 2, c = 3, k = 5, 9 x 13", function() check(2, 3, 5, 9, 13) end)
test("n = 3, c = 8, k = 8, 8 x 32: whole tiles", function() check(3, 8, 8, 8, 32) end)
test("n = 1, c = 17, k = 6, 33 x 35: tiles sticking out, channels not a multiple of anything", function()
  check(1, 17, 6, 33, 35)
end)
test("n = 2, c = 2, k = 3, 70 x 1: a one-pixel-wide image", function() check(2, 2, 3, 70, 1) end)
test("n = 1, c = 5, k = 2, 1 x 70: a one-pixel-high image", function() check(1, 5, 2, 1, 70) end)

-- Timed: 32 images of 64 channels, 64 x 64 pixels, to 64 channels (9.7 GFLOP), fresh inputs
-- every repetition, against the reference kernel on the same inputs; every output compared
-- with the reference's.
local N, C, K, H, W = 32, 64, 64, 64, 64
test("speed: within 1.4x of the reference kernel", function()
  local ref = cuda.reference(decl)
  local s, rs = shape("learner"), shape("reference")
  local x, f = buf.f32(N * C * H * W, { name = "in" }), buf.f32(K * C * 9, { name = "filt" })
  local out, want = buf.f32(N * K * H * W, { name = "out" }), buf.f32(N * K * H * W, { name = "reference out" })
  cuda.bench("conv", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + 2 * rep, -1, 1)
      f:random(seed + 2 * rep + 1, -1, 1)
      return rep
    end,
    learner = function() return conv, cfg(s, N, K, H, W), out, x, f, N, C, K, H, W end,
    against = function() return ref, cfg(rs, N, K, H, W), want, x, f, N, C, K, H, W end,
    check = function()
      expect.buffer(out, want, { what = "out (32 x 64 x 64 x 64 to 64 channels)", rtol = 1e-4, atol = 1e-4 })
    end,
  })
end)
