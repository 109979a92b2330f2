/**
 * @file frames.h
 * @brief Budget preparation: the chain of frames (preliminary frame → MoR → finansplan), the
 *        opposition's alternative budget, and frame updates as explained lines.
 *
 * Next year's budget is made in stages, each a budget version (budget.h) that revises the one
 * before, so that the earlier stage is kept as it was decided:
 * - ::TERTIAL_BUDGET_PRELIMINARY, the administrations' preliminary frames (förvaltningarnas
 *   preliminära ramar) from the financial goals, updated with population and tax forecasts;
 * - ::TERTIAL_BUDGET_MOR, the council's Mål och resursplan (MoR);
 * - ::TERTIAL_BUDGET_FINANSPLAN, the finansplan.
 *
 * The opposition's budget is a version of kind ::TERTIAL_BUDGET_ALTERNATIVE that revises the
 * same version the majority's proposal (the MoR) revises; the chain never continues from it.
 * tertial_budget_revise() refuses what is out of order (a finansplan before the MoR, a stage that
 * continues an alternative, a second MoR from the same preliminary frame). The chain of a version
 * is listed by tertial_budget_chain_of(); two versions are compared per unit and row with
 * tertial_budget_compare().
 *
 * A *frame update* is a list of explained lines per unit (committee or administration) and
 * account, applied by tertial_frame_update_apply() to make the next version:
 * - price and wage indexation (pris- och löneuppräkning): a rate in basis points times the unit's
 *   net frame in the version revised (its subtree, every account, the whole year), rounded to
 *   the nearest öre, halves away from zero;
 * - volume from demography (volymförändring): the change in population of an age group times a
 *   cost per inhabitant, exact;
 * - an amount (e.g. a changed tax forecast's effect): exact.
 * Political priorities are the decided proposals of the prioritisation model, applied to the new
 * version with tertial_proposals_apply() (priorities_budget.h). Each line keeps the amount it
 * added, so the way from one frame to the next can be shown line by line.
 * @code
 * tertial_frame_update *u;
 * tertial_frame_update_new(&u);
 * tertial_frame_update_load(u, "ramuppdatering.csv");
 * tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
 * o.kind = TERTIAL_BUDGET_MOR;
 * o.decided_by = "Kommunfullmäktige";
 * int mor;
 * tertial_frame_update_apply(&mor, model, preliminary, "MoR 2027", &o, u);
 * @endcode
 */
#ifndef TERTIAL_FRAMES_H
#define TERTIAL_FRAMES_H

#include "budget.h"
#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/* ---- the chain of versions ---- */

/** The chain of a budget version: its versions stage by stage (tertial_budget_chain_of()). */
typedef struct tertial_budget_chain tertial_budget_chain;

/**
 * The chain of a version: the versions it was revised from, back to the first, then itself, then
 * the versions that continue it (each the first revision of the one before that is not an
 * alternative; after an alternative, the first alternative revising it), in order. The chain of
 * the opposition's alternative is the chain up to the version it revises, then the alternative.
 * @param out receives the chain, freed with tertial_budget_chain_free().
 * @param measure a budget version.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (not a budget version), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_budget_chain_of(tertial_budget_chain **out, const tertial_model *model, int measure);

/** Number of versions in a chain (0 for NULL). */
TERTIAL_API size_t tertial_budget_chain_count(const tertial_budget_chain *chain);

/** Version @p index of a chain, the first stage first (borrowed; NULL if out of range). */
TERTIAL_API const tertial_budget_version *tertial_budget_chain_at(const tertial_budget_chain *chain, size_t index);

/** Free a chain (NULL is allowed). */
TERTIAL_API void tertial_budget_chain_free(tertial_budget_chain *chain);

/** The short English name of a version kind: "frame", "adopted", "detailed", "revised",
 *  "preliminary", "mor", "finansplan", "alternative"; NULL for an unknown kind. */
TERTIAL_API const char *tertial_budget_kind_name(tertial_budget_kind kind);

/** The kind named @p name (tertial_budget_kind_name(), letter case ignored).
 *  @return 0, ::TERTIAL_ERR_NOT_FOUND (the message lists the names), ::TERTIAL_ERR_INVALID. */
TERTIAL_API int tertial_budget_kind_parse(tertial_budget_kind *out, const char *name);

/* ---- frame updates ---- */

/** What a frame update line is. */
typedef enum tertial_frame_line_kind {
  TERTIAL_FRAME_INDEXATION = 0, /**< price and wage indexation (pris- och löneuppräkning): a rate */
  TERTIAL_FRAME_VOLUME = 1,     /**< volume from demography (volymförändring): persons × cost per inhabitant */
  TERTIAL_FRAME_AMOUNT = 2,     /**< an explained amount (e.g. a tax forecast's effect) */
} tertial_frame_line_kind;

/** The largest indexation rate, in basis points: ±100 000 (±1 000 %). */
#define TERTIAL_FRAME_MAX_RATE 100000

