#ifndef LAKESQL_CZLIB_SHIM_H
#define LAKESQL_CZLIB_SHIM_H
#include <zlib.h>
#endif
