// ncursesw with its wide-character API, and the few macros Swift cannot import.
#ifndef CJM_NCURSES_SHIM_H
#define CJM_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

extern int wcwidth(wchar_t c);
// Pseudo-terminals for the benchmark; Glibc's module hides them without _XOPEN_SOURCE.
extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern char *ptsname(int fd);

// Mouse masks are macros too.
static const mmask_t cjm_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t cjm_BUTTON1_DOUBLE_CLICKED = BUTTON1_DOUBLE_CLICKED;
static const mmask_t cjm_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t cjm_BUTTON5_PRESSED = BUTTON5_PRESSED;

// Swift 6 will not read C globals such as stdscr and COLORS; these inline readers are safe
// to call from the main thread, which is the only one that touches ncurses.
static inline WINDOW *cjm_stdscr(void) { return stdscr; }
static inline FILE *cjm_stdin(void) { return stdin; }
static inline FILE *cjm_stdout(void) { return stdout; }
static inline int cjm_colors(void) { return COLORS; }
// tiparm is variadic, which Swift cannot call; these fix its arity.
static inline char *cjm_tiparm1(const char *s, int a) { return tiparm(s, a); }
static inline char *cjm_tiparm2(const char *s, int a, int b) { return tiparm(s, a, b); }
#endif
