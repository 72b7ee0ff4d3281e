return {
  title = "An agent loop",
  summary = "A ReAct loop in C: call a (scripted) model, parse its actions, run tools, feed back observations, handle malformed output and a step limit.",
  file = "agent.c",
  hints = {
    "Keep the transcript in a growable buffer (realloc when it fills). The model's pointer is only valid until the next call: copy what it returns into the transcript at once.",
    "Walk the response line by line (strchr for '\\n'); only lines that START with 'Final Answer:' or 'Action:' count, and the first such line decides. For the action, after 'Action:' skip spaces, take [a-z_]+ as the name, require '[' right after it, and take the argument up to the last ']' of that line; anything but spaces after it makes the line malformed.",
    "Every step that does not end with a final answer appends exactly one 'Observation: ...\\n' line: the tool's result, 'error: unknown tool NAME' when tool() returns -1, or 'error: could not parse an action'. The return value is the number of model calls, counting the one that answered.",
  },
}
