/* RoPE in place: one block of 256 threads per token.
 * A token's heads x head_dim floats are heads * head_dim / 2 pairs, back to back, so the kernel
 * sees them as float2: pair k is head k / half, pair i = k % half of that head. Thread t takes
 * pairs t, t + 256, ...: a warp loads 32 neighbouring float2 (256 contiguous bytes) in one
 * instruction and stores them back the same way.
 * The angle is computed per pair: pos * theta^(-2i/d) = pos * 2^(i c), c = -2 log2(theta) / d.
 * __sinf and __cosf are one special-function instruction each (after a multiply by 1/(2 pi));
 * their error grows with the angle, about 2e-7 rad per radian, which is no more than the
 * float angle itself carries: pos * 2^(i c) is rounded to 24 bits. */

#define BLOCK 256

__global__ void rope(float *x, const int *pos, int tokens, int heads, int head_dim, float theta)
{
    int half = head_dim / 2, pairs = heads * half;
    float2 *row = (float2 *)(x + blockIdx.x * heads * head_dim);
    float p = (float)pos[blockIdx.x];
    float c = -2.0f * log2f(theta) / (float)head_dim;

    for (int k = threadIdx.x; k < pairs; k += BLOCK) {
        float a = p * exp2f((float)(k % half) * c);
        float s = __sinf(a), co = __cosf(a);
        float2 v = row[k];   /* both values of the pair, one 8-byte load */
        float2 r;
        r.x = v.x * co - v.y * s;
        r.y = v.x * s + v.y * co;
        row[k] = r;
    }
}
