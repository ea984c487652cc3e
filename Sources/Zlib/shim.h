// zlib, the system's own (Debian's zlib1g-dev), for inflating the parts of Word files.
#include <zlib.h>
