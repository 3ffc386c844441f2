// mallopt and its parameters, which Swift's Glibc module hides (a static executable cannot
// look it up with dlsym either). Nothing to link: it is the C library's own.
#include <malloc.h>
