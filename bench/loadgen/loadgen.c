/*
 * loadgen: an open-loop HTTP/1.1 load generator (wrk2's method) for the Chorus bench.
 *
 * Request i is due at start + i / rate, whether or not earlier ones were answered. A due request
 * waits for a free keep-alive connection if all are busy, and its latency is measured from its
 * intended send time, so a slow server shows up as latency instead of quietly lowering the offered
 * load (coordinated omission). Written in C with epoll so the generator takes little of the CPU
 * it shares with the system under test: it offers well over 100 000 req/s on two cores.
 *
 *   loadgen --port P [--host 127.0.0.1] --rate R --seconds S [--connections C] [--threads T]
 *           --requests FILE [--timeout-ms 10000] [--closed 1]
 *
 * FILE holds complete HTTP/1.1 requests, each followed by one NUL byte; they are sent round
 * robin. The result is one JSON object on stdout (latencies in microseconds).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

/* ---- latency histogram: exact below 1024 us, then 512 sub-buckets per power of two (0.2 %) ---- */

#define SUB_BITS 10
#define SUB_COUNT (1 << SUB_BITS)
#define HALF (SUB_COUNT / 2)
#define MAGNITUDES 40
#define BUCKETS (SUB_COUNT + MAGNITUDES * HALF)

typedef struct {
	uint64_t counts[BUCKETS];
	uint64_t total;
	uint64_t max;
} histogram;

static int bucket_of(uint64_t v) {
	if (v < SUB_COUNT) {
		return (int) v;
	}
	int magnitude = 63 - __builtin_clzll(v) - (SUB_BITS - 1); /* 1 for [1024, 2047] */
	if (magnitude > MAGNITUDES) {
		return BUCKETS - 1;
	}
	return SUB_COUNT + (magnitude - 1) * HALF + (int) ((v >> magnitude) - HALF);
}

/* The upper end of a bucket, so percentiles never read low. */
static uint64_t value_of(int bucket) {
	if (bucket < SUB_COUNT) {
		return (uint64_t) bucket;
	}
	int magnitude = (bucket - SUB_COUNT) / HALF + 1;
	uint64_t sub = (uint64_t) ((bucket - SUB_COUNT) % HALF + HALF);
	return ((sub + 1) << magnitude) - 1;
}

static void record(histogram *h, uint64_t v) {
	h->counts[bucket_of(v)]++;
	h->total++;
	if (v > h->max) {
		h->max = v;
	}
}

static uint64_t percentile(const histogram *h, double p) {
	if (h->total == 0) {
		return 0;
	}
	uint64_t rank = (uint64_t) ceil(p / 100.0 * (double) h->total);
	if (rank < 1) {
		rank = 1;
	}
	uint64_t seen = 0;
	for (int i = 0; i < BUCKETS; i++) {
		seen += h->counts[i];
		if (seen >= rank) {
			uint64_t v = value_of(i);
			return v > h->max ? h->max : v;
		}
	}
	return h->max;
}

/* ---- settings and shared state ---- */

typedef struct {
	const char *data;
	size_t length;
} request;

static struct sockaddr_in target;
static request *requests;
static size_t request_count;
static double rate = 1000;
static double seconds = 10;
static int connections = 64;
static int threads = 1;
static uint64_t timeout_ns = 10ull * 1000 * 1000 * 1000;
/* Closed loop (wrk's method, for a capacity probe): every connection sends again as soon as it is
 * answered, for the whole duration; the rate is ignored and latency is plain service time. */
static int closed_loop = 0;

static uint64_t now_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

/* ---- one connection ---- */

enum conn_state { DOWN, CONNECTING, IDLE, BUSY };
enum parse_state { HEADERS, BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER };

typedef struct {
	int fd;
	enum conn_state state;
	uint64_t intended;
	const request *out;
	size_t written;
	enum parse_state parse;
	char head[16384];
	size_t head_length;
	uint64_t remaining;
	int status;
	int close_after;
	int watching_out; /* EPOLLOUT registered: only while a write is pending or a connect runs */
	uint64_t reconnect_at; /* a refused connection is tried again from then on, not in a busy loop */
	char line[64];
	size_t line_length;
} conn;

