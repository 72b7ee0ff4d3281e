/* Bias add, correct but uncoalesced: consecutive threads walk DOWN a column ("a column shares
 * its bias, so give a column to neighbouring threads"). Neighbouring threads then touch floats
 * cols * 4 bytes apart: each of a warp's 32 loads needs its own 32-byte sector, of which it
 * uses 4 bytes. */

__global__ void add_bias(float *out, const float *x, const float *bias, int rows, int cols)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < rows * cols) {
        int r = i % rows, c = i / rows;
        out[r * cols + c] = x[r * cols + c] + bias[c];
    }
}
