/**
 * @file priorities.h
 * @brief The prioritisation model (Motala's Bilaga 3, Prioriteringsmodell): proposals for
 *        prioritisation, efficiency and rationing described the same way and ranked by a rule
 *        that is data.
 *
 * Each proposal states the problem, the target group, the measure, its cost (öre; negative for
 * a saving), and three judgements on fixed scales: difficulty (svårighetsgrad: mycket stor, stor,
 * måttlig, liten), benefit (nytta: mycket stor, stor, måttlig, liten, ingen) and cost-effectiveness
 * (kostnadseffektivitet: mycket hög, hög, måttlig, låg), with the perspective the judgement is made
 * from (individ/medborgare, samhälle, organisation), a consequence analysis, an owner and a status
 * (proposed by the administration, decided by the committee, lifted to the council).
 *
 * A *rule* ranks them: a list of criteria, each compared in its direction, the next breaking the
 * ties of the one before; proposals equal on every criterion share a rank (1, 2, 2, 4) and keep the
 * order they were added in. The criteria are the points of the scales — benefit (ingen 0 .. mycket
 * stor 4), cost_effectiveness (låg 1 .. mycket hög 4), ease (the difficulty turned round: mycket
 * stor 1 .. liten 4) — the cost (lowest first: the largest saving first), the kind and a weighted
 * score, Σ weight × points over benefit, cost_effectiveness and ease. The seed gives no formula;
 * the default rule follows the model's purpose, the expected benefit first: benefit, then
 * cost-effectiveness, then ease, then cost. docs/planning.md describes the rule's text form.
 */
#ifndef TERTIAL_PRIORITIES_H
#define TERTIAL_PRIORITIES_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

TERTIAL_BEGIN_DECLS

/** What a proposal is. */
typedef enum tertial_proposal_kind {
  TERTIAL_PROPOSAL_PRIORITISATION = 0, /**< prioritering */
  TERTIAL_PROPOSAL_EFFICIENCY = 1,     /**< effektivisering */
  TERTIAL_PROPOSAL_RATIONING = 2,      /**< ransonering */
} tertial_proposal_kind;

/** Svårighetsgrad. */
typedef enum tertial_difficulty {
  TERTIAL_DIFFICULTY_VERY_LARGE = 1, /**< mycket stor */
  TERTIAL_DIFFICULTY_LARGE = 2,      /**< stor */
  TERTIAL_DIFFICULTY_MODERATE = 3,   /**< måttlig */
  TERTIAL_DIFFICULTY_SMALL = 4,      /**< liten */
} tertial_difficulty;

/** Nytta: its value is its points. */
typedef enum tertial_benefit {
  TERTIAL_BENEFIT_NONE = 0,       /**< ingen */
  TERTIAL_BENEFIT_SMALL = 1,      /**< liten */
  TERTIAL_BENEFIT_MODERATE = 2,   /**< måttlig */
  TERTIAL_BENEFIT_LARGE = 3,      /**< stor */
  TERTIAL_BENEFIT_VERY_LARGE = 4, /**< mycket stor */
} tertial_benefit;

/** Kostnadseffektivitet: its value is its points. */
typedef enum tertial_cost_effectiveness {
  TERTIAL_COST_EFFECTIVENESS_LOW = 1,       /**< låg */
  TERTIAL_COST_EFFECTIVENESS_MODERATE = 2,  /**< måttlig */
  TERTIAL_COST_EFFECTIVENESS_HIGH = 3,      /**< hög */
  TERTIAL_COST_EFFECTIVENESS_VERY_HIGH = 4, /**< mycket hög */
} tertial_cost_effectiveness;

/** The perspective of the judgement. */
typedef enum tertial_perspective {
  TERTIAL_PERSPECTIVE_INDIVIDUAL = 0,   /**< individ/medborgare */
  TERTIAL_PERSPECTIVE_SOCIETY = 1,      /**< samhälle */
  TERTIAL_PERSPECTIVE_ORGANISATION = 2, /**< organisation */
} tertial_perspective;

