/* Attention forward, FlashAttention style: out = softmax(Q K^T / sqrt(D)) V per head, never
 * storing the seq x seq scores. A block of 128 threads owns 64 query rows of one head and walks
 * K and V in tiles of 32 keys staged in shared memory. Thread (tx, ty), tx = 0..7, ty = 0..15:
 *   rows      ty, ty + 16, ty + 32, ty + 48                  (the same in both products)
 *   scores    keys tx, tx + 8, tx + 16, tx + 24 of the tile  -> s[4][4]
 *   outputs   columns 4tx .. 4tx+3 and 32+4tx .. 32+4tx+3    -> o[4][8], in registers
 * The 8 threads of a row are 8 neighbouring lanes of one warp: they agree on the row's running
 * maximum m with three shuffles, and each keeps its share of the running sum l. When m grows,
 * o and l are scaled by exp(m_old - m_new) before the tile's probabilities are added.
 * Q is scaled by log2(e) / sqrt(D) once, on its way into shared memory, so that
 * exp(s - m) is exp2f of a plain difference. */

#define D 64          /* head dimension */
#define BQ 64         /* query rows per block */
#define BK 32         /* keys per tile */
#define THREADS 128
#define PAD 4         /* rows of sq and sk are 68 floats: the 8 rows a warp reads at once start
                         in 8 different groups of 4 banks, and each row stays 16-byte aligned */
#define PPAD 8        /* rows of sp are 40 floats: a warp's 4 rows x 8 keys store to 32 banks */
const int bq = BQ, threads = THREADS;   /* read by the grader: grid {ceil(seq / bq), heads} */

__global__ void __launch_bounds__(THREADS) attention(float *out, const float *q, const float *k,
                                                     const float *v, int heads, int seq)
{
    __shared__ __align__(16) float sq[BQ][D + PAD];   /* Q tile, scaled */
    __shared__ __align__(16) float sk[BK][D + PAD];   /* K tile, one key per row */
    __shared__ __align__(16) float sv[BK][D];         /* V tile */
    __shared__ __align__(16) float sp[BQ][BK + PPAD];  /* probabilities of the tile */
    int tid = threadIdx.x, tx = tid % 8, ty = tid / 8;
    int q0 = blockIdx.x * BQ;
    int base = blockIdx.y * seq * D;                  /* this head's [seq][D] matrices */
    const float scale = 0.125f * 1.44269504f;         /* 1 / sqrt(64) * log2(e) */
    const float neg_inf = __int_as_float(0xff800000);

    for (int e = tid; e < BQ * D / 4; e += THREADS) { /* Q tile as float4, 0 past the end */
        int r = e / (D / 4), c = e % (D / 4) * 4;
        float4 x = { 0.0f, 0.0f, 0.0f, 0.0f };
        if (q0 + r < seq)
            x = *(const float4 *)&q[base + (q0 + r) * D + c];
        x.x *= scale; x.y *= scale; x.z *= scale; x.w *= scale;
        *(float4 *)&sq[r][c] = x;
    }

    float o[4][8], m[4], l[4];
    for (int i = 0; i < 4; i++) {
        m[i] = neg_inf;
        l[i] = 0.0f;
        for (int c = 0; c < 8; c++)
            o[i][c] = 0.0f;
    }

    for (int k0 = 0; k0 < seq; k0 += BK) {
        for (int e = tid; e < BK * D / 4; e += THREADS) {   /* K and V tiles, 0 past the end */
            int r = e / (D / 4), c = e % (D / 4) * 4;
            float4 kx = { 0.0f, 0.0f, 0.0f, 0.0f }, vx = { 0.0f, 0.0f, 0.0f, 0.0f };
            if (k0 + r < seq) {
                kx = *(const float4 *)&k[base + (k0 + r) * D + c];
                vx = *(const float4 *)&v[base + (k0 + r) * D + c];
            }
            *(float4 *)&sk[r][c] = kx;
            *(float4 *)&sv[r][c] = vx;
        }
        __syncthreads();

        /* S = Q K^T for 4 rows x 4 keys: per 4 columns, 8 float4 loads feed 64 FMAs. */
        float s[4][4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                s[i][j] = 0.0f;
#pragma unroll
        for (int c = 0; c < D; c += 4) {
            float4 a[4], b[4];
            for (int i = 0; i < 4; i++)
                a[i] = *(const float4 *)&sq[ty + 16 * i][c];
            for (int j = 0; j < 4; j++)
                b[j] = *(const float4 *)&sk[tx + 8 * j][c];
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++) {   /* four separate updates: four FMAs */
                    s[i][j] += a[i].x * b[j].x;
                    s[i][j] += a[i].y * b[j].y;
                    s[i][j] += a[i].z * b[j].z;
                    s[i][j] += a[i].w * b[j].w;
                }
        }

        /* Online softmax, one row at a time; keys past the end count as -infinity. */
        for (int i = 0; i < 4; i++) {
            float mx = neg_inf;
            for (int j = 0; j < 4; j++) {
                if (k0 + tx + 8 * j >= seq)
                    s[i][j] = neg_inf;
                mx = fmaxf(mx, s[i][j]);
            }
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 4));   /* the row's 8 lanes */
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
            float mnew = fmaxf(m[i], mx);           /* finite: key k0 is always in range */
            float alpha = exp2f(m[i] - mnew);       /* 0 on the first tile (m = -inf) */
            m[i] = mnew;
            float sum = 0.0f;
            for (int j = 0; j < 4; j++) {
                float p = exp2f(s[i][j] - mnew);
                sum += p;
                sp[ty + 16 * i][tx + 8 * j] = p;
            }
            l[i] = l[i] * alpha + sum;
            for (int c = 0; c < 8; c++)
                o[i][c] *= alpha;
        }
        __syncthreads();

        /* O += P V for 4 rows x 8 columns: per 4 keys, 12 float4 loads feed 128 FMAs. */
