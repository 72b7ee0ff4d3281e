/* SwiGLU, fused: out[r][j] = silu(gate[r][j]) * up[r][j], one pass. Per output, 8 bytes are
 * read (gate, up) and 4 written; two kernels (silu, then the product) would move 20.
 * Block (bx, r) owns 2048 columns of row r; thread t takes columns t, t + 256, ..., t + 1792 of
 * them. For each of its 8 steps, a warp reads 32 neighbouring gates (one 128-byte line), 32
 * neighbouring ups and writes 32 neighbouring outputs: every access is coalesced, and the
 * thread has 16 independent loads to put in flight before it needs the first result. */

#define BLOCK 256
#define ITEMS 8

__global__ void swiglu(float *out, const float *gu, int rows, int hidden)
{
    const float *gate = gu + blockIdx.y * 2 * hidden;
    const float *up = gate + hidden;
    float *o = out + blockIdx.y * hidden;
    int base = blockIdx.x * (BLOCK * ITEMS) + threadIdx.x;
    float a[ITEMS], b[ITEMS];

    /* All 16 loads first: out might alias gu as far as the compiler knows, so a load written
       after a store could not be moved above it, and the thread would wait for each pair. */
    for (int e = 0; e < ITEMS; e++) {
        int j = base + e * BLOCK;
        a[e] = j < hidden ? gate[j] : 0.0f;
        b[e] = j < hidden ? up[j] : 0.0f;
    }
    for (int e = 0; e < ITEMS; e++) {
        int j = base + e * BLOCK;
        /* For a < -88.7, expf(-a) is infinity and a / infinity = -0: the exact value is
           below 1e-36 there. Never a * e^a / (1 + e^a): infinity / infinity for a > 88.7. */
        if (j < hidden)
            o[j] = a[e] / (1.0f + expf(-a[e])) * b[e];
    }
}
