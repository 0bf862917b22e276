/*
 * floorftpd: the least an FTP server can do per small download, as a yardstick for scenario 2.
 *
 * One process, one session at a time, blocking system calls, no checks beyond keeping paths
 * inside the served folder: USER and PASS accept anything, EPSV/PASV open a listener on the
 * next port of the range, RETR accepts, opens, sendfile()s and closes, then sends 150 and 226
 * in one write. What it costs per file is the kernel's part of every server's work (a TCP
 * connection set up and torn down, one open, one sendfile, two replies) and almost nothing
 * else, so the load generator's rate against it is the highest any server can reach on this
 * machine with this client. It is a measuring device only: never expose it to a network.
 *
 *   floorftpd PORT ROOT LOW:HIGH        listens on 127.0.0.1:PORT, passive ports LOW-HIGH
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#define LINE_MAX_BYTES 4096
#define IDLE_SECONDS 120

static int control = -1;
static char inbuf[LINE_MAX_BYTES];
static size_t inlen;
static struct sockaddr_in loopback;
static int port_low, port_high, next_port;

static void say(const char *reply) {
    size_t left = strlen(reply);
    while (left > 0) {
        ssize_t n = write(control, reply, left);
        if (n <= 0) {
            return;
        }
        reply += n;
        left -= (size_t) n;
    }
}

/* Reads one command line into out (without CR LF); 0 at end of connection, overlong line or timeout. */
static int read_line(char *out) {
    for (;;) {
        char *nl = memchr(inbuf, '\n', inlen);
        if (nl != NULL) {
            size_t n = (size_t) (nl - inbuf) + 1;
            memcpy(out, inbuf, n - 1);
            out[n - 1] = '\0';
            if (n > 1 && out[n - 2] == '\r') {
                out[n - 2] = '\0';
            }
            memmove(inbuf, inbuf + n, inlen - n);
            inlen -= n;
            return 1;
        }
        if (inlen == sizeof inbuf) {
            return 0;
        }
        ssize_t r = read(control, inbuf + inlen, sizeof inbuf - inlen);
        if (r <= 0) {
            return 0;
        }
        inlen += (size_t) r;
    }
}

static void set_timeout(int fd) {
    struct timeval tv = {.tv_sec = IDLE_SECONDS};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

/* A listener on the next free port of the range, or -1. */
static int open_passive(int *port) {
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = loopback;
    for (int tries = port_high - port_low + 1; tries > 0; tries--) {
        *port = next_port;
        next_port = next_port == port_high ? port_low : next_port + 1;
        a.sin_port = htons((uint16_t) *port);
        if (bind(fd, (struct sockaddr *) &a, sizeof a) == 0 && listen(fd, 1) == 0) {
            set_timeout(fd); /* bounds accept() */
            return fd;
        }
    }
    close(fd);
    return -1;
}

/* A relative path without "..": the only paths served. */
static int safe_path(const char *p) {
    if (*p == '\0' || *p == '/') {
        return 0;
    }
    for (const char *s = p; (s = strstr(s, "..")) != NULL; s += 2) {
        if ((s == p || s[-1] == '/') && (s[2] == '\0' || s[2] == '/')) {
            return 0;
        }
    }
    return 1;
}

static void retrieve(int *passive, const char *path) {
    if (*passive < 0) {
        say("425 use EPSV or PASV first\r\n");
        return;
    }
    if (!safe_path(path)) {
        close(*passive);
        *passive = -1;
        say("550 not served\r\n");
        return;
    }
    int data = accept4(*passive, NULL, NULL, SOCK_CLOEXEC);
    close(*passive);
    *passive = -1;
    if (data < 0) {
        say("425 no data connection\r\n");
        return;
    }
    int file = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (file < 0 || fstat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (file >= 0) {
            close(file);
        }
        close(data);
        say("550 no such file\r\n");
        return;
    }
    set_timeout(data);
    off_t offset = 0;
    while (offset < st.st_size) {
        ssize_t n = sendfile(data, file, &offset, (size_t) (st.st_size - offset));
        if (n <= 0) {
            break;
        }
    }
    close(file);
    close(data);
    say(offset == st.st_size ? "150 sending\r\n226 sent\r\n" : "150 sending\r\n426 transfer aborted\r\n");
}

static void session(void) {
    char line[LINE_MAX_BYTES];
    int passive = -1;
    say("220 floorftpd\r\n");
    while (read_line(line)) {
        char *arg = strchr(line, ' ');
        if (arg != NULL) {
            *arg++ = '\0';
        } else {
            arg = line + strlen(line);
        }
        if (strcasecmp(line, "USER") == 0) {
            say("331 any password\r\n");
        } else if (strcasecmp(line, "PASS") == 0) {
            say("230 logged in\r\n");
        } else if (strcasecmp(line, "TYPE") == 0) {
            say("200 type set\r\n");
        } else if (strcasecmp(line, "EPSV") == 0 || strcasecmp(line, "PASV") == 0) {
            int port;
            if (passive >= 0) {
                close(passive);
            }
            passive = open_passive(&port);
            char reply[80];
            if (passive < 0) {
                snprintf(reply, sizeof reply, "425 no passive port free\r\n");
            } else if (strcasecmp(line, "EPSV") == 0) {
                snprintf(reply, sizeof reply, "229 passive (|||%d|)\r\n", port);
            } else {
                snprintf(reply, sizeof reply, "227 passive (127,0,0,1,%d,%d)\r\n", port >> 8, port & 255);
            }
            say(reply);
        } else if (strcasecmp(line, "RETR") == 0) {
            retrieve(&passive, arg);
        } else if (strcasecmp(line, "SIZE") == 0) {
            struct stat st;
            char reply[80];
            if (safe_path(arg) && stat(arg, &st) == 0 && S_ISREG(st.st_mode)) {
                snprintf(reply, sizeof reply, "213 %lld\r\n", (long long) st.st_size);
            } else {
                snprintf(reply, sizeof reply, "550 no such file\r\n");
            }
            say(reply);
        } else if (strcasecmp(line, "QUIT") == 0) {
            say("221 bye\r\n");
            break;
        } else {
            say("502 not implemented here\r\n");
        }
    }
    if (passive >= 0) {
        close(passive);
    }
}

int main(int argc, char **argv) {
    if (argc != 4 || sscanf(argv[3], "%d:%d", &port_low, &port_high) != 2 || port_low < 1024 || port_high > 65535
        || port_low > port_high) {
        fprintf(stderr, "usage: floorftpd PORT ROOT LOW:HIGH\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    next_port = port_low;
    loopback.sin_family = AF_INET;
    loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (chdir(argv[2]) != 0) {
        perror(argv[2]);
        return 1;
    }
    int one = 1;
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = loopback;
    a.sin_port = htons((uint16_t) atoi(argv[1]));
    if (bind(listener, (struct sockaddr *) &a, sizeof a) != 0 || listen(listener, 16) != 0) {
        perror("bind");
        return 1;
    }
    for (;;) {
        control = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
        if (control < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            perror("accept");
            return 1;
        }
        setsockopt(control, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        set_timeout(control);
        inlen = 0;
        session();
        close(control);
    }
}