typedef struct {
	int id;
	double rate;
	uint64_t total;
	uint64_t start;
	size_t next_request;
	int epoll;
	int timer;
	conn *conns;
	int conn_count;
	/* due but not yet sent: intended times, a ring */
	uint64_t *backlog;
	size_t backlog_capacity, backlog_head, backlog_length;
	histogram latency;
	uint64_t sent, ok, non2xx, timeouts, connect_errors, read_errors, overflow, completed;
} worker;

static void conn_open(worker *w, conn *c) {
	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		c->state = DOWN;
		w->connect_errors++;
		return;
	}
	int one = 1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	int rc = connect(c->fd, (struct sockaddr *) &target, sizeof target);
	if (rc < 0 && errno != EINPROGRESS) {
		close(c->fd);
		c->fd = -1;
		c->state = DOWN;
		c->reconnect_at = now_ns() + 10000000ull;
		w->connect_errors++;
		return;
	}
	c->state = CONNECTING;
	c->watching_out = 1;
	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.ptr = c };
	epoll_ctl(w->epoll, EPOLL_CTL_ADD, c->fd, &ev);
}

static void conn_close(worker *w, conn *c) {
	if (c->fd >= 0) {
		epoll_ctl(w->epoll, EPOLL_CTL_DEL, c->fd, NULL);
		close(c->fd);
	}
	c->fd = -1;
	c->state = DOWN;
}

/* A request in flight failed (connection lost, unreadable answer): an error, then reconnect. */
static void conn_fail(worker *w, conn *c, uint64_t *counter) {
	if (c->state == BUSY) {
		(*counter)++;
		w->completed++;
	}
	conn_close(w, c);
	conn_open(w, c);
}

static void want_write(worker *w, conn *c, int on) {
	if (c->watching_out == on) {
		return; /* no system call when nothing changes */
	}
	c->watching_out = on;
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | (on ? EPOLLOUT : 0), .data.ptr = c };
	epoll_ctl(w->epoll, EPOLL_CTL_MOD, c->fd, &ev);
}

static void flush(worker *w, conn *c) {
	while (c->written < c->out->length) {
		ssize_t n = write(c->fd, c->out->data + c->written, c->out->length - c->written);
		if (n < 0) {
			if (errno == EAGAIN) {
				want_write(w, c, 1);
				return;
			}
			conn_fail(w, c, &w->read_errors);
			return;
		}
		c->written += (size_t) n;
	}
	want_write(w, c, 0);
}

static void send_on(worker *w, conn *c, uint64_t intended) {
	c->state = BUSY;
	c->intended = intended;
	c->out = &requests[w->next_request];
	w->next_request = (w->next_request + (size_t) threads) % request_count;
	c->written = 0;
	c->parse = HEADERS;
	c->head_length = 0;
	c->close_after = 0;
	w->sent++;
	flush(w, c);
}

static void complete(worker *w, conn *c) {
	uint64_t latency = now_ns() - c->intended;
	record(&w->latency, latency / 1000);
	if (c->status >= 200 && c->status < 300) {
		w->ok++;
	}
	else {
		w->non2xx++;
	}
	w->completed++;
	c->state = IDLE;
	if (c->close_after) {
		conn_close(w, c);
		conn_open(w, c);
	}
}

static int header_is(const char *line, size_t length, const char *name) {
	size_t n = strlen(name);
	return length > n && strncasecmp(line, name, n) == 0;
}

