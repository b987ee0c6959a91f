// Main text and metadata of an HTML page, over libxml2's HTML parser.
// libxml2 documentation: https://gnome.pages.gitlab.gnome.org/libxml2/devhelp/libxml2-HTMLparser.html
//
// How the main text is chosen (ideas from Readability, trafilatura and jusText; own code):
// 1. The elements are listed once in document order (no recursion: pages nest thousands deep),
//    each with its tag kind, class/id hints and the text directly inside it.
// 2. An attempt (up to three, from strict to lenient) decides which elements are out (always:
//    scripts, styles, form controls, hidden elements, nav/aside/footer/header/menu, forms that
//    are not the page itself; strict: also class/id/role hints such as menu, crumb, share,
//    related, 相关, 导航), then sums text length (non-space UTF-8 bytes, so a Han character
//    weighs about three Latin letters), link text, punctuation and counts bottom-up.
// 3. Every element holding inline text of at least 25 bytes is a paragraph; its score (1 +
//    punctuation (.,;!? and 。，、；！？) + length/100, at most 3, less its links) goes to the
//    ancestors: all to the parent, half to the grandparent, a third per level further up
//    (three more levels). Text beside block children scores for its own element first.
//    Layout tables score like blocks: a cell is a paragraph, rows and tables are candidates.
//    A candidate starts from its tag (div +5, td +3, list -3, heading -5, article/main +10) and
//    its hints (±25); its final score is multiplied by 1 - link density.
// 4. The best candidate moves up to a common ancestor of close rivals, to a parent whose score
//    keeps growing, or past parents it is the only child of; then its parent's children are
//    kept when they score near it or read as article text (long, few links, or a sentence).
// 5. The kept subtrees are written out as text; inside them, lists, tables and blocks that are
//    mostly links, inputs or images, and paragraphs that are mostly links, are left out.
// An attempt whose text is too short gives way to the next one; the longest wins at the end.
#include "CZhiliHTML.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef ZHILI_HTML_DEBUG
#include <stdio.h>
#endif

// MARK: - Text buffer

/// A growable UTF-8 buffer that also remembers how many line breaks end it.
typedef struct {
    char *data;
    size_t length;
    size_t capacity;
    int trailing_newlines; // line breaks at the end of data (no text after them yet)
    int pending_space;     // a collapsed white-space run waits to be written
    int failed;
} text_buffer;

static void buffer_reserve(text_buffer *buffer, size_t extra) {
    if (buffer->failed || buffer->length + extra + 1 <= buffer->capacity) return;
    size_t capacity = buffer->capacity ? buffer->capacity : 4096;
    while (capacity < buffer->length + extra + 1) capacity *= 2;
    char *data = realloc(buffer->data, capacity);
    if (!data) { buffer->failed = 1; return; }
    buffer->data = data;
    buffer->capacity = capacity;
}

static void buffer_append(text_buffer *buffer, const char *bytes, size_t count) {
    buffer_reserve(buffer, count);
    if (buffer->failed) return;
    memcpy(buffer->data + buffer->length, bytes, count);
    buffer->length += count;
}

/// Ends the current line; `wanted` is 1 for a line break, 2 for a paragraph break, 3 for the
/// double gap a picture leaves.
static void buffer_break(text_buffer *buffer, int wanted) {
    buffer->pending_space = 0;
    if (buffer->length == 0) return;
    while (buffer->trailing_newlines < wanted) {
        buffer_append(buffer, "\n", 1);
        buffer->trailing_newlines += 1;
    }
}

static int is_html_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/// Appends text content, collapsing runs of HTML white space to one space.
static void buffer_text(text_buffer *buffer, const unsigned char *text) {
    for (const unsigned char *p = text; *p; ) {
        if (is_html_space(*p)) {
            if (buffer->trailing_newlines == 0 && buffer->length > 0) buffer->pending_space = 1;
            p++;
            continue;
        }
        const unsigned char *start = p;
        while (*p && !is_html_space(*p)) p++;
        if (buffer->pending_space) buffer_append(buffer, " ", 1);
        buffer->pending_space = 0;
        buffer_append(buffer, (const char *)start, (size_t)(p - start));
        buffer->trailing_newlines = 0;
    }
}

/// The buffer's text without trailing line breaks, NUL-terminated (an empty string when empty).
static char *buffer_finish(text_buffer *buffer, int32_t *out_length) {
    while (buffer->length > 0 && buffer->data[buffer->length - 1] == '\n') buffer->length--;
    buffer_reserve(buffer, 0);
    if (buffer->failed || !buffer->data) {
        free(buffer->data);
        char *empty = malloc(1);
        if (empty) empty[0] = 0;
        if (out_length) *out_length = 0;
        return empty;
    }
    buffer->data[buffer->length] = 0;
    if (out_length) *out_length = (int32_t)buffer->length;
    return buffer->data;
}

// MARK: - Tags

enum {
    K_OTHER = 0,
    K_DROP,      // never text: script, style, head, form controls, media …
    K_FURNITURE, // nav, aside, footer, header, menu: out in the strict attempt
    K_FORM,
    K_INLINE,
    K_BLOCK,
    K_CELL,      // td, th
    K_BR,
};

enum {
    F_HIDDEN = 1 << 0,     // hidden attribute, aria-hidden, display:none, visibility:hidden
    F_UNLIKELY = 1 << 1,   // class/id/role say navigation, sharing, comments, related …
    F_MAYBE = 1 << 2,      // class/id also say content: not unlikely after all
    F_LIST = 1 << 3,       // ul, ol, dl
    F_HEADING = 1 << 4,    // h1 … h6
    F_ANCHOR = 1 << 5,     // a
    F_PARA = 1 << 6,       // p
    F_TABLE = 1 << 7,      // table
    F_IMG = 1 << 8,
    F_LI = 1 << 9,
    F_INPUT = 1 << 10,
    F_DIV = 1 << 11,       // div, section (and the other blocks cleaned conditionally)
    F_FIGCAPTION = 1 << 12,
    F_H1 = 1 << 13,
    F_TITLE = 1 << 14,
    F_META = 1 << 15,
    F_LINK = 1 << 16,
    F_TIME = 1 << 17,
    F_BODY = 1 << 18,
    F_SEMANTIC = 1 << 19,  // article, main
    F_DATEPUBLISHED = 1 << 21, // itemprop=datePublished
};

typedef struct { const char *name; int kind; int flags; } tag_info;

