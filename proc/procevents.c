/*
 * The proc connector listener: a netlink socket subscribed to the
 * kernel's process events, and a thread that turns each message into a
 * struct procev on the queue.  An exec is followed at once by reading the
 * new program's names through the scanner (scan_task_names()), before a
 * short life ends.  A receive buffer overrun (ENOBUFS) is queued as a
 * LOST event: the model then resynchronises from /proc.
 */
#include "config.h"
#include "procevents.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "exitlog.h"
#include "procev_groups.h"
#include "scan.h"
#include "xalloc.h"

#define PROCEVENTS_RCVBUF	(8 << 20)	/* a burst of ~100,000 */
/*
 * The delivery check's wait: the kernel queues a task's events on the
 * socket as it forks and exits, so once waitpid() has returned they are
 * there, or will never be.
 */
#define PROCEVENTS_CHECK_MS	200
#define PROCEVENTS_BUF		(64 << 10)

struct procevents {
	struct procev_queue	 queue;
	pthread_t		 thread;
	int			 sock;
	int			 stop[2];	/* a pipe: closing [1] stops */
	int			 failed;	/* the errno that ended the
						   thread, 0 while it runs
						   (atomic) */
	double			 boot_time;	/* the thread's: unix seconds
						   of boot (CLOCK_BOOTTIME) */
	struct exitlog		*exits;		/* borrowed (atomic); every
						   exit goes there too */
	struct procev_groups	 groups;	/* the thread's: what it
						   knows of thread groups */
};

/*
 * The subscription message: a netlink header, a cn_msg, the op, packed
 * one after the other into bytes (cn_msg ends in a flexible array, so it
 * cannot be a struct member followed by another).
 */
#define PROCEVENTS_REQ_LEN \
	NLMSG_LENGTH(sizeof(struct cn_msg) + sizeof(enum proc_cn_mcast_op))

/* Unix seconds minus CLOCK_MONOTONIC seconds, the kernel's stamps' clock. */
static double
procevents_clock_offset(void)
{
	struct timespec	rt, mono;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	return (double)(rt.tv_sec - mono.tv_sec) +
	    (double)(rt.tv_nsec - mono.tv_nsec) / 1e9;
}

static int
procevents_subscribe(int sock, enum proc_cn_mcast_op op)
{
	union {
		char		 bytes[PROCEVENTS_REQ_LEN];
		struct nlmsghdr	 align;
	}			 req;
	struct nlmsghdr		*nl = &req.align;
	struct cn_msg		 cn;

	memset(&req, 0, sizeof req);
	nl->nlmsg_len = PROCEVENTS_REQ_LEN;
	nl->nlmsg_type = NLMSG_DONE;
	nl->nlmsg_pid = 0;
	memset(&cn, 0, sizeof cn);
	cn.id.idx = CN_IDX_PROC;
	cn.id.val = CN_VAL_PROC;
	cn.len = sizeof op;
	memcpy(req.bytes + NLMSG_HDRLEN, &cn, sizeof cn);
	memcpy(req.bytes + NLMSG_HDRLEN + sizeof cn, &op, sizeof op);
	return send(sock, req.bytes, PROCEVENTS_REQ_LEN, 0) < 0 ? -errno : 0;
}

