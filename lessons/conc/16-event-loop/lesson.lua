return {
  title = "An event loop with epoll",
  summary = "Fetch 50 slow URLs from a local server at once, from one thread: non-blocking sockets and epoll.",
  file = "fetch.c",
  engine = "cc",
  timeout = 12,
  memory_mb = 256,
  network = true, -- the grader's HTTP server and your client meet on 127.0.0.1
  hints = {
    "A blocking recv puts the whole thread to sleep until that one server answers. Make every socket non-blocking (SOCK_NONBLOCK), start all connections first (connect returns -1 with errno EINPROGRESS), and let epoll_wait tell you which socket is ready for what.",
    "Keep a small state per request: connecting/sending, then receiving. Register each socket for EPOLLOUT: writable means connected (check SO_ERROR), so send the request; when it is all sent, switch the socket to EPOLLIN with EPOLL_CTL_MOD. On EPOLLIN, recv until EAGAIN, appending to that request's buffer: a response arrives in pieces. recv returning 0 means the server closed: the response is complete.",
    "Loop: while (left > 0) { k = epoll_wait(ep, evs, 64, 5000); for each event: i = evs[e].data.u32; if sending: send the rest, and when done epoll_ctl(MOD, EPOLLIN); if receiving: for (;;) { got = recv(...); if (got > 0) append; else if (errno == EAGAIN) break; else { parse with store(), close, left--; break; } } }",
  },
}
