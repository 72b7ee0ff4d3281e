/* A linear layer, backward pass. The forward pass was  y = x W^T + b  with
 *
 *   x  n x in,  w  out x in,  b  out,  y  n x out   (row-major, as in dl/01)
 *
 * Given dy = dL/dy (n x out), write the gradients of the loss L:
 *   dx  n x in     dL/dx
 *   dw  out x in   dL/dW
 *   db  out        dL/db, or NULL when the layer has no bias: then skip it
 * All three arrive holding garbage. Overwrite them; do not accumulate into them.
 */
#include <stddef.h>

void linear_backward(const float *x, const float *w, const float *dy,
                     float *dx, float *dw, float *db, int n, int in, int out)
{
    /* TODO */
}
