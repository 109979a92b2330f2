/**
 * @file keys.h
 * @brief Periodisation keys (fördelningsnycklar) and key sets with assignment rules.
 *
 * A *key* spreads an annual amount over the twelve months of a fiscal year in proportion to
 * twelve integer weights. The kinds:
 *
 * | kind | weight of a month |
 * |---|---|
 * | equal twelfths | 1 |
 * | calendar days | its days (leap years honoured) |
 * | working days | its Swedish working days (holidays.h; eves as the key's flags say) |
 * | salary profile | a weight per *calendar* month (January..December), e.g. less in the vacation month July, so one profile fits any fiscal-year start |
 * | last year's outcome | last year's amount of the same fiscal month |
 * | custom | a weight per *fiscal* month (index 0 = the first month of the fiscal year) |
 *
 * **Exact distribution.** Month i gets annual × wᵢ / Σw rounded by largest remainder: every
 * month first gets the quotient rounded toward zero, then the öre still missing go one each to
 * the months with the largest remainders, ties to the earlier fiscal month. The months always
 * sum to the annual amount. The rule is symmetric, distribute(−a) = −distribute(a), so a
 * revenue budget (negative) has the same shape as a cost budget. Example: 100 öre in equal
 * twelfths gives 9 öre to months 0–3 and 8 öre to months 4–11.
 *
 * **Last year's fallback.** A last-year key falls back to equal twelfths when last year's total
 * is 0 (including an empty year) or when any month has the opposite sign of the total (a sign
 * change makes the shares meaningless: a month could receive more than the whole year).
 * Months of 0 are fine: they get 0.
 *
 * **Key sets.** A key set owns named keys and assignment rules. A rule assigns a key to a unit
 * (and so to its subtree), to a range of account numbers (digit prefixes, as in accounts.h:
 * `50`–`59` matches 5011 and 59999), or to both. To resolve (unit, account) the set takes the
 * rules that match the account and are assigned to the unit, one of its ancestors or to no
 * unit, and picks, in this order:
 * 1. the nearest unit: the unit itself before its parent, before its grandparent, ..., before
 *    rules for no unit (unit specificity comes before account specificity);
 * 2. the longest account prefix (a rule for all accounts has length 0);
 * 3. the rule added last.
 * When no rule matches, the set's default key applies (equal twelfths, "Tolftedelar", unless
 * changed).
 * @code
 * tertial_keyset *set; tertial_key *key;
 * int64_t w[12] = {100, 100, 100, 100, 100, 100, 40, 100, 100, 100, 100, 100};
 * tertial_keyset_new(&set);
 * tertial_key_new_salary(&key, "Lön", w);
 * tertial_keyset_add(set, key);                       // the set owns the key now
 * tertial_keyset_assign(set, TERTIAL_NO_UNIT, "50", "59", "Lön");
 * @endcode
 */
#ifndef TERTIAL_KEYS_H
#define TERTIAL_KEYS_H

#include "common.h"
#include "calendar.h"
#include "holidays.h"
#include "org.h"

TERTIAL_BEGIN_DECLS

/** Kinds of periodisation keys. Append-only. */
typedef enum tertial_key_kind {
  TERTIAL_KEY_EQUAL = 0,         /**< equal twelfths */
  TERTIAL_KEY_CALENDAR_DAYS = 1, /**< days of each month */
  TERTIAL_KEY_WORKING_DAYS = 2,  /**< Swedish working days of each month */
  TERTIAL_KEY_SALARY = 3,        /**< weights per calendar month */
  TERTIAL_KEY_LAST_YEAR = 4,     /**< last year's outcome per fiscal month */
  TERTIAL_KEY_CUSTOM = 5,        /**< weights per fiscal month */
} tertial_key_kind;

/** A named periodisation key. */
typedef struct tertial_key tertial_key;

/**
 * Create an equal-twelfths key.
 * @param out receives the key; free with tertial_key_free() unless given to a key set.
 * @param name non-empty name (copied).
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_key_new_equal(tertial_key **out, const char *name);

/**
 * Create a calendar-days key (February weighs 28 or 29).
 * @return as tertial_key_new_equal().
 */
TERTIAL_API int tertial_key_new_calendar_days(tertial_key **out, const char *name);