/** Where a proposal stands. */
typedef enum tertial_proposal_status {
  TERTIAL_PROPOSAL_PROPOSED = 0, /**< proposed by the administration (förvaltningen) */
  TERTIAL_PROPOSAL_DECIDED = 1,  /**< decided by the committee (nämnden) */
  TERTIAL_PROPOSAL_LIFTED = 2,   /**< lifted to the council (kommunövergripande) */
} tertial_proposal_status;

/** The version of ::tertial_proposal this header declares: 2 adds `unit` and `account`
 * (a version 1 proposal, without them, is still accepted). */
#define TERTIAL_PROPOSAL_VERSION 2

/** A proposal. Initialise with ::TERTIAL_PROPOSAL_INIT; strings may be NULL (""). */
typedef struct tertial_proposal {
  unsigned int version;           /**< ::TERTIAL_PROPOSAL_VERSION */
  const char *code;               /**< unique, non-empty, e.g. "SOC-3" */
  tertial_proposal_kind kind;     /**< prioritisation, efficiency or rationing */
  const char *problem;            /**< the need the measure answers, its extent and the risks of doing nothing */
  const char *target_group;       /**< målgrupp */
  const char *measure;            /**< åtgärd, non-empty */
  int64_t cost;                   /**< öre a year; negative for a saving */
  tertial_difficulty difficulty;  /**< svårighetsgrad */
  tertial_benefit benefit;        /**< nytta */
  tertial_cost_effectiveness cost_effectiveness; /**< kostnadseffektivitet */
  tertial_perspective perspective; /**< the judgement's perspective */
  const char *consequences;       /**< konsekvensanalys */
  const char *owner;              /**< who proposes it (a committee or administration) */
  tertial_proposal_status status; /**< where it stands */
  const char *unit;               /**< the unit whose budget it changes (a unit code), for tertial_proposals_apply() */
  const char *account;            /**< the account it changes (an account number), for tertial_proposals_apply() */
} tertial_proposal;

/** A prioritisation proposal, proposed, with no texts, cost 0 and the middle of each scale. */
#define TERTIAL_PROPOSAL_INIT                                                                              \
  {                                                                                                        \
    TERTIAL_PROPOSAL_VERSION, NULL, TERTIAL_PROPOSAL_PRIORITISATION, NULL, NULL, NULL, 0,                   \
      TERTIAL_DIFFICULTY_MODERATE, TERTIAL_BENEFIT_MODERATE, TERTIAL_COST_EFFECTIVENESS_MODERATE,           \
      TERTIAL_PERSPECTIVE_INDIVIDUAL, NULL, NULL, TERTIAL_PROPOSAL_PROPOSED, NULL, NULL                     \
  }

/** A list of proposals (opaque). */
typedef struct tertial_proposals tertial_proposals;

/**
 * Create an empty list.
 * @param out receives it; free with tertial_proposals_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_proposals_new(tertial_proposals **out);

/** Free a list (NULL-safe). */
TERTIAL_API void tertial_proposals_free(tertial_proposals *list);

/**
 * Add a proposal (copied).
 * @return 0, ::TERTIAL_ERR_EXISTS (the code is taken), ::TERTIAL_ERR_INVALID (an empty code or
 *         measure, text that is not UTF-8, an unknown version or a value outside its scale),
 *         ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_proposals_add(tertial_proposals *list, const tertial_proposal *p);

/**
 * Read proposals from a table (';', ',' or TAB separated; the first line names the columns, in
 * Swedish or English: kod/code, typ/kind, problem, målgrupp/target group, åtgärd/measure,
 * kostnad/cost (in tkr when the header says "tkr", as Bilaga 3 asks, else in kr; Swedish or plain
 * notation, exact to the öre), svårighetsgrad/difficulty, nytta/benefit,
 * kostnadseffektivitet/cost-effectiveness, perspektiv/perspective, konsekvensanalys/consequences,
 * ansvarig/owner, status, and the optional enhet/unit and konto/account of the budget the proposal
 * changes) and add them, all or none.
 * @param source the file's name in messages.
 * @return 0, ::TERTIAL_ERR_PARSE (source:line:column, the column and what was expected; a code
 *         taken), ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_proposals_parse(tertial_proposals *list, const char *text, size_t len, const char *source);

/**
 * Read proposals from a file (as tertial_proposals_parse()).
 * @return as tertial_proposals_parse(), and ::TERTIAL_ERR_IO.
 */
