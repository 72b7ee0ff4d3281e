/* sandbox: runs a function in a child process that cannot hurt kdojo or the machine.
   The child gets CPU, data-size, file-size and process limits, a wall-clock deadline, its own
   scratch directory, its own PID and network namespaces where the kernel allows (so everything
   it starts dies with it, even after setsid), and, as root, an unused unprivileged uid with no
   new privileges; Landlock confines writes to the scratch directory and reads to the system
   directories and those the caller names, never the lesson files. */
#ifndef KDOJO_SANDBOX_H
#define KDOJO_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    double wall_seconds;     /* deadline for the whole run */
    long memory_mb;          /* RLIMIT_DATA: heap and private mappings, not address space */
    long max_processes;      /* RLIMIT_NPROC for the child's uid */
    long max_file_mb;        /* RLIMIT_FSIZE */
    const char *const *readable; /* directories the child may read besides the system's, NULL-terminated */
    const char *hidden_dir;  /* never readable to the child where Landlock works (lessons/) */
    bool memory_cgroup;      /* enforce memory_mb with a memory cgroup, not RLIMIT_DATA (sanitizers
                                reserve terabytes of shadow memory); as root, cgroup v1 only */
    bool own_proc;           /* a /proc of the child's own PID namespace (the CUDA driver needs it) */
    bool loopback;           /* a network namespace of its own with loopback up (lessons that serve
                                or fetch over 127.0.0.1, and CUDA, whose driver may use sockets);
                                otherwise no socket at all (seccomp), which costs far less than a
                                network namespace (1-2 ms a run) */
} sandbox_limits;

/* What the sandbox could enforce on this machine (for kdojo doctor and for messages). */
typedef struct {
    bool pid_namespace, net_namespace, user_namespace, dropped_uid, landlock;
    bool socket_filter;      /* seccomp refuses socket() and io_uring */
    int landlock_abi;
} sandbox_caps;

typedef struct {
    bool exited;        /* exited normally with `code` */
    int code;
    int signal;         /* killed by this signal (0 if none) */
    bool timed_out;     /* killed at the wall-clock deadline */
    bool cancelled;     /* killed because *cancel became true */
    bool completed;     /* ended early because io->complete said everything was reported */
    double seconds;     /* wall time */
    bool memory_unenforced; /* memory_cgroup was asked for and no cgroup could be made */
    bool memory_oom;        /* the memory cgroup's limit was reached and the kernel killed in it */
} sandbox_status;

typedef struct {
    void *ctx;
    void (*on_result)(void *ctx, const char *data, size_t n);  /* bytes from the result pipe */
    void (*on_output)(void *ctx, const char *data, size_t n);  /* learner stdout and stderr */
    const volatile int *cancel;                                /* may be NULL */
    bool (*stop)(void *ctx);                                   /* polled: true ends the run; may be NULL */
    /* Polled: true once the child has reported everything (its record stream is complete), so
       the run can end without waiting for its processes to wind down; may be NULL. */
    bool (*complete)(void *ctx);
} sandbox_io;

/* The child body: result_fd is where it reports. It must not return. */
typedef void (*sandbox_fn)(void *arg, int result_fd);

/* Runs fn in the sandbox and waits for it; 0, or -1 with *err when the child could not start. */
int sandbox_run(const sandbox_limits *lim, sandbox_fn fn, void *arg, const sandbox_io *io, sandbox_status *st,
                char **err);

/* A worker: a sandboxed child that serves one request after another under the same limits
   (the tutor's GPU worker keeps its CUDA context between checks). lim->wall_seconds bounds its
   CPU time over its whole life; each request has its own deadline. In the child, fn reads
   requests from sandbox_request_fd() and answers each on result_fd; EOF there means stop. */
typedef struct sandbox_worker sandbox_worker;
sandbox_worker *sandbox_worker_start(const sandbox_limits *lim, sandbox_fn fn, void *arg, char **err);
/* Sends a request and supervises until io->complete (st->completed: the worker lives on and
   serves the next request), the deadline, a cancel, or the worker's end (then it is gone, and
   sandbox_worker_alive says so). -1 when the request could not be sent (the worker is dead). */
int sandbox_worker_serve(sandbox_worker *w, const void *request, size_t len, double wall_seconds,
                         const sandbox_io *io, sandbox_status *st);
/* Bytes from the result pipe between requests (the worker's "ready"): n > 0, 0 on timeout, -1
   when the worker is gone. */
int sandbox_worker_read(sandbox_worker *w, char *buf, size_t len, double timeout);
bool sandbox_worker_alive(sandbox_worker *w);
double sandbox_worker_age(const sandbox_worker *w);
void sandbox_worker_stop(sandbox_worker *w);
int sandbox_request_fd(void);

/* Inside the child: what the sandbox managed to set up for this run. */
const sandbox_caps *sandbox_child_caps(void);

/* Probes what this machine allows (forks a short-lived child). */
void sandbox_probe(sandbox_caps *caps);

#endif