static const tag_info tags[] = {
    {"a", K_INLINE, F_ANCHOR}, {"abbr", K_INLINE, 0}, {"address", K_BLOCK, 0},
    {"applet", K_DROP, 0}, {"article", K_BLOCK, F_SEMANTIC}, {"aside", K_FURNITURE, 0},
    {"audio", K_DROP, 0}, {"b", K_INLINE, 0}, {"base", K_DROP, 0}, {"bdi", K_INLINE, 0},
    {"bdo", K_INLINE, 0}, {"big", K_INLINE, 0}, {"blockquote", K_BLOCK, 0}, {"body", K_BLOCK, F_BODY},
    {"br", K_BR, 0}, {"button", K_DROP, F_INPUT}, {"canvas", K_DROP, 0}, {"caption", K_BLOCK, 0},
    {"center", K_BLOCK, F_DIV}, {"cite", K_INLINE, 0}, {"code", K_INLINE, 0}, {"data", K_INLINE, 0},
    {"datalist", K_DROP, 0}, {"dd", K_BLOCK, 0}, {"del", K_INLINE, 0}, {"details", K_BLOCK, 0},
    {"dfn", K_INLINE, 0}, {"dialog", K_DROP, 0}, {"div", K_BLOCK, F_DIV}, {"dl", K_BLOCK, F_LIST},
    {"dt", K_BLOCK, 0}, {"em", K_INLINE, 0}, {"embed", K_DROP, 0}, {"fieldset", K_BLOCK, F_DIV},
    {"figcaption", K_BLOCK, F_FIGCAPTION}, {"figure", K_BLOCK, 0}, {"font", K_INLINE, 0},
    {"footer", K_FURNITURE, 0}, {"form", K_FORM, 0}, {"frameset", K_DROP, 0}, {"h1", K_BLOCK, F_HEADING | F_H1},
    {"h2", K_BLOCK, F_HEADING}, {"h3", K_BLOCK, F_HEADING}, {"h4", K_BLOCK, F_HEADING},
    {"h5", K_BLOCK, F_HEADING}, {"h6", K_BLOCK, F_HEADING}, {"head", K_DROP, 0},
    {"header", K_FURNITURE, 0}, {"hr", K_BLOCK, 0}, {"html", K_BLOCK, 0}, {"i", K_INLINE, 0},
    {"iframe", K_DROP, 0}, {"img", K_INLINE, F_IMG}, {"input", K_DROP, F_INPUT},
    {"ins", K_INLINE, 0}, {"kbd", K_INLINE, 0}, {"label", K_INLINE, 0}, {"legend", K_BLOCK, 0},
    {"li", K_BLOCK, F_LI}, {"link", K_DROP, F_LINK}, {"main", K_BLOCK, F_SEMANTIC}, {"map", K_DROP, 0},
    {"mark", K_INLINE, 0}, {"math", K_DROP, 0}, {"menu", K_FURNITURE, F_LIST}, {"meta", K_DROP, F_META},
    {"nav", K_FURNITURE, 0}, {"nobr", K_INLINE, 0}, {"noscript", K_DROP, 0}, {"object", K_DROP, 0},
    {"ol", K_BLOCK, F_LIST}, {"optgroup", K_DROP, 0}, {"option", K_DROP, 0}, {"output", K_DROP, 0},
    {"p", K_BLOCK, F_PARA}, {"picture", K_INLINE, 0}, {"pre", K_BLOCK, 0}, {"progress", K_DROP, 0},
    {"q", K_INLINE, 0}, {"s", K_INLINE, 0}, {"samp", K_INLINE, 0}, {"script", K_DROP, 0},
    {"section", K_BLOCK, F_DIV}, {"select", K_DROP, F_INPUT}, {"small", K_INLINE, 0},
    {"source", K_DROP, 0}, {"span", K_INLINE, 0}, {"strike", K_INLINE, 0}, {"strong", K_INLINE, 0},
    {"style", K_DROP, 0}, {"sub", K_INLINE, 0}, {"summary", K_BLOCK, 0}, {"sup", K_INLINE, 0},
    {"svg", K_DROP, 0}, {"table", K_BLOCK, F_TABLE}, {"tbody", K_BLOCK, 0}, {"td", K_CELL, 0},
    {"template", K_DROP, 0}, {"textarea", K_DROP, F_INPUT}, {"tfoot", K_BLOCK, 0}, {"th", K_CELL, 0},
    {"thead", K_BLOCK, 0}, {"time", K_INLINE, F_TIME}, {"title", K_DROP, F_TITLE}, {"tr", K_BLOCK, 0},
    {"track", K_DROP, 0}, {"tt", K_INLINE, 0}, {"u", K_INLINE, 0}, {"ul", K_BLOCK, F_LIST},
    {"var", K_INLINE, 0}, {"video", K_DROP, 0}, {"wbr", K_INLINE, 0},
};

static const tag_info *lookup_tag(const xmlChar *name) {
    size_t low = 0, high = sizeof(tags) / sizeof(tags[0]);
    while (low < high) {
        size_t middle = (low + high) / 2;
        int order = strcasecmp((const char *)name, tags[middle].name);
        if (order == 0) return &tags[middle];
        if (order < 0) high = middle; else low = middle + 1;
    }
    return NULL;
}

// MARK: - Class and id hints

/// Class/id words of navigation and page furniture (Readability's unlikely candidates, plus
/// Chinese and pinyin ones): such an element is out in the strict attempt.
static const char *const unlikely_hints[] = {
    "-ad-", "ai2html", "banner", "breadcrumb", "crumb", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies",
    "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break",
    "agegate", "pagination", "pager", "popup", "yom-remote", "navbar", "subnav", "topnav", "-nav",
    "nav-", "nav_", "_nav", "share", "sharing", "newsletter", "subscribe", "promo", "cookie",
    "recommend", "toolbar", "copyright", "login", "signup", "advert", "gallery", "slideshow", "carousel",
    "caption", "credit", "byline", "dateline", "timestamp", "author", "daohang", "fenxiang", "xiangguan", "tuijian",
    "pinglun", "banquan", "position", "location", "dqwz", "weizhi", "mianbao", "\xe7\x9b\xb8\xe5\x85\xb3" /* 相关 */,
    "\xe6\x8e\xa8\xe8\x8d\x90" /* 推荐 */, "\xe5\xaf\xbc\xe8\x88\xaa" /* 导航 */,
    "\xe5\x88\x86\xe4\xba\xab" /* 分享 */, "\xe8\xaf\x84\xe8\xae\xba" /* 评论 */, NULL
};

/// Words that keep an element with an unlikely hint (Readability's "ok, maybe a candidate").
static const char *const maybe_hints[] = {
    "and", "article", "body", "column", "content", "main", "shadow", "detail", "zoom",
    "trs_editor", "custom_unionstyle", "zhengwen", "\xe6\xad\xa3\xe6\x96\x87" /* 正文 */, NULL
};

/// Class/id words of article text: +25.
static const char *const positive_hints[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story", "detail", "zoom", "trs_editor", "custom_unionstyle", "zhengwen", "wenzhang",
    "\xe6\xad\xa3\xe6\x96\x87" /* 正文 */, NULL
};

/// Class/id words of everything else: -25.
static const char *const negative_hints[] = {
    "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
    "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "nav", "menu", "crumb",
    "recommend", "byline", "author", "caption", "credit", "copyright", "position", "location",
    "fenxiang", "xiangguan", "tuijian", "pinglun", "\xe7\x9b\xb8\xe5\x85\xb3" /* 相关 */,
    "\xe6\x8e\xa8\xe8\x8d\x90" /* 推荐 */, "\xe5\x88\x86\xe4\xba\xab" /* 分享 */,
    "\xe8\xaf\x84\xe8\xae\xba" /* 评论 */, NULL
};

enum { H_UNLIKELY = 1, H_MAYBE = 2, H_POSITIVE = 4, H_NEGATIVE = 8 };

/// Every hint word once, with the lists it is on, sorted by first byte; `hint_start[b]` is the
/// first word starting with byte b (built once, then read by any thread).
typedef struct { const char *word; size_t length; int lists; } hint_word;
static hint_word hint_words[256];
static int hint_count;
static int hint_start[257];
static pthread_once_t hints_once = PTHREAD_ONCE_INIT;

