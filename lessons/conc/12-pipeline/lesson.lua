return {
  title = "A pipeline of stages",
  summary = "Stages of worker threads connected by bounded channels: overlap the stages, keep backpressure, shut down with close.",
  file = "pipeline.c",
  timeout = 8,
  memory_mb = 256,
  hints = {
    "Make nstages + 1 channels: ch[0] feeds stage 0, ch[s + 1] carries stage s's results, the caller reads ch[nstages]. A feeder thread sends in[0 .. n-1] into ch[0] and then closes it; each stage worker loops: while (chan_recv(in, &v)) chan_send(out, fn(v)).",
    "Closing is how the end travels down the pipe. A stage's output channel may be closed only when ALL workers of that stage are done: keep a count of running workers per stage, decrement it atomically when a worker's chan_recv returns 0, and let the worker that brings it to 0 close the output. The caller collects from the last channel until chan_recv returns 0, then joins every thread.",
    "worker: while (chan_recv(s->in, &v)) chan_send(s->out, s->fn(v)); if (kd_atomic_fetch_add_int(&s->running, -1) == 1) chan_close(s->out);  pipeline_run: create the channels, start the feeder and workers[s] workers per stage, then while (chan_recv(ch[nstages], &v)) out[got++] = v; join all, free the channels, return got.",
  },
}
