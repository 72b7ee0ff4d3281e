/* sandbox: runs a function in a child process that cannot hurt kdojo or the machine. */
#include "sandbox.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <linux/landlock.h>
#include <net/if.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define RESULT_FD 3
#define REQUEST_FD 4 /* a worker's requests (sandbox_worker_start); closed in one-off runs */

static sandbox_caps child_caps;
static bool serving_requests; /* in the child: REQUEST_FD is a worker's request pipe */

const sandbox_caps *sandbox_child_caps(void) { return &child_caps; }

/* ---------------------------------------------------------------- Landlock */

/* Declared here so that kernels newer than our headers can be used fully. */
struct kd_landlock_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
};

#define LL_READ ((1ULL << 0) | (1ULL << 2) | (1ULL << 3))         /* execute, read file, read dir */
#define LL_FS_V1 ((1ULL << 13) - 1)
#define LL_SCOPE_ABSTRACT_UNIX (1ULL << 0)
#define LL_SCOPE_SIGNAL (1ULL << 1)

static uint64_t landlock_fs_mask(int abi) {
    uint64_t m = LL_FS_V1;
    if (abi >= 2) m |= 1ULL << 13; /* refer */
    if (abi >= 3) m |= 1ULL << 14; /* truncate */
    if (abi >= 5) m |= 1ULL << 15; /* ioctl on devices */
    return m;
}

static int landlock_abi(void) {
    long v = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return v < 0 ? 0 : (int)v;
}

static void landlock_allow(int ruleset, const char *path, uint64_t access) {
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) access &= (1ULL << 0) | (1ULL << 1) | (1ULL << 2) | (1ULL << 14) | (1ULL << 15);
    struct landlock_path_beneath_attr pb = {.allowed_access = access, .parent_fd = fd};
    syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
    close(fd);
}

/* Grants `access` beneath root, except beneath `hidden` when it lies inside root: at each
   directory on the way down to it, every sibling of the next path component is granted and
   the component itself is not (Landlock only adds rights; it cannot take a subtree away). */
static void landlock_allow_except(int ruleset, const char *root, const char *hidden, uint64_t access) {
    char path[4096];
    size_t rl = strlen(root);
    if (!hidden || !realpath(hidden, path) || strncmp(path, root, rl) || (path[rl] != '/' && rl > 1)) {
        landlock_allow(ruleset, root, access);
        return;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", root);
    const char *rest = path + rl;
    while (*rest == '/') rest++;
    while (*rest) {
        const char *slash = strchr(rest, '/');
        size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
        DIR *d = opendir(dir);
        if (!d) return;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            if (strlen(e->d_name) == n && !strncmp(e->d_name, rest, n)) continue;
            char entry[4200];
            snprintf(entry, sizeof entry, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", e->d_name);
            landlock_allow(ruleset, entry, access);
        }
        closedir(d);
        size_t dl = strlen(dir);
        snprintf(dir + dl, sizeof dir - dl, "%s%.*s", dl > 1 ? "/" : "", (int)n, rest);
        rest += n;
        while (*rest == '/') rest++;
    }
}

/* What learner code may read: the system (libraries, headers, compilers, /proc), plus the
   directories the caller names (graders, kdojo's headers, TinyCC's runtime). Nothing else:
   not the lessons, not the learner's home. */
static const char *const system_roots[] = {
    "/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin", "/etc", "/proc", "/sys", "/dev", "/opt", NULL,
};

static void apply_landlock(const char *scratch, const sandbox_limits *lim) {
    int abi = landlock_abi();
    if (abi <= 0) return;
    struct kd_landlock_ruleset_attr attr = {.handled_access_fs = landlock_fs_mask(abi)};
    size_t size = 8;
    if (abi >= 6) {
        /* Scoping: no signals to processes outside the sandbox, no abstract sockets out. */
        attr.scoped = LL_SCOPE_SIGNAL | LL_SCOPE_ABSTRACT_UNIX;
        size = sizeof attr;
    }
    int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
    if (rs < 0) return;
    uint64_t all = attr.handled_access_fs;
    for (const char *const *r = system_roots; *r; r++) landlock_allow_except(rs, *r, lim->hidden_dir, LL_READ);
    for (const char *const *r = lim->readable; r && *r; r++) landlock_allow_except(rs, *r, lim->hidden_dir, LL_READ);
    landlock_allow(rs, scratch, all);
    landlock_allow(rs, "/dev/null", LL_READ | (1ULL << 1));
    landlock_allow(rs, "/dev/zero", LL_READ | (1ULL << 1));
    /* cuda: CUDA opens the GPU's device nodes read-write and drives them with ioctl, and
       writes to its own process's /proc entries (without, cuInit fails) */
    landlock_allow(rs, "/proc/self", all);
    glob_t gpu;
    if (glob("/dev/nvidia*", 0, NULL, &gpu) == 0)
        for (size_t i = 0; i < gpu.gl_pathc; i++) landlock_allow(rs, gpu.gl_pathv[i], all);
    globfree(&gpu);
    if (syscall(SYS_landlock_restrict_self, rs, 0) == 0) {
        child_caps.landlock = true;
        child_caps.landlock_abi = abi;
    }
    close(rs);
}

/* ---------------------------------------------------------------- child setup */

static void loopback_up(void) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return;
    struct ifreq ifr = {0};
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
    if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
        ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
        ioctl(s, SIOCSIFFLAGS, &ifr);
    }
    close(s);
}

