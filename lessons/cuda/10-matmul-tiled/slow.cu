/* Matrix multiply, correct but untiled: one thread per output (16 x 16 blocks, one output
 * each), every product read straight from global memory. Neighbouring threads read
 * neighbouring columns of B (coalesced) and the same element of A; still, every output reads
 * its whole row of A and column of B: 2k loads for k multiply-adds, served by the caches at
 * best. */

#define BM 16
#define BN 16
#define TM 1
#define TN 1
const int bm = BM, bn = BN, tm = TM, tn = TN;

__global__ void matmul(float *c, const float *a, const float *b, int m, int n, int k)
{
    int r = blockIdx.y * BM + threadIdx.y;
    int cc = blockIdx.x * BN + threadIdx.x;
    if (r >= m || cc >= n)
        return;
    float acc = 0.0f;
    for (int kk = 0; kk < k; kk++)
        acc += a[r * k + kk] * b[kk * n + cc];
    c[r * n + cc] = acc;
}