/**
 * Create a Swedish working-days key. Distributing with it needs every month of the fiscal year
 * to lie in ::TERTIAL_HOLIDAY_YEAR_MIN..::TERTIAL_HOLIDAY_YEAR_MAX.
 * @param holiday_flags ::TERTIAL_HOLIDAYS_DEFAULT (midsommarafton, julafton and nyårsafton are
 *        days off) or ::TERTIAL_HOLIDAYS_EVES_WORKING.
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (also for unknown flags).
 */
TERTIAL_API int tertial_key_new_working_days(tertial_key **out, const char *name, unsigned int holiday_flags);

/**
 * Create a salary-profile key.
 * @param weights twelve weights for January..December (copied), each >= 0, not all 0.
 *        E.g. 100 for every month and 40 for July, the main vacation month.
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (negative or all-zero weights).
 */
TERTIAL_API int tertial_key_new_salary(tertial_key **out, const char *name, const int64_t weights[12]);

/**
 * Create a last-year's-outcome key.
 * @param amounts last year's twelve monthly amounts in öre, in fiscal-month order (copied);
 *        any sign, but not INT64_MIN. NULL makes a key that takes, when a budget is set with it
 *        (tertial_budget_set_annual()), last year's outcome of the unit and account being
 *        budgeted (see tertial_key_distribute_row()).
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_key_new_last_year(tertial_key **out, const char *name, const int64_t amounts[12]);

/**
 * Create a custom key.
 * @param weights twelve weights in fiscal-month order (copied), each >= 0, not all 0.
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_key_new_custom(tertial_key **out, const char *name, const int64_t weights[12]);

/** Free a key (NULL-safe). Do not free a key owned by a key set. */
TERTIAL_API void tertial_key_free(tertial_key *key);

/** The key's name (borrowed); NULL if @p key is NULL. */
TERTIAL_API const char *tertial_key_name(const tertial_key *key);

/** The key's kind; ::TERTIAL_KEY_EQUAL if @p key is NULL. */
TERTIAL_API tertial_key_kind tertial_key_kind_of(const tertial_key *key);

/**
 * Whether a last-year key falls back to equal twelfths (its total is 0 or a month has the
 * opposite sign of the total).
 * @return 1 or 0 (0 for other kinds and for a last-year key without amounts).
 */
TERTIAL_API int tertial_key_falls_back(const tertial_key *key);

/**
 * The twelve weights a key gives the months of a fiscal year (fiscal-month order); what
 * tertial_key_distribute() divides by. A fallen-back last-year key gives 1 for every month.
 * @param out receives the weights.
 * @return 0, ::TERTIAL_ERR_RANGE (a working-days key outside the holiday years),
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_key_weights(int64_t out[12], const tertial_key *key, const tertial_fiscal_year *fy);

/**
 * Distribute an annual amount over the months of a fiscal year, exactly (largest remainder,
 * see the file's description). A last-year key without amounts distributes as an empty last
 * year: in equal twelfths.
 * @param out receives twelve amounts in fiscal-month order; they sum to @p annual.
 * @param annual the annual amount in öre (negative for revenue; any int64).
 * @return 0, ::TERTIAL_ERR_RANGE (a working-days key outside the holiday years),
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_key_distribute(int64_t out[12], const tertial_key *key, const tertial_fiscal_year *fy,
                                       int64_t annual);

/**
 * As tertial_key_distribute(), but a last-year key without amounts of its own uses
 * @p row_last_year (the previous year's outcome of the row being budgeted, fiscal-month
 * order; NULL means an empty year), with the same fallback. Other keys ignore it.
 * @return as tertial_key_distribute().
 */
TERTIAL_API int tertial_key_distribute_row(int64_t out[12], const tertial_key *key, const tertial_fiscal_year *fy,
                                           int64_t annual, const int64_t row_last_year[12]);

