// GNU FriBidi (libfribidi-dev; pkg-config fribidi): the Unicode Bidirectional Algorithm.
#include <fribidi.h>
