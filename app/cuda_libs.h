/* cuda_libs: finds and opens a CUDA toolkit library (libnvrtc, libcublas) with dlopen, where a
   CUDA install or a Python wheel usually puts it, with no CUDA at build time. */
#ifndef KDOJO_CUDA_LIBS_H
#define KDOJO_CUDA_LIBS_H

#include <stddef.h>

/* base: the unversioned file name ("libnvrtc.so"); sonames: names the loader may know
   (NULL-terminated). Searches $CUDA_PATH and $CUDA_HOME, /usr/local/cuda*, the loader path and
   pip's nvidia wheel directories (system, $VIRTUAL_ENV, ~/.local). The newest match wins within
   a directory. Returns the handle and the path it came from, or NULL. */
void *cuda_lib_open(const char *base, const char *const *sonames, char *found, size_t found_len);

#endif
