/* A ReAct-style agent loop.
 *
 * The transcript starts as "Task: <task>\n". Each step (at most max_steps):
 *   1. out = env->model(env->ctx, transcript)
 *   2. append out to the transcript, and "\n" if out does not end with one
 *   3. find the first line of out that starts with "Final Answer:" or "Action:"
 *        "Final Answer: <text>"  copy <text>, without leading/trailing spaces or tabs, into
 *                                answer (at most answer_cap - 1 chars); return the number
 *                                of model calls made
 *        "Action: name[arg]"     spaces may follow "Action:"; name is one or more of a-z and
 *                                _; arg is everything from '[' to the LAST ']' of the line,
 *                                and only spaces or tabs may follow it. Call
 *                                env->tool(env->ctx, name, arg, result, cap): 0 and a result,
 *                                or -1 for an unknown tool.
 *   4. append "Observation: <obs>\n", where obs is the tool's result, or
 *      "error: unknown tool <name>", or "error: could not parse an action" (no decisive
 *      line, or a malformed Action line)
 * After max_steps model calls without a final answer: answer = "" and return -1.
 */
#include <stdlib.h>
#include <string.h>

struct agent_env {
    void *ctx;
    const char *(*model)(void *ctx, const char *prompt);
    int (*tool)(void *ctx, const char *name, const char *arg, char *result, int cap);
};

int agent_run(const struct agent_env *env, const char *task, int max_steps, char *answer, int answer_cap)
{
    /* TODO */
    answer[0] = 0;
    return -1;
}