/* A large receive buffer (forced past rmem_max, as root), for bursts. */
static void
procevents_rcvbuf(int sock)
{
	int	size = PROCEVENTS_RCVBUF;

	if (setsockopt(sock, SOL_SOCKET, SO_RCVBUFFORCE, &size,
	    sizeof size) < 0)
		setsockopt(sock, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

/* The testing aid: a small buffer, once delivery has been checked. */
static void
procevents_test_rcvbuf(int sock)
{
	const char	*env = getenv(PROCEVENTS_RCVBUF_ENV);
	int		 size;

	if (env == NULL || *env == '\0')
		return;
	size = atoi(env);
	setsockopt(sock, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

/* A subscribed socket, or -1 with *why. */
static int
procevents_socket(char **why)
{
	struct sockaddr_nl	addr;
	int			sock, err;

	sock = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
	    NETLINK_CONNECTOR);
	if (sock < 0) {
		xasprintf(why, "no process events connector (%s)",
		    strerror(errno));
		return -1;
	}
	memset(&addr, 0, sizeof addr);
	addr.nl_family = AF_NETLINK;
	addr.nl_groups = CN_IDX_PROC;
	if (bind(sock, (struct sockaddr *)&addr, sizeof addr) < 0 ||
	    (err = procevents_subscribe(sock, PROC_CN_MCAST_LISTEN)) < 0) {
		err = errno;
		xasprintf(why, "%s", err == EPERM || err == EACCES ?
		    "not privileged for process events (needs root)" :
		    strerror(err));
		close(sock);
		return -1;
	}
	procevents_rcvbuf(sock);
	return sock;
}

/*
 * The task of one proc_event as a procev, or false for what is not
 * queued (threads, sid, ptrace, uid/gid, coredump, the ack).
 */
static bool
procevents_parse(const struct proc_event *ev, double offset, struct procev *e)
{
	memset(e, 0, sizeof *e);
	e->time = (double)ev->timestamp_ns / 1e9 + offset;
	switch (ev->what) {
	case PROC_EVENT_FORK:
		e->kind = PROCEV_FORK;
		e->pid = ev->event_data.fork.child_pid;
		e->tgid = ev->event_data.fork.child_tgid;
		e->ppid = ev->event_data.fork.parent_pid;
		e->ptgid = ev->event_data.fork.parent_tgid;
		break;
	case PROC_EVENT_EXEC:
		e->kind = PROCEV_EXEC;
		e->pid = ev->event_data.exec.process_pid;
		e->tgid = ev->event_data.exec.process_tgid;
		break;
	case PROC_EVENT_EXIT:
		e->kind = PROCEV_EXIT;
		e->pid = ev->event_data.exit.process_pid;
		e->tgid = ev->event_data.exit.process_tgid;
		e->ppid = ev->event_data.exit.parent_pid;
		e->ptgid = ev->event_data.exit.parent_tgid;
		e->status = (int)ev->event_data.exit.exit_code;
		break;
	case PROC_EVENT_COMM:
		e->kind = PROCEV_COMM;
		e->pid = ev->event_data.comm.process_pid;
		e->tgid = ev->event_data.comm.process_tgid;
		memcpy(e->comm, ev->event_data.comm.comm,
		    sizeof ev->event_data.comm.comm);
		break;
	default:
		return false;
	}
	/* Threads' forks and exits too: procevents_ends() sorts them. */
	return e->pid == e->tgid || e->kind == PROCEV_EXIT ||
	    e->kind == PROCEV_FORK;
}

/*
 * The proc_event after cn, copied into *ev: the kernel puts it at offset
 * 36 of the datagram, where a struct with 64-bit members cannot be read
 * in place (clang's -fsanitize=alignment).  What the message lacks of a
 * whole struct is zero.  False when cn's length runs past the message
 * (size bytes from cn on).
 */
static bool
procevents_copy(const struct cn_msg *cn, size_t size, struct proc_event *ev)
{
	size_t	n = cn->len;

	if (n > size - sizeof *cn)
		return false;
	memset(ev, 0, sizeof *ev);
	memcpy(ev, cn->data, n < sizeof *ev ? n : sizeof *ev);
	return true;
}

/* Each proc_event of one datagram of len bytes, to fn. */
static void
procevents_each(const char *buf, ssize_t len, double offset,
    void (*fn)(void *, struct procev *), void *arg)
{
	const struct nlmsghdr	*nl;
	const struct cn_msg	*cn;
	struct proc_event	 ev;
	struct procev		 e;
	size_t			 left = len > 0 ? (size_t)len : 0, step;
	const size_t		 hdr = NLMSG_HDRLEN;

	/*
	 * NLMSG_OK() and NLMSG_NEXT() by hand: the macros cast the const
	 * away and compare an int with the header's unsigned length.
	 */
	while (left >= hdr) {
		nl = (const struct nlmsghdr *)(const void *)buf;
		if (nl->nlmsg_len < hdr || nl->nlmsg_len > left)
			break;
		cn = (const struct cn_msg *)(const void *)(buf + hdr);
		if (nl->nlmsg_type == NLMSG_DONE &&
		    nl->nlmsg_len >= hdr + sizeof *cn &&
		    cn->id.idx == CN_IDX_PROC && cn->len >=
		    offsetof(struct proc_event, event_data) &&
		    procevents_copy(cn, nl->nlmsg_len - hdr, &ev) &&
		    procevents_parse(&ev, offset, &e))
			fn(arg, &e);
		step = NLMSG_ALIGN(nl->nlmsg_len);
		if (step >= left)
			break;
		buf += step;
		left -= step;
	}
}

/* Unix seconds at boot: the realtime clock less CLOCK_BOOTTIME. */
static double
procevents_boot_time(void)
{
	struct timespec	rt, boot;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &boot);
	return (double)(rt.tv_sec - boot.tv_sec) +
	    (double)(rt.tv_nsec - boot.tv_nsec) / 1e9;
}

/*
 * Whether e is news of a process, and not of a thread alone.  Every
 * thread's exit is reported; the leader's (pid == tgid) may come first
 * while the others run on (its main() called pthread_exit()), and the
 * process ends with its last thread.  When the leader of a process that
 * may have threads exits, /proc says whether any thread is left; if
 * one is, the exit of a thread that leaves none is the process's, at
 * its own time and with its status.
 */
static bool
procevents_ends(struct procevents *pe, struct procev *e)
{
	struct procev_groups	*g = &pe->groups;
	bool			 early;

	if (e->kind == PROCEV_FORK) {
		procev_groups_fork(g, e->pid, e->tgid);
		return e->pid == e->tgid;
	}
	if (e->kind != PROCEV_EXIT)
		return true;
	early = procev_groups_take_early(g, e->tgid);
	if (e->pid != e->tgid && !early)
		return false;	/* a thread of a process that runs on */
	if (!procev_groups_single(g, e->tgid) &&
	    scan_task_others(e->tgid) > 0) {
		procev_groups_set_early(g, e->tgid);
		return false;
	}
	procev_groups_forget(g, e->tgid);
	e->pid = e->tgid;
	return true;
}

/* Queue e; an exec's names are read first, while the process is there. */
static void
procevents_push(void *arg, struct procev *e)
{
	struct procevents	*pe = arg;
	struct exitlog		*exits = __atomic_load_n(&pe->exits,
				    __ATOMIC_ACQUIRE);

	if (!procevents_ends(pe, e))
		return;
	e->boot_time = pe->boot_time;
	if (e->kind == PROCEV_EXIT && exits != NULL)
		exitlog_add(exits, e->tgid, e->time);
	if (e->kind == PROCEV_EXEC)
		scan_task_names(e->tgid, e->comm, sizeof e->comm, &e->cmdline,
		    &e->cmdline_len);
	procev_queue_push(&pe->queue, e);
}

/*
 * Read what the socket holds now; false when the thread must stop.  An
 * overrun (ENOBUFS) is a LOST event: the kernel does not say how many,
 * so it counts as one, the number of overruns.
 */
static bool
procevents_read(struct procevents *pe, char *buf)
{
	double	offset = procevents_clock_offset();
	ssize_t	len;

	pe->boot_time = procevents_boot_time();
	for (;;) {
		len = recv(pe->sock, buf, PROCEVENTS_BUF, MSG_DONTWAIT);
		if (len > 0) {
			procevents_each(buf, len, offset, procevents_push, pe);
			continue;
		}
		if (len < 0 && errno == ENOBUFS) {
			procev_queue_lost(&pe->queue, 1);
			procev_groups_doubt(&pe->groups);
			continue;
		}
		if (len < 0 && (errno == EAGAIN || errno == EINTR))
			return true;
		__atomic_store_n(&pe->failed, len < 0 ? errno : EPIPE,
		    __ATOMIC_RELEASE);
		return false;
	}
}

static void *
procevents_main(void *arg)
{
	struct procevents	*pe = arg;
	struct pollfd		 pfd[2];
	char			*buf = xmalloc(PROCEVENTS_BUF);

	pfd[0].fd = pe->sock;
	pfd[0].events = POLLIN;
	pfd[1].fd = pe->stop[0];
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			__atomic_store_n(&pe->failed, errno, __ATOMIC_RELEASE);
			break;
		}
		if (pfd[1].revents != 0)
			break;
		if ((pfd[0].revents & (POLLHUP | POLLNVAL)) != 0) {
			__atomic_store_n(&pe->failed, EPIPE, __ATOMIC_RELEASE);
			break;
		}
		/* An overrun is POLLERR until recv() has said ENOBUFS. */
		if ((pfd[0].revents & (POLLIN | POLLERR)) != 0 &&
		    !procevents_read(pe, buf))
			break;
	}
	free(buf);
	return NULL;
}

