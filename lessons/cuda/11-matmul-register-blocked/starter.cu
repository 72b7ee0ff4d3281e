/* Matrix multiply, C = A x B: A is m x k, B is k x n, C is m x n, all row-major
 * (A[i][kk] is a[i * k + kk]). Sizes are anything from 1 up; a, b and c start 16-byte aligned.
 *
 * As in lesson 10 you choose the launch: a block computes a BM x BN tile of C with
 * (BN / TN) x (BM / TM) threads, each thread TM x TN outputs. The grader reads bm, bn, tm, tn
 * and launches block = {BN / TN, BM / TM}, grid = {ceil(n / BN), ceil(m / BM)}. At most 1024
 * threads per block; BM divisible by TM, BN by TN. The shape below is the one the lesson
 * suggests: 128 x 128 tiles, 8 x 8 outputs per thread, 256 threads. */

#define BM 128
#define BN 128
#define BK 8
#define TM 8
#define TN 8
const int bm = BM, bn = BN, tm = TM, tn = TN;

__global__ void matmul(float *c, const float *a, const float *b, int m, int n, int k)
{
    /* TODO */
}
