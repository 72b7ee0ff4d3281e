/* Matrix multiply, correct but with too little register blocking: lesson 10's kernel with
 * 32 x 32 tiles and 2 x 2 outputs per thread. Per step of kk each thread loads 2 floats of A
 * and 2 of B from shared memory for 4 multiply-adds: one shared load per FMA. An H100 SM
 * serves about one warp-wide shared load per clock against four warp-wide FMAs, so the loads
 * cap this kernel near a quarter of the FP32 peak, whatever its occupancy. */

#define BM 32
#define BN 32
#define BK 16
#define TM 2
#define TN 2
const int bm = BM, bn = BN, tm = TM, tn = TN;

__global__ void matmul(float *c, const float *a, const float *b, int m, int n, int k)
{
    __shared__ float sa[BK][BM + 1];
    __shared__ float sb[BK][BN];
    int tx = threadIdx.x, ty = threadIdx.y;
    int tid = ty * (BN / TN) + tx, nthreads = (BM / TM) * (BN / TN);
    int row0 = blockIdx.y * BM, col0 = blockIdx.x * BN;
    float acc[TM][TN];
    for (int i = 0; i < TM; i++)
        for (int j = 0; j < TN; j++)
            acc[i][j] = 0.0f;

    for (int k0 = 0; k0 < k; k0 += BK) {
        for (int e = tid; e < BM * BK; e += nthreads) {
            int r = e / BK, kk = e % BK;
            sa[kk][r] = row0 + r < m && k0 + kk < k ? a[(row0 + r) * k + k0 + kk] : 0.0f;
        }
        for (int e = tid; e < BK * BN; e += nthreads) {
            int kk = e / BN, cc = e % BN;
            sb[kk][cc] = k0 + kk < k && col0 + cc < n ? b[(k0 + kk) * n + col0 + cc] : 0.0f;
        }
        __syncthreads();
        for (int kk = 0; kk < BK; kk++) {
            float ar[TM], br[TN];
            for (int i = 0; i < TM; i++)
                ar[i] = sa[kk][ty + i * (BM / TM)];
            for (int j = 0; j < TN; j++)
                br[j] = sb[kk][tx + j * (BN / TN)];
            for (int i = 0; i < TM; i++)
                for (int j = 0; j < TN; j++)
                    acc[i][j] += ar[i] * br[j];
        }
        __syncthreads();
    }
    for (int i = 0; i < TM; i++) {
        int r = row0 + ty + i * (BM / TM);
        for (int j = 0; j < TN; j++) {
            int cc = col0 + tx + j * (BN / TN);
            if (r < m && cc < n)
                c[r * n + cc] = acc[i][j];
        }
    }
}