/* Parses the status line and headers; returns 0 when fine. */
static int parse_head(conn *c) {
	c->status = 0;
	if (c->head_length < 12 || strncmp(c->head, "HTTP/1.", 7) != 0) {
		return -1;
	}
	c->status = atoi(c->head + 9);
	int chunked = 0;
	long long length = -1;
	char *line = memchr(c->head, '\n', c->head_length);
	char *end = c->head + c->head_length;
	while (line && line + 1 < end) {
		line++;
		char *eol = memchr(line, '\n', (size_t) (end - line));
		if (!eol) {
			break;
		}
		size_t n = (size_t) (eol - line);
		if (header_is(line, n, "content-length:")) {
			length = atoll(line + 15);
		}
		else if (header_is(line, n, "transfer-encoding:") && memmem(line, n, "chunked", 7)) {
			chunked = 1;
		}
		else if (header_is(line, n, "connection:") && memmem(line, n, "close", 5)) {
			c->close_after = 1;
		}
		line = eol;
	}
	if (chunked) {
		c->parse = CHUNK_SIZE;
		c->line_length = 0;
	}
	else {
		c->parse = BODY_LENGTH;
		c->remaining = (length > 0) ? (uint64_t) length : 0;
	}
	return 0;
}

/* Consumes bytes of the answer; returns 1 when the answer is complete, -1 when unreadable. */
static int consume(conn *c, const char *p, size_t n) {
	while (n > 0 || c->parse == BODY_LENGTH) {
		switch (c->parse) {
		case HEADERS: {
			size_t room = sizeof c->head - c->head_length;
			size_t take = n < room ? n : room;
			memcpy(c->head + c->head_length, p, take);
			size_t before = c->head_length;
			c->head_length += take;
			char *found = memmem(c->head + (before > 3 ? before - 3 : 0), c->head_length - (before > 3 ? before - 3 : 0),
					"\r\n\r\n", 4);
			if (!found) {
				if (c->head_length == sizeof c->head) {
					return -1;
				}
				return 0;
			}
			size_t head_end = (size_t) (found - c->head) + 4;
			size_t used = head_end - before;
			c->head_length = head_end;
			if (parse_head(c) != 0) {
				return -1;
			}
			p += used;
			n -= used;
			break;
		}
		case BODY_LENGTH: {
			uint64_t take = n < c->remaining ? n : c->remaining;
			c->remaining -= take;
			p += take;
			n -= take;
			if (c->remaining == 0) {
				return 1;
			}
			if (n == 0) {
				return 0;
			}
			break;
		}
		case CHUNK_SIZE:
		case TRAILER: {
			char ch = *p++;
			n--;
			if (ch == '\n') {
				c->line[c->line_length < sizeof c->line ? c->line_length : sizeof c->line - 1] = 0;
				if (c->parse == TRAILER) {
					if (c->line_length <= 1) {
						return 1; /* the empty line after the last chunk */
					}
					c->line_length = 0;
					break;
				}
				unsigned long long size = strtoull(c->line, NULL, 16);
				c->line_length = 0;
				if (size == 0) {
					c->parse = TRAILER;
				}
				else {
					c->parse = CHUNK_DATA;
					c->remaining = size;
				}
			}
			else if (c->line_length < sizeof c->line - 1) {
				c->line[c->line_length++] = ch;
			}
			break;
		}
		case CHUNK_DATA: {
			uint64_t take = n < c->remaining ? n : c->remaining;
			c->remaining -= take;
			p += take;
			n -= take;
			if (c->remaining == 0) {
				c->parse = CHUNK_END;
				c->remaining = 2;
			}
			break;
		}
		case CHUNK_END: {
			uint64_t take = n < c->remaining ? n : c->remaining;
			c->remaining -= take;
			p += take;
			n -= take;
			if (c->remaining == 0) {
				c->parse = CHUNK_SIZE;
				c->line_length = 0;
			}
			break;
		}
		}
	}
	return 0;
}

static void on_readable(worker *w, conn *c) {
	char buffer[65536];
	for (;;) {
		ssize_t n = read(c->fd, buffer, sizeof buffer);
		if (n < 0) {
			if (errno == EAGAIN) {
				return;
			}
			conn_fail(w, c, &w->read_errors);
			return;
		}
		if (n == 0) {
			conn_fail(w, c, &w->read_errors);
			return;
		}
		if (c->state != BUSY) {
			continue; /* nothing asked: ignore */
		}
		int done = consume(c, buffer, (size_t) n);
		if (done < 0) {
			conn_fail(w, c, &w->read_errors);
			return;
		}
		if (done > 0) {
			complete(w, c);
			return;
		}
	}
}

