// Main-text extraction over libxml2's HTML parser.
// libxml2 documentation: https://gnome.pages.gitlab.gnome.org/libxml2/devhelp/libxml2-HTMLparser.html
#include "CZhiliHTML.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/// Ends the current line; `wanted` is 1 for a line break, 2 for a paragraph break.
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

static int name_in(const xmlChar *name, const char *const *names) {
    for (; *names; names++) {
        if (strcasecmp((const char *)name, *names) == 0) return 1;
    }
    return 0;
}

static const char *const dropped_elements[] = {
    "head", "script", "style", "nav", "header", "footer", "aside", "noscript", "iframe",
    "form", "template", "svg", "select", "button", "object", "embed", "canvas", NULL
};

static const char *const block_elements[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "caption", "section", "article", "main",
    "blockquote", "pre", "figure", "figcaption", "hr", "address", "center", "body", "html",
    "title", NULL
};

static const char *const cell_elements[] = { "td", "th", NULL };

/// Walks the tree without recursion (documents can nest thousands of levels deep).
static void walk(xmlNodePtr root, text_buffer *buffer) {
    xmlNodePtr node = root;
    while (node) {
        int descend = 0;
        if (node->type == XML_ELEMENT_NODE) {
            if (!name_in(node->name, dropped_elements)) {
                if (strcasecmp((const char *)node->name, "br") == 0) {
                    buffer_break(buffer, 1);
                } else if (name_in(node->name, block_elements)) {
                    buffer_break(buffer, 2);
                    descend = 1;
                } else if (name_in(node->name, cell_elements)) {
                    if (buffer->trailing_newlines == 0 && buffer->length > 0) buffer->pending_space = 1;
                    descend = 1;
                } else {
                    descend = 1;
                }
            }
        } else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content) buffer_text(buffer, node->content);
        }
        // Comments, processing instructions and DTD nodes are skipped.

        if (descend && node->children) {
            node = node->children;
            continue;
        }
        // Leave finished nodes, closing block elements on the way up.
        while (node) {
            if (node->type == XML_ELEMENT_NODE && name_in(node->name, block_elements)) {
                buffer_break(buffer, 2);
            }
            if (node == root) { node = NULL; break; }
            if (node->next) { node = node->next; break; }
            node = node->parent;
        }
    }
}

char *zhili_html_text(const char *html, int32_t length, int32_t *out_length) {
    *out_length = 0;
    if (!html || length <= 0) return NULL;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
        | HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOBLANKS;
    htmlDocPtr document = htmlReadMemory(html, length, NULL, "UTF-8", options);
    if (!document) return NULL;
    text_buffer buffer = { 0 };
    xmlNodePtr root = xmlDocGetRootElement(document);
    if (root) walk(root, &buffer);
    xmlFreeDoc(document);
    if (buffer.failed) { free(buffer.data); return NULL; }
    // Drop trailing line breaks.
    while (buffer.length > 0 && buffer.data[buffer.length - 1] == '\n') buffer.length--;
    buffer_reserve(&buffer, 0);
    if (buffer.failed || !buffer.data) {
        free(buffer.data);
        char *empty = malloc(1);
        if (empty) empty[0] = 0;
        return empty;
    }
    buffer.data[buffer.length] = 0;
    *out_length = (int32_t)buffer.length;
    return buffer.data;
}

void zhili_html_free(char *text) { free(text); }
