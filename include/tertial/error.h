/**
 * @file error.h
 * @brief Error codes, the thread-local last error and its message.
 *
 * Every fallible function returns 0 or a negative ::tertial_error_code and records a
 * message with context (file:line for parsers) for the calling thread.
 * @code
 * if (tertial_money_parse(&ore, "12,5x", TERTIAL_MONEY_SWEDISH) < 0)
 *     fprintf(stderr, "%s\n", tertial_error_last());
 * @endcode
 */
#ifndef TERTIAL_ERROR_H
#define TERTIAL_ERROR_H

#include "common.h"

TERTIAL_BEGIN_DECLS

/** Error codes. Append-only: existing values never change meaning. */
typedef enum tertial_error_code {
  TERTIAL_OK = 0,                 /**< success */
  TERTIAL_ERR_INVALID = -1,       /**< an argument is invalid (NULL, wrong kind) */
  TERTIAL_ERR_NOMEM = -2,         /**< out of memory */
  TERTIAL_ERR_OVERFLOW = -3,      /**< an amount does not fit in int64 öre */
  TERTIAL_ERR_PARSE = -4,         /**< malformed text input */
  TERTIAL_ERR_NOT_FOUND = -5,     /**< no such unit, account, row, point, ... */
  TERTIAL_ERR_EXISTS = -6,        /**< the code or name is already taken */
  TERTIAL_ERR_RANGE = -7,         /**< a month, index or date is out of range */
  TERTIAL_ERR_IO = -8,            /**< reading or writing a file failed */
  TERTIAL_ERR_STATE = -9,         /**< the operation conflicts with the current state (e.g. a cycle) */
  TERTIAL_ERR_BUFFER = -10,       /**< the caller's buffer is too small */
  TERTIAL_ERR_CANCELLED = -11,    /**< the caller's callback asked to stop */
  TERTIAL_ERR_CONFLICT = -12,     /**< someone else changed the same data since it was read (e.g. a store saved by another process) */
  TERTIAL_ERR_NOT_PERMITTED = -13,/**< the person's roles do not allow the change, or the follow-up point is locked (round.h) */
} tertial_error_code;

/**
 * The last error message recorded on the calling thread.
 * @return a thread-local string, "" if none; valid until the next Tertial call on this thread.
 */
TERTIAL_API const char *tertial_error_last(void);

/**
 * The code of the last error recorded on the calling thread.
 * @return a ::tertial_error_code, TERTIAL_OK if none.
 */
TERTIAL_API int tertial_error_last_code(void);

/** Forget the calling thread's last error. */
TERTIAL_API void tertial_error_clear(void);

/**
 * A fixed English description of an error code.
 * @param code a ::tertial_error_code (any int is accepted).
 * @return a static string; never NULL ("unknown error" for unknown codes).
 */
TERTIAL_API const char *tertial_strerror(int code);

TERTIAL_END_DECLS

#endif