/**
 * The twelve values a key was made with, as given to its constructor: the weights of a salary
 * key (January..December), the weights of a custom key or the amounts of a last-year key
 * (fiscal-month order). With tertial_key_kind_of(), tertial_key_name() and
 * tertial_key_holiday_flags() they recreate the key.
 * @param out receives the values; twelve zeros when the key has none (equal twelfths, calendar
 *        days, working days, a last-year key without amounts).
 * @return 1 (values copied), 0 (the key has none), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_key_values(int64_t out[12], const tertial_key *key);

/**
 * The holiday flags of a working-days key, as given to tertial_key_new_working_days().
 * @return the flags; ::TERTIAL_HOLIDAYS_DEFAULT for other kinds and if @p key is NULL.
 */
TERTIAL_API unsigned int tertial_key_holiday_flags(const tertial_key *key);

/** A set of named keys with assignment rules and a default. */
typedef struct tertial_keyset tertial_keyset;

/**
 * Create a key set holding one key, "Tolftedelar" (equal twelfths), which is its default.
 * @param out receives the set; free with tertial_keyset_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_keyset_new(tertial_keyset **out);

/** Free a key set and its keys (NULL-safe). */
TERTIAL_API void tertial_keyset_free(tertial_keyset *set);

/**
 * Add a key. The set takes ownership of @p key, also on error (when it is freed); the
 * caller's pointer stays valid, borrowed, while the set lives.
 * @return 0, ::TERTIAL_ERR_EXISTS (a key with that name), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_keyset_add(tertial_keyset *set, tertial_key *key);

/** Number of keys in the set (at least 1). */
TERTIAL_API size_t tertial_keyset_count(const tertial_keyset *set);

/** Key @p index in the order added (borrowed); NULL if out of range. */
TERTIAL_API const tertial_key *tertial_keyset_key(const tertial_keyset *set, size_t index);

/**
 * Find a key by name.
 * @param out receives the key (borrowed from the set).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_keyset_find(const tertial_key **out, const tertial_keyset *set, const char *name);

/**
 * Choose the key used where no rule matches.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_keyset_set_default(tertial_keyset *set, const char *name);

/** The default key (borrowed); NULL if @p set is NULL. */
TERTIAL_API const tertial_key *tertial_keyset_default(const tertial_keyset *set);

/**
 * Add an assignment rule. A rule with the same unit and range as an earlier one replaces its
 * key. The unit is checked when resolving (the set does not know the organisation).
 * @param unit the unit whose subtree the rule covers, or ::TERTIAL_NO_UNIT for every unit.
 * @param from, to a range of account-number prefixes (1..10 digits, equal lengths,
 *        from <= to), or both NULL for every account.
 * @param key_name an existing key of the set.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (key), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID
 *         (malformed range).
 */
TERTIAL_API int tertial_keyset_assign(tertial_keyset *set, tertial_unit_id unit, const char *from, const char *to,
                                      const char *key_name);

/** Number of assignment rules. */
TERTIAL_API size_t tertial_keyset_rule_count(const tertial_keyset *set);

/**
 * Assignment rule @p index, in the order added (a rule that replaced the key of an earlier one
 * with the same unit and range keeps the earlier one's place). Giving every rule to
 * tertial_keyset_assign() of a set with the same keys, in this order, rebuilds the rules.
 * Any out-parameter may be NULL.
 * @param out_unit receives the rule's unit, ::TERTIAL_NO_UNIT for every unit.
 * @param out_from, out_to receive the account range (borrowed from the set), both NULL for
 *        every account.
 * @param out_key receives the rule's key (borrowed from the set).
 * @return 0, ::TERTIAL_ERR_RANGE (@p index >= tertial_keyset_rule_count()),
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_keyset_rule_at(tertial_unit_id *out_unit, const char **out_from, const char **out_to,
                                       const tertial_key **out_key, const tertial_keyset *set, size_t index);

/**
 * Resolve the key for a unit and an account (rules and tie order in the file's description).
 * @param out receives the key (borrowed from the set).
 * @param org the organisation, for the unit's ancestors in @p period.
 * @param unit a unit of @p org.
 * @param account_number the account's digits.
 * @param period yyyymm: the organisation as it stands then decides the ancestors.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID
 *         (also a malformed account number).
 */
TERTIAL_API int tertial_keyset_resolve(const tertial_key **out, const tertial_keyset *set, const tertial_org *org,
                                       tertial_unit_id unit, const char *account_number, int period);

TERTIAL_END_DECLS

#endif
