/* RoPE, correct but uncoalesced: neighbouring threads take neighbouring HEADS at the same pair
 * index i ("they share an angle, so give them to one warp"). Thread t handles head k % heads,
 * pair k / heads of its token. The 32 lanes of a warp then touch 32 float2 that lie head_dim
 * floats apart (512 bytes at head_dim 128): 32 separate 32-byte sectors per load and per store,
 * 8 bytes used of each. The loads find the rest of each sector in L1 when the next warps come
 * for it; the stores cannot: every store instruction sends 32 partial sectors to L2, four times
 * the write transactions of the coalesced kernel. */

#define BLOCK 256

__global__ void rope(float *x, const int *pos, int tokens, int heads, int head_dim, float theta)
{
    int half = head_dim / 2, pairs = heads * half;
    float2 *row = (float2 *)(x + blockIdx.x * heads * head_dim);
    float p = (float)pos[blockIdx.x];
    float c = -2.0f * log2f(theta) / (float)head_dim;

    for (int k = threadIdx.x; k < pairs; k += BLOCK) {
        int h = k % heads, i = k / heads;
        float a = p * exp2f((float)i * c);
        float s = __sinf(a), co = __cosf(a);
        float2 v = row[h * half + i];
        float2 r;
        r.x = v.x * co - v.y * s;
        r.y = v.x * s + v.y * co;
        row[h * half + i] = r;
    }
}
