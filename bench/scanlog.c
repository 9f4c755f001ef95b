/*
 * scanlog.so: an LD_PRELOAD probe that counts a viewer's /proc scans.
 *
 * htop and btop have no refresh counter, and their refresh period is not
 * their delay once a refresh costs more than the delay.  Every viewer
 * measured here starts a refresh by opening the /proc directory: libproc2
 * (treetop, top) with opendir("/proc"), htop with openat(AT_FDCWD,
 * "/proc"), btop through libstdc++'s directory_iterator with open or
 * openat.  This library wraps those three calls; when the path is "/proc",
 * it appends the process's CPU time (CLOCK_PROCESS_CPUTIME_ID, all threads)
 * and the monotonic time to a log mapped from the file $BENCH_SCANLOG.
 * The runner reads the log afterwards: CPU per refresh is the CPU-time
 * difference between two scan starts divided by the scans in between.
 * The cost is one clock_gettime per scan and a string test per call.
 *
 * At exit it also stores VmHWM, the peak RSS of the program itself:
 * ru_maxrss would include the RSS of the Python runner that forked it,
 * because the kernel carries the high-water mark of the pre-exec image.
 *
 * Only the process that creates $BENCH_SCANLOG (O_EXCL) logs, so children
 * that inherit LD_PRELOAD stay out of the count.  Log layout, all native
 * uint64: magic, pid, count, VmHWM in KiB (0 until exit), then per scan
 * (cpu_ns, mono_ns).
 */
#include "config.h"
#undef _FORTIFY_SOURCE

#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum {
	SCANLOG_MAGIC = 0x31676f6c6e616373,	/* "scanlog1" */
	SCANLOG_MAX = 32768,			/* scans kept */
	SCANLOG_HEADER = 4			/* words before the entries */
};

#define SCANLOG_SIZE	((SCANLOG_HEADER + 2 * SCANLOG_MAX) * \
			    sizeof(uint64_t))

typedef DIR	*scanlog_opendir_fn(const char *);
typedef int	 scanlog_open_fn(const char *, int, ...);
typedef int	 scanlog_openat_fn(int, const char *, int, ...);

/* The log page, or NULL when this process does not log. */
static uint64_t	*scanlog_page;

__attribute__((constructor)) static void
scanlog_init(void)
{
	const char	*path = getenv("BENCH_SCANLOG");
	void		*p;
	int		 fd;

	if (path == NULL)
		return;
	/* The raw system call: open() is wrapped below. */
	fd = (int)syscall(SYS_openat, AT_FDCWD, path,
	    O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	if (ftruncate(fd, (off_t)SCANLOG_SIZE) == 0) {
		p = mmap(NULL, SCANLOG_SIZE, PROT_READ | PROT_WRITE,
		    MAP_SHARED, fd, 0);
		if (p != MAP_FAILED) {
			scanlog_page = p;
			scanlog_page[0] = SCANLOG_MAGIC;
			scanlog_page[1] = (uint64_t)getpid();
			scanlog_page[2] = 0;
			scanlog_page[3] = 0;
		}
	}
	close(fd);
}

/* At exit: VmHWM from /proc/self/status, with raw system calls. */
__attribute__((destructor)) static void
scanlog_done(void)
{
	char	buf[4096], *p;
	ssize_t	len;
	int	fd;

	if (scanlog_page == NULL)
		return;
	fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/status",
	    O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	len = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (len <= 0)
		return;
	buf[len] = '\0';
	if ((p = strstr(buf, "\nVmHWM:")) != NULL)
		scanlog_page[3] = strtoull(p + 7, NULL, 10);
}

static uint64_t
scanlog_ns(clockid_t clock)
{
	struct timespec	ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Log a scan if path names the /proc directory. */
static void
scanlog_check(const char *path)
{
	uint64_t	n;

	if (scanlog_page == NULL || path == NULL ||
	    strncmp(path, "/proc", 5) != 0 ||
	    (path[5] != '\0' && (path[5] != '/' || path[6] != '\0')))
		return;
	n = __atomic_fetch_add(&scanlog_page[2], 1, __ATOMIC_SEQ_CST);
	if (n < SCANLOG_MAX) {
		scanlog_page[SCANLOG_HEADER + 2 * n] =
		    scanlog_ns(CLOCK_PROCESS_CPUTIME_ID);
		scanlog_page[SCANLOG_HEADER + 2 * n + 1] =
		    scanlog_ns(CLOCK_MONOTONIC);
	}
}

static void *
scanlog_next(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

/* The mode argument exists only with O_CREAT or O_TMPFILE. */
#define SCANLOG_MODE(flags, mode) do {					\
	if ((flags) & O_CREAT || ((flags) & O_TMPFILE) == O_TMPFILE) {	\
		va_list ap;						\
		va_start(ap, flags);					\
		mode = va_arg(ap, int);					\
		va_end(ap);						\
	}								\
} while (0)

DIR *
opendir(const char *name)
{
	static scanlog_opendir_fn	*next;

	if (next == NULL)
		next = (scanlog_opendir_fn *)scanlog_next("opendir");
	scanlog_check(name);
	return next(name);
}

int
open(const char *path, int flags, ...)
{
	static scanlog_open_fn	*next;
	int			 mode = 0;

	SCANLOG_MODE(flags, mode);
	if (next == NULL)
		next = (scanlog_open_fn *)scanlog_next("open");
	scanlog_check(path);
	return next(path, flags, mode);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	static scanlog_openat_fn	*next;
	int				 mode = 0;

	SCANLOG_MODE(flags, mode);
	if (next == NULL)
		next = (scanlog_openat_fn *)scanlog_next("openat");
	if (path[0] == '/')
		scanlog_check(path);
	return next(dirfd, path, flags, mode);
}
