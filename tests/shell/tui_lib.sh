# tui_lib: helpers for TUI scenarios that drive the real kdojo in a private tmux server and
# assert on the screen. A scenario sources this file; run on its own (as run-shell-test does),
# it is itself the first scenario: the tutor starts, shows the lessons, and q leaves cleanly.

command -v tmux >/dev/null || { echo "skipped: tmux is not installed"; exit 0; }

TUI_SOCK=$T/tmux.sock
TUI_TIMEOUT=${TUI_TIMEOUT:-10}

tui_tmux() { tmux -S "$TUI_SOCK" -f /dev/null "$@"; }

# tui_start [WxH] [VAR=value...]: starts kdojo in a fresh pane. After kdojo exits the pane
# shows its exit status and the terminal modes, so a scenario can check it left cleanly.
tui_start() {
  local size=100x30
  if [[ ${1:-} =~ ^[0-9]+x[0-9]+$ ]]; then size=$1; shift; fi
  local envs=(TERM=${TUI_TERM:-screen} LANG=${TUI_LANG:-C.UTF-8} LC_ALL=${TUI_LANG:-C.UTF-8} "$@")
  local cmd
  printf -v cmd '%q ' env "${envs[@]}" "$KDOJO"
  trap 'tui_tmux kill-server 2>/dev/null; rm -rf "$T"' EXIT
  tui_tmux new-session -d -s k -x "${size%x*}" -y "${size#*x}" \
    "cd $T; $cmd; echo KDOJO-EXITED:\$?; echo \" \$(stty -a | tr ' ;' '\n\n' | grep -Ex -- '-?(echo|icanon|icrnl)' | tr '\n' ' ')\"; sleep 600"
  tui_wait "kdojo"
}

# tui_stop: ends the tmux server (and kdojo in it) and waits until it is gone.
tui_stop() {
  tui_tmux kill-server 2>/dev/null || true
  local i
  for i in $(seq 100); do
    tui_tmux has-session -t k 2>/dev/null || break
    sleep 0.05
  done
  rm -f "$TUI_SOCK"
}

tui_screen() { tui_tmux capture-pane -p -t k "$@"; }
tui_keys() { tui_tmux send-keys -t k "$@"; }

# tui_wait <text> [seconds]: polls the screen until it shows text; fails with the screen if not.
tui_wait() {
  local deadline=$((SECONDS + ${2:-$TUI_TIMEOUT})) screen
  while :; do
    screen=$(tui_screen)
    [[ $screen == *"$1"* ]] && return 0
    if ((SECONDS >= deadline)); then
      printf 'FAILED: waited %ss for: %s\nscreen:\n%s\n' "${2:-$TUI_TIMEOUT}" "$1" "$screen" >&2
      exit 1
    fi
    sleep 0.05
  done
}

# tui_wait_gone <text> [seconds]: polls until the screen no longer shows text.
tui_wait_gone() {
  local deadline=$((SECONDS + ${2:-$TUI_TIMEOUT})) screen
  while :; do
    screen=$(tui_screen)
    [[ $screen != *"$1"* ]] && return 0
    if ((SECONDS >= deadline)); then
      printf 'FAILED: still showing after %ss: %s\nscreen:\n%s\n' "${2:-$TUI_TIMEOUT}" "$1" "$screen" >&2
      exit 1
    fi
    sleep 0.05
  done
}

# tui_quit_clean: q back to the top, q again, and the shell sees exit 0 and sane terminal modes.
tui_quit_clean() {
  local i
  for i in 1 2 3 4 5; do
    [[ $(tui_screen) == *KDOJO-EXITED* ]] && break
    tui_keys q
    sleep 0.1
  done
  tui_wait "KDOJO-EXITED:0"
  local after
  after=$(tui_screen)
  assert_contains "$after" " echo" "echo is back on"
  assert_contains "$after" "icanon" "canonical mode is back"
  assert_contains "$after" "icrnl" "CR to NL is back"
  assert_not_contains "$after" "-echo" "echo is back on"
  assert_not_contains "$after" "-icanon" "canonical mode is back"
}

# tui_open <lesson-filter>: from the lesson list, filters to one lesson and opens it.
tui_open() {
  tui_keys /
  tui_keys -l "$1"
  tui_keys Enter Enter
  tui_wait "graded on every save"
}

# tui_editor <file>: writes an editor script that copies a file over the one being edited.
#   mode "in-place" truncates and rewrites it; "rename" writes a new file and renames it, as vim does.
tui_editor() {
  local script=$T/editor-$2.sh
  if [[ $2 == rename ]]; then
    printf '#!/bin/sh\ncp %q "$1.new" && mv "$1.new" "$1"\n' "$1" >"$script"
  else
    printf '#!/bin/sh\ncat %q > "$1"\n' "$1" >"$script"
  fi
  chmod +x "$script"
  echo "$script"
}

if [[ $(basename "${BASH_SOURCE[1]:-}") == run-shell-test ]]; then
  tui_start
  tui_wait "Tour"
  tui_wait "01-welcome"
  assert_contains "$(tui_screen)" "Enter open" "the status bar names the keys"
  tui_quit_clean
fi
