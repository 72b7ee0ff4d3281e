/* harness.c for llm/08-agent-loop: a scripted model and two tools, recording every prompt
 * and every tool call the learner's agent makes.
 *
 * The script is the model's responses, separated by the byte 0x1E; response i is
 * returned for the i-th model call, whatever the prompt (the grader checks the prompts).
 * Prompts and tool calls are recorded, each followed by 0x1E.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct agent_env {
    void *ctx;
    const char *(*model)(void *ctx, const char *prompt);
    int (*tool)(void *ctx, const char *name, const char *arg, char *result, int cap);
};
int agent_run(const struct agent_env *env, const char *task, int max_steps, char *answer, int answer_cap);

struct harness_ctx {
    const char *script;
    char *response;            /* the current response (a copy) */
    int calls;
    char *prompts;
    long long prompts_cap, prompts_len;
    char *tools;
    long long tools_cap, tools_len;
    int overflow;
};

static void harness_record(char *dst, long long cap, long long *len, const char *s, int *overflow)
{
    long long n = (long long)strlen(s);
    if (*len + n + 2 > cap) { *overflow = 1; return; }
    memcpy(dst + *len, s, (size_t)n);
    *len += n;
    dst[(*len)++] = 0x1E;
    dst[*len] = 0;
}

static const char *harness_model(void *vctx, const char *prompt)
{
    struct harness_ctx *c = vctx;
    harness_record(c->prompts, c->prompts_cap, &c->prompts_len, prompt ? prompt : "(null)", &c->overflow);
    const char *p = c->script;
    for (int i = 0; i < c->calls && p; i++) {
        p = strchr(p, 0x1E);
        if (p) p++;
    }
    c->calls++;
    free(c->response);
    if (!p || !*p) {
        c->response = strdup("");
        return c->response;
    }
    const char *end = strchr(p, 0x1E);
    size_t n = end ? (size_t)(end - p) : strlen(p);
    c->response = malloc(n + 1);
    memcpy(c->response, p, n);
    c->response[n] = 0;
    return c->response;
}

static const struct { const char *key, *value; } harness_facts[] = {
    {"capital of france", "Paris"}, {"population of paris", "2102650"}, {"height of everest in m", "8849"},
    {"speed of light in km/s", "299792"}, {"author of dune", "Frank Herbert"}, {"year dune was published", "1965"},
    {"capital of [france]", "Paris (bracketed)"},
};

static int harness_tool(void *vctx, const char *name, const char *arg, char *result, int cap)
{
    struct harness_ctx *c = vctx;
    char line[600];
    snprintf(line, sizeof line, "%s[%s]", name ? name : "(null)", arg ? arg : "(null)");
    harness_record(c->tools, c->tools_cap, &c->tools_len, line, &c->overflow);
    if (!name || !arg || cap <= 0) return -1;
    if (!strcmp(name, "calc")) {
        long long a, b;
        char op;
        int used = 0;
        if (sscanf(arg, " %lld %c %lld %n", &a, &op, &b, &used) == 3 && arg[used] == 0 && (op != '/' || b != 0) &&
            strchr("+-*/", op)) {
            long long r = op == '+' ? a + b : op == '-' ? a - b : op == '*' ? a * b : a / b;
            snprintf(result, (size_t)cap, "%lld", r);
        } else {
            snprintf(result, (size_t)cap, "error: cannot evaluate '%s'", arg);
        }
        return 0;
    }
    if (!strcmp(name, "lookup")) {
        for (size_t i = 0; i < sizeof harness_facts / sizeof *harness_facts; i++)
            if (!strcmp(arg, harness_facts[i].key)) {
                snprintf(result, (size_t)cap, "%s", harness_facts[i].value);
                return 0;
            }
        snprintf(result, (size_t)cap, "no entry for '%s'", arg);
        return 0;
    }
    return -1;
}

/* Runs the learner's agent on the script. Returns agent_run's result; *ncalls gets the
 * number of model calls; *overflow is set if a record did not fit. */
int harness_agent(const char *script, const char *task, int max_steps, char *answer, int answer_cap,
                  char *prompts, long long prompts_cap, char *tools, long long tools_cap, int *ncalls)
{
    struct harness_ctx c = {0};
    c.script = script;
    c.prompts = prompts;
    c.prompts_cap = prompts_cap;
    c.tools = tools;
    c.tools_cap = tools_cap;
    prompts[0] = tools[0] = 0;
    struct agent_env env = {&c, harness_model, harness_tool};
    int r = agent_run(&env, task, max_steps, answer, answer_cap);
    free(c.response);
    ncalls[0] = c.calls;
    ncalls[1] = c.overflow;
    return r;
}