static int compare_hints(const void *a, const void *b) {
    return (int)(unsigned char)((const hint_word *)a)->word[0] - (int)(unsigned char)((const hint_word *)b)->word[0];
}

static void build_hint_index(void) {
    const char *const *lists[] = { unlikely_hints, maybe_hints, positive_hints, negative_hints };
    const int bits[] = { H_UNLIKELY, H_MAYBE, H_POSITIVE, H_NEGATIVE };
    for (int l = 0; l < 4; l++) {
        for (const char *const *w = lists[l]; *w; w++) {
            int found = -1;
            for (int i = 0; i < hint_count; i++) if (strcmp(hint_words[i].word, *w) == 0) found = i;
            if (found >= 0) { hint_words[found].lists |= bits[l]; continue; }
            if (hint_count == (int)(sizeof(hint_words) / sizeof(hint_words[0]))) continue;
            hint_words[hint_count++] = (hint_word){ *w, strlen(*w), bits[l] };
        }
    }
    qsort(hint_words, (size_t)hint_count, sizeof(hint_word), compare_hints);
    int next = 0;
    for (int b = 0; b < 256; b++) {
        while (next < hint_count && (unsigned char)hint_words[next].word[0] < b) next++;
        hint_start[b] = next;
    }
    hint_start[256] = hint_count;
}

/// The lists (H_…) of the hint words that `text` (lower-cased class and id) holds.
/// - Complexity: one pass over `text`, comparing at each byte only the words starting with it.
static int hint_lists(const char *text) {
    pthread_once(&hints_once, build_hint_index);
    int lists = 0;
    for (const char *p = text; *p; p++) {
        unsigned char b = (unsigned char)*p;
        for (int i = hint_start[b]; i < hint_start[b + 1]; i++) {
            if (strncmp(p, hint_words[i].word, hint_words[i].length) == 0) lists |= hint_words[i].lists;
        }
    }
    return lists;
}

/// `value` lower-cased (ASCII) into `out` (at most `size` - 1 bytes), after a separating space.
static size_t append_lowered(char *out, size_t used, size_t size, const char *value) {
    if (!value) return used;
    if (used + 1 < size) out[used++] = ' ';
    for (const char *p = value; *p && used + 1 < size; p++) out[used++] = (char)tolower((unsigned char)*p);
    out[used] = 0;
    return used;
}

/// An attribute's value without copying it: its one text node, as the HTML parser builds
/// attributes ("" for a bare attribute such as `hidden`), or NULL for anything else.
static const char *attribute_text(xmlAttrPtr attribute) {
    xmlNodePtr child = attribute->children;
    if (!child) return "";
    if (child->type == XML_TEXT_NODE && !child->next && child->content) return (const char *)child->content;
    return NULL;
}

static int attribute_equals(xmlNodePtr node, const char *name, const char *value) {
    xmlChar *found = xmlGetProp(node, (const xmlChar *)name);
    if (!found) return 0;
    int equal = strcasecmp((const char *)found, value) == 0;
    xmlFree(found);
    return equal;
}

/// Whether a style attribute hides its element (`display:none`, `visibility:hidden`).
static int style_hides(const char *style) {
    char compact[256];
    size_t used = 0;
    for (const char *p = style; *p && used + 1 < sizeof(compact); p++) {
        if (!isspace((unsigned char)*p)) compact[used++] = (char)tolower((unsigned char)*p);
    }
    compact[used] = 0;
    return strstr(compact, "display:none") != NULL || strstr(compact, "visibility:hidden") != NULL;
}

/// Whether an attribute hides its element: `hidden`, `aria-hidden="true"`, a hiding style.
static int attribute_hides(const char *name, const char *value) {
    if (strcasecmp(name, "hidden") == 0) return 1;
    if (strcasecmp(name, "aria-hidden") == 0) return strcasecmp(value, "true") == 0;
    if (strcasecmp(name, "style") == 0) return style_hides(value);
    return 0;
}

/// Whether an element never gives text: a dropped tag (script, style …) or a hidden element.
static int never_text(xmlNodePtr node) {
    const tag_info *tag = lookup_tag(node->name);
    if (tag && tag->kind == K_DROP) return 1;
    for (xmlAttrPtr attribute = node->properties; attribute; attribute = attribute->next) {
        const char *value = attribute_text(attribute);
        if (value && attribute_hides((const char *)attribute->name, value)) return 1;
    }
    return 0;
}

// MARK: - Element list

/// One element, listed in document order.
typedef struct {
    xmlNodePtr node;
    int parent;        // index of the parent element, -1 for the root
    int kind;
    int flags;
    int weight;        // class/id weight: +25 per positive, -25 per negative
    int own_length;    // non-space bytes of the text nodes directly inside
    int own_punct;     // punctuation in them
    int own_end;       // the last of them ends a sentence
    int hidden;        // itself or an ancestor is hidden
    int has_block;     // a block element or cell is among its children
    // Per attempt:
    int out;           // left out (itself or an ancestor)
    int length, links, punct;                 // whole subtree
    int inline_length, inline_links, inline_punct, inline_end; // text up to the next block
    int paragraphs, images, items, inputs, heading_length;
    double score;
    int scored;
    int kept;          // inside the chosen text
} element;

typedef struct {
    element *items;
    int count;
    int capacity;
    int failed;
    int options;       // the options of the attempt whose marks the list holds
} element_list;

static int list_add(element_list *list) {
    if (list->count == list->capacity) {
        int capacity = list->capacity ? list->capacity * 2 : 1024;
        element *items = realloc(list->items, sizeof(element) * (size_t)capacity);
        if (!items) { list->failed = 1; return -1; }
        list->items = items;
        list->capacity = capacity;
    }
    memset(&list->items[list->count], 0, sizeof(element));
    return list->count++;
}

/// Byte length (non-space), punctuation count and sentence end of a text node's content.
static void measure_text(const unsigned char *text, int *length, int *punct, int *ends) {
    int last_end = -1;
    for (const unsigned char *p = text; *p; p++) {
        unsigned char c = *p;
        if (is_html_space(c)) continue;
        *length += 1;
        if (c == ',' || c == '.' || c == ';' || c == '!' || c == '?') { *punct += 1; last_end = (c != ',' && c != ';'); continue; }
        if (c == '"' || c == '\'' || c == ')') continue; // closers keep the previous end
        if (c == 0xE3 && p[1] == 0x80 && (p[2] == 0x82 || p[2] == 0x81)) { // 。、
            *punct += 1; last_end = p[2] == 0x82; continue;
        }
        if (c == 0xEF && p[1] == 0xBC && (p[2] == 0x8C || p[2] == 0x9B || p[2] == 0x81 || p[2] == 0x9F)) { // ，；！？
            *punct += 1; last_end = p[2] == 0x81 || p[2] == 0x9F; continue;
        }
        if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0x9D || p[2] == 0x99)) continue; // ” ’
        if (c >= 0x80 && (c & 0xC0) == 0x80) continue; // continuation bytes of other characters
        last_end = 0;
    }
    if (last_end >= 0) *ends = last_end;
}

