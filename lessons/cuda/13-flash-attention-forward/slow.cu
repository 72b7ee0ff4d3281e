/* Attention forward, correct but without register blocking: the same tiles and online softmax
 * as the reference, but each of 512 threads computes one score and one output per tile of 64
 * keys (8 query rows x 64). A score reads a float4 of its q row (one address for the whole
 * warp: one shared-memory wavefront) and four k elements one by one: 5 loads for 4 FMAs. P V
 * is the same: a float4 of the p row, four v elements, 4 FMAs. Every k or v element a thread
 * loads feeds a single FMA. Per tile a warp needs about 195 shared-memory wavefronts (the two
 * products 160, the tile stores and the softmax the rest) for 128 warp-wide FMAs. An H100 SM
 * serves about one wavefront per clock but issues four warp-wide FMAs, so shared memory caps
 * this kernel at 0.66 FMAs per clock, 16% of the FP32 peak (9.9 TFLOP/s, 7 ms for 16 x 4096 x
 * 4096). Lesson 10's kernel, capped the same way at 2 FMAs per wavefront, reached two thirds
 * of its cap: expect 8.5-10.5 ms here. The reference's 4 x 4 and 4 x 8 register tiles do 2048
 * FMAs per 224 float4 loads and are limited by FMA issue instead (estimated 1.8-2.6 ms, 25-40
 * TFLOP/s): this kernel should take 3.3 to 5.8 times as long. */

#define D 64
#define BQ 8
#define BK 64
#define THREADS (BQ * 64)
const int bq = BQ, threads = THREADS;

__global__ void attention(float *out, const float *q, const float *k, const float *v, int heads, int seq)
{
    __shared__ __align__(16) float sq[BQ][D];
    __shared__ float sk[BK][D + 1];                 /* +1: lane tx reads row tx, no bank conflicts */
    __shared__ float sv[BK][D];
    __shared__ __align__(16) float sp[BQ][BK];      /* the tile's scores, then probabilities */
    __shared__ float smax[BQ][2];                   /* each row's two warps' maxima */
    int tx = threadIdx.x % 64, ty = threadIdx.x / 64;   /* row ty; key tx, then column tx */
    int row = blockIdx.x * BQ + ty;
    int base = blockIdx.y * seq * D;
    const float neg_inf = __int_as_float(0xff800000);

    sq[ty][tx] = row < seq ? q[base + row * D + tx] * 0.125f : 0.0f;
    float m = neg_inf, l = 0.0f, o = 0.0f;
    for (int k0 = 0; k0 < seq; k0 += BK) {
        for (int e = threadIdx.x; e < BK * D; e += THREADS) {
            int r = e / D, c = e % D;
            sk[r][c] = k0 + r < seq ? k[base + (k0 + r) * D + c] : 0.0f;
            sv[r][c] = k0 + r < seq ? v[base + (k0 + r) * D + c] : 0.0f;
        }
        __syncthreads();

        float s = 0.0f;
        for (int d = 0; d < D; d += 4) {
            float4 a = *(const float4 *)&sq[ty][d];
            s += a.x * sk[tx][d];
            s += a.y * sk[tx][d + 1];
            s += a.z * sk[tx][d + 2];
            s += a.w * sk[tx][d + 3];
        }
        if (k0 + tx >= seq)
            s = neg_inf;
        float mx = s;
        for (int off = 16; off > 0; off /= 2)
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, off));
        if (tx % 32 == 0)
            smax[ty][tx / 32] = mx;
        __syncthreads();
        float mnew = fmaxf(m, fmaxf(smax[ty][0], smax[ty][1]));
        float alpha = expf(m - mnew);
        m = mnew;
        sp[ty][tx] = expf(s - mnew);
        __syncthreads();

        float sum = 0.0f;
        o *= alpha;
        for (int j = 0; j < BK; j += 4) {
            float4 p = *(const float4 *)&sp[ty][j];
            sum += p.x + p.y + p.z + p.w;
            o += p.x * sv[j][tx];
            o += p.y * sv[j + 1][tx];
            o += p.z * sv[j + 2][tx];
            o += p.w * sv[j + 3][tx];
        }
        l = l * alpha + sum;
        __syncthreads();   /* the next tiles overwrite sk, sv, sp and smax */
    }
    if (row < seq)
        out[base + row * D + tx] = o / l;
}