static void set_limit(int resource, rlim_t soft, rlim_t hard) {
    struct rlimit r = {soft, hard};
    setrlimit(resource, &r);
}

static void apply_limits(const sandbox_limits *lim) {
    /* CPU time counts every thread: threaded lessons may use all cores for the whole time. */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    rlim_t cpu = (rlim_t)(lim->wall_seconds * (double)(cores > 0 ? cores : 1)) + 1;
    set_limit(RLIMIT_CPU, cpu, cpu + 2);
    if (!lim->memory_cgroup) set_limit(RLIMIT_DATA, (rlim_t)lim->memory_mb << 20, (rlim_t)lim->memory_mb << 20);
    else set_limit(RLIMIT_DATA, RLIM_INFINITY, RLIM_INFINITY);
    set_limit(RLIMIT_FSIZE, (rlim_t)lim->max_file_mb << 20, (rlim_t)lim->max_file_mb << 20);
    set_limit(RLIMIT_NPROC, (rlim_t)lim->max_processes, (rlim_t)lim->max_processes);
    set_limit(RLIMIT_CORE, 0, 0);
    set_limit(RLIMIT_NOFILE, 256, 256);
}

/* Whether /etc/passwd names uid. Read directly: getpwuid goes through NSS, which tries a
   name-service daemon's socket first and costs more than the rest of the sandbox's setup;
   uids this high only ever come from local files anyway. */
static bool uid_has_account(uid_t uid) {
    char *text = read_file("/etc/passwd", NULL);
    bool found = false;
    for (char *line = text; line && *line && !found;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        char *f = strchr(line, ':');
        f = f ? strchr(f + 1, ':') : NULL; /* name:password:uid */
        if (f && strtoul(f + 1, NULL, 10) == uid) found = true;
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return found;
}

/* An unused uid for this kdojo process: above any real account, unique per kdojo pid. */
static uid_t sandbox_uid(void) {
    static uid_t cached;
    if (!cached) {
        cached = 0x40000000u + (uid_t)getpid();
        while (uid_has_account(cached)) cached++;
    }
    return cached;
}

static void drop_privileges(uid_t uid) {
    if (setgroups(0, NULL) < 0 || setresgid(uid, uid, uid) < 0 || setresuid(uid, uid, uid) < 0) {
        static const char msg[] = "kdojo sandbox: cannot drop to an unprivileged uid\n";
        (void)!write(2, msg, sizeof msg - 1);
        _exit(126);
    }
    child_caps.dropped_uid = true;
}

static void write_proc(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        (void)!write(fd, text, strlen(text));
        close(fd);
    }
}

/* Without a network namespace, learner code must not reach the network or the host's abstract
   unix sockets: no socket() at all (socketpair still works), and no io_uring, which can open
   sockets without the socket system call. 0, or -1 when the kernel has no seccomp filters. */
static int deny_sockets(void) {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) return -1;
    int rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(socket), 0);
    static const char *uring[] = {"io_uring_setup", "io_uring_enter", "io_uring_register"};
    for (size_t i = 0; i < sizeof uring / sizeof *uring; i++) {
        int nr = seccomp_syscall_resolve_name(uring[i]);
        if (nr != __NR_SCMP_ERROR) rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), nr, 0);
    }
    if (rc == 0) rc = seccomp_load(ctx);
    seccomp_release(ctx);
    return rc ? -1 : 0;
}

