/* learner_rt: the runtime kdojo links into learner programs: the functions behind
   <kdojo/atomic.h>, and thin wrappers around malloc and fork that remember failures so a
   crash or a hang can be explained ("an allocation of 2 GiB failed: the limit is 512 MiB"). */
#ifndef KDOJO_LEARNER_RT_H
#define KDOJO_LEARNER_RT_H

#include "engine_tcc.h"
#include <stddef.h>

/* NULL-terminated list of symbols to provide to learner programs (atomics, allocation and
   fork wrappers, and thread_rt's pthread wrappers). */
const tcc_symbol *learner_rt_symbols(void);

/* The largest allocation that failed so far (0: none), and how many forks failed. */
size_t learner_rt_failed_alloc(void);
long learner_rt_failed_forks(void);
void learner_rt_reset_failed_alloc(void); /* at the start of each test */


#endif
