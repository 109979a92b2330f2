/**
 * @file common.h
 * @brief Shared macros and small types of the Tertial public API.
 *
 * Conventions of the whole API:
 * - functions return `int`: 0 on success, a negative ::tertial_error_code on failure,
 *   with a message in tertial_error_last();
 * - out-parameters come first;
 * - objects are opaque handles made by `tertial_x_new()` and released by the NULL-safe
 *   `tertial_x_free()`; getters return borrowed pointers valid while the owner lives;
 * - money is `int64_t` öre (1/100 SEK), never floating point;
 * - the library never aborts, exits or prints.
 */
#ifndef TERTIAL_COMMON_H
#define TERTIAL_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  if defined(TERTIAL_BUILDING)
#    define TERTIAL_API __declspec(dllexport)
#  else
#    define TERTIAL_API
#  endif
#elif defined(__GNUC__)
#  define TERTIAL_API __attribute__((visibility("default")))
#else
#  define TERTIAL_API
#endif

/**
 * @def TERTIAL_API
 * Marks a function exported from the shared library (default visibility; dllexport/dllimport
 * on Windows).
 * @def TERTIAL_BEGIN_DECLS
 * Opens `extern "C" {` when the header is compiled as C++.
 * @def TERTIAL_END_DECLS
 * Closes what ::TERTIAL_BEGIN_DECLS opened.
 */
#ifdef __cplusplus
#  define TERTIAL_BEGIN_DECLS extern "C" {
#  define TERTIAL_END_DECLS }
#else
#  define TERTIAL_BEGIN_DECLS
#  define TERTIAL_END_DECLS
#endif

TERTIAL_BEGIN_DECLS

/** Dense index of an organisational unit inside one organisation (0, 1, 2, ...). */
typedef uint32_t tertial_unit_id;
/** Dense index of an account inside one chart of accounts. */
typedef uint32_t tertial_account_id;
/** Marks "no unit", e.g. the parent of the root. */
#define TERTIAL_NO_UNIT ((tertial_unit_id)0xffffffffu)

/** A calendar date. */
typedef struct tertial_date {
  int year;  /**< e.g. 2026 */
  int month; /**< 1..12 */
  int day;   /**< 1..31 */
} tertial_date;

/**
 * Release memory the library handed to the caller (strings from renderers and formatters).
 * @param p memory returned by a Tertial function documented as "free with tertial_free()"; NULL is allowed.
 */
TERTIAL_API void tertial_free(void *p);

/**
 * The run-time version of the library, e.g. "0.1.0".
 * @return a static string; never NULL.
 */
TERTIAL_API const char *tertial_version(void);

TERTIAL_END_DECLS

#endif