/* Whether seccomp filters work here (checked before choosing to go without a network namespace). */
static bool seccomp_available(void) {
    return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0;
}

/* A new PID namespace, a network namespace when want_net (plus a user namespace when not root). */
static void enter_namespaces(bool want_net) {
    /* For tests of the fallback path on machines that do have namespaces. */
    const char *off = getenv("KDOJO_SANDBOX_NO_NAMESPACES");
    if (off && *off && strcmp(off, "0")) return;
    uid_t uid = getuid();
    gid_t gid = getgid();
    int flags = CLONE_NEWPID | (want_net ? CLONE_NEWNET : 0);
    if (uid != 0) flags |= CLONE_NEWUSER;
    if (unshare(flags) < 0) {
        if (uid == 0 || unshare(CLONE_NEWPID) < 0) return;
        child_caps.pid_namespace = true;
        return;
    }
    if (uid != 0) {
        char map[64];
        write_proc("/proc/self/setgroups", "deny");
        snprintf(map, sizeof map, "%u %u 1\n", uid, uid);
        write_proc("/proc/self/uid_map", map);
        snprintf(map, sizeof map, "%u %u 1\n", gid, gid);
        write_proc("/proc/self/gid_map", map);
        child_caps.user_namespace = true;
    }
    child_caps.pid_namespace = true;
    child_caps.net_namespace = want_net;
}

/* cuda: the NVIDIA driver fails to start (CUDA_ERROR_OPERATING_SYSTEM) in a new PID namespace
   that still sees the old one's /proc: give the namespace its own /proc, in its own mount
   namespace (private, so nothing leaks out). Without it, CUDA lessons fall back to the simulator. */
static void own_proc(void) {
    if (unshare(CLONE_NEWNS) < 0) return;
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) return;
    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
}

/* Leaves the way a child with wait status `status` did: same signal, or same exit code. */
static __attribute__((noreturn)) void exit_like(int status) {
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        signal(sig, SIG_DFL);
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_UNBLOCK, &all, NULL);
        kill(getpid(), sig);
    }
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 125);
}

static int wait_for(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    return status;
}

/* The relay, outside the namespace: waits for its init and leaves as the grader left, which
   the init reports through `status_r` (an init cannot be killed by its own signals). */
static volatile sig_atomic_t relay_stop;

static void on_relay_stop(int sig) {
    (void)sig;
    relay_stop = 1;
}

/* Without a PID namespace the relay is a child subreaper: whatever the learner starts, setsid
   or not, is reparented to it when its parent dies. Kill and reap until nothing is left. */
static void kill_descendants(void) {
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
    for (int round = 0; round < 10000; round++) {
        FILE *f = fopen(path, "re");
        int any = 0, pid;
        while (f && fscanf(f, "%d", &pid) == 1) {
            kill(pid, SIGKILL);
            any = 1;
        }
        if (f) fclose(f);
        int status;
        while (waitpid(-1, &status, WNOHANG) > 0) any = 1;
        if (!any && waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD) return;
        if (!any) usleep(1000);
    }
}

/* The relay, outside the namespace: waits for its init and leaves as the grader left, which
   the init reports through `status_r` (an init cannot be killed by its own signals). Without
   a namespace, the relay itself cleans up: on the parent's SIGTERM (deadline, cancel) and when
   the grader ends. */
static __attribute__((noreturn)) void relay_exit(pid_t init, int status_r, bool subreaper) {
    int status = 0, reported;
    if (subreaper) {
        struct sigaction sa = {0};
        sa.sa_handler = on_relay_stop; /* no SA_RESTART: waitpid returns EINTR */
        sigaction(SIGTERM, &sa, NULL);
        while (waitpid(init, &status, 0) < 0) {
            if (errno != EINTR || relay_stop) {
                kill(init, SIGKILL);
                kill_descendants();
                signal(SIGTERM, SIG_DFL);
                raise(SIGTERM);
            }
        }
        kill_descendants();
    } else {
        status = wait_for(init);
    }
    if (status_r >= 0 && read(status_r, &reported, sizeof reported) == (ssize_t)sizeof reported) status = reported;
    exit_like(status);
}