/** The current version of ::tertial_frame_line. */
#define TERTIAL_FRAME_LINE_VERSION 1

/** One line of a frame update. Strings are copied by tertial_frame_update_add(). */
typedef struct tertial_frame_line {
  unsigned int version;          /**< ::TERTIAL_FRAME_LINE_VERSION */
  const char *unit;              /**< the unit's code (a committee or an administration) */
  const char *account;           /**< the account the change is booked on */
  tertial_frame_line_kind kind;  /**< what the line is */
  int64_t rate;                  /**< indexation: basis points (hundredths of a percent), 280 for 2,80 % */
  int64_t persons;               /**< volume: the change in population of the age group (negative: fewer) */
  int64_t per_person;            /**< volume: the cost per inhabitant and year, öre */
  int64_t amount;                /**< amount: öre a year (ledger sign: a cost positive) */
  const char *group;             /**< volume: the age group, e.g. "1–5 år" ("" for none) */
  const char *text;              /**< the explanation ("" for none) */
  int64_t base;                  /**< set by apply, indexation: the unit's net frame indexed, öre */
  int64_t change;                /**< set by apply: the amount the line added, öre */
} tertial_frame_line;

/** An empty line: an amount line with no unit, account or amount. */
#define TERTIAL_FRAME_LINE_INIT \
  {TERTIAL_FRAME_LINE_VERSION, NULL, NULL, TERTIAL_FRAME_AMOUNT, 0, 0, 0, 0, NULL, NULL, 0, 0}

/** A frame update: its lines, in order. */
typedef struct tertial_frame_update tertial_frame_update;

/** A new, empty frame update. @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID. */
TERTIAL_API int tertial_frame_update_new(tertial_frame_update **out);

/** Free a frame update (NULL is allowed). */
TERTIAL_API void tertial_frame_update_free(tertial_frame_update *update);

/**
 * Add a line (copied; base and change start at 0).
 * @return 0, ::TERTIAL_ERR_INVALID (an unknown line version, no unit or account, an unknown kind, a rate beyond
 *         ±::TERTIAL_FRAME_MAX_RATE, an amount, cost per inhabitant or change in population
 *         beyond ±::TERTIAL_MONEY_MAX_AMOUNT), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_frame_update_add(tertial_frame_update *update, const tertial_frame_line *line);

/** Number of lines (0 for NULL). */
TERTIAL_API size_t tertial_frame_update_count(const tertial_frame_update *update);

/** Line @p index (borrowed), NULL if out of range. */
TERTIAL_API const tertial_frame_line *tertial_frame_update_at(const tertial_frame_update *update, size_t index);

/**
 * Apply a frame update: revise version @p from into a new version (tertial_budget_revise(), so the
 * stages' order holds) and add each line's amount to it on the line's unit and account, as an
 * annual amount periodised with the key the model resolves for them. Every line is computed from
 * @p from as it stands, before any line is added (indexation does not compound), and its base
 * and change are set in @p update. Everything is checked before the version is made; nothing is
 * changed on an error.
 * @param out_measure receives the new version.
 * @param opts the new version's metadata; NULL: the kind of @p from, no date or texts.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (@p from, a line's unit or account: the message names the
 *         line), ::TERTIAL_ERR_OVERFLOW (a change or a resulting annual budget beyond
 *         ±::TERTIAL_MONEY_MAX_AMOUNT), ::TERTIAL_ERR_STATE (the stages' order), and as
 *         tertial_budget_revise().
 */
TERTIAL_API int tertial_frame_update_apply(int *out_measure, tertial_model *model, int from, const char *name,
                                           const tertial_budget_options *opts, tertial_frame_update *update);

/**
 * The sum of the lines' changes after tertial_frame_update_apply(), over every unit or one.
 * @param unit a unit code, or NULL for every line.
 * @return 0, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_frame_update_total(int64_t *out, const tertial_frame_update *update, const char *unit);

/**
 * Read frame update lines from CSV text (separator ';' or ','; a first line naming the columns):
 * "enhet" (unit code), "konto" (account), "typ" ("uppräkning"/"indexation", "volym"/"volume",
 * "belopp"/"amount"), "sats" (indexation: a percent with at most two decimals, "2,80" or
 * "2,80 %"), "antal" (volume: a whole number of persons, may be negative), "kostnad per
 * invånare" (volume: kr), "belopp" (amount: kr; a header with "tkr" reads tkr), "åldersgrupp"
 * and "text". Lines starting with '#' and blank lines are skipped. The first error names the
 * file, line and column and what was expected; nothing is added then.
 * @param source the name in messages (e.g. the file's path); NULL means "frame update".
 * @return 0, ::TERTIAL_ERR_PARSE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_frame_update_parse(tertial_frame_update *update, const char *text, size_t len,
                                           const char *source);

/** tertial_frame_update_parse() of a file. @return as it, and ::TERTIAL_ERR_IO. */
TERTIAL_API int tertial_frame_update_load(tertial_frame_update *update, const char *path);

TERTIAL_END_DECLS

#endif
