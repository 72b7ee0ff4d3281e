/* Register-blocked matrix multiply, C = A x B (A: m x k, B: k x n, C: m x n, row-major).
 * A block of 16 x 16 threads computes a 128 x 128 tile of C; each thread 8 x 8 outputs, in two
 * 4 x 4 quadrants: rows 4ty .. 4ty+3 and 64+4ty .. 64+4ty+3, the same for columns with tx.
 * Per step of 8 along k, each thread loads one float4 of A's 128 x 8 tile and one of B's
 * 8 x 128 tile from global memory. A's tile is stored transposed, sa[kk][r], so that a thread's
 * 4 consecutive rows are 4 consecutive floats: per kk it then reads 2 float4 of A and 2 of B
 * from shared memory and does 64 multiply-adds with them (16 per shared load; lesson 10's
 * 4 x 4 did 2). Edges: a float4 is loaded only when all four elements exist and their address
 * is 16-byte aligned (row length a multiple of 4); otherwise the four are loaded one by one. */

#define BM 128
#define BN 128
#define BK 8
#define TM 8
#define TN 8
#define PAD 4   /* sa's rows are 132 floats: the two halves of a warp store to different banks,
                   and every row still starts 16-byte aligned for the float4 reads */
const int bm = BM, bn = BN, tm = TM, tn = TN;   /* read by the grader to shape the launch */

/* Four consecutive elements p[row * ld + col .. + 3] of a rows x cols matrix, 0 outside it. */
__device__ float4 load4(const float *p, int row, int col, int rows, int cols, int ld)
{
    float4 v;
    if (row < rows && col + 3 < cols && ld % 4 == 0)
        return *(const float4 *)(p + row * ld + col);
    const float *q = p + row * ld + col;
    v.x = row < rows && col < cols ? q[0] : 0.0f;
    v.y = row < rows && col + 1 < cols ? q[1] : 0.0f;
    v.z = row < rows && col + 2 < cols ? q[2] : 0.0f;
    v.w = row < rows && col + 3 < cols ? q[3] : 0.0f;
    return v;
}

__global__ void __launch_bounds__(256, 2) matmul(float *c, const float *a, const float *b, int m, int n, int k)
{
    __shared__ __align__(16) float sa[BK][BM + PAD];   /* A's tile, transposed: sa[kk][r] */
    __shared__ __align__(16) float sb[BK][BN];
    int tx = threadIdx.x, ty = threadIdx.y, tid = ty * 16 + tx;
    int row0 = blockIdx.y * BM, col0 = blockIdx.x * BN;
    int ar = tid / 2, ak = tid % 2 * 4;      /* this thread's float4 of A's tile: row ar, k ak.. */
    int bk = tid / 32, bc = tid % 32 * 4;    /* and of B's tile: k bk, columns bc.. */
    float acc[TM][TN];
    for (int i = 0; i < TM; i++)
        for (int j = 0; j < TN; j++)
            acc[i][j] = 0.0f;

    /* The first tiles' float4s; each later pair is loaded while the tiles before it are used. */
    float4 va = load4(a, row0 + ar, ak, m, k, k);
    float4 vb = load4(b, bk, col0 + bc, k, n, n);
    for (int k0 = 0; k0 < k; k0 += BK) {
        sa[ak + 0][ar] = va.x;
        sa[ak + 1][ar] = va.y;
        sa[ak + 2][ar] = va.z;
        sa[ak + 3][ar] = va.w;
        *(float4 *)&sb[bk][bc] = vb;
        __syncthreads();
        if (k0 + BK < k) {   /* the next tiles: these loads are in flight during the 512 FMAs below */
            va = load4(a, row0 + ar, k0 + BK + ak, m, k, k);
            vb = load4(b, k0 + BK + bk, col0 + bc, k, n, n);
        }
#pragma unroll
        for (int kk = 0; kk < BK; kk++) {
            float4 a0 = *(const float4 *)&sa[kk][4 * ty], a1 = *(const float4 *)&sa[kk][BM / 2 + 4 * ty];
            float4 b0 = *(const float4 *)&sb[kk][4 * tx], b1 = *(const float4 *)&sb[kk][BN / 2 + 4 * tx];
            float ra[TM] = { a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w };
            float rb[TN] = { b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w };
            for (int i = 0; i < TM; i++)
                for (int j = 0; j < TN; j++)
                    acc[i][j] += ra[i] * rb[j];
        }
        __syncthreads();   /* the next step overwrites the tiles */
    }

    for (int i = 0; i < TM; i++) {
        int r = row0 + (i < 4 ? 4 * ty + i : BM / 2 + 4 * ty + i - 4);
        if (r >= m)
            continue;
        for (int h = 0; h < 2; h++) {
            int cc = col0 + h * (BN / 2) + 4 * tx;
            float *dst = c + r * n + cc;
            if (cc + 3 < n && n % 4 == 0) {
                float4 v;
                v.x = acc[i][4 * h];
                v.y = acc[i][4 * h + 1];
                v.z = acc[i][4 * h + 2];
                v.w = acc[i][4 * h + 3];
                *(float4 *)dst = v;
            } else {
                for (int j = 0; j < 4; j++)
                    if (cc + j < n)
                        dst[j] = acc[i][4 * h + j];
            }
        }
    }
}