/* The namespace's init: starts the grader as pid 2, reaps whatever gets orphaned, and when the
   grader ends, reports its status and leaves; the kernel then kills the rest of the namespace.
   The grader must not be pid 1 itself: the kernel ignores an init's own default-action signals,
   so abort() would never end it. */
static void become_init(int status_w) {
    pid_t grader = fork();
    if (grader < 0) _exit(124);
    if (grader == 0) {
        close(status_w);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        return;
    }
    close(RESULT_FD);
    if (serving_requests) close(REQUEST_FD);
    close(0);
    close(1);
    close(2);
    for (;;) {
        int status;
        pid_t p = waitpid(-1, &status, 0);
        if (p == grader) {
            if (write(status_w, &status, sizeof status) < 0) {}
            _exit(0);
        }
        if (p < 0 && errno != EINTR) _exit(125);
    }
}

/* Closes every descriptor from `first` up. close_range needs Linux 5.9 and may be filtered in
   containers; without the fallback, kdojo's own descriptors (the progress database, the
   timing lock, the tutor's pipes) would be open in learner code. */
static void close_from(int first) {
    if (syscall(SYS_close_range, first, ~0U, 0) == 0) return;
    DIR *d = opendir("/proc/self/fd");
    if (d) {
        int self = dirfd(d);
        struct dirent *e;
        while ((e = readdir(d))) {
            int fd = atoi(e->d_name);
            if (fd >= first && fd != self) close(fd);
        }
        closedir(d);
        return;
    }
    struct rlimit r;
    int max = getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur != RLIM_INFINITY && r.rlim_cur < 65536 ? (int)r.rlim_cur : 65536;
    for (int fd = first; fd < max; fd++) close(fd);
}

/* The child is forked, not exec'd: it would keep the parent's handlers (the tutor's SIGINT,
   SIGTERM and SIGHUP handlers write to a pipe whose number the child reuses; while the editor
   runs, SIGINT and SIGQUIT are ignored). Learner code must see the defaults, as from a shell. */
static void default_signals(void) {
    struct sigaction sa = {0};
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &sa, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static __attribute__((noreturn)) void child_main(const sandbox_limits *lim, const char *scratch, uid_t uid,
                                                 int result_w, int output_w, int request_r, const char *cgroup,
                                                 sandbox_fn fn, void *arg) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    setpgid(0, 0);
    /* The relay joins the memory cgroup before it forks: the init, the grader and everything
       the learner starts are born inside it. */
    if (cgroup) {
        char *procs = path_join(cgroup, "cgroup.procs"), pid[24];
        snprintf(pid, sizeof pid, "%d\n", (int)getpid());
        write_proc(procs, pid);
        free(procs);
    }
    trace_mark("child: start");
    /* Out of the way first: started with 0-2 closed, kdojo's pipes may have those numbers, and
       dup2(output_w, 2) would then replace result_w before it reaches RESULT_FD. */
    result_w = fcntl(result_w, F_DUPFD, REQUEST_FD + 1);
    output_w = fcntl(output_w, F_DUPFD, REQUEST_FD + 1);
    if (request_r >= 0) request_r = fcntl(request_r, F_DUPFD, REQUEST_FD + 1);
    int devnull = open("/dev/null", O_RDONLY);
    if (result_w < 0 || output_w < 0 || devnull < 0) _exit(124);
    dup2(devnull, 0);
    dup2(output_w, 1);
    dup2(output_w, 2);
    dup2(result_w, RESULT_FD);
    if (request_r >= 0) dup2(request_r, REQUEST_FD);
    serving_requests = request_r >= 0; /* otherwise fd 4 is free, and the status pipe may take it */
    close_from(request_r >= 0 ? REQUEST_FD + 1 : RESULT_FD + 1);
    default_signals();

    /* The cheaper socket filter replaces the network namespace wherever seccomp works. */
    bool filter = !lim->loopback && seccomp_available();
    enter_namespaces(!filter);
    trace_mark("child: namespaces");
    if (!child_caps.pid_namespace) prctl(PR_SET_CHILD_SUBREAPER, 1);
    int status_pipe[2] = {-1, -1};
    if (child_caps.pid_namespace && pipe(status_pipe) < 0) _exit(124);
    pid_t init = fork();
    if (init < 0) _exit(124);
    if (init > 0) {
        close(RESULT_FD);
        if (serving_requests) close(REQUEST_FD);
        close(1);
        close(2);
        if (status_pipe[1] >= 0) close(status_pipe[1]);
        relay_exit(init, status_pipe[0], !child_caps.pid_namespace);
    }
    /* From here on we are in a fresh PID namespace (where the kernel allowed it): when its init
       ends, the kernel kills everything the learner started, setsid or not. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (child_caps.pid_namespace) {
        close(status_pipe[0]);
        if (lim->own_proc) own_proc();
        become_init(status_pipe[1]);
    }
    if (child_caps.net_namespace) loopback_up();
    trace_mark("child: init, lo up");
    if (chdir(scratch) < 0) _exit(124);
    setenv("TMPDIR", scratch, 1);
    setenv("HOME", scratch, 1);
    apply_limits(lim);
    if (uid) drop_privileges(uid);
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* changing uid cleared it: re-arm, or a killed kdojo leaves us running */
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (filter) {
        if (deny_sockets() < 0) _exit(124); /* never run learner code with the network open */
        child_caps.socket_filter = true;
    }
    trace_mark("child: limits, uid");
    apply_landlock(scratch, lim);
    trace_mark("child: landlock");
    fn(arg, RESULT_FD);
    _exit(0);
}

