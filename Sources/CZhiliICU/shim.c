// Implementation of the ICU shim: the only file that includes ICU headers.
#include "CZhiliICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <unicode/utypes.h>
#include <unicode/ustring.h>

const char *zhili_icu_error_name(int32_t status) {
    return u_errorName((UErrorCode)status);
}

void zhili_icu_version(char *out, int32_t capacity) {
    UVersionInfo info;
    char buffer[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, buffer);
    strncpy(out, buffer, (size_t)capacity);
    if (capacity > 0) out[capacity - 1] = 0;
}

// MARK: Word breaks

struct zhili_word_breaker {
    UBreakIterator *iterator;
};

zhili_word_breaker *zhili_word_breaker_open(const char *locale, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &error);
    *status = (int32_t)error;
    if (U_FAILURE(error)) return NULL;
    zhili_word_breaker *breaker = (zhili_word_breaker *)malloc(sizeof(zhili_word_breaker));
    if (breaker == NULL) {
        ubrk_close(iterator);
        *status = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    return breaker;
}

void zhili_word_breaker_close(zhili_word_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

int32_t zhili_word_breaker_boundaries(zhili_word_breaker *breaker,
                                      const uint16_t *text, int32_t length,
                                      int32_t *boundaries, int32_t *rule_status, int32_t capacity,
                                      int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &error);
    *status = (int32_t)error;
    if (U_FAILURE(error)) return 0;
    int32_t count = 0;
    ubrk_first(breaker->iterator);
    for (int32_t boundary = ubrk_next(breaker->iterator); boundary != UBRK_DONE;
         boundary = ubrk_next(breaker->iterator)) {
        if (count < capacity) {
            boundaries[count] = boundary;
            if (rule_status != NULL) rule_status[count] = ubrk_getRuleStatus(breaker->iterator);
        }
        count++;
    }
    // Detach the iterator from the caller's buffer.
    UErrorCode ignored = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, NULL, 0, &ignored);
    return count;
}

// MARK: Charset detection and conversion

void zhili_detect_charset(const char *bytes, int32_t length, const char *declared,
                          char *name, int32_t name_capacity, int32_t *confidence, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    *confidence = 0;
    if (name_capacity > 0) name[0] = 0;
    UCharsetDetector *detector = ucsdet_open(&error);
    if (U_FAILURE(error)) { *status = (int32_t)error; return; }
    ucsdet_setText(detector, bytes, length, &error);
    if (declared != NULL) ucsdet_setDeclaredEncoding(detector, declared, -1, &error);
    const UCharsetMatch *match = ucsdet_detect(detector, &error);
    if (U_SUCCESS(error) && match != NULL) {
        const char *found = ucsdet_getName(match, &error);
        *confidence = ucsdet_getConfidence(match, &error);
        if (U_SUCCESS(error) && found != NULL) {
            strncpy(name, found, (size_t)name_capacity);
            if (name_capacity > 0) name[name_capacity - 1] = 0;
        }
    }
    ucsdet_close(detector);
    *status = (int32_t)error;
}

/// Records where invalid input sequences were, then substitutes U+FFFD.
typedef struct {
    const char *start;
    int32_t *offsets;
    int32_t capacity;
    int32_t count;
} invalid_log;

static void record_invalid(const void *context, UConverterToUnicodeArgs *args,
                           const char *codeUnits, int32_t length,
                           UConverterCallbackReason reason, UErrorCode *error) {
    invalid_log *log = (invalid_log *)context;
    if (reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR || reason == UCNV_UNASSIGNED) {
        int32_t offset = (int32_t)(args->source - log->start) - length;
        if (offset < 0) offset = 0;
        if (log->count < log->capacity) log->offsets[log->count] = offset;
        log->count++;
    }
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, codeUnits, length, reason, error);
}

int32_t zhili_convert_to_utf16(const char *charset, const char *bytes, int32_t length,
                               uint16_t *dest, int32_t capacity,
                               int32_t *invalid_offsets, int32_t offsets_capacity, int32_t *invalid_count,
                               int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    *invalid_count = 0;
    UConverter *converter = ucnv_open(charset, &error);
    if (U_FAILURE(error)) { *status = (int32_t)error; return 0; }
    invalid_log log = { bytes, invalid_offsets, offsets_capacity, 0 };
    ucnv_setToUCallBack(converter, record_invalid, &log, NULL, NULL, &error);
    if (U_FAILURE(error)) { ucnv_close(converter); *status = (int32_t)error; return 0; }

    UChar *target = (UChar *)dest;
    const UChar *targetLimit = target + capacity;
    const char *source = bytes;
    const char *sourceLimit = bytes + length;
    ucnv_toUnicode(converter, &target, targetLimit, &source, sourceLimit, NULL, 1, &error);
    int32_t written = (int32_t)(target - (UChar *)dest);
    if (error == U_BUFFER_OVERFLOW_ERROR) {
        // Report a size that is always enough.
        written = 2 * length + 2;
    }
    *invalid_count = log.count;
    ucnv_close(converter);
    *status = (int32_t)error;
    return written;
}

int32_t zhili_convert_from_utf16(const char *charset, const uint16_t *text, int32_t length,
                                 char *dest, int32_t capacity, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &error);
    if (U_FAILURE(error)) { *status = (int32_t)error; return 0; }
    int32_t needed = ucnv_fromUChars(converter, dest, capacity, (const UChar *)text, length, &error);
    ucnv_close(converter);
    if (error == U_STRING_NOT_TERMINATED_WARNING) error = U_ZERO_ERROR;
    *status = (int32_t)error;
    return needed;
}

int32_t zhili_charset_is_known(const char *charset) {
    UErrorCode error = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &error);
    if (U_FAILURE(error) || converter == NULL) return 0;
    ucnv_close(converter);
    return 1;
}

// MARK: Transforms

struct zhili_transform {
    UTransliterator *transliterator;
};

zhili_transform *zhili_transform_open(const char *id, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UChar wide[128];
    int32_t length = (int32_t)strlen(id);
    if (length >= 128) { *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL; }
    u_charsToUChars(id, wide, length);
    UTransliterator *transliterator = utrans_openU(wide, length, UTRANS_FORWARD, NULL, 0, NULL, &error);
    *status = (int32_t)error;
    if (U_FAILURE(error)) return NULL;
    zhili_transform *transform = (zhili_transform *)malloc(sizeof(zhili_transform));
    if (transform == NULL) {
        utrans_close(transliterator);
        *status = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    transform->transliterator = transliterator;
    return transform;
}

void zhili_transform_close(zhili_transform *transform) {
    if (transform == NULL) return;
    utrans_close(transform->transliterator);
    free(transform);
}

int32_t zhili_transform_apply(zhili_transform *transform, uint16_t *text, int32_t *length,
                              int32_t capacity, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t limit = *length;
    utrans_transUChars(transform->transliterator, (UChar *)text, length, capacity, 0, &limit, &error);
    *status = (int32_t)error;
    return *length;
}