/* Seen by the delivery check: its child's fork and exit. */
struct procevents_seen {
	pid_t	child;
	bool	fork;
	bool	exit;
};

static void
procevents_check_one(void *arg, struct procev *e)
{
	struct procevents_seen	*seen = arg;

	if (e->tgid != seen->child)
		return;
	seen->fork |= e->kind == PROCEV_FORK;
	seen->exit |= e->kind == PROCEV_EXIT;
}

/*
 * Fork a child that exits at once and wait for both its events: true if
 * they came.  Everything read before is dropped (it is before the first
 * snapshot).  A PID or network namespace other than the first gets
 * nothing from the kernel.
 */
static bool
procevents_delivered(int sock)
{
	struct procevents_seen	 seen = { 0, false, false };
	struct pollfd		 pfd = { .fd = sock, .events = POLLIN };
	char			*buf;
	ssize_t			 len;
	struct timespec		 now;
	double			 deadline;

	clock_gettime(CLOCK_MONOTONIC, &now);
	deadline = (double)now.tv_sec + (double)now.tv_nsec / 1e9 +
	    PROCEVENTS_CHECK_MS / 1000.0;

	seen.child = fork();
	if (seen.child == 0)
		_exit(0);
	buf = xmalloc(PROCEVENTS_BUF);	/* the parent's alone */
	if (seen.child > 0)
		while (waitpid(seen.child, NULL, 0) < 0 && errno == EINTR)
			;
	while (seen.child > 0 && !seen.exit) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((double)now.tv_sec + (double)now.tv_nsec / 1e9 > deadline)
			break;
		if (poll(&pfd, 1, 10) == 0)
			continue;
		len = recv(sock, buf, PROCEVENTS_BUF, MSG_DONTWAIT);
		if (len > 0)
			procevents_each(buf, len, 0, procevents_check_one,
			    &seen);
		else if (len < 0 && errno != EAGAIN && errno != EINTR &&
		    errno != ENOBUFS)
			break;
	}
	free(buf);
	return seen.fork && seen.exit;
}