/// Lists every element of the tree under `root` in document order.
static void collect(xmlNodePtr root, element_list *list) {
    xmlNodePtr node = root;
    int current = -1; // the element whose children are being visited
    while (node) {
        int descend = 0;
        if (node->type == XML_ELEMENT_NODE) {
            int index = list_add(list);
            if (index < 0) return;
            element *e = &list->items[index];
            e->node = node;
            e->parent = current;
            const tag_info *tag = lookup_tag(node->name);
            e->kind = tag ? tag->kind : K_OTHER;
            e->flags = tag ? tag->flags : 0;
            // One pass over the attributes, reading values in place.
            const char *class_name = NULL, *id = NULL, *role = NULL;
            for (xmlAttrPtr attribute = node->properties; attribute; attribute = attribute->next) {
                const char *name = (const char *)attribute->name;
                const char *value = attribute_text(attribute);
                if (!value) continue;
                if (strcasecmp(name, "class") == 0) class_name = value;
                else if (strcasecmp(name, "id") == 0) id = value;
                else if (strcasecmp(name, "role") == 0) role = value;
                else if (attribute_hides(name, value)) e->flags |= F_HIDDEN;
                else if (strcasecmp(name, "itemprop") == 0) { if (strcasecmp(value, "datePublished") == 0) e->flags |= F_DATEPUBLISHED; }
            }
            if (current >= 0) {
                e->hidden = list->items[current].hidden;
                if (e->kind == K_BLOCK || e->kind == K_CELL || e->kind == K_FURNITURE || e->kind == K_FORM) {
                    list->items[current].has_block = 1;
                }
            }
            if (e->flags & F_HIDDEN) e->hidden = 1;
            char hints[512];
            hints[0] = 0;
            size_t used = 0;
            used = append_lowered(hints, used, sizeof(hints), class_name);
            used = append_lowered(hints, used, sizeof(hints), id);
            if (used > 0) {
                int lists = hint_lists(hints);
                if (lists & H_UNLIKELY) e->flags |= F_UNLIKELY;
                if (lists & H_MAYBE) e->flags |= F_MAYBE;
                if (lists & H_POSITIVE) e->weight += 25;
                if (lists & H_NEGATIVE) e->weight -= 25;
            }
            if (role) {
                static const char *const furniture_roles[] = {
                    "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner",
                    "contentinfo", NULL
                };
                for (const char *const *r = furniture_roles; *r; r++) {
                    if (strcasecmp(role, *r) == 0) e->flags |= F_UNLIKELY;
                }
            }
            // The head's meta, link and title elements are listed for the metadata (and out).
            if ((e->kind != K_DROP || strcasecmp((const char *)node->name, "head") == 0) && node->children) {
                descend = 1;
                current = index;
            }
        } else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && current >= 0 && node->content) {
            element *e = &list->items[current];
            measure_text(node->content, &e->own_length, &e->own_punct, &e->own_end);
        }
        if (descend) { node = node->children; continue; }
        while (node) {
            if (node == root) { node = NULL; break; }
            if (node->next) { node = node->next; break; }
            node = node->parent;
            if (node && node->type == XML_ELEMENT_NODE && current >= 0 && list->items[current].node == node) {
                current = list->items[current].parent;
            }
        }
    }
}

// MARK: - Scoring

enum { STRIP_FURNITURE = 1, WEIGHT_CLASSES = 2, CLEAN_CONDITIONALLY = 4 };

static void reset_sums(element *e) {
    e->length = e->links = e->punct = 0;
    e->inline_length = e->inline_links = e->inline_punct = 0;
    e->inline_end = -1; // unknown until the last inline text is seen
    e->paragraphs = e->images = e->items = e->inputs = e->heading_length = 0;
}

/// Decides what is out and sums the subtrees, for one attempt.
static void measure(element_list *list, int options) {
    element *items = list->items;
    int count = list->count;
    int body_length = 0;
    for (int i = 0; i < count; i++) {
        element *e = &items[i];
        int out = e->kind == K_DROP || (e->flags & F_HIDDEN) || (e->parent >= 0 && items[e->parent].out);
        if (!out && e->kind == K_FURNITURE) out = 1;
        if (!out && (options & STRIP_FURNITURE) && !(e->flags & (F_BODY | F_SEMANTIC))) {
            if ((e->flags & F_UNLIKELY) && !(e->flags & F_MAYBE)) {
                // Readability keeps unlikely elements inside tables and code.
                int in_table = 0;
                for (int a = e->parent; a >= 0; a = items[a].parent) {
                    if (items[a].flags & F_TABLE) { in_table = 1; break; }
                }
                out = !in_table && !(e->flags & F_ANCHOR);
            }
        }
        e->out = out;
        reset_sums(e);
        e->score = 0;
        e->scored = 0;
        e->kept = 0;
    }
    // Forms are page furniture unless they hold most of the page (ASP.NET wraps whole pages in one).
    for (int pass = 0; pass < 2; pass++) {
        for (int i = count - 1; i >= 0; i--) {
            element *e = &items[i];
            if (e->out) continue;
            e->length += e->own_length;
            e->punct += e->own_punct;
            e->inline_length += e->own_length;
            e->inline_punct += e->own_punct;
            // Children come in reverse order, so the last inline child has set `inline_end`;
            // the element's own text counts when no inline child has (an approximation).
            if (e->inline_end < 0 && e->own_length > 0) e->inline_end = e->own_end;
            if (e->flags & F_ANCHOR) { e->links = e->length; e->inline_links = e->inline_length; }
            // Paragraphs: <p>, and blocks of inline text alone (Readability turns those into <p>).
            if ((e->flags & F_PARA) || ((e->kind == K_BLOCK || e->kind == K_CELL) && !e->has_block && e->inline_length >= 25)) {
                e->paragraphs += 1;
            }
            if (e->flags & F_IMG) e->images += 1;
            if (e->flags & F_LI) e->items += 1;
            if (e->flags & F_INPUT) e->inputs += 1;
            if (e->flags & F_HEADING) e->heading_length = e->length;
            if (e->parent < 0) continue;
            element *p = &items[e->parent];
            p->length += e->length;
            p->links += e->links;
            p->punct += e->punct;
            p->paragraphs += e->paragraphs;
            p->images += e->images;
            p->items += e->items;
            p->inputs += e->inputs;
            p->heading_length += e->heading_length;
            if (e->kind == K_INLINE || e->kind == K_OTHER) {
                p->inline_length += e->inline_length;
                p->inline_links += e->inline_links;
                p->inline_punct += e->inline_punct;
                if (e->inline_length > 0 && p->inline_end < 0) p->inline_end = e->inline_end;
            }
        }
        if (pass == 1) break;
        for (int i = 0; i < count; i++) if (items[i].flags & F_BODY) { body_length = items[i].length; break; }
        int changed = 0;
        for (int i = 0; i < count; i++) {
            element *e = &items[i];
            if (e->out || e->kind != K_FORM) continue;
            if (e->length * 2 < body_length || e->inputs * 200 > e->length) {
                // Out with its subtree.
                e->out = 1;
                changed = 1;
            }
        }
        if (!changed) break;
        for (int i = 0; i < count; i++) {
            element *e = &items[i];
            if (!e->out && e->parent >= 0 && items[e->parent].out) e->out = 1;
            reset_sums(e);
        }
    }
}

static double link_density(const element *e) {
    return e->length > 0 ? (double)e->links / (double)e->length : 0;
}