static void backlog_push(worker *w, uint64_t intended) {
	if (w->backlog_length == w->backlog_capacity) {
		w->overflow++; /* the generator will not queue without bound: an error */
		w->completed++;
		return;
	}
	w->backlog[(w->backlog_head + w->backlog_length) % w->backlog_capacity] = intended;
	w->backlog_length++;
}

static uint64_t backlog_pop(worker *w) {
	uint64_t intended = w->backlog[w->backlog_head];
	w->backlog_head = (w->backlog_head + 1) % w->backlog_capacity;
	w->backlog_length--;
	return intended;
}

static void arm_timer(worker *w, uint64_t at) {
	struct itimerspec spec = { 0 };
	spec.it_value.tv_sec = (time_t) (at / 1000000000ull);
	spec.it_value.tv_nsec = (long) (at % 1000000000ull);
	timerfd_settime(w->timer, TFD_TIMER_ABSTIME, &spec, NULL);
}

/*
 * Waits for events until the monotonic instant {@code wake}: epoll_pwait2 takes a nanosecond
 * timeout (one system call per round); kernels without it fall back to a timerfd in the set.
 */
static int use_pwait2 = 1;

static int wait_until(worker *w, struct epoll_event *events, int max, uint64_t wake, uint64_t now) {
	if (use_pwait2) {
		uint64_t wait = (wake > now) ? wake - now : 0;
		struct timespec timeout = { .tv_sec = (time_t) (wait / 1000000000ull), .tv_nsec = (long) (wait % 1000000000ull) };
		int n = epoll_pwait2(w->epoll, events, max, &timeout, NULL);
		if (n >= 0 || errno != ENOSYS) {
			return n < 0 ? 0 : n;
		}
		use_pwait2 = 0;
	}
	arm_timer(w, wake);
	int n = epoll_wait(w->epoll, events, max, 20);
	return n < 0 ? 0 : n;
}

