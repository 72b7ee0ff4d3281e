#!/usr/bin/python3
"""numba's CUDA simulator on the same two kernels as bench_sim.c, at small sizes, for a
per-thread comparison (issue 5, "Measured"). Needs python3-numba; prints a markdown table."""
import os
import sys
import time

os.environ["NUMBA_ENABLE_CUDASIM"] = "1"
import numpy as np  # noqa: E402
from numba import cuda, float32  # noqa: E402


@cuda.jit
def vadd(a, b, c, n):
    i = cuda.grid(1)
    if i < n:
        c[i] = a[i] + b[i]


@cuda.jit
def reduce(inp, out):
    s = cuda.shared.array(256, float32)
    t = cuda.threadIdx.x
    s[t] = inp[cuda.blockIdx.x * cuda.blockDim.x + t]
    cuda.syncthreads()
    step = 128
    while step > 0:
        if t < step:
            s[t] += s[t + step]
        cuda.syncthreads()
        step //= 2
    if t == 0:
        out[cuda.blockIdx.x] = s[0]


def timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def main():
    sizes = [int(x) for x in sys.argv[1:]] or [1 << 14]
    print("| kernel | threads | numba simulator | per thread |")
    print("| --- | --- | --- | --- |")
    for n in sizes:
        a = np.arange(n, dtype=np.float32)
        b = np.ones(n, dtype=np.float32)
        c = np.zeros(n, dtype=np.float32)
        t = timed(lambda: vadd[n // 256, 256](a, b, c, n))
        assert c[5] == 6
        print(f"| vector add | {n} | {t * 1e3:.0f} ms | {t / n * 1e6:.1f} us |")
        out = np.zeros(n // 256, dtype=np.float32)
        t = timed(lambda: reduce[n // 256, 256](b, out))
        assert out[0] == 256
        print(f"| reduction, 9 syncthreads | {n} | {t * 1e3:.0f} ms | {t / n * 1e6:.1f} us |")


if __name__ == "__main__":
    main()