int sandbox_request_fd(void) { return REQUEST_FD; }

/* ---------------------------------------------------------------- parent */

/* A cgroup v1 memory cgroup for one run, under kdojo's own (so the limits of a container or a
   slice still hold), else at the hierarchy's root; NULL when none can be made (not root, no v1
   memory controller). Stale ones of dead kdojo processes are removed on the way. */
#define MEMCG_ROOT "/sys/fs/cgroup/memory"

static void sweep_stale_cgroups(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        int pid;
        if (sscanf(e->d_name, "kdojo-%d-", &pid) != 1 || pid <= 0) continue;
        if (kill(pid, 0) == 0 || errno != ESRCH) continue;
        char *p = path_join(dir, e->d_name);
        rmdir(p);
        free(p);
    }
    closedir(d);
}

static char *make_memory_cgroup(long memory_mb) {
    if (getuid() != 0) return NULL;
    char own[1024] = "";
    FILE *f = fopen("/proc/self/cgroup", "re");
    char line[1200];
    while (f && fgets(line, sizeof line, f)) {
        char *c = strchr(line, ':'), *c2 = c ? strchr(c + 1, ':') : NULL;
        if (!c2 || strncmp(c + 1, "memory:", 7)) continue;
        c2[1 + strcspn(c2 + 1, "\n")] = 0;
        snprintf(own, sizeof own, "%s", c2 + 1);
    }
    if (f) fclose(f);
    char *parent = xasprintf("%s%s", MEMCG_ROOT, strcmp(own, "/") ? own : "");
    if (!*own || !is_dir(parent)) {
        free(parent);
        parent = xstrdup(MEMCG_ROOT);
    }
    sweep_stale_cgroups(parent);
    static unsigned serial;
    char *dir = xasprintf("%s/kdojo-%d-%u", parent, (int)getpid(), serial++);
    free(parent);
    if (mkdir(dir, 0755) < 0) {
        free(dir);
        return NULL;
    }
    char *limit = path_join(dir, "memory.limit_in_bytes"), bytes[32];
    snprintf(bytes, sizeof bytes, "%lld\n", (long long)memory_mb << 20);
    int fd = open(limit, O_WRONLY | O_CLOEXEC);
    bool ok = fd >= 0 && write(fd, bytes, strlen(bytes)) == (ssize_t)strlen(bytes);
    if (fd >= 0) close(fd);
    free(limit);
    if (!ok) {
        rmdir(dir);
        free(dir);
        return NULL;
    }
    return dir;
}

/* Did the kernel's OOM killer act in the cgroup? (memory.oom_control's oom_kill, Linux 4.13+) */
static bool memory_cgroup_oom(const char *dir) {
    char *p = path_join(dir, "memory.oom_control");
    FILE *f = fopen(p, "re");
    free(p);
    char line[128];
    long kills = 0;
    while (f && fgets(line, sizeof line, f)) sscanf(line, "oom_kill %ld", &kills);
    if (f) fclose(f);
    return kills > 0;
}

