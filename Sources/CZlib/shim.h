// Debian's zlib (zlib1g-dev), exposed to ZhiliIngest's gzip reader only.
#ifndef ZHILI_CZLIB_SHIM_H
#define ZHILI_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; Swift imports functions only.
static inline int zhili_inflate_init2(z_stream *stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

/// deflateInit2 is a macro in zlib.h; Swift imports functions only.
static inline int zhili_deflate_init2(z_stream *stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