static void initialize_candidate(element *e, int options) {
    if (e->scored) return;
    e->scored = 1;
    double score = 0;
    const char *name = (const char *)e->node->name;
    if (e->flags & F_SEMANTIC) score += 10;
    else if (e->flags & F_DIV) score += 5;
    else if (e->kind == K_CELL || strcasecmp(name, "pre") == 0 || strcasecmp(name, "blockquote") == 0) score += 3;
    else if ((e->flags & (F_LIST | F_LI)) || e->kind == K_FORM || strcasecmp(name, "address") == 0
             || strcasecmp(name, "dd") == 0 || strcasecmp(name, "dt") == 0) score -= 3;
    else if ((e->flags & F_HEADING) || strcasecmp(name, "th") == 0) score -= 5;
    if (options & WEIGHT_CLASSES) score += e->weight;
    e->score = score;
}

/// Gives each paragraph's score to its ancestors and returns the best candidate, or -1.
static int best_candidate(element_list *list, int options) {
    element *items = list->items;
    int count = list->count;
    for (int i = 0; i < count; i++) {
        element *e = &items[i];
        if (e->out || e->kind == K_INLINE || e->kind == K_OTHER || e->inline_length < 25) continue;
        if (e->flags & F_HEADING) continue;
        double ratio = e->inline_length > 0 ? (double)e->inline_links / (double)e->inline_length : 0;
        double score = 1 + e->inline_punct + (e->inline_length / 100 < 3 ? e->inline_length / 100 : 3);
        score *= 1 - ratio;
        // Text beside block children counts as a paragraph of its own inside this element
        // (Readability wraps such runs in <p>), so the element itself is the first to score.
        int first = e->has_block && e->kind != K_CELL ? i : e->parent;
        int level = 0;
        for (int a = first; a >= 0 && level < 5; a = items[a].parent, level++) {
            element *ancestor = &items[a];
            if (ancestor->kind == K_INLINE) { level--; continue; }
            initialize_candidate(ancestor, options);
            double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            ancestor->score += score / divider;
        }
    }
    int best = -1;
    for (int i = 0; i < count; i++) {
        element *e = &items[i];
        if (!e->scored || e->out) continue;
        e->score *= 1 - link_density(e);
        if (best < 0 || e->score > items[best].score) best = i;
    }
    return best;
}

static int is_ancestor(const element *items, int ancestor, int node) {
    for (int a = node; a >= 0; a = items[a].parent) if (a == ancestor) return 1;
    return 0;
}

/// Moves the best candidate up where its ancestors hold the text too (Readability's rules).
static int refine_candidate(element_list *list, int best) {
    element *items = list->items;
    int count = list->count;
    // Close rivals (within 75%) under a common ancestor: three of them make the ancestor the pick.
    int rivals[5];
    int rival_count = 0;
    double top = items[best].score;
    for (int i = 0; i < count && rival_count < 5; i++) {
        if (i == best || !items[i].scored || items[i].out || items[i].score < top * 0.75) continue;
        if (is_ancestor(items, i, best) || is_ancestor(items, best, i)) continue;
        rivals[rival_count++] = i;
    }
    if (rival_count >= 3) {
        for (int a = items[best].parent; a >= 0 && !(items[a].flags & F_BODY); a = items[a].parent) {
            int under = 0;
            for (int r = 0; r < rival_count; r++) under += is_ancestor(items, a, rivals[r]);
            if (under >= 3) { best = a; break; }
        }
    }
    // A parent whose score grows (without falling below a third on the way) holds the text.
    double last = items[best].score;
    for (int a = items[best].parent; a >= 0 && !(items[a].flags & F_BODY); a = items[a].parent) {
        if (!items[a].scored) continue;
        if (items[a].score < last / 3) break;
        if (items[a].score > last) { best = a; break; }
        last = items[a].score;
    }
    // An only child gives way to its parent.
    while (items[best].parent >= 0 && !(items[items[best].parent].flags & F_BODY)) {
        int parent = items[best].parent;
        int children = 0;
        for (xmlNodePtr c = items[parent].node->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE) children++;
            else if ((c->type == XML_TEXT_NODE) && c->content) {
                for (const xmlChar *p = c->content; *p; p++) if (!is_html_space(*p)) { children = 2; break; }
            }
        }
        if (children != 1) break;
        best = parent;
    }
    return best;
}

/// Marks the best candidate and the siblings that belong with it as kept.
static void keep_siblings(element_list *list, int best, int options) {
    element *items = list->items;
    int count = list->count;
    int parent = items[best].parent;
    if (parent < 0) { items[best].kept = 1; return; }
    double top = items[best].score;
    // Readability keeps siblings from a fifth of the top score; measured here, two fifths keep
    // fewer teaser lists beside the text (benchmark F1 0.967 -> 0.968) and lose no text.
    double threshold = top * 0.4 > 10 ? top * 0.4 : 10;
    xmlChar *best_class = xmlGetProp(items[best].node, (const xmlChar *)"class");
    for (int i = parent + 1; i < count; i++) {
        element *e = &items[i];
        if (e->parent != parent) continue;
        if (i == best) { e->kept = 1; continue; }
        if (e->out || e->length == 0) continue;
        double bonus = 0;
        if (best_class && best_class[0] && (options & WEIGHT_CLASSES)) {
            xmlChar *class_name = xmlGetProp(e->node, (const xmlChar *)"class");
            if (class_name && strcmp((const char *)class_name, (const char *)best_class) == 0) bonus = top * 0.2;
            if (class_name) xmlFree(class_name);
        }
        if (e->scored && e->score + bonus >= threshold) { e->kept = 1; continue; }
        if (e->kind == K_INLINE || e->kind == K_OTHER || (e->flags & F_PARA) || e->length == e->inline_length) {
            double density = link_density(e);
            if (e->length > 80 && density < 0.25) e->kept = 1;
            else if (e->length > 0 && e->length <= 80 && density == 0 && e->inline_end > 0) e->kept = 1;
        }
    }
    if (best_class) xmlFree(best_class);
}

/// Marks as kept the other blocks that carry the best candidate's class (a text a CMS split
/// into several sections of the same kind), when they read as text: scored, few links.
static void keep_same_class(element_list *list, int top, int options) {
    element *items = list->items;
    if (!(options & WEIGHT_CLASSES)) return;
    xmlChar *top_class = xmlGetProp(items[top].node, (const xmlChar *)"class");
    if (!top_class || !top_class[0]) { if (top_class) xmlFree(top_class); return; }
    for (int i = 0; i < list->count; i++) {
        element *e = &items[i];
        if (e->out || e->kept || !e->scored || e->score < 10 || link_density(e) > 0.25) continue;
        if (strcasecmp((const char *)e->node->name, (const char *)items[top].node->name) != 0) continue;
        xmlChar *class_name = xmlGetProp(e->node, (const xmlChar *)"class");
        int same = class_name && strcmp((const char *)class_name, (const char *)top_class) == 0;
        if (class_name) xmlFree(class_name);
        if (!same) continue;
        // Not inside kept text, and holding none.
        int related = 0;
        for (int a = i; a >= 0 && !related; a = items[a].parent) related = items[a].kept;
        for (int k = i + 1; k < list->count && !related && is_ancestor(items, i, k); k++) related = items[k].kept;
        if (!related) e->kept = 1;
    }
    xmlFree(top_class);
}

