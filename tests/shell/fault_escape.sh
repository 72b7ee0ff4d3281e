# What the sandbox keeps learner code from: background processes that outlive the check,
# files outside its scratch directory, the network, raising its own limits, lesson files.
# Each hostile sum() returns the right answer only when it was stopped, so a PASS proves
# the attempt failed (and is independent of how output is shown).
source "$SRC/tests/shell/lib/faults.bash"

# setsid + fork: a daemon in a new session that ignores its pipes; it must die with the check.
hostile daemon <<'C'
#include <unistd.h>
long long sum(const int *a, int n)
{
    static int started;
    if (!started) {
        started = 1;
        if (fork() == 0) {
            setsid();
            if (fork() == 0) {
                for (int fd = 0; fd < 256; fd++) close(fd);
                for (;;) pause();
            }
            _exit(0);
        }
    }
    long long t = 0;
    for (int i = 0; i < n; i++) t += a[i];
    return t;
}
C
check_hostile "$T/daemon.c"   # asserts that no process of the sandbox's uid is left
assert_rc 0 "the daemon's check itself passes"

escape=/tmp/kdojo-escape-test
rm -f "$escape"
hostile write <<C
#include <stdio.h>
long long sum(const int *a, int n)
{
    FILE *f = fopen("$escape", "w");
    FILE *g = fopen("$SRC/lessons/tour/01-welcome/grade.lua", "a");
    if (f || g) return -1;
    long long t = 0;
    for (int i = 0; i < n; i++) t += a[i];
    return t;
}
C
check_hostile "$T/write.c"
assert_rc 0 "writing outside the scratch directory fails (the check passes only then)"
[[ ! -e $escape ]] || { echo "FAILED: learner code created $escape" >&2; rm -f "$escape"; exit 1; }

# Writing inside the scratch directory (the working directory, TMPDIR) works.
hostile scratch <<'C'
#include <stdio.h>
#include <stdlib.h>
long long sum(const int *a, int n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/x.txt", getenv("TMPDIR"));
    FILE *f = fopen(path, "w"), *g = fopen("here.txt", "w");
    if (!f || !g) return -1;
    fclose(f);
    fclose(g);
    long long t = 0;
    for (int i = 0; i < n; i++) t += a[i];
    return t;
}
C
check_hostile "$T/scratch.c"
assert_rc 0 "the scratch directory is writable"

hostile net <<'C'
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
static int reach(const char *ip, int port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return 0;
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = inet_addr(ip);
    int ok = connect(s, (struct sockaddr *)&sa, sizeof sa) == 0;
    close(s);
    return ok;
}
long long sum(const int *a, int n)
{
    if (reach("1.1.1.1", 53) || reach("8.8.8.8", 443) || reach("10.0.0.1", 80)) return -1;
    long long t = 0;
    for (int i = 0; i < n; i++) t += a[i];
    return t;
}
C
check_hostile "$T/net.c"
assert_rc 0 "network connections fail"

# A listener on the host's loopback must not be reachable from the sandbox either.
if command -v python3 >/dev/null; then
  python3 -c 'import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 47113)); s.listen(); time.sleep(60)' &
  listener=$!
  sleep 0.3
  sed 's/reach("1.1.1.1", 53)/reach("127.0.0.1", 47113)/' "$T/net.c" >"$T/loopback.c"
  check_hostile "$T/loopback.c"
  kill $listener
  assert_rc 0 "the host's loopback is not reachable"
fi

# Nor an abstract unix socket of the host (a desktop bus, say): no socket can be opened at all.
hostile unix <<'C'
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
long long sum(const int *a, int n)
{
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (s >= 0) { close(s); return -1; }
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) < 0) return -2; /* a pair within the program still works */
    close(pair[0]);
    close(pair[1]);
    long long t = 0;
    for (int i = 0; i < n; i++) t += a[i];
    return t;
}
C
check_hostile "$T/unix.c"
assert_rc 0 "no socket can be opened; socketpair works"

hostile rlimit <<'C'
#include <sys/resource.h>
long long sum(const int *a, int n)
{
    struct rlimit up = { RLIM_INFINITY, RLIM_INFINITY };
    if (setrlimit(RLIMIT_NPROC, &up) == 0 || setrlimit(RLIMIT_DATA, &up) == 0 || setrlimit(RLIMIT_CPU, &up) == 0 ||
        setrlimit(RLIMIT_FSIZE, &up) == 0 || setrlimit(RLIMIT_NOFILE, &up) == 0)
        return -1;
    struct rlimit r;
    getrlimit(RLIMIT_NPROC, &r);
    if (r.rlim_cur == RLIM_INFINITY) return -1;
    long long t = 0;
    for (int i = 0; i < n; i++) t += a[i];
    return t;
}
C
check_hostile "$T/rlimit.c"
assert_rc 0 "raising its own limits fails"

hostile peek <<C
#include <fcntl.h>
#include <stdio.h>
#include <dirent.h>
long long sum(const int *a, int n)
{
    if (fopen("$SRC/lessons/tour/01-welcome/solution.c", "r")) return -1;
    if (fopen("$SRC/lessons/tour/01-welcome/grade.lua", "r")) return -1;
    if (opendir("$SRC/lessons/tour/01-welcome")) return -1;
    if (open("$SRC/lessons/tour/01-welcome/solution.c", O_RDONLY) >= 0) return -1;
    long long t = 0;
    for (int i = 0; i < n; i++) t += a[i];
    return t;
}
C
check_hostile "$T/peek.c"
assert_rc 0 "reading the lesson's reference solution fails"

# #include of the reference solution is refused at compile time.
hostile include <<C
#include "$SRC/lessons/tour/01-welcome/solution.c"
C
check_hostile "$T/include.c"
assert_rc 1 "including the reference fails"
assert_contains "$OUT" "only system headers and kdojo's headers can be included" "the include is refused"
reference_passes
