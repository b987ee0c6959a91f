// C shim over the system ICU (Debian libicu-dev) for Zhili.
//
// The public header uses only stdint types and opaque handles so that Swift code
// never sees ICU's own headers (which clash with Foundation's private ICU copy).
// Every function returns or fills an ICU UErrorCode as a plain int32_t: 0 is
// U_ZERO_ERROR, negative values are warnings, positive values are failures.
#ifndef CZHILI_ICU_H
#define CZHILI_ICU_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Returns ICU's name for an error code (u_errorName).
const char *zhili_icu_error_name(int32_t status);

/// Returns the ICU version string, e.g. "72.1".
void zhili_icu_version(char *out, int32_t capacity);

// MARK: Word breaks

/// An ICU word break iterator (UBreakIterator of type UBRK_WORD).
typedef struct zhili_word_breaker zhili_word_breaker;

/// Opens a word break iterator for `locale` (e.g. "zh"). Returns NULL and sets *status on failure.
zhili_word_breaker *zhili_word_breaker_open(const char *locale, int32_t *status);

/// Closes the iterator.
void zhili_word_breaker_close(zhili_word_breaker *breaker);

/// Finds the word boundaries of UTF-16 `text`. The caller keeps `text` alive during the call only.
///
/// Writes up to `capacity` boundaries (UTF-16 offsets, excluding 0) to `boundaries` and, when
/// `rule_status` is not NULL, the rule status of the segment that ends at each boundary
/// (0 = none/punctuation/space, 100..199 number, 200..299 letter, 300..399 kana, 400..499 ideograph).
/// Returns the number of boundaries found, which may exceed `capacity`: call again with more room.
int32_t zhili_word_breaker_boundaries(zhili_word_breaker *breaker,
                                      const uint16_t *text, int32_t length,
                                      int32_t *boundaries, int32_t *rule_status, int32_t capacity,
                                      int32_t *status);

// MARK: Charset detection and conversion

/// Detects the charset of `bytes` with ICU's ucsdet. Writes the best match's name (e.g. "GB18030",
/// "UTF-8", "Big5") into `name` and its confidence (0...100) into *confidence.
/// `declared` may name a charset declared by the source (HTTP header, meta tag) or be NULL.
void zhili_detect_charset(const char *bytes, int32_t length, const char *declared,
                          char *name, int32_t name_capacity, int32_t *confidence, int32_t *status);

/// Converts `length` bytes in `charset` to UTF-16 with ucnv, replacing each invalid or
/// unmappable byte sequence with U+FFFD.
///
/// Writes at most `capacity` code units to `dest` and returns the number needed (if it exceeds
/// `capacity`, nothing useful was written and the caller retries; 2 * length + 2 always suffices).
/// The byte offsets of the first `offsets_capacity` invalid sequences go to `invalid_offsets`;
/// *invalid_count receives how many there were in all.
int32_t zhili_convert_to_utf16(const char *charset, const char *bytes, int32_t length,
                               uint16_t *dest, int32_t capacity,
                               int32_t *invalid_offsets, int32_t offsets_capacity, int32_t *invalid_count,
                               int32_t *status);

/// Converts UTF-16 `text` to `charset` with ucnv (unmappable characters become the charset's
/// substitution byte). Returns the number of bytes needed; if it exceeds `capacity`, retry.
int32_t zhili_convert_from_utf16(const char *charset, const uint16_t *text, int32_t length,
                                 char *dest, int32_t capacity, int32_t *status);

/// Returns 1 when ICU knows a converter named `charset` (aliases included), else 0.
int32_t zhili_charset_is_known(const char *charset);

// MARK: Transforms

/// An ICU transliterator (UTransliterator), e.g. "Traditional-Simplified" or "Fullwidth-Halfwidth".
typedef struct zhili_transform zhili_transform;

/// Opens a transliterator by its ICU id. Returns NULL and sets *status on failure.
zhili_transform *zhili_transform_open(const char *id, int32_t *status);

/// Closes the transliterator.
void zhili_transform_close(zhili_transform *transform);

/// Transforms UTF-16 `text` in place. `*length` is the text's length on input and on output;
/// `capacity` is the buffer size. Returns the length needed (retry with more room if larger).
int32_t zhili_transform_apply(zhili_transform *transform, uint16_t *text, int32_t *length,
                              int32_t capacity, int32_t *status);

#ifdef __cplusplus
}
#endif

#endif