/// Whether a list, table or block inside the kept text is furniture (Readability's conditional
/// cleaning, plus: a list or table that is mostly links always goes).
static int cleaned_away(const element *e, int options) {
    if (e->flags & F_FIGCAPTION) return 1; // captions are not the article's text
    if (!(e->flags & (F_LIST | F_TABLE | F_DIV)) && e->kind != K_FORM) {
        // A paragraph or item that is nothing but links (related articles, share and tag rows).
        if (e->kind == K_BLOCK || e->kind == K_CELL) {
            if (e->length == e->inline_length && e->length > 0 && e->inline_links * 10 > e->inline_length * 6) return 1;
        }
        return 0;
    }
    if (!(options & CLEAN_CONDITIONALLY)) return 0;
    int weight = (options & WEIGHT_CLASSES) ? e->weight : 0;
    double score = e->scored ? e->score : 0;
    if (weight + score < 0) return 1;
    double density = link_density(e);
    int is_list = (e->flags & F_LIST) != 0;
    if (density > 0.5 && (is_list || (e->flags & F_TABLE))) return 1;
    if (e->punct >= 10) return 0;
    int p = e->paragraphs, img = e->images, li = e->items - 100, input = e->inputs;
    double heading_density = e->length > 0 ? (double)e->heading_length / (double)e->length : 0;
    if (img > 1 && (double)p / img < 0.5 && p < 2) return 1; // a gallery, not text with photos
    if (!is_list && li > p) return 1;
    if (input > p / 3) return 1;
    if (!is_list && heading_density < 0.9 && e->length < 25 && (img == 0 || img > 2) && density > 0) return 1;
    if (!is_list && weight < 25 && density > 0.2) return 1;
    if (weight >= 25 && density > 0.5) return 1;
    return 0;
}

/// Whether the image at `index` stands in a block of its own (no inline text beside it), as a
/// picture does; it then leaves a double gap, as in print, so a photo line after it reads as a
/// caption. An icon inside a sentence does not.
static int stands_alone(const element *items, int index) {
    int block = items[index].parent;
    while (block >= 0 && (items[block].kind == K_INLINE || items[block].kind == K_OTHER)) block = items[block].parent;
    return block < 0 || items[block].inline_length < 25;
}

/// Writes the text of the kept subtrees.
static void write_kept(element_list *list, int options, text_buffer *buffer) {
    element *items = list->items;
    int count = list->count;
    for (int i = 0; i < count; i++) {
        if (!items[i].kept) continue;
        // Walk this subtree in document order (as the list is), skipping what is out or cleaned away.
        xmlNodePtr root = items[i].node;
        int index = i;
        xmlNodePtr node = root;
        while (node) {
            int descend = 0;
            if (node->type == XML_ELEMENT_NODE) {
                // Elements are visited in list order: find this one's entry.
                while (index < count && items[index].node != node) index++;
                if (index >= count) return;
                element *e = &items[index];
                int skip = e->out || (node != root && cleaned_away(e, options));
                if (!skip) {
                    if (e->kind == K_BR) buffer_break(buffer, 1);
                    else if ((e->flags & F_IMG) && stands_alone(items, index)) buffer_break(buffer, 3);
                    else if (e->kind == K_BLOCK || e->kind == K_CELL || e->kind == K_FURNITURE || e->kind == K_FORM) buffer_break(buffer, 2);
                    descend = 1;
                }
            } else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
                if (node->content) buffer_text(buffer, node->content);
            }
            if (descend && node->children) { node = node->children; continue; }
            while (node) {
                if (node->type == XML_ELEMENT_NODE) {
                    const tag_info *tag = lookup_tag(node->name);
                    if (tag && (tag->kind == K_BLOCK || tag->kind == K_CELL || tag->kind == K_FURNITURE || tag->kind == K_FORM)) buffer_break(buffer, 2);
                }
                if (node == root) { node = NULL; break; }
                if (node->next) { node = node->next; break; }
                node = node->parent;
            }
        }
        buffer_break(buffer, 2);
        // Skip the rest of this subtree's entries: they were written with it.
        int j = i + 1;
        while (j < count && is_ancestor(items, i, j)) j++;
        i = j - 1;
    }
}

#ifdef ZHILI_HTML_DEBUG
/// Prints a candidate to standard error (build with -DZHILI_HTML_DEBUG), with its subtree
/// when ZHILI_TREE is set, and the elements left out under it.
static void debug_candidate(element_list *list, int best, int options, const char *label) {
    element *items = list->items;
    xmlChar *c = xmlGetProp(items[best].node, (const xmlChar *)"class");
    fprintf(stderr, "attempt %d %s %s.%s score %.1f length %d\n", options, label, items[best].node->name,
            c ? (char *)c : "", items[best].score, items[best].length);
    if (c) xmlFree(c);
    if (getenv("ZHILI_TOP") && strcmp(label, "best") == 0) {
        for (int j = 0; j < list->count; j++) {
            if (!items[j].scored || items[j].out || items[j].score < items[best].score * 0.3) continue;
            c = xmlGetProp(items[j].node, (const xmlChar *)"class");
            fprintf(stderr, "  candidate %s.%.60s score %.1f length %d links %d\n", items[j].node->name, c ? (char *)c : "",
                    items[j].score, items[j].length, items[j].links);
            if (c) xmlFree(c);
        }
    }
    for (int j = best + 1; j < list->count && is_ancestor(items, best, j); j++) {
        element *x = &items[j];
        int parent_out = x->parent >= 0 && items[x->parent].out;
        if (!getenv("ZHILI_TREE") && (!x->out || parent_out)) continue;
        int depth = 0;
        for (int a = j; a != best; a = items[a].parent) depth++;
        c = xmlGetProp(x->node, (const xmlChar *)"class");
        fprintf(stderr, "%*s%s.%s out=%d length=%d inline=%d score=%.1f\n", depth * 2, "", x->node->name,
                c ? (char *)c : "", x->out, x->length, x->inline_length, x->score);
        if (c) xmlFree(c);
    }
}
#endif

/// One attempt: the text chosen with `options`, or NULL.
static char *attempt(element_list *list, int options, int32_t *out_length) {
    list->options = options;
    measure(list, options);
    int best = best_candidate(list, options);
    if (best < 0) {
        // No paragraph anywhere: the whole body.
        for (int i = 0; i < list->count; i++) {
            if (list->items[i].flags & F_BODY) { best = i; break; }
        }
        if (best < 0 && list->count > 0) best = 0;
        if (best < 0) { *out_length = 0; return NULL; }
        list->items[best].kept = !list->items[best].out;
    } else {
#ifdef ZHILI_HTML_DEBUG
        debug_candidate(list, best, options, "best");
#endif
        int top = best;
        best = refine_candidate(list, best);
#ifdef ZHILI_HTML_DEBUG
        debug_candidate(list, best, options, "refined");
#endif
        keep_siblings(list, best, options);
        keep_same_class(list, top, options);
    }
    text_buffer buffer = { 0 };
    write_kept(list, options, &buffer);
    return buffer_finish(&buffer, out_length);
}

// MARK: - Metadata

