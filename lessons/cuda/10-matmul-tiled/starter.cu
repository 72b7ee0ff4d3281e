/* Matrix multiply, C = A x B: A is m x k, B is k x n, C is m x n, all row-major
 * (A[i][kk] is a[i * k + kk]). Sizes are anything from 1 up.
 *
 * You choose the launch: a block computes a BM x BN tile of C with (BN / TN) x (BM / TM)
 * threads, each thread a TM x TN group of outputs. The grader reads bm, bn, tm, tn and
 * launches block = {BN / TN, BM / TM}, grid = {ceil(n / BN), ceil(m / BM)}. At most 1024
 * threads per block; BM divisible by TM, BN by TN. */

#define BM 16
#define BN 16
#define TM 1
#define TN 1
const int bm = BM, bn = BN, tm = TM, tn = TN;

__global__ void matmul(float *c, const float *a, const float *b, int m, int n, int k)
{
    /* TODO */
}
