/* SwiGLU, correct but uncoalesced: each thread takes 8 NEIGHBOURING columns (j = base +
 * 8 * threadIdx.x + e), the way a CPU loop would split a row. On each step the 32 lanes of a
 * warp are 32 bytes apart: one load or store instruction touches 32 sectors of 32 bytes (8
 * lines) and uses 4 bytes of each, where the coalesced kernel touches the 4 sectors of one
 * line. The loads find the rest of each sector in L1 on the next 7 steps; the stores cannot:
 * each sends 32 partial sectors to L2, eight times the write transactions. */

#define BLOCK 256
#define ITEMS 8

__global__ void swiglu(float *out, const float *gu, int rows, int hidden)
{
    const float *gate = gu + blockIdx.y * 2 * hidden;
    const float *up = gate + hidden;
    float *o = out + blockIdx.y * hidden;
    int base = blockIdx.x * (BLOCK * ITEMS) + threadIdx.x * ITEMS;
    float a[ITEMS], b[ITEMS];

    for (int e = 0; e < ITEMS; e++) {
        int j = base + e;
        a[e] = j < hidden ? gate[j] : 0.0f;
        b[e] = j < hidden ? up[j] : 0.0f;
    }
    for (int e = 0; e < ITEMS; e++) {
        int j = base + e;
        if (j < hidden)
            o[j] = a[e] / (1.0f + expf(-a[e])) * b[e];
    }
}