/// The text content of `node` with white space collapsed, or NULL when it has none.
static char *node_text(xmlNodePtr node) {
    xmlChar *content = xmlNodeGetContent(node);
    if (!content) return NULL;
    text_buffer buffer = { 0 };
    buffer_text(&buffer, content);
    xmlFree(content);
    if (buffer.length == 0) { free(buffer.data); return NULL; }
    return buffer_finish(&buffer, NULL);
}

static char *copy_attribute(xmlNodePtr node, const char *name) {
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (!value) return NULL;
    text_buffer buffer = { 0 };
    buffer_text(&buffer, value);
    xmlFree(value);
    if (buffer.length == 0) { free(buffer.data); return NULL; }
    return buffer_finish(&buffer, NULL);
}

static void set_once(char **field, char *value) {
    if (!value) return;
    if (*field) { free(value); return; }
    *field = value;
}

/// Whether element `index` is inside (or is) a kept subtree.
static int in_kept(const element *items, int index) {
    for (int a = index; a >= 0; a = items[a].parent) if (items[a].kept) return 1;
    return 0;
}

/// Reads `<meta>`, `<link>`, `<title>`, `<h1>`, `<time>` and the short lines around the text.
static void read_metadata(element_list *list, zhili_html_page *page) {
    element *items = list->items;
    int count = list->count;
    int first_kept = -1;
    for (int i = 0; i < count; i++) if (items[i].kept) { first_kept = i; break; }
    int kept_h1 = -1, before_h1 = -1, any_h1 = -1;
    text_buffer info = { 0 };
    int info_lines = 0;
    for (int i = 0; i < count; i++) {
        element *e = &items[i];
        xmlNodePtr node = e->node;
        if (e->flags & F_META) {
            xmlChar *key = xmlGetProp(node, (const xmlChar *)"property");
            if (!key) key = xmlGetProp(node, (const xmlChar *)"name");
            if (!key) key = xmlGetProp(node, (const xmlChar *)"itemprop");
            if (!key) continue;
            const char *k = (const char *)key;
            if (!strcasecmp(k, "og:title") || !strcasecmp(k, "twitter:title") || !strcasecmp(k, "ArticleTitle")) {
                set_once(&page->meta_title, copy_attribute(node, "content"));
            } else if (!strcasecmp(k, "og:site_name") || !strcasecmp(k, "SiteName") || !strcasecmp(k, "application-name")) {
                set_once(&page->site_name, copy_attribute(node, "content"));
            } else if (!strcasecmp(k, "ContentSource")) {
                set_once(&page->source, copy_attribute(node, "content"));
            } else if (!strcasecmp(k, "article:published_time") || !strcasecmp(k, "og:article:published_time")
                       || !strcasecmp(k, "PubDate") || !strcasecmp(k, "publishdate") || !strcasecmp(k, "publish-date")
                       || !strcasecmp(k, "publish_date") || !strcasecmp(k, "pubdate") || !strcasecmp(k, "datePublished")
                       || !strcasecmp(k, "dc.date") || !strcasecmp(k, "dc.date.issued") || !strcasecmp(k, "dcterms.created")
                       || !strcasecmp(k, "sailthru.date") || !strcasecmp(k, "parsely-pub-date")) {
                set_once(&page->published, copy_attribute(node, "content"));
            } else if (!strcasecmp(k, "og:url") || !strcasecmp(k, "Url")) {
                set_once(&page->canonical, copy_attribute(node, "content"));
            }
            xmlFree(key);
        } else if (e->flags & F_LINK) {
            if (attribute_equals(node, "rel", "canonical")) {
                char *href = copy_attribute(node, "href");
                if (href) { free(page->canonical); page->canonical = href; }
            }
        } else if (e->flags & F_TITLE) {
            if (!page->title) page->title = node_text(node);
        } else if ((e->flags & F_H1) && !e->hidden) {
            // A linked logo h1 is not the article's.
            char *text = node_text(node);
            int linked = 0;
            for (xmlNodePtr c = node->children; c; c = c->next) {
                if (c->type == XML_ELEMENT_NODE && strcasecmp((const char *)c->name, "a") == 0) linked = 1;
            }
            if (text && !(linked && e->own_length == 0)) {
                if (in_kept(items, i)) { if (kept_h1 < 0) kept_h1 = i; }
                else if (first_kept < 0 || i < first_kept) before_h1 = i;
                if (any_h1 < 0) any_h1 = i;
            }
            free(text);
        } else if ((e->flags & (F_TIME | F_DATEPUBLISHED)) && !page->published && !e->hidden) {
            char *value = copy_attribute(node, "datetime");
            if (!value) value = copy_attribute(node, "content");
            if (value) page->published = value;
        }
        // Short blocks that name the source or the date, outside the text.
        if (info_lines < 12 && (e->kind == K_BLOCK || e->kind == K_CELL) && !e->hidden && !e->has_block
            && !in_kept(items, i)) {
            char *text = node_text(node);
            if (text) {
                if (strstr(text, "\xe6\x9d\xa5\xe6\xba\x90") /* 来源 */ || strstr(text, "\xe5\x8f\x91\xe5\xb8\x83") /* 发布 */
                    || strstr(text, "\xe6\x97\xa5\xe6\x9c\x9f") /* 日期 */ || strstr(text, "\xe6\x97\xb6\xe9\x97\xb4") /* 时间 */
                    || strstr(text, "\xe7\xbc\x96\xe8\xbe\x91") /* 编辑 */ || strstr(text, "\xe8\xae\xb0\xe8\x80\x85") /* 记者 */
                    || strstr(text, "\xe4\xbd\x9c\xe8\x80\x85") /* 作者 */) {
                    buffer_text(&info, (const unsigned char *)text);
                    buffer_break(&info, 1);
                    info_lines++;
                }
                free(text);
            }
        }
    }
    int headline = kept_h1 >= 0 ? kept_h1 : before_h1 >= 0 ? before_h1 : any_h1;
    if (headline >= 0) page->headline = node_text(items[headline].node);
    if (info.length > 0) page->info_lines = buffer_finish(&info, NULL); else free(info.data);
}

// MARK: - What was left out

/// Why the block at `index` is not in the main text, or NULL when it is: `navigation` (inside
/// nav, header, footer, aside or menu, or a class/id such as nav, share, related, comment),
/// `link list` (mostly links), `caption` (figcaption), `outside the main text`, or
/// `cleaned from the text` (a list, table or block inside it that reads as furniture).
static const char *left_out_reason(const element_list *list, int index) {
    const element *items = list->items;
    int kept_root = -1;
    for (int a = index; a >= 0; a = items[a].parent) if (items[a].kept) { kept_root = a; break; }
    int furniture = 0, cleaned = 0, figcaption = 0;
    for (int a = index; a >= 0; a = items[a].parent) {
        const element *e = &items[a];
        if (e->kind == K_FURNITURE || ((e->flags & F_UNLIKELY) && !(e->flags & F_MAYBE))) furniture = 1;
        if (kept_root >= 0 && a != kept_root && is_ancestor(items, kept_root, a)) {
            if (e->flags & F_FIGCAPTION) figcaption = 1;
            else if (e->out || cleaned_away(e, list->options)) cleaned = 1;
        }
        if (a == kept_root) break;
    }
    if (kept_root >= 0 && !cleaned && !figcaption) return NULL;
    if (figcaption) return "caption";
    if (furniture) return "navigation";
    const element *e = &items[index];
    if (e->length > 0 && e->links * 10 > e->length * 6) return "link list";
    return kept_root >= 0 ? "cleaned from the text" : "outside the main text";
}

