/* Row scan: one block of 256 threads per row, the row in chunks of 1024 elements.
 * Per chunk: a coalesced load into shared memory; each thread scans 4 neighbouring elements
 * serially; each warp scans its 32 thread totals with shuffles; the 8 warp totals go through
 * shared memory; each thread adds what comes before it (earlier chunks, earlier warps, earlier
 * lanes) and the chunk is stored coalesced. Every element is read once and written once. */

#define BLOCK 256
#define PER 4
#define CHUNK (BLOCK * PER)
#define WARPS (BLOCK / 32)

__global__ void scan_rows(float *out, const float *in, int rows, int cols)
{
    __shared__ float s[CHUNK];
    __shared__ float warp_total[WARPS];
    int t = threadIdx.x, lane = t % 32, warp = t / 32;
    const float *src = in + blockIdx.x * cols;
    float *dst = out + blockIdx.x * cols;
    float carry = 0.0f;   /* the sum of the row's earlier chunks */

    for (int base = 0; base < cols; base += CHUNK) {
        for (int k = 0; k < PER; k++) {   /* coalesced: lane t reads base + k * 256 + t */
            int j = base + k * BLOCK + t;
            s[k * BLOCK + t] = j < cols ? src[j] : 0.0f;
        }
        __syncthreads();

        float v[PER], total = 0.0f;   /* this thread's 4 elements, scanned */
        for (int k = 0; k < PER; k++) {
            total += s[t * PER + k];
            v[k] = total;
        }
        float x = total;   /* inclusive scan of the thread totals within the warp */
        for (int d = 1; d < 32; d *= 2) {
            float y = __shfl_up_sync(0xffffffffu, x, d);
            if (lane >= d)
                x += y;
        }
        if (lane == 31)
            warp_total[warp] = x;
        __syncthreads();

        float before = carry + (x - total), chunk = 0.0f;
        for (int w = 0; w < WARPS; w++) {
            if (w < warp)
                before += warp_total[w];
            chunk += warp_total[w];
        }
        for (int k = 0; k < PER; k++)
            s[t * PER + k] = before + v[k];
        __syncthreads();

        for (int k = 0; k < PER; k++) {
            int j = base + k * BLOCK + t;
            if (j < cols)
                dst[j] = s[k * BLOCK + t];
        }
        /* No barrier needed before the next chunk: its loads write s[k * 256 + t], the slots
           this same thread has just stored; warp_total is rewritten only after the next
           chunk's first barrier, which every thread reaches after reading it. */
        carry += chunk;
    }
}
