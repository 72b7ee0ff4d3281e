/* An LSTM over T steps of one sequence, forward and backward through time.
 *
 * x      T x I          the inputs, one row per step
 * w      4H x (I + H)   rows 0..H-1: input gate i; H..2H-1: forget gate f;
 *                       2H..3H-1: candidate g; 3H..4H-1: output gate o.
 *                       Columns 0..I-1 multiply x_t, columns I..I+H-1 multiply h_{t-1}.
 * b      4H
 * h0c0   2H             h_{-1} (first H) and c_{-1} (next H)
 * cache  T x 6H         written by the forward pass, per step: i f g o (after the
 *                       nonlinearities), c_t, h_t, each H floats
 *
 *   z = W [x_t ; h_{t-1}] + b
 *   i = sigmoid(z_i), f = sigmoid(z_f), g = tanh(z_g), o = sigmoid(z_o)
 *   c_t = f * c_{t-1} + i * g,    h_t = o * tanh(c_t)
 *
 * Backward: dhs (T x H) is dL/dh_t for every step. Write dx (T x I), dw, db, and
 * dh0c0 (2H: dL/dh_{-1}, then dL/dc_{-1}). Outputs arrive holding garbage.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

void lstm_forward(const float *x, const float *w, const float *b, const float *h0c0,
                  float *cache, int T, int I, int H)
{
    /* TODO */
}

void lstm_backward(const float *x, const float *w, const float *h0c0, const float *cache,
                   const float *dhs, float *dx, float *dw, float *db, float *dh0c0,
                   int T, int I, int H)
{
    /* TODO */
}
