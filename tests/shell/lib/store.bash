# Helpers for the progress-store scenarios (tests/shell/store_*.sh).
# The store is $XDG_DATA_HOME/kdojo/progress.db; sqlite3 (the CLI) reads it back.
command -v sqlite3 >/dev/null || { echo "FAILED: these tests need the sqlite3 command (apt-get install sqlite3)" >&2; exit 1; }
DB=$XDG_DATA_HOME/kdojo/progress.db
WELCOME_SOLUTION=$SRC/lessons/tour/01-welcome/solution.c
WELCOME_STARTER=$SRC/lessons/tour/01-welcome/starter.c

# attempts [where]: how many attempts the store holds.
attempts() { sqlite3 "$DB" "SELECT count(*) FROM attempts ${1:+WHERE $1}"; }

# assert_eq <got> <want> <what>
assert_eq() {
  if [[ "$1" != "$2" ]]; then
    printf 'FAILED: %s: got %s, expected %s\n' "$3" "$1" "$2" >&2
    exit 1
  fi
}
