// ncursesw with its wide-character API, and the few macros Swift cannot import.
#ifndef CJM_NCURSES_SHIM_H
#define CJM_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

extern int wcwidth(wchar_t c);

static const attr_t cjm_A_NORMAL = A_NORMAL;
static const attr_t cjm_A_BOLD = A_BOLD;
static const attr_t cjm_A_REVERSE = A_REVERSE;
static const attr_t cjm_A_UNDERLINE = A_UNDERLINE;
static const attr_t cjm_A_DIM = A_DIM;
#endif
