// Debian's libxml2 (libxml2-dev), found with pkg-config "libxml-2.0".
// Only the C target CZhiliHTML includes these headers; Swift never imports them.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
