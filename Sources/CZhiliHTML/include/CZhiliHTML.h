// C shim over libxml2's HTML parser for Zhili: the main text of an HTML page and its metadata.
//
// The public header uses only stdint types, so Swift never sees libxml2's own headers.
#ifndef CZHILI_HTML_H
#define CZHILI_HTML_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What `zhili_html_parse` found in a page. Every string is NUL-terminated UTF-8 or NULL
/// when the page does not have it; the whole value is freed with `zhili_html_page_free`.
typedef struct {
    /// The main text: paragraphs separated by "\n\n", `<br>` as "\n", a picture as "\n\n\n".
    char *text;
    /// Length of `text` in bytes.
    int32_t text_length;
    /// The `<title>` element's text.
    char *title;
    /// `og:title`, `twitter:title` or the `ArticleTitle` meta tag.
    char *meta_title;
    /// The article's `<h1>` (the one inside or nearest before the main text), if any.
    char *headline;
    /// `og:site_name`, `SiteName` or `application-name`.
    char *site_name;
    /// The `ContentSource` meta tag (Chinese government sites: the outlet a text came from).
    char *source;
    /// `article:published_time`, `PubDate`, `datePublished`, `<time datetime>` … as written.
    char *published;
    /// `<link rel="canonical">`, `og:url` or the `Url` meta tag.
    char *canonical;
    /// Short blocks outside the main text that mention 来源, 发布, 日期, 时间, 编辑, 记者 or 作者, one per line.
    char *info_lines;
    /// Only when asked (`explain`): the visible blocks the main text left out, one a line, as
    /// `reason<TAB>text` (reasons: navigation, link list, caption, outside the main text,
    /// cleaned from the text).
    char *left_out;
    /// Elements nested deeper than 200 levels, unwrapped: their text was kept in place of them.
    int32_t unwrapped_elements;
} zhili_html_page;

/// Parses `length` bytes of UTF-8 HTML with libxml2's `htmlReadMemory` (recovering from
/// errors) and finds its main text and metadata; NULL when libxml2 cannot build a document
/// at all (e.g. empty input) or memory runs out.
///
/// The main text is chosen over the DOM, Readability-style: block elements that hold text
/// are scored by length, punctuation and link density and pass the score to their parent
/// and grandparent; tag semantics and class/id hints (in English, Chinese and pinyin) weigh
/// candidates; the best candidate and the siblings that read as article text are kept, and
/// link-dense lists, tables and blocks inside them are dropped. Scripts, styles, comments,
/// form controls, forms that are not the page itself and hidden elements (`hidden`,
/// `aria-hidden="true"`, `display:none`, `visibility:hidden`) never reach the text.
char *zhili_html_text(const char *html, int32_t length, int32_t *out_length);

/// The main text and metadata of a page (see `zhili_html_text` for how the text is chosen);
/// with `explain` non-zero, also the blocks the main text left out (`left_out`).
zhili_html_page *zhili_html_parse(const char *html, int32_t length, int32_t explain);

/// Frees a value returned by `zhili_html_parse`.
void zhili_html_page_free(zhili_html_page *page);

/// Frees a buffer returned by `zhili_html_text`.
void zhili_html_free(char *text);

#ifdef __cplusplus
}
#endif

#endif