static void *run(void *arg) {
	worker *w = arg;
	w->epoll = epoll_create1(EPOLL_CLOEXEC);
	w->timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	struct epoll_event tev = { .events = EPOLLIN, .data.ptr = NULL };
	epoll_ctl(w->epoll, EPOLL_CTL_ADD, w->timer, &tev);
	for (int i = 0; i < w->conn_count; i++) {
		w->conns[i].fd = -1;
		conn_open(w, &w->conns[i]);
	}
	double interval = 1e9 / w->rate;
	uint64_t scheduled = 0;
	uint64_t end_of_schedule = w->start + (uint64_t) (interval * (double) w->total);
	struct epoll_event events[256];
	for (;;) {
		uint64_t now = now_ns();
		while (!closed_loop && scheduled < w->total) {
			uint64_t due = w->start + (uint64_t) (interval * (double) scheduled);
			if (due > now) {
				break;
			}
			backlog_push(w, due);
			scheduled++;
		}
		if (closed_loop) {
			if (now < w->start) {
				/* connections open first; the measured duration starts at start */
			}
			else if (now < w->start + (uint64_t) (seconds * 1e9)) {
				for (int i = 0; i < w->conn_count; i++) {
					if (w->conns[i].state == IDLE) {
						send_on(w, &w->conns[i], now);
						scheduled++;
					}
				}
			}
			else {
				int busy = 0;
				for (int i = 0; i < w->conn_count; i++) {
					busy |= w->conns[i].state == BUSY;
				}
				if (!busy || now > w->start + (uint64_t) (seconds * 1e9) + timeout_ns) {
					w->total = scheduled;
					break;
				}
			}
		}
		/* a request that could not be sent within the time-out is an error, not a late send */
		while (w->backlog_length > 0 && now - w->backlog[w->backlog_head] > timeout_ns) {
			backlog_pop(w);
			w->timeouts++;
			w->completed++;
		}
		for (int i = 0; i < w->conn_count && w->backlog_length > 0; i++) {
			if (w->conns[i].state == IDLE) {
				send_on(w, &w->conns[i], backlog_pop(w));
			}
		}
		/* time-outs and dead connections */
		for (int i = 0; i < w->conn_count; i++) {
			conn *c = &w->conns[i];
			if (c->state == BUSY && now - c->intended > timeout_ns) {
				conn_fail(w, c, &w->timeouts);
			}
			else if (c->state == DOWN && now >= c->reconnect_at) {
				conn_open(w, c);
			}
		}
		if (!closed_loop && scheduled >= w->total && w->completed >= w->total && w->backlog_length == 0) {
			break;
		}
		if (!closed_loop && scheduled >= w->total && now > end_of_schedule + timeout_ns + 1000000000ull) {
			break;
		}
		uint64_t wake = (!closed_loop && scheduled < w->total) ? w->start + (uint64_t) (interval * (double) scheduled) : now + 10000000ull;
		if (wake > now + 10000000ull) {
			wake = now + 10000000ull; /* look at time-outs at least every 10 ms */
		}
		int n = wait_until(w, events, 256, wake, now);
		for (int i = 0; i < n; i++) {
			conn *c = events[i].data.ptr;
			if (c == NULL) {
				uint64_t expirations;
				ssize_t ignored = read(w->timer, &expirations, sizeof expirations);
				(void) ignored;
				continue;
			}
			if (c->fd < 0) {
				continue;
			}
			if (c->state == CONNECTING) {
				int error = 0;
				socklen_t len = sizeof error;
				getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &len);
				if (error != 0 || (events[i].events & (EPOLLERR | EPOLLHUP))) {
					w->connect_errors++;
					conn_close(w, c);
					c->reconnect_at = now_ns() + 10000000ull; /* reopened 10 ms later */
					continue;
				}
				c->state = IDLE;
				want_write(w, c, 0);
				if (w->backlog_length > 0) {
					send_on(w, c, backlog_pop(w));
				}
				continue;
			}
			if (events[i].events & EPOLLOUT && c->state == BUSY) {
				flush(w, c);
			}
			if (c->fd >= 0 && (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP))) {
				on_readable(w, c);
				if (c->state == IDLE && w->backlog_length > 0) {
					send_on(w, c, backlog_pop(w));
				}
			}
		}
	}
	/* whatever is still queued or in flight when the time-out has passed is an error */
	w->timeouts += w->backlog_length;
	for (int i = 0; i < w->conn_count; i++) {
		if (w->conns[i].state == BUSY) {
			w->timeouts++;
		}
		conn_close(w, &w->conns[i]);
	}
	close(w->timer);
	close(w->epoll);
	return NULL;
}

