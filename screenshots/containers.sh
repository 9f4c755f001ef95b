#!/usr/bin/env bash
# The README's screenshot of containers: three podman containers started
# from a busybox root (no image registry needed), the explorer in tmux
# on their subtrees, grouped by PID namespace, rendered as make.sh does.
#   screenshots/containers.sh [path/to/treetop]
# Needs root, podman, a static busybox, tmux, aha, chromium.  Every
# container it starts is removed at the end, also on failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
treetop=$(realpath "${1:-src/treetop}")
work=$(mktemp -d)
sock=treetop-ctshots-$$
tag=tt$$
names=()
mkfifo "$work/tick"
exec 9<>"$work/tick"
pause() { read -r -t "$1" -u 9 _ || true; }
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	for n in "${names[@]}"; do
		podman rm -f -t 0 "$n" >/dev/null 2>&1 || true
	done
	rm -rf "$work"
}
trap cleanup EXIT

# A root with busybox and the applets the scripts use.
mkdir -p "$work/root/"{bin,proc,sys,dev,etc,tmp,run}
chmod 755 "$work" "$work/root"
cp "$(command -v busybox)" "$work/root/bin/busybox"
for a in sh sleep hostname true; do ln -s busybox "$work/root/bin/$a"; done

# What starts a container here: the default runtime, else runc; the
# machine's ulimits when podman's defaults exceed them.
opts=
for o in "" "--runtime runc" "--runtime runc --cgroup-manager cgroupfs --events-backend file"; do
	for r in "" "--ulimit nofile=1024:1024 --ulimit nproc=1024:1024"; do
		# shellcheck disable=SC2086
		if timeout 120 podman $o run --rm $r --name "$tag-probe" \
		    --rootfs "$work/root" /bin/true >/dev/null 2>&1; then
			opts="$o run $r"
			break 2
		fi
	done
done
[ -n "$opts" ] || { echo "containers.sh: podman cannot start a container here" >&2; exit 1; }
start() {	# name, podman options, script
	names+=("$1")
	# shellcheck disable=SC2086
	podman $opts -d --name "$1" $2 --rootfs "$work/root" /bin/sh -c "$3" >/dev/null
}
# PID 1 is sleep: it adopts two orphans and never reaps them.
start shop-db "" 'sh -c "sleep 0.1 &"; sh -c "sleep 0.1 &";
	sh -c "exec sleep 100001" & exec sleep 100000'
start web "--hostname web-01" 'sleep 100002 & exec sleep 100000'
start batch "--uidmap 0:100000:65536 --gidmap 0:100000:65536" \
	'exec sleep 100000'
pause 2
conmons=
for n in "${names[@]}"; do
	conmons+="${conmons:+,}$(podman inspect -f '{{.State.ConmonPid}}' "$n")"
done

tmux -L "$sock" new-session -d -s t -x 160 -y 50 \
	"env TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=$work $treetop -d 1 -p $conmons"
pause 2
tmux -L "$sock" send-keys -t t g
pause 1
# The selection on shop-db's PID 1, found by its PID outside.
tmux -L "$sock" send-keys -t t /
tmux -L "$sock" send-keys -t t -l "$(podman inspect -f '{{.State.Pid}}' shop-db)"
tmux -L "$sock" send-keys -t t Enter
pause 2.5
tmux -L "$sock" capture-pane -e -p -t t > "$work/containers.ans"
tmux -L "$sock" send-keys -t t q
aha --black --title "treetop" < "$work/containers.ans" |
	sed 's|<pre>|<pre style="font-family: DejaVu Sans Mono, monospace; font-size: 13px; line-height: 1.2;">|' \
	> "$work/containers.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic \
	--no-first-run --disable-background-networking \
	--disable-component-update --disable-sync \
	--user-data-dir="$work/chrome" --hide-scrollbars \
	--window-size=1320,830 --screenshot="$here/containers.png" \
	"file://$work/containers.html" >/dev/null 2>&1
echo "wrote screenshots/containers.png"
