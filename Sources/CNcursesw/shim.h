#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
// The wide-character API (cchar_t, setcchar, mvwadd_wch) needs these before curses.h.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <string.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <errno.h>
#include <fcntl.h>
#include <ncursesw/curses.h>

// Swift cannot see C macros that take arguments or expand to globals; these wrap them.

/// Like initscr, but returns NULL instead of exiting when there is no usable terminal.
static inline SCREEN *cnc_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }
static inline void cnc_getmaxyx(WINDOW *window, int *rows, int *columns) {
    int y, x;
    getmaxyx(window, y, x);
    *rows = y;
    *columns = x;
}

static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }
static inline int cnc_key_f(int n) { return KEY_F(n); }

static inline chtype cnc_acs_ulcorner(void) { return ACS_ULCORNER; }
static inline chtype cnc_acs_urcorner(void) { return ACS_URCORNER; }
static inline chtype cnc_acs_llcorner(void) { return ACS_LLCORNER; }
static inline chtype cnc_acs_lrcorner(void) { return ACS_LRCORNER; }
static inline chtype cnc_acs_hline(void) { return ACS_HLINE; }
static inline chtype cnc_acs_vline(void) { return ACS_VLINE; }
static inline chtype cnc_acs_block(void) { return ACS_BLOCK; }
static inline chtype cnc_acs_bullet(void) { return ACS_BULLET; }

/// Columns the C library gives a wide character (its own prototype: Glibc's module hides it).
extern int wcwidth(wchar_t character);
static inline int cnc_wcwidth(wchar_t character) { return wcwidth(character); }

/// Whether the current locale's character set is UTF-8 (after setlocale).
static inline int cnc_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// Writes one cell: up to CCHARW_MAX wide characters (a spacing one first), attributes and an
/// extended colour pair. Returns ERR only when ncurses rejects the character combination:
/// adding to the bottom-right corner "fails" after writing, because the cursor cannot advance.
static inline int cnc_put_cell(int y, int x, const wchar_t *characters, attr_t attributes, int pair) {
    cchar_t cell;
    int extended = pair;
    if (setcchar(&cell, characters, attributes, 0, &extended) == ERR) return ERR;
    (void)mvwadd_wch(stdscr, y, x, &cell);
    return OK;
}

/// Writes one ACS line-drawing character (for locales that are not UTF-8).
static inline int cnc_put_acs(int y, int x, chtype acs, attr_t attributes, int pair) {
    (void)mvwaddch(stdscr, y, x, acs | attributes | (chtype)COLOR_PAIR(pair));
    return OK;
}

/// The terminal's size from the kernel (ioctl is variadic, which Swift cannot call).
static inline int cnc_window_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

// Terminal restore on fatal signals. Everything the handler does is async-signal-safe:
// tcsetattr and write of a sequence prepared in advance, then the default action.
// The state lives in a function-local static, so call these from one Swift file only
// (each Swift object file gets its own copy of a static inline function).

struct cnc_restore_state {
    int fd;
    int has_termios;
    struct termios termios;
    char sequence[256];
    size_t length;
    int installed;
    struct sigaction previous[8];
};

static inline struct cnc_restore_state *cnc_restore_state(void) {
    static struct cnc_restore_state state;
    return &state;
}

static inline const int *cnc_restore_signals(void) {
    static const int signals[8] = { SIGINT, SIGTERM, SIGSEGV, SIGBUS, SIGABRT, SIGHUP, SIGQUIT, SIGFPE };
    return signals;
}

static inline void cnc_restore_terminal_now(void) {
    struct cnc_restore_state *state = cnc_restore_state();
    if (state->length > 0) {
        ssize_t ignored = write(state->fd, state->sequence, state->length);
        (void)ignored;
    }
    if (state->has_termios) tcsetattr(state->fd, TCSANOW, &state->termios);
}

static inline void cnc_on_fatal_signal(int signal_number) {
    cnc_restore_terminal_now();
    // SA_RESETHAND put the default action back; raising again ends the process as it would have.
    raise(signal_number);
}

/// Saves the terminal mode of `fd` now and installs handlers that put it back, and write
/// `sequence` (leave the alternate screen, show the cursor…), on SIGINT, SIGTERM, SIGSEGV and
/// the other fatal signals.
static inline int cnc_install_restore(int fd, const char *sequence) {
    struct cnc_restore_state *state = cnc_restore_state();
    state->fd = fd;
    state->has_termios = tcgetattr(fd, &state->termios) == 0;
    size_t length = strlen(sequence);
    if (length >= sizeof(state->sequence)) length = sizeof(state->sequence) - 1;
    memcpy(state->sequence, sequence, length);
    state->sequence[length] = 0;
    state->length = length;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cnc_on_fatal_signal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    const int *signals = cnc_restore_signals();
    for (int i = 0; i < 8; i++) sigaction(signals[i], &action, &state->previous[i]);
    state->installed = 1;
    return state->has_termios ? 0 : -1;
}

/// Puts the handlers that were there before `cnc_install_restore` back.
static inline void cnc_uninstall_restore(void) {
    struct cnc_restore_state *state = cnc_restore_state();
    if (!state->installed) return;
    const int *signals = cnc_restore_signals();
    for (int i = 0; i < 8; i++) sigaction(signals[i], &state->previous[i], NULL);
    state->installed = 0;
    state->length = 0;
    state->has_termios = 0;
}

// Window size changes (SIGWINCH): the handler writes one byte to a non-blocking pipe that the
// input loop polls beside stdin. Like the restore state, the pipe lives in a function-local
// static: call these from one Swift file only (Terminal/InputReader.swift).

static inline int *cnc_resize_fd(void) {
    static int fd = -1;
    return &fd;
}

static inline void cnc_on_resize(int signal_number) {
    (void)signal_number;
    int saved = errno;
    int fd = *cnc_resize_fd();
    if (fd >= 0) {
        char byte = 'w';
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

/// A pipe whose ends do not block and are closed on exec: fds[0] to read, fds[1] to write.
static inline int cnc_make_pipe(int fds[2]) {
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    }
    return 0;
}

/// Writes a byte on `fd` at every SIGWINCH from now on.
static inline int cnc_watch_resize(int fd) {
    *cnc_resize_fd() = fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cnc_on_resize;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGWINCH, &action, NULL);
}

static inline void cnc_unwatch_resize(void) {
    signal(SIGWINCH, SIG_DFL);
    *cnc_resize_fd() = -1;
}

#endif
