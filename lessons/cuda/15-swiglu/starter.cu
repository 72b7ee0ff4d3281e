/* SwiGLU, the gated activation of Llama's MLP:  out[r][j] = silu(gate[r][j]) * up[r][j],
 * silu(a) = a * sigmoid(a) = a / (1 + e^-a).
 * gu is rows x (2 * hidden): row r holds its hidden gate values, then its hidden up values.
 * out is rows x hidden. Every value is finite; gates may be large (+-1000).
 * The grader launches blocks of BLOCK = 256 threads on a grid of ceil(hidden / 2048) x rows:
 * block (bx, r) computes columns bx * 2048 .. bx * 2048 + 2047 of row r, ITEMS = 8 per thread
 * (the last block of a row sticks out past hidden). */

#define BLOCK 256
#define ITEMS 8

__global__ void swiglu(float *out, const float *gu, int rows, int hidden)
{
    /* TODO */
}