/* The generator's own CPU time, user + system, so the report can show what it took from the box. */
static uint64_t cpu_millis(void) {
	struct rusage usage;
	getrusage(RUSAGE_SELF, &usage);
	return (uint64_t) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
			+ (uint64_t) (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

static void load_requests(const char *path) {
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	struct stat st;
	fstat(fileno(f), &st);
	char *data = malloc((size_t) st.st_size + 1);
	if (fread(data, 1, (size_t) st.st_size, f) != (size_t) st.st_size) {
		perror(path);
		exit(2);
	}
	fclose(f);
	size_t capacity = 1024;
	requests = malloc(capacity * sizeof *requests);
	size_t startpos = 0;
	for (size_t i = 0; i < (size_t) st.st_size; i++) {
		if (data[i] == 0) {
			if (request_count == capacity) {
				capacity *= 2;
				requests = realloc(requests, capacity * sizeof *requests);
			}
			requests[request_count].data = data + startpos;
			requests[request_count].length = i - startpos;
			request_count++;
			startpos = i + 1;
		}
	}
	if (request_count == 0) {
		fprintf(stderr, "%s holds no NUL-terminated request\n", path);
		exit(2);
	}
}

int main(int argc, char **argv) {
	const char *host = "127.0.0.1";
	int port = 0;
	const char *path = NULL;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--host")) host = argv[i + 1];
		else if (!strcmp(argv[i], "--port")) port = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--rate")) rate = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--seconds")) seconds = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--connections")) connections = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--threads")) threads = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--requests")) path = argv[i + 1];
		else if (!strcmp(argv[i], "--timeout-ms")) timeout_ns = (uint64_t) atoll(argv[i + 1]) * 1000000ull;
		else if (!strcmp(argv[i], "--closed")) closed_loop = atoi(argv[i + 1]);
		else {
			fprintf(stderr, "unknown flag %s\n", argv[i]);
			return 2;
		}
	}
	if (port <= 0 || path == NULL || rate <= 0 || seconds <= 0 || threads < 1 || connections < threads) {
		fprintf(stderr, "usage: loadgen --port P --rate R --seconds S --requests FILE "
				"[--host H] [--connections C] [--threads T] [--timeout-ms MS]\n");
		return 2;
	}
	target.sin_family = AF_INET;
	target.sin_port = htons((uint16_t) port);
	if (inet_pton(AF_INET, host, &target.sin_addr) != 1) {
		fprintf(stderr, "host must be an IPv4 address\n");
		return 2;
	}
	load_requests(path);
	worker *workers = calloc((size_t) threads, sizeof *workers);
	pthread_t *ids = calloc((size_t) threads, sizeof *ids);
	uint64_t total = closed_loop ? UINT64_MAX / 2 : (uint64_t) llround(rate * seconds);
	uint64_t start = now_ns() + 200000000ull; /* connections open first */
	for (int t = 0; t < threads; t++) {
		worker *w = &workers[t];
		w->id = t;
		w->rate = rate / threads;
		w->total = total / (uint64_t) threads + ((uint64_t) t < total % (uint64_t) threads ? 1 : 0);
		/* the threads' schedules interleave: thread t starts a fraction of an interval later */
		w->start = start + (uint64_t) (1e9 / rate * t);
		w->next_request = (size_t) t % request_count;
		w->conn_count = connections / threads + (t < connections % threads ? 1 : 0);
		w->conns = calloc((size_t) w->conn_count, sizeof(conn));
		w->backlog_capacity = (size_t) (w->rate * 15) + 1024;
		w->backlog = malloc(w->backlog_capacity * sizeof(uint64_t));
		pthread_create(&ids[t], NULL, run, w);
	}
	histogram *all = calloc(1, sizeof(histogram));
	uint64_t sent = 0, ok = 0, non2xx = 0, timeouts = 0, connect_errors = 0, read_errors = 0, overflow = 0;
	for (int t = 0; t < threads; t++) {
		pthread_join(ids[t], NULL);
		worker *w = &workers[t];
		for (int b = 0; b < BUCKETS; b++) {
			all->counts[b] += w->latency.counts[b];
		}
		all->total += w->latency.total;
		if (w->latency.max > all->max) all->max = w->latency.max;
		sent += w->sent;
		ok += w->ok;
		non2xx += w->non2xx;
		timeouts += w->timeouts;
		connect_errors += w->connect_errors;
		read_errors += w->read_errors;
		overflow += w->overflow;
	}
	if (closed_loop) {
		total = 0;
		for (int t = 0; t < threads; t++) {
			total += workers[t].total;
		}
	}
	uint64_t errors = total - ok;
	printf("{\"offered\":%.1f,\"seconds\":%.1f,\"scheduled\":%llu,\"sent\":%llu,\"ok\":%llu,\"errors\":%llu,"
			"\"non2xx\":%llu,\"timeouts\":%llu,\"connectErrors\":%llu,\"readErrors\":%llu,\"overflow\":%llu,"
			"\"p50\":%llu,\"p90\":%llu,\"p99\":%llu,\"p999\":%llu,\"max\":%llu,\"cpuMillis\":%llu}\n",
			rate, seconds, (unsigned long long) total, (unsigned long long) sent, (unsigned long long) ok,
			(unsigned long long) errors, (unsigned long long) non2xx, (unsigned long long) timeouts,
			(unsigned long long) connect_errors, (unsigned long long) read_errors, (unsigned long long) overflow,
			(unsigned long long) percentile(all, 50), (unsigned long long) percentile(all, 90),
			(unsigned long long) percentile(all, 99), (unsigned long long) percentile(all, 99.9),
			(unsigned long long) all->max, (unsigned long long) cpu_millis());
	return 0;
}