#pragma unroll
        for (int kk = 0; kk < BK; kk += 4) {
            float p[4][4];
            for (int i = 0; i < 4; i++) {
                float4 x = *(const float4 *)&sp[ty + 16 * i][kk];
                p[i][0] = x.x; p[i][1] = x.y; p[i][2] = x.z; p[i][3] = x.w;
            }
            for (int t = 0; t < 4; t++) {
                float4 v0 = *(const float4 *)&sv[kk + t][4 * tx];
                float4 v1 = *(const float4 *)&sv[kk + t][32 + 4 * tx];
                for (int i = 0; i < 4; i++) {
                    o[i][0] += p[i][t] * v0.x; o[i][1] += p[i][t] * v0.y;
                    o[i][2] += p[i][t] * v0.z; o[i][3] += p[i][t] * v0.w;
                    o[i][4] += p[i][t] * v1.x; o[i][5] += p[i][t] * v1.y;
                    o[i][6] += p[i][t] * v1.z; o[i][7] += p[i][t] * v1.w;
                }
            }
        }
        __syncthreads();   /* the next tiles overwrite sk, sv and sp */
    }

    for (int i = 0; i < 4; i++) {
        float sum = l[i];   /* each of the row's 8 lanes holds part of the sum */
        sum += __shfl_xor_sync(0xffffffffu, sum, 4);
        sum += __shfl_xor_sync(0xffffffffu, sum, 2);
        sum += __shfl_xor_sync(0xffffffffu, sum, 1);
        int r = q0 + ty + 16 * i;
        if (r < seq) {
            float inv = 1.0f / sum;
            float4 y0 = { o[i][0] * inv, o[i][1] * inv, o[i][2] * inv, o[i][3] * inv };
            float4 y1 = { o[i][4] * inv, o[i][5] * inv, o[i][6] * inv, o[i][7] * inv };
            *(float4 *)&out[base + r * D + 4 * tx] = y0;
            *(float4 *)&out[base + r * D + 32 + 4 * tx] = y1;
        }
    }
}
