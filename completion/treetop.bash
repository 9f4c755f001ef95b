# bash completion for treetop                              -*- shell-script -*-
#
# Options come from `treetop --help` of the treetop being completed, so a
# new option is offered as soon as the binary has it.  After -p/--pid:
# the PIDs of this machine (after a comma too, for PID,PID lists); after
# --pidns: the PID namespace inodes of /proc/*/ns/pid; after --load,
# --record and --metrics: files.

# The options that `$1 --help` lists, one a word.
_treetop_options()
{
	"$1" --help 2>/dev/null | awk '
	/^ +-/ {
		for (i = 1; i <= NF; i++) {
			w = $i
			sub(/,$/, "", w)
			if (w !~ /^-/)
				break
			print w
		}
	}'
}

# The inodes of the PID namespaces this user can see.
_treetop_pidns()
{
	local link
	for link in /proc/[0-9]*/ns/pid; do
		link=$(readlink "$link" 2>/dev/null) || continue
		link=${link#pid:[}
		printf '%s\n' "${link%]}"
	done | sort -un
}

_treetop()
{
	local cur prev words cword split
	_init_completion -s || return

	case $prev in
	-p | --pid)
		# PID[,PID...]: complete the last element of the list.
		local head=
		[[ $cur == *,* ]] && head=${cur%,*},
		local pids
		pids=$(compgen -W "$(command ls /proc | grep -E '^[0-9]+$')" \
		    -- "${cur##*,}")
		COMPREPLY=($(compgen -P "$head" -W "$pids"))
		return
		;;
	--pidns)
		COMPREPLY=($(compgen -W "$(_treetop_pidns)" -- "$cur"))
		return
		;;
	--group-ns)
		COMPREPLY=($(compgen -W "pid mnt net uts ipc user cgroup time" \
		    -- "$cur"))
		return
		;;
	--load | --record | --metrics)
		_filedir
		return
		;;
	-n | --iterations | -d | --delay)
		# A number: nothing to offer.
		return
		;;
	esac

	$split && return

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_treetop_options "$1")" -- "$cur"))
		[[ ${COMPREPLY-} == *= ]] && compopt -o nospace
	fi
} &&
	complete -F _treetop treetop

# ex: filetype=sh
