/* A ReAct-style agent loop over a model and tools.
 *
 * The transcript starts as "Task: <task>\n". Each step: call the model with the
 * transcript, append its output (plus "\n" if it does not end with one), and act on the
 * first line that starts with "Final Answer:" or "Action:":
 *   Final Answer: <text>   -> copy <text> (spaces trimmed) to answer; return the steps taken
 *   Action: name[arg]      -> run the tool; append "Observation: <result>\n"
 *   anything else          -> append "Observation: error: could not parse an action\n"
 * After max_steps model calls without a final answer: answer = "", return -1.
 */
#include <stdlib.h>
#include <string.h>

struct agent_env {
    void *ctx;
    const char *(*model)(void *ctx, const char *prompt);
    int (*tool)(void *ctx, const char *name, const char *arg, char *result, int cap);
};

struct text {
    char *s;
    size_t len, cap;
};

static void put(struct text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        while (t->len + n + 1 > t->cap)
            t->cap = t->cap ? t->cap * 2 : 256;
        t->s = realloc(t->s, t->cap);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = 0;
}

static void puts_(struct text *t, const char *s) { put(t, s, strlen(s)); }

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* Parses "name[arg]" (the text after "Action:") into name and arg. 0 on success. */
static int parse_action(const char *p, const char *end, char *name, size_t name_cap, char *arg, size_t arg_cap)
{
    while (p < end && is_space(*p)) p++;
    const char *n0 = p;
    while (p < end && ((*p >= 'a' && *p <= 'z') || *p == '_')) p++;
    size_t nlen = (size_t)(p - n0);
    if (nlen == 0 || nlen >= name_cap || p == end || *p != '[')
        return -1;
    const char *a0 = p + 1, *close = NULL;
    for (const char *q = a0; q < end; q++)
        if (*q == ']') close = q;
    if (!close)
        return -1;
    for (const char *q = close + 1; q < end; q++)
        if (!is_space(*q))
            return -1;
    size_t alen = (size_t)(close - a0);
    if (alen >= arg_cap)
        return -1;
    memcpy(name, n0, nlen);
    name[nlen] = 0;
    memcpy(arg, a0, alen);
    arg[alen] = 0;
    return 0;
}

int agent_run(const struct agent_env *env, const char *task, int max_steps, char *answer, int answer_cap)
{
    struct text t = {0};
    puts_(&t, "Task: ");
    puts_(&t, task);
    puts_(&t, "\n");
    for (int step = 1; step <= max_steps; step++) {
        const char *out = env->model(env->ctx, t.s);
        if (!out) out = "";
        size_t olen = strlen(out);
        put(&t, out, olen);
        if (olen == 0 || out[olen - 1] != '\n')
            puts_(&t, "\n");
        const char *obs = "error: could not parse an action";
        char name[64], arg[512], result[512], unknown[128];
        /* The first decisive line. */
        for (const char *line = out; *line;) {
            const char *end = strchr(line, '\n');
            if (!end) end = line + strlen(line);
            if (!strncmp(line, "Final Answer:", 13)) {
                const char *a = line + 13, *b = end;
                while (a < b && is_space(*a)) a++;
                while (b > a && is_space(b[-1])) b--;
                size_t n = (size_t)(b - a);
                if (answer_cap > 0) {
                    if (n > (size_t)answer_cap - 1) n = (size_t)answer_cap - 1;
                    memcpy(answer, a, n);
                    answer[n] = 0;
                }
                free(t.s);
                return step;
            }
            if (!strncmp(line, "Action:", 7)) {
                if (parse_action(line + 7, end, name, sizeof name, arg, sizeof arg) == 0) {
                    result[0] = 0;
                    if (env->tool(env->ctx, name, arg, result, (int)sizeof result) == 0) {
                        obs = result;
                    } else {
                        strcpy(unknown, "error: unknown tool ");
                        strncat(unknown, name, sizeof unknown - strlen(unknown) - 1);
                        obs = unknown;
                    }
                }
                break;
            }
            line = *end ? end + 1 : end;
        }
        puts_(&t, "Observation: ");
        puts_(&t, obs);
        puts_(&t, "\n");
    }
    if (answer_cap > 0)
        answer[0] = 0;
    free(t.s);
    return -1;
}
