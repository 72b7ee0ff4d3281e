/* A linear layer with a LoRA adapter (no bias):
 *
 *   y = x W^T + (alpha / r) * (x A^T) B^T
 *
 *   x  n x in      W  out x in      A  r x in      B  out x r      y  n x out
 * (all row-major). y arrives holding garbage.
 *
 * lora_merge: fold the adapter into W in place, W += (alpha / r) * B A.
 */
#include <stddef.h>
#include <stdlib.h>

void lora_forward(const float *x, const float *w, const float *a, const float *b, float *y,
                  int n, int in, int out, int r, float alpha)
{
    /* TODO */
}

void lora_merge(float *w, const float *a, const float *b, int in, int out, int r, float alpha)
{
    /* TODO */
}