static void remove_memory_cgroup(char *dir) {
    if (!dir) return;
    /* Its last tasks may take a moment to be released after they are reaped. */
    for (int i = 0; i < 200 && rmdir(dir) < 0 && errno == EBUSY; i++) usleep(5000);
    free(dir);
}

/* Removes scratch directories of kdojo processes that no longer exist (killed with -9).
   Reading all of /tmp costs a little on every check, so one kdojo process in eight does it. */
static void sweep_stale_scratch(const char *tmp) {
    static bool swept;
    if (swept || getpid() % 8) return;
    swept = true;
    DIR *d = opendir(tmp);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        int pid;
        if (sscanf(e->d_name, "kdojo-run-%d-", &pid) != 1 || pid <= 0) continue;
        if (kill(pid, 0) == 0 || errno != ESRCH) continue;
        char *p = path_join(tmp, e->d_name);
        remove_tree(p);
        free(p);
    }
    closedir(d);
}

static char *make_scratch(uid_t uid, char **err) {
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp) tmp = "/tmp";
    sweep_stale_scratch(tmp);
    /* The pid in the name lets a later kdojo clean up after one that was killed. */
    char *tmpl = xasprintf("%s/kdojo-run-%d-XXXXXX", tmp, (int)getpid());
    if (!mkdtemp(tmpl)) {
        *err = xasprintf("cannot create a scratch directory in %s: %s", tmp, strerror(errno));
        free(tmpl);
        return NULL;
    }
    /* The child's uid must own its scratch directory. */
    if (uid && chown(tmpl, uid, uid) < 0) {}
    chmod(tmpl, 0700);
    return tmpl;
}

static bool drain(int *fd, void (*cb)(void *, const char *, size_t), void *ctx) {
    char buf[65536];
    ssize_t n = read(*fd, buf, sizeof buf);
    if (n > 0) {
        if (cb) cb(ctx, buf, (size_t)n);
        return true;
    }
    if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        close(*fd);
        *fd = -1;
    }
    return false;
}

/* Reads both pipes until the child is gone, killing it at the deadline or on cancel.
   A pidfd wakes the loop the moment the child exits, so no check waits on a poll timeout. */
/* keep (a worker): once io->complete says everything is reported, return with the child still
   running and both pipes open, ready for the next request. Otherwise the pipes are closed and
   the child is gone when this returns. */