/// The visible text blocks (blocks and cells without blocks inside) that the main text left
/// out, one a line: the reason, a tab, the block's text; at most 1,000 lines.
static char *left_out(element_list *list) {
    text_buffer buffer = { 0 };
    int lines = 0;
    for (int i = 0; i < list->count && lines < 1000; i++) {
        const element *e = &list->items[i];
        if (e->hidden || e->has_block || !(e->kind == K_BLOCK || e->kind == K_CELL || e->kind == K_FURNITURE)) continue;
        const char *reason = left_out_reason(list, i);
        if (!reason) continue;
        char *text = node_text(e->node);
        if (!text) continue;
        buffer_text(&buffer, (const unsigned char *)reason);
        buffer_append(&buffer, "\t", 1);
        buffer_text(&buffer, (const unsigned char *)text);
        buffer_break(&buffer, 1);
        lines++;
        free(text);
    }
    if (buffer.length == 0) { free(buffer.data); return NULL; }
    return buffer_finish(&buffer, NULL);
}

// MARK: - Entry points

/// Parses with libxml2's hard limits lifted (`XML_PARSE_HUGE`): without it, an element nested
/// 256 deep or a text, script or style block over 10 MB stops the parser, and everything after
/// it is lost. The caller bounds the whole document's size; `flatten` bounds the depth.
static htmlDocPtr parse(const char *html, int32_t length) {
    if (!html || length <= 0) return NULL;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
        | HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOBLANKS | XML_PARSE_HUGE;
    return htmlReadMemory(html, length, NULL, "UTF-8", options);
}

/// Elements nested deeper than this are unwrapped (`flatten`): their children take their place.
enum { MAX_ELEMENT_DEPTH = 200 };

/// Unwraps every element nested deeper than `MAX_ELEMENT_DEPTH` under `root` that holds other
/// elements, keeping its children (text included) in document order in its place, so scoring,
/// which walks from an element to its ancestors, stays linear. A block's place keeps a line
/// break (`<br>`); elements that hold only text stay; scripts, styles and hidden elements down
/// there go whole. Returns how many elements were unwrapped or removed.
static int32_t flatten(xmlNodePtr root) {
    int32_t unwrapped = 0;
    xmlNodePtr node = root;
    int depth = 0; // of `node` below `root`
    while (node) {
        if (node->type == XML_ELEMENT_NODE && depth == MAX_ELEMENT_DEPTH) {
            // Unwrap the element children of `node` that hold elements until none is left:
            // each unwrapped element's children move up one level, to be looked at in turn.
            xmlNodePtr child = node->children;
            while (child) {
                xmlNodePtr next = child->next;
                if (child->type != XML_ELEMENT_NODE) { child = next; continue; }
                if (never_text(child)) {
                    xmlUnlinkNode(child);
                    xmlFreeNode(child);
                    unwrapped++;
                    child = next;
                    continue;
                }
                int holds_elements = 0;
                for (xmlNodePtr c = child->children; c && !holds_elements; c = c->next) {
                    holds_elements = c->type == XML_ELEMENT_NODE;
                }
                if (holds_elements) {
                    const tag_info *tag = lookup_tag(child->name);
                    int block = tag && tag->kind != K_INLINE && tag->kind != K_OTHER;
                    if (block) xmlAddPrevSibling(child, xmlNewDocNode(child->doc, NULL, (const xmlChar *)"br", NULL));
                    // A moved text node may merge into the text before it, so continue from
                    // the node before the unwrapped element, which stays.
                    xmlNodePtr before = child->prev;
                    while (child->children) {
                        xmlNodePtr moved = child->children;
                        xmlUnlinkNode(moved);
                        xmlAddPrevSibling(child, moved);
                    }
                    if (block) xmlAddPrevSibling(child, xmlNewDocNode(child->doc, NULL, (const xmlChar *)"br", NULL));
                    xmlUnlinkNode(child);
                    xmlFreeNode(child);
                    unwrapped++;
                    next = before ? before->next : node->children;
                }
                child = next;
            }
        }
        if (node->children && node->type == XML_ELEMENT_NODE && depth < MAX_ELEMENT_DEPTH) {
            node = node->children;
            depth++;
            continue;
        }
        while (node) {
            if (node == root) return unwrapped;
            if (node->next) { node = node->next; break; }
            node = node->parent;
            depth--;
        }
    }
    return unwrapped;
}

/// The main text of the listed document: the first attempt long enough, else the longest.
/// The list keeps the marks (`kept`) of the attempt returned.
static char *main_text(element_list *list, int32_t *out_length) {
    static const int attempts[] = {
        STRIP_FURNITURE | WEIGHT_CLASSES | CLEAN_CONDITIONALLY,
        WEIGHT_CLASSES | CLEAN_CONDITIONALLY,
        CLEAN_CONDITIONALLY,
    };
    static const int count = sizeof(attempts) / sizeof(attempts[0]);
    char *best = NULL;
    int32_t best_length = 0;
    int best_attempt = -1;
    for (int a = 0; a < count; a++) {
        int32_t length = 0;
        char *text = attempt(list, attempts[a], &length);
        if (text && length >= 250) {
            free(best);
            *out_length = length;
            return text;
        }
        if (text && (!best || length > best_length)) {
            free(best);
            best = text;
            best_length = length;
            best_attempt = a;
        } else {
            free(text);
        }
    }
    if (best_attempt >= 0 && best_attempt != count - 1) {
        int32_t ignored = 0;
        free(attempt(list, attempts[best_attempt], &ignored)); // its marks again
    }
    *out_length = best_length;
    return best;
}

zhili_html_page *zhili_html_parse(const char *html, int32_t length, int32_t explain) {
    htmlDocPtr document = parse(html, length);
    if (!document) return NULL;
    zhili_html_page *page = calloc(1, sizeof(zhili_html_page));
    element_list list = { 0 };
    xmlNodePtr root = xmlDocGetRootElement(document);
    if (page && root) page->unwrapped_elements = flatten(root);
    if (page && root) collect(root, &list);
    if (!page || list.failed) {
        free(list.items);
        free(page);
        xmlFreeDoc(document);
        return NULL;
    }
    int32_t text_length = 0;
    page->text = main_text(&list, &text_length);
    if (!page->text) { page->text = malloc(1); if (page->text) page->text[0] = 0; text_length = 0; }
    page->text_length = text_length;
    read_metadata(&list, page);
    if (explain) page->left_out = left_out(&list);
    free(list.items);
    xmlFreeDoc(document);
    return page;
}

char *zhili_html_text(const char *html, int32_t length, int32_t *out_length) {
    *out_length = 0;
    zhili_html_page *page = zhili_html_parse(html, length, 0);
    if (!page) return NULL;
    char *text = page->text;
    *out_length = page->text_length;
    page->text = NULL;
    zhili_html_page_free(page);
    return text;
}

void zhili_html_page_free(zhili_html_page *page) {
    if (!page) return;
    free(page->text);
    free(page->title);
    free(page->meta_title);
    free(page->headline);
    free(page->site_name);
    free(page->source);
    free(page->published);
    free(page->canonical);
    free(page->info_lines);
    free(page->left_out);
    free(page);
}

void zhili_html_free(char *text) { free(text); }
