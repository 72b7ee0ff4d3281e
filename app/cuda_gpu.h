/* cuda_gpu: a real NVIDIA GPU through the CUDA driver API, loaded with dlopen and our own
   declarations of the few functions used (no CUDA headers or libraries at build time).
   One cuda_gpu is one device with its primary context; it lives in the grading child (or in
   kdojo doctor), never in a process that forks graders afterwards: CUDA does not survive fork.

   After a fault (an illegal address, say) the context is dead: every later call fails with
   the first error, and the process must end for the next check to work. */
#ifndef KDOJO_CUDA_GPU_H
#define KDOJO_CUDA_GPU_H

#include <stddef.h>

typedef struct cuda_gpu cuda_gpu;
typedef unsigned long long cuda_dptr;   /* a device address */

typedef struct {
    char name[256];
    int driver_version;                  /* 13000 for 13.0 */
    int cc_major, cc_minor;              /* compute capability */
    int sms;
    size_t memory;                       /* bytes */
    int l2_bytes;
    int max_threads_per_sm, regs_per_sm, shared_per_sm, shared_per_block_optin;
} cuda_gpu_info;

/* Cheap, safe before fork: a driver library loads and a device node exists. No cuInit. */
int cuda_gpu_present(void);
/* Whether CUDA lessons run on the GPU here: one is present and KDOJO_CUDA_BACKEND does not ask
   for the simulator. Also cheap and safe before fork. */
int cuda_gpu_in_use(void);

/* cuInit, device 0, its primary context. NULL with a message in err when there is no GPU. */
cuda_gpu *cuda_gpu_open(char *err, size_t len);
void cuda_gpu_close(cuda_gpu *g);
const cuda_gpu_info *cuda_gpu_info_of(const cuda_gpu *g);
/* Non-zero once a fault killed the context; *msg says which (the first one). */
int cuda_gpu_broken(const cuda_gpu *g, const char **msg);

/* Modules and kernels: image is a cubin (or PTX) from cuda_nvrtc_compile. */
typedef struct cuda_gpu_module cuda_gpu_module;
cuda_gpu_module *cuda_gpu_module_load(cuda_gpu *g, const void *image, char *err, size_t len);
void cuda_gpu_module_unload(cuda_gpu *g, cuda_gpu_module *m);
void *cuda_gpu_function(cuda_gpu *g, cuda_gpu_module *m, const char *lowered_name);

typedef struct {
    int registers;        /* per thread */
    int static_shared;    /* bytes per block */
    int local;            /* bytes per thread (spills and local arrays) */
    int constant;
    int max_threads;      /* the most threads per block this kernel can launch with */
    int blocks_per_sm;    /* for the given block size and dynamic shared memory */
    double occupancy;     /* resident warps / the SM's maximum, 0..1 */
} cuda_gpu_resources;

int cuda_gpu_function_resources(cuda_gpu *g, void *fn, int block_threads, size_t dynamic_shared, cuda_gpu_resources *r);

/* Memory; 0 on success, -1 with the message in the broken state or err. */
cuda_dptr cuda_gpu_alloc(cuda_gpu *g, size_t bytes);
void cuda_gpu_free(cuda_gpu *g, cuda_dptr p);
int cuda_gpu_upload(cuda_gpu *g, cuda_dptr dst, const void *src, size_t bytes);
int cuda_gpu_download(cuda_gpu *g, void *dst, cuda_dptr src, size_t bytes);

/* Writes a buffer twice the size of L2 so that the next launch starts with a cold cache. */
int cuda_gpu_flush_l2(cuda_gpu *g);

typedef enum { GPU_OK, GPU_LAUNCH_ERROR, GPU_FAULT, GPU_HANG } cuda_gpu_status;

/* Launches fn and waits for it until `deadline` (now_seconds() clock). *ms, when not NULL,
   is the kernel's time between two CUDA events around the launch. On GPU_LAUNCH_ERROR
   (bad configuration: nothing ran) the GPU stays usable; on GPU_FAULT or GPU_HANG it does
   not. err says what happened in words. */
cuda_gpu_status cuda_gpu_launch(cuda_gpu *g, void *fn, const unsigned grid[3], const unsigned block[3],
                                size_t shared, void **params, double deadline, double *ms, char *err, size_t len);

/* Events around work that is not one kernel (cuBLAS calls, several launches) on the default
   stream: span_end waits for it until `deadline` and gives the milliseconds between. -1 when
   the GPU faulted or the work did not finish (the GPU is then broken). */
void cuda_gpu_span_begin(cuda_gpu *g);
int cuda_gpu_span_end(cuda_gpu *g, double deadline, double *ms);
/* Queues a launch without waiting for it (inside a span). 0, or -1 when refused. */
int cuda_gpu_launch_async(cuda_gpu *g, void *fn, const unsigned grid[3], const unsigned block[3], size_t shared,
                          void **params);

/* A device-to-device copy of `bytes` (half read, half written) timed with events, in ms. */
int cuda_gpu_time_copy(cuda_gpu *g, size_t bytes, int flush, double *ms);

/* The doctor's probes: copy bandwidth (bytes read plus written per second, cuMemcpyDtoD and a
   float4 copy kernel) and FP32 throughput (FMA per second x 2) from our own kernels. */
typedef struct {
    double memcpy_bps, kernel_copy_bps, fp32_flops;
} cuda_gpu_probe;
int cuda_gpu_run_probes(cuda_gpu *g, cuda_gpu_probe *p, char *err, size_t len);

#endif