static void supervise(pid_t pid, int *result_fd, int *output_fd, double deadline, bool keep, const sandbox_io *io,
                      sandbox_status *st) {
    int result_r = *result_fd, output_r = *output_fd;
    int status = 0;
    bool reaped = false;
    double reaped_at = 0;
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    double hard_kill_at = 1e300;
    while (!reaped || result_r >= 0 || output_r >= 0) {
        double now = now_seconds();
        /* SIGTERM lets a relay without a PID namespace kill what the learner started; anything
           still there a moment later is killed outright. */
        if (!reaped && now > deadline) {
            kill(pid, SIGTERM);
            st->timed_out = true;
            deadline = 1e300;
            hard_kill_at = now + 0.3;
        }
        if (!reaped && !st->cancelled && ((io->cancel && __atomic_load_n(io->cancel, __ATOMIC_RELAXED)) || (io->stop && io->stop(io->ctx)))) {
            kill(pid, SIGTERM);
            st->cancelled = true;
            hard_kill_at = now + 0.3;
        }
        if (!reaped && now > hard_kill_at) kill(pid, SIGKILL);
        /* Stragglers outside a PID namespace may hold the pipes: stop soon after the child ends. */
        if (reaped && now - reaped_at > 0.5) break;
        struct pollfd pf[3] = {{result_r, POLLIN, 0}, {output_r, POLLIN, 0}, {reaped ? -1 : pidfd, POLLIN, 0}};
        double left = deadline - now;
        int wait_ms = pidfd < 0 || io->cancel || io->stop ? 20 : left > 1 ? 1000 : (int)(left * 1000) + 1;
        if (reaped) wait_ms = 50;
        if (hard_kill_at < 1e300 && wait_ms > 20) wait_ms = 20;
        if (poll(pf, 3, wait_ms) > 0) {
            /* The child writes its output before the record that ends a test, so draining the
               output pipe first attributes every byte to the test that printed it. */
            if (output_r >= 0 && (pf[1].revents || pf[0].revents))
                for (int k = 0; k < 64 && output_r >= 0 && drain(&output_r, io->on_output, io->ctx); k++) {}
            if (result_r >= 0 && pf[0].revents) drain(&result_r, io->on_result, io->ctx);
        }
        if (!reaped && waitpid(pid, &status, WNOHANG) == pid) {
            reaped = true;
            reaped_at = now_seconds();
        }
        /* Everything is reported: tearing down the child's address space and namespaces takes
           a millisecond or more that nobody needs to wait for. SIGTERM, as at the deadline, so a
           relay without a PID namespace still kills what the learner started before it goes. */
        if (!reaped && io->complete && io->complete(io->ctx)) {
            /* A worker lives on: output written just before the last record may still be in
               the pipe, and both pipes serve the next request. */
            if (keep) while (output_r >= 0 && drain(&output_r, io->on_output, io->ctx)) {}
            if (keep && result_r >= 0 && output_r >= 0) {
                st->completed = st->exited = true;
                *result_fd = result_r;
                *output_fd = output_r;
                if (pidfd >= 0) close(pidfd);
                return;
            }
            kill(pid, SIGTERM);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
            reaped = true;
            st->completed = true;
            break;
        }
    }
    if (pidfd >= 0) close(pidfd);
    if (result_r >= 0) close(result_r);
    if (output_r >= 0) close(output_r);
    *result_fd = *output_fd = -1;
    if (!reaped) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    st->exited = st->completed || WIFEXITED(status);
    st->code = st->exited && !st->completed ? WEXITSTATUS(status) : 0;
    st->signal = !st->completed && WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

/* A started child: its pid, the parent's ends of its pipes, its scratch directory. */
typedef struct {
    pid_t pid;
    int result_r, output_r, request_w; /* request_w: -1 unless it serves requests */
    char *scratch;
} spawned;

/* Forks the sandboxed child running fn (in `cgroup` when not NULL, which the caller owns);
   with `requests`, it also gets a request pipe. 0, or -1 + *err with nothing left behind. */
static int spawn(const sandbox_limits *lim, sandbox_fn fn, void *arg, const char *cgroup, bool requests, spawned *c,
                 char **err) {
    uid_t uid = getuid() == 0 ? sandbox_uid() : 0;
    char *scratch = make_scratch(uid, err);
    if (!scratch) return -1;
    int rp[2] = {-1, -1}, op[2] = {-1, -1}, qp[2] = {-1, -1};
    pid_t pid = -1;
    if (pipe2(rp, O_CLOEXEC) < 0 || pipe2(op, O_CLOEXEC) < 0 || (requests && pipe2(qp, O_CLOEXEC) < 0)) {
        *err = xasprintf("cannot create pipes: %s", strerror(errno));
    } else {
        fflush(NULL);
        pid = fork();
        if (pid < 0) *err = xasprintf("cannot start the grading process: %s", strerror(errno));
    }
    if (pid < 0) {
        int fds[] = {rp[0], rp[1], op[0], op[1], qp[0], qp[1]};
        for (size_t i = 0; i < sizeof fds / sizeof *fds; i++)
            if (fds[i] >= 0) close(fds[i]);
        remove_tree(scratch);
        free(scratch);
        return -1;
    }
    if (pid == 0) {
        if (requests) close(qp[1]);
        child_main(lim, scratch, uid, rp[1], op[1], qp[0], cgroup, fn, arg);
    }
    close(rp[1]);
    close(op[1]);
    if (requests) close(qp[0]);
    fcntl(rp[0], F_SETFL, O_NONBLOCK);
    fcntl(op[0], F_SETFL, O_NONBLOCK);
    *c = (spawned){pid, rp[0], op[0], qp[1], scratch};
    return 0;
}

int sandbox_run(const sandbox_limits *lim, sandbox_fn fn, void *arg, const sandbox_io *io, sandbox_status *st,
                char **err) {
    memset(st, 0, sizeof *st);
    char *cgroup = lim->memory_cgroup ? make_memory_cgroup(lim->memory_mb) : NULL;
    st->memory_unenforced = lim->memory_cgroup && !cgroup;
    double start = now_seconds();
    spawned c;
    if (spawn(lim, fn, arg, cgroup, false, &c, err) < 0) {
        remove_memory_cgroup(cgroup);
        return -1;
    }
    supervise(c.pid, &c.result_r, &c.output_r, start + lim->wall_seconds, false, io, st);
    st->seconds = now_seconds() - start;
    if (cgroup) st->memory_oom = memory_cgroup_oom(cgroup);
    remove_memory_cgroup(cgroup);
    remove_tree(c.scratch);
    free(c.scratch);
    return 0;
}

/* ---------------------------------------------------------------- workers */

struct sandbox_worker {
    spawned c;
    double started;
};

sandbox_worker *sandbox_worker_start(const sandbox_limits *lim, sandbox_fn fn, void *arg, char **err) {
    if (lim->memory_cgroup) {
        *err = xstrdup("a sandbox worker cannot use a memory cgroup");
        return NULL;
    }
    sandbox_worker *w = xcalloc(1, sizeof *w);
    if (spawn(lim, fn, arg, NULL, true, &w->c, err) < 0) {
        free(w);
        return NULL;
    }
    w->started = now_seconds();
    return w;
}

bool sandbox_worker_alive(sandbox_worker *w) {
    if (!w || w->c.result_r < 0) return false;
    int status;
    if (waitpid(w->c.pid, &status, WNOHANG) == w->c.pid) {
        w->c.pid = -1;
        return false;
    }
    return true;
}

double sandbox_worker_age(const sandbox_worker *w) { return now_seconds() - w->started; }

int sandbox_worker_read(sandbox_worker *w, char *buf, size_t len, double timeout) {
    if (!w || w->c.result_r < 0) return -1;
    struct pollfd pf = {w->c.result_r, POLLIN, 0};
    if (poll(&pf, 1, (int)(timeout * 1000)) <= 0) return 0;
    ssize_t n = read(w->c.result_r, buf, len);
    return n > 0 ? (int)n : -1;
}

int sandbox_worker_serve(sandbox_worker *w, const void *request, size_t len, double wall_seconds,
                         const sandbox_io *io, sandbox_status *st) {
    memset(st, 0, sizeof *st);
    if (!sandbox_worker_alive(w)) return -1;
    double start = now_seconds();
    /* The worker reads a request whole before it starts: a request larger than the pipe's
       buffer is written as it drains. SIGPIPE is held off so a dead worker gives EPIPE. */
    sigset_t pipe_set, old;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    int sent = write_all(w->c.request_w, request, len);
    struct timespec zero = {0, 0};
    while (sigtimedwait(&pipe_set, NULL, &zero) > 0) {}
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (sent < 0) return -1;
    supervise(w->c.pid, &w->c.result_r, &w->c.output_r, start + wall_seconds, true, io, st);
    st->seconds = now_seconds() - start;
    if (!st->completed) w->c.pid = -1; /* supervise reaped it */
    return 0;
}

void sandbox_worker_stop(sandbox_worker *w) {
    if (!w) return;
    if (w->c.request_w >= 0) close(w->c.request_w); /* EOF: a waiting worker leaves by itself */
    if (w->c.pid > 0) {
        kill(w->c.pid, SIGTERM);
        int status;
        while (waitpid(w->c.pid, &status, 0) < 0 && errno == EINTR) {}
    }
    if (w->c.result_r >= 0) close(w->c.result_r);
    if (w->c.output_r >= 0) close(w->c.output_r);
    remove_tree(w->c.scratch);
    free(w->c.scratch);
    free(w);
}

/* ---------------------------------------------------------------- probing */

static void probe_child(void *arg, int result_fd) {
    (void)arg;
    sandbox_caps c = child_caps;
    (void)!write(result_fd, &c, sizeof c);
    _exit(0);
}

static void probe_result(void *ctx, const char *data, size_t n) {
    if (n == sizeof(sandbox_caps)) memcpy(ctx, data, n);
}

void sandbox_probe(sandbox_caps *caps) {
    memset(caps, 0, sizeof *caps);
    sandbox_limits lim = {.wall_seconds = 5, .memory_mb = 64, .max_processes = 16, .max_file_mb = 1};
    sandbox_io io = {.ctx = caps, .on_result = probe_result};
    sandbox_status st;
    char *err = NULL;
    if (sandbox_run(&lim, probe_child, NULL, &io, &st, &err) < 0) free(err);
}
