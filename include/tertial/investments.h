/**
 * @file investments.h
 * @brief The investment budget (investeringsbudget): projects with amounts per plan year, kept
 *        apart from the operating budget.
 *
 * Issue 19 asks for an investment budget beside the budget of operations. Each project here has a
 * code, a name, the committee or unit that runs it, a category ("Fastigheter", "Gator och vägar",
 * "IT", "Inventarier", ...), a status, the first year of the plan and an amount in öre for each of
 * up to ::TERTIAL_INVESTMENT_YEARS plan years; optionally the amount spent so far and the decided
 * total budget of the project. The list sums the amounts of a year per committee, per category and
 * in total, exactly, and gives a project's remaining budget: its decided total less what is spent
 * and less what is planned from the current year on (negative: beyond its frame).
 * @code
 * tertial_investments *inv;
 * tertial_investments_new(&inv);
 * tertial_investments_load(inv, "investeringar.csv");
 * int64_t y2027;
 * tertial_investments_total(&y2027, inv, 2027, "BUN", NULL); // NULL: every unit / category
 * tertial_investments_free(inv);
 * @endcode
 */
#ifndef TERTIAL_INVESTMENTS_H
#define TERTIAL_INVESTMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

TERTIAL_BEGIN_DECLS

/** The most plan years a project has amounts for. */
#define TERTIAL_INVESTMENT_YEARS 10

/** Where a project stands. */
typedef enum tertial_investment_status {
  TERTIAL_INVESTMENT_PROPOSED = 0,    /**< föreslagen: proposed */
  TERTIAL_INVESTMENT_DECIDED = 1,     /**< beslutad: decided */
  TERTIAL_INVESTMENT_IN_PROGRESS = 2, /**< pågående: in progress */
  TERTIAL_INVESTMENT_FINISHED = 3,    /**< avslutad: finished */
} tertial_investment_status;

/** The version of ::tertial_investment this header declares. */
#define TERTIAL_INVESTMENT_VERSION 1

/** An investment project. Initialise with ::TERTIAL_INVESTMENT_INIT; strings may be NULL (""). */
typedef struct tertial_investment {
  unsigned int version;             /**< ::TERTIAL_INVESTMENT_VERSION */
  const char *code;                 /**< unique, non-empty, e.g. "P2041" */
  const char *name;                 /**< what the project is, e.g. "Tillbyggnad Ekbackeskolan" */
  const char *unit;                 /**< the committee or unit code that runs it, non-empty */
  const char *category;             /**< e.g. "Fastigheter", "Gator och vägar", "IT", "Inventarier" */
  tertial_investment_status status; /**< proposed, decided, in progress or finished */
  int first_year;                   /**< the first plan year, 1900–9999 */
  int years;                        /**< the number of plan years, 1–::TERTIAL_INVESTMENT_YEARS, ending by 9999 */
  int64_t amounts[TERTIAL_INVESTMENT_YEARS]; /**< öre for year first_year + i, within ±::TERTIAL_MONEY_MAX_AMOUNT (budget.h); 0 from index `years` on */
  int has_spent;                    /**< whether `spent` is known */
  int64_t spent;                    /**< öre spent so far (utfall hittills), 0 to ::TERTIAL_MONEY_MAX_AMOUNT; 0 unless has_spent */
  int has_budget;                   /**< whether the project has a decided total budget */
  int64_t budget;                   /**< the decided total budget, öre, 0 to ::TERTIAL_MONEY_MAX_AMOUNT; 0 unless has_budget */
} tertial_investment;

/** A proposed project without amounts, texts or years (to be set). */
#define TERTIAL_INVESTMENT_INIT                                                                           \
  {                                                                                                       \
    TERTIAL_INVESTMENT_VERSION, NULL, NULL, NULL, NULL, TERTIAL_INVESTMENT_PROPOSED, 0, 0, {0}, 0, 0, 0, 0 \
  }

/** An investment budget: a list of projects (opaque). */
typedef struct tertial_investments tertial_investments;

/**
 * Create an empty list.
 * @param out receives it; free with tertial_investments_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_investments_new(tertial_investments **out);

/** Free a list (NULL-safe). */
TERTIAL_API void tertial_investments_free(tertial_investments *list);

/**
 * Add a project (copied). Messages name the project's code.
 * @return 0, ::TERTIAL_ERR_EXISTS (the code is taken), ::TERTIAL_ERR_RANGE (a first year outside
 *         1900–9999, a number of years outside 1–::TERTIAL_INVESTMENT_YEARS or ending after 9999,
 *         an amount beyond ±::TERTIAL_MONEY_MAX_AMOUNT, an amount after the last plan year that is
 *         not 0, a spent amount or budget below 0 or above the maximum or given without its flag),
 *         ::TERTIAL_ERR_INVALID (an empty code or unit, text that is not UTF-8, an unknown version
 *         or status), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_investments_add(tertial_investments *list, const tertial_investment *p);

/**
 * Read projects from a table (';', ',' or TAB separated; the first line names the columns, in
 * Swedish or English: projekt/kod/code, namn/benämning/name, nämnd/enhet/unit, kategori/category,
 * status (föreslagen/proposed, beslutad/decided, pågående/in progress, avslutad/finished; empty
 * is föreslagen), one column per plan year named by the year ("2027", "2028 tkr", ...: in tkr
 * when the header says "tkr", else in kr; consecutive years, at most ::TERTIAL_INVESTMENT_YEARS),
 * "Budget (total)" and "Utfall hittills"/spent (in tkr when the header says so; empty: not
 * known)) and add them, all or none. An empty year cell is 0.
 * @param source the file's name in messages.
 * @return 0, ::TERTIAL_ERR_PARSE (source:line:column, the column and what was expected),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID. On an error nothing is added.
 */
TERTIAL_API int tertial_investments_parse(tertial_investments *list, const char *text, size_t len, const char *source);

/**
 * Read projects from a file (as tertial_investments_parse()).
 * @return as tertial_investments_parse(), and ::TERTIAL_ERR_IO.
 */
TERTIAL_API int tertial_investments_load(tertial_investments *list, const char *path);

/** Number of projects (0 for NULL). */
TERTIAL_API size_t tertial_investments_count(const tertial_investments *list);

/** Project @p index in the order added (borrowed), NULL if out of range. */
TERTIAL_API const tertial_investment *tertial_investments_at(const tertial_investments *list, size_t index);

/**
 * The first and last plan year of any project.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (an empty list), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_investments_span(int *first, int *last, const tertial_investments *list);

/**
 * The sum of the projects' amounts for one year, of one unit and/or one category.
 * @param year a calendar year (0 öre for a year no project plans).
 * @param unit a unit as the projects name it (letter case ignored), NULL for all.
 * @param category a category (letter case ignored), NULL for all.
 * @return 0, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_investments_total(int64_t *out, const tertial_investments *list, int year, const char *unit,
                                          const char *category);

/**
 * The remaining budget of project @p index: its decided total less the amount spent so far and
 * less its planned amounts from @p current_year on. Negative: the plan goes beyond the frame.
 * @return 0, ::TERTIAL_ERR_RANGE (no such project), ::TERTIAL_ERR_NOT_FOUND (the project has no
 *         decided total budget), ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_investments_remaining(int64_t *out, const tertial_investments *list, size_t index,
                                              int current_year);

/** The Swedish name of a status: "föreslagen", "beslutad", "pågående", "avslutad"; "" if unknown. */
TERTIAL_API const char *tertial_investment_status_name(tertial_investment_status status);

TERTIAL_END_DECLS

#endif
