#!/usr/bin/env bash
# Smoke test of the real TUI in tmux: start it on a temp copy of the seeds, send keys like a
# user, capture the screen after every step, and fail on a traceback, a non-zero exit, or a
# missing result (a highlight in the store, an exported note).
# Usage: scripts/tmux_smoke.sh [WIDTHxHEIGHT]   (default 120x36; captures kept in $OUT)
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SIZE="${1:-120x36}"
W="${SIZE%x*}"; H="${SIZE#*x}"
TMP="$(mktemp -d)"
WS="$TMP/ws"
OUT="${OUT:-$TMP/captures}"
SESSION="wb-smoke-$$"
mkdir -p "$WS/notes" "$OUT"
cp -r "$REPO/seeds" "$WS/seeds"
WORKBENCH="$REPO/.venv/bin/workbench"

cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; }
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; echo "captures: $OUT" >&2; exit 1; }

step=0
capture() {  # capture NAME: save the screen and check it for a traceback
  step=$((step + 1))
  local file; file="$OUT/$(printf '%02d' "$step")-$1.txt"
  tmux capture-pane -p -t "$SESSION" > "$file"
  if grep -q "Traceback" "$file"; then cat "$file"; fail "traceback on screen after '$1'"; fi
}

wait_for() {  # wait_for TEXT [SECONDS]: until TEXT is on screen
  local text="$1" limit="${2:-20}" i=0
  while ! tmux capture-pane -p -t "$SESSION" | grep -qF -- "$text"; do
    i=$((i + 1)); [ "$i" -gt $((limit * 10)) ] && { capture "timeout"; fail "'$text' not on screen after ${limit}s"; }
    sleep 0.1
  done
}

wait_re() {  # wait_re REGEX [SECONDS]: until a screen line matches REGEX (trailing spaces ignored)
  local re="$1" limit="${2:-20}" i=0
  while ! tmux capture-pane -p -t "$SESSION" | sed 's/[ │]*$//' | grep -qE -- "$re"; do
    i=$((i + 1)); [ "$i" -gt $((limit * 10)) ] && { capture "timeout"; fail "/$re/ not on screen after ${limit}s"; }
    sleep 0.1
  done
}

keys() {  # one key (or string) at a time, like a quick typist
  for k in "$@"; do tmux send-keys -t "$SESSION" "$k"; sleep 0.12; done; sleep 0.3
}

tmux new-session -d -s "$SESSION" -x "$W" -y "$H" \
  "cd '$TMP' && '$WORKBENCH' --workspace '$WS'; echo \"EXIT=\$?\"; sleep 60"

wait_for "5 articles"
capture start

keys Tab '}' v w w w          # reader: keyboard selection of the first words of block 2
capture selecting
keys h
wait_for "Highlighted"
capture highlighted

keys t; wait_for "Tags (comma"
keys "smoke, test" Enter
capture tagged

keys n; wait_for "ctrl+s: save"
keys "A note from the smoke test" C-s
capture noted

keys /; wait_for "Search quotes"
keys "Azerbaijan Israel"; wait_re "[0-9]+ results?$|No matches" 20
capture search
keys Enter
keys h
capture search-highlight

keys c d u                    # colour, delete, undo
capture colour-delete-undo

keys e; wait_for "Exported notes"
capture exported

keys C-n C-b '?'; wait_for "Keys (Esc"
capture help
keys Escape
keys C-p; wait_for "Search for commands" 5; keys "Sort articles"; wait_for "next order" 5
capture palette
keys Enter; sleep 0.5
capture palette-sorted

keys C-n C-b                  # both side panes back, as after a restart
capture before-quit
reader_title() { grep -o '╭─ [^─]* ─' "$1" | grep -v -e '─ Articles' -e '─ Highlights' | head -1; }
BEFORE="$(reader_title "$OUT/$(printf '%02d' "$step")-before-quit.txt")"

keys q
wait_for "EXIT=" 10
capture exit
grep -q "EXIT=0" "$OUT"/*-exit.txt || fail "the app did not exit with 0"

# a restart reopens the last article (reading state in .workbench/tui_state.json)
tmux kill-session -t "$SESSION"
tmux new-session -d -s "$SESSION" -x "$W" -y "$H" \
  "cd '$TMP' && '$WORKBENCH' --workspace '$WS'; echo \"EXIT=\$?\"; sleep 60"
wait_for "5 articles"
sleep 0.5
capture restarted
AFTER="$(reader_title "$OUT/$(printf '%02d' "$step")-restarted.txt")"
[ -n "$BEFORE" ] && [ "$BEFORE" = "$AFTER" ] || fail "restart opened '$AFTER', expected '$BEFORE'"
keys q
wait_for "EXIT=" 10

ls "$WS"/notes/*.md >/dev/null 2>&1 || ls "$WS"/notes/*/*.md >/dev/null 2>&1 || fail "no Markdown note exported"
COUNT="$(cd "$REPO" && .venv/bin/python - "$WS" <<'PY'
import sys
from workbench.workspace import resolve_workspace
from workbench.store import open_store
print(len(open_store(resolve_workspace(sys.argv[1])).all()))
PY
)"
[ "$COUNT" -ge 2 ] || fail "expected at least 2 highlights in the store, found $COUNT"
echo "OK: tmux smoke passed at ${W}x${H} ($step screens, $COUNT highlights) — captures in $OUT"