TERTIAL_API int tertial_proposals_load(tertial_proposals *list, const char *path);

/** Number of proposals (0 for NULL). */
TERTIAL_API size_t tertial_proposals_count(const tertial_proposals *list);

/** Proposal @p index in the order added (borrowed from @p list), NULL if out of range. */
TERTIAL_API const tertial_proposal *tertial_proposals_at(const tertial_proposals *list, size_t index);

/** A ranking rule (opaque). */
typedef struct tertial_priority_rule tertial_priority_rule;

/**
 * The default rule: benefit, cost_effectiveness, ease (each highest first), cost (lowest first).
 * @param out receives it; free with tertial_priority_rule_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_priority_rule_new_default(tertial_priority_rule **out);

/**
 * Read a rule from its text form, one `setting = value` a line ('#' starts a comment line):
 * `order = score, benefit, cost` (criteria, each optionally followed by `asc` or `desc`; the
 * defaults are highest first, and lowest first for cost and kind) and `weight.benefit`,
 * `weight.cost_effectiveness`, `weight.ease` (integers 0..1000, default 0) for the score.
 * @code
 * weight.benefit = 3
 * weight.cost_effectiveness = 2
 * weight.ease = 1
 * order = score, cost
 * @endcode
 * @param source the file's name in messages.
 * @return 0, ::TERTIAL_ERR_PARSE (source:line and what was expected), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_priority_rule_parse(tertial_priority_rule **out, const char *text, const char *source);

/**
 * Read a rule from a file (as tertial_priority_rule_parse()).
 * @return as tertial_priority_rule_parse(), and ::TERTIAL_ERR_IO.
 */
TERTIAL_API int tertial_priority_rule_load(tertial_priority_rule **out, const char *path);

/** Free a rule (NULL-safe). */
TERTIAL_API void tertial_priority_rule_free(tertial_priority_rule *rule);

/**
 * The rule written back in its text form ("order = benefit desc, ...\n" and its non-zero weights).
 * @return a string to free with tertial_free(), or NULL (out of memory, NULL rule).
 */
TERTIAL_API char *tertial_priority_rule_describe(const tertial_priority_rule *rule);

/**
 * A proposal's weighted score under a rule: Σ weight × points over benefit, cost_effectiveness and
 * ease.
 * @return 0, ::TERTIAL_ERR_RANGE (@p index), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_proposals_score(int64_t *out, const tertial_proposals *list, size_t index,
                                        const tertial_priority_rule *rule);

/**
 * Rank the proposals by a rule.
 * @param order receives the proposals' indexes, best first (tertial_proposals_count() of them).
 * @param ranks receives, per position of @p order, its rank from 1 (equal proposals share one);
 *        may be NULL.
 * @param n the room in @p order and @p ranks.
 * @return 0, ::TERTIAL_ERR_BUFFER (@p n is smaller than the count), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_proposals_rank(size_t *order, size_t *ranks, size_t n, const tertial_proposals *list,
                                       const tertial_priority_rule *rule);

/** The Swedish names of the scales' values ("mycket stor", "hög", "effektivisering", ...); "" if unknown. */
TERTIAL_API const char *tertial_proposal_kind_name(tertial_proposal_kind kind);
/** @copydoc tertial_proposal_kind_name */
TERTIAL_API const char *tertial_difficulty_name(tertial_difficulty d);
/** @copydoc tertial_proposal_kind_name */
TERTIAL_API const char *tertial_benefit_name(tertial_benefit b);
/** @copydoc tertial_proposal_kind_name */
TERTIAL_API const char *tertial_cost_effectiveness_name(tertial_cost_effectiveness c);
/** @copydoc tertial_proposal_kind_name */
TERTIAL_API const char *tertial_perspective_name(tertial_perspective p);
/** @copydoc tertial_proposal_kind_name */
TERTIAL_API const char *tertial_proposal_status_name(tertial_proposal_status s);

TERTIAL_END_DECLS

#endif
