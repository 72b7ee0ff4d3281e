/* cuda_cublas: cuBLAS, loaded with dlopen when present, as a yardstick: the matmul lessons
   report the learner's kernel as a share of cuBLAS's SGEMM speed, and flash attention is
   compared with attention built from two strided-batched SGEMMs and a row-softmax kernel.
   Never used for grading; never needed at build time. FP32 throughout (cuBLAS's default math
   mode: no TF32 unless NVIDIA_TF32_OVERRIDE says so). */
#ifndef KDOJO_CUDA_CUBLAS_H
#define KDOJO_CUDA_CUBLAS_H

#include "cuda_gpu.h"

#include <stddef.h>

/* 0 once cuBLAS is loaded and a handle made on the current (primary) context; -1 + err. */
int cuda_cublas_open(char *err, size_t len);
const char *cuda_cublas_path(void);

/* Row-major c (m x n) = a (m x k) * b (k x n), queued on the default stream; 0 or -1. */
int cuda_cublas_sgemm(cuda_dptr c, cuda_dptr a, cuda_dptr b, int m, int n, int k);

/* out = softmax(q k^T / sqrt(dim)) v for [heads][seq][dim] row-major floats, queued on the
   default stream; scores is scratch of heads * seq * seq floats. 0, or -1 + err. */
int cuda_cublas_attention(cuda_gpu *g, cuda_dptr out, cuda_dptr q, cuda_dptr k, cuda_dptr v, cuda_dptr scores,
                          int heads, int seq, int dim, char *err, size_t len);

#endif