struct procevents *
procevents_open(char **why)
{
	struct procevents	*pe;
	sigset_t		 all, old;
	int			 sock, err;

	if ((sock = procevents_socket(why)) < 0)
		return NULL;
	if (!procevents_delivered(sock)) {
		xasprintf(why, "the kernel delivers no process events here "
		    "(not the first PID or network namespace)");
		close(sock);
		return NULL;
	}
	procevents_test_rcvbuf(sock);
	pe = xcalloc(1, sizeof *pe);
	procev_groups_init(&pe->groups);
	pe->sock = sock;
	procev_queue_init(&pe->queue);
	if (pipe2(pe->stop, O_CLOEXEC) < 0) {
		xasprintf(why, "pipe: %s", strerror(errno));
		goto fail;
	}
	/* Signals stay with the main thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&pe->thread, NULL, procevents_main, pe);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err == 0) {
		/* Its own name, so that its CPU time can be told apart. */
		pthread_setname_np(pe->thread, PROCEVENTS_THREAD_NAME);
		return pe;
	}
	xasprintf(why, "starting the events thread: %s", strerror(err));
	close(pe->stop[0]);
	close(pe->stop[1]);
fail:
	procev_queue_done(&pe->queue);
	close(sock);
	free(pe);
	return NULL;
}

void
procevents_close(struct procevents *pe)
{
	if (pe == NULL)
		return;
	close(pe->stop[1]);
	pthread_join(pe->thread, NULL);
	close(pe->stop[0]);
	procevents_subscribe(pe->sock, PROC_CN_MCAST_IGNORE);
	close(pe->sock);
	procev_queue_done(&pe->queue);
	procev_groups_done(&pe->groups);
	free(pe);
}

void
procevents_watch_exits(struct procevents *pe, struct exitlog *exits)
{
	__atomic_store_n(&pe->exits, exits, __ATOMIC_RELEASE);
}

void
procevents_drain(struct procevents *pe, struct procev_batch *out)
{
	procev_queue_drain(&pe->queue, out);
}

void
procevents_births(struct procevents *pe, struct pidvec *births)
{
	procev_queue_births(&pe->queue, births);
}

int
procevents_failed(struct procevents *pe)
{
	return __atomic_load_n(&pe->failed, __ATOMIC_ACQUIRE);
}

unsigned long
procevents_lost(struct procevents *pe)
{
	return procev_queue_lost_total(&pe->queue);
}
