#!/usr/bin/env bash
# Make the README's screenshots from a real run: a scenario with zombies,
# an orphan and nested PID namespaces (root needed for unshare --pid), the
# live explorer in tmux, each screen captured with its colours (aha) and
# rendered to PNG by headless Chromium.
#   screenshots/make.sh [path/to/treetop]
# Needs: tmux, aha, chromium, python3 (and, for containers.png, podman and
# busybox: containers.sh).  Everything it starts lives in one
# process group, which it kills at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
treetop=$(realpath "${1:-src/treetop}")
work=$(mktemp -d)
sock=treetop-shots-$$
# Wait without a sleep process of ours showing up in the tree as new.
mkfifo "$work/tick"
exec 9<>"$work/tick"
pause() { read -r -t "$1" -u 9 _ || true; }

# The scenario, in a new session and process group of its own.
setsid bash -c '
	# A worker pool that never waits: two zombies.
	python3 -c "
import os, time
for code in (3, 7):
    if os.fork() == 0:
        os._exit(code)
time.sleep(600)" &
	# An orphan: its parent exits, a reaper adopts it.
	(sleep 601 &) &
	# A container: PID 1 is a python script that never reaps and has no
	# SIGTERM handler, with a service and a nested namespace inside.
	unshare --pid --fork --mount-proc python3 -c "
import os, time
if os.fork() == 0:
    os._exit(1)
if os.fork() == 0:
    os.execvp(\"sleep\", [\"sleep\", \"602\"])
if os.fork() == 0:
    os.execvp(\"unshare\", [\"unshare\", \"--pid\", \"--fork\", \"--mount-proc\",
        \"sh\", \"-c\", \"sleep 603 & sleep 604\"])
time.sleep(600)" &
	# A short job that comes and goes: new and exited rows in the tree.
	while :; do sleep 2.5; done &
	wait' >/dev/null 2>&1 &
scenario=$!
# A job left behind by its shell: a process group of its own, stopped
# once, in a session whose leader is gone (marks G and S).  It ignores
# the SIGHUP that comes with the SIGCONT.
setsid bash -c 'set -m; trap "" HUP
	sleep 605 &
	echo $! > "$1/job.pid"; sleep 0.2; kill -STOP $!; sleep 0.2' job "$work" \
	>/dev/null 2>&1 </dev/null
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
	kill -KILL -- "-$scenario" 2>/dev/null || true
	if [ -s "$work/job.pid" ]; then
		kill -KILL -- "-$(cat "$work/job.pid")" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
pause 2

tmux -L "$sock" new-session -d -s t -x 150 -y 42 \
	"env TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=$work $treetop -d 1"
pause 2
keys() { tmux -L "$sock" send-keys -t t "$@"; pause 0.8; }
size=1240,700
# Capture now; render after the explorer has quit, so that no Chromium
# of ours runs (and exits) while a later screen is taken.
shots=()
shot() {
	tmux -L "$sock" capture-pane -e -p -t t > "$work/$1.ans"
	shots+=("$1:$size")
}
render() {
	local size=${1#*:}
	set -- "${1%%:*}"
	aha --black --title "treetop" < "$work/$1.ans" |
		sed 's|<pre>|<pre style="font-family: DejaVu Sans Mono, monospace; font-size: 13px; line-height: 1.2;">|' \
		> "$work/$1.html"
	chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$work/chrome" --hide-scrollbars \
		--window-size="$size" --screenshot="$here/$1.png" \
		"file://$work/$1.html" >/dev/null 2>&1
	echo "wrote screenshots/$1.png"
}

# The tree, with the kernel threads folded away.
keys / ; tmux -L "$sock" send-keys -t t -l kthreadd; keys Enter; keys Left
keys Escape; keys Home
shot tree
# Only the zombies and what holds them.
keys v; shot zombies; keys Escape
# Grouped by PID namespace, PIDs as seen inside.
keys g; shot namespaces; keys g
# The detail pane of the innermost process: its NSpid chain.
inner=$(pgrep -g "$scenario" -f '^sleep 604$' | head -n 1)
keys / ; tmux -L "$sock" send-keys -t t -l "$inner"; keys Enter; keys Enter
shot details
keys Escape
# The same explorer at 80x24: columns give way so the command shows.
tmux -L "$sock" resize-window -t t -x 80 -y 24; pause 1.5
size=660,410
keys Escape; keys Home; keys z; shot narrow
keys '?'; shot narrow-help; keys x
keys q
for name in "${shots[@]}"; do
	render "$name"
done
# The containers' screenshot needs podman.
if command -v podman >/dev/null && command -v busybox >/dev/null; then
	"$here/containers.sh" "$treetop"
else
	echo "screenshots/containers.png not retaken: no podman or busybox" >&2
fi
