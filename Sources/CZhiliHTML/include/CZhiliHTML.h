// C shim over libxml2's HTML parser for Zhili: the main text of an HTML page.
//
// The public header uses only stdint types, so Swift never sees libxml2's own headers.
#ifndef CZHILI_HTML_H
#define CZHILI_HTML_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Parses `length` bytes of UTF-8 HTML with libxml2's `htmlReadMemory` (recovering from
/// errors) and returns its main text as a NUL-terminated UTF-8 buffer that the caller frees
/// with `zhili_html_free`; `*out_length` receives its length in bytes.
///
/// Dropped: `head`, `script`, `style`, `nav`, `header`, `footer`, `aside`, `noscript`,
/// `iframe`, `form`, `template`, `svg` elements and comments. Block elements (`p`, `div`,
/// `h1`…`h6`, `li`, `tr`, …) become paragraph breaks ("\n\n"), `br` a line break ("\n");
/// other runs of HTML white space collapse to one space. Entities are decoded.
/// Returns NULL when libxml2 cannot build a document at all (e.g. empty input).
char *zhili_html_text(const char *html, int32_t length, int32_t *out_length);

/// Frees a buffer returned by `zhili_html_text`.
void zhili_html_free(char *text);

#ifdef __cplusplus
}
#endif

#endif
