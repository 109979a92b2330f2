/**
 * @file intcontrol.h
 * @brief Internal control (intern kontroll): a committee's risk analysis, its internal control
 *        plan and the plan's follow-up at the follow-up points.
 *
 * The risk analysis (riskanalys) values each risk of a process on two scales of 1 to 4, the
 * likelihood (sannolikhet) and the consequence (konsekvens); the risk value is their product
 * (1..16). A risk whose value reaches the *threshold* is to be controlled (it belongs in the
 * internal control plan), one below it is accepted. The threshold is data: 9 by default (the
 * upper part of the usual 4×4 matrix, where 9–16 is a high risk), set per analysis with
 * tertial_intcontrol_set_threshold().
 *
 * The internal control plan (internkontrollplan) holds, per control, the risk it controls, the
 * control activity (kontrollmoment), the method (e.g. stickprov), the frequency, who is responsible
 * and the follow-up point at which it is reported (e.g. T2). Each report at a follow-up point gives
 * the result, the number of deviations found and the measures taken.
 */
#ifndef TERTIAL_INTCONTROL_H
#define TERTIAL_INTCONTROL_H

#include <stddef.h>

#include "common.h"

TERTIAL_BEGIN_DECLS

/** A risk of the analysis (borrowed from it). */
typedef struct tertial_risk {
  const char *code;      /**< unique, e.g. "R1" */
  const char *committee; /**< the committee (nämnd) whose analysis it is */
  const char *process;   /**< the process or routine at risk */
  const char *risk;      /**< what may go wrong */
  int likelihood;        /**< sannolikhet, 1..4 */
  int consequence;       /**< konsekvens, 1..4 */
} tertial_risk;

/** A control of the internal control plan (borrowed from its analysis). */
typedef struct tertial_control {
  const char *code;        /**< unique, e.g. "K1" */
  const char *risk;        /**< the code of the risk it controls */
  const char *activity;    /**< kontrollmoment */
  const char *method;      /**< e.g. "stickprov 10 fakturor" */
  const char *frequency;   /**< e.g. "per tertial" */
  const char *responsible; /**< who controls */
  const char *point;       /**< the follow-up point it is reported at, e.g. "T2" */
} tertial_control;

/** A control's report at a follow-up point (borrowed from its analysis). */
typedef struct tertial_control_result {
  const char *control;  /**< the control's code */
  const char *point;    /**< the follow-up point, e.g. "T2" */
  const char *result;   /**< what the control showed */
  int deviations;       /**< the number of deviations found, 0.. */
  const char *measures; /**< the measures taken, "" when none */
} tertial_control_result;

/** A committee's risk analysis, control plan and follow-up (opaque). */
typedef struct tertial_intcontrol tertial_intcontrol;

/**
 * Create an empty analysis with the threshold 9.
 * @param out receives it; free with tertial_intcontrol_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_intcontrol_new(tertial_intcontrol **out);

/** Free an analysis (NULL-safe). */
TERTIAL_API void tertial_intcontrol_free(tertial_intcontrol *ic);

/**
 * Set the risk value from which a risk is controlled.
 * @param threshold 1..17 (17: every risk is accepted).
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_intcontrol_set_threshold(tertial_intcontrol *ic, int threshold);

/** The threshold (0 for NULL). */
TERTIAL_API int tertial_intcontrol_threshold(const tertial_intcontrol *ic);

/**
 * Add a risk (copied).
 * @return 0, ::TERTIAL_ERR_EXISTS (the code), ::TERTIAL_ERR_RANGE (a scale outside 1..4),
 *         ::TERTIAL_ERR_INVALID (an empty code or risk, not UTF-8), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_intcontrol_add_risk(tertial_intcontrol *ic, const tertial_risk *risk);

/**
 * Add a control to the plan (copied).
 * @return 0, ::TERTIAL_ERR_EXISTS (the code), ::TERTIAL_ERR_NOT_FOUND (no such risk),
 *         ::TERTIAL_ERR_INVALID (an empty code, activity or point, not UTF-8), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_intcontrol_add_control(tertial_intcontrol *ic, const tertial_control *control);

/**
 * Add a control's report at a follow-up point (copied).
 * @return 0, ::TERTIAL_ERR_EXISTS (the control has a report at the point), ::TERTIAL_ERR_NOT_FOUND
 *         (no such control), ::TERTIAL_ERR_RANGE (negative deviations), ::TERTIAL_ERR_INVALID,
 *         ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_intcontrol_add_result(tertial_intcontrol *ic, const tertial_control_result *result);

/** What a table holds (tertial_intcontrol_parse()). */
typedef enum tertial_intcontrol_table {
  /** kod/code, nämnd/committee, process, risk, sannolikhet/likelihood, konsekvens/consequence */
  TERTIAL_INTCONTROL_RISKS = 0,
  /** kod/code, risk, kontrollmoment/activity, metod/method, frekvens/frequency, ansvarig/responsible,
   *  rapporteras/point */
  TERTIAL_INTCONTROL_PLAN = 1,
  /** kontroll/control, uppföljning/point, resultat/result, avvikelser/deviations, åtgärder/measures */
  TERTIAL_INTCONTROL_RESULTS = 2,
} tertial_intcontrol_table;

/**
 * Read risks, controls or results from a table (';', ',' or TAB separated, the first line naming
 * the columns in Swedish or English) and add them, all or none.
 * @param source the file's name in messages.
 * @return 0, ::TERTIAL_ERR_PARSE (source:line:column, the column and what was expected; an unknown
 *         risk or control; a code taken), ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_intcontrol_parse(tertial_intcontrol *ic, tertial_intcontrol_table table, const char *text,
                                         size_t len, const char *source);

/**
 * Read a table from a file (as tertial_intcontrol_parse()).
 * @return as tertial_intcontrol_parse(), and ::TERTIAL_ERR_IO.
 */
TERTIAL_API int tertial_intcontrol_load(tertial_intcontrol *ic, tertial_intcontrol_table table, const char *path);

/** Number of risks (0 for NULL). */
TERTIAL_API size_t tertial_intcontrol_risk_count(const tertial_intcontrol *ic);
/** Risk @p index in the order added (borrowed), NULL if out of range. */
TERTIAL_API const tertial_risk *tertial_intcontrol_risk_at(const tertial_intcontrol *ic, size_t index);

/**
 * Risk @p index's value (likelihood × consequence) and decision.
 * @param out_value receives 1..16 (may be NULL).
 * @param out_control receives 1 when the value reaches the threshold (control), 0 (accept); may be NULL.
 * @return 0, ::TERTIAL_ERR_RANGE (@p index), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_intcontrol_risk_value(int *out_value, int *out_control, const tertial_intcontrol *ic,
                                              size_t index);

/**
 * The number of controls in the plan for risk @p index (a risk to control without one is a gap in
 * the plan).
 * @return the number, or ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_intcontrol_risk_controls(const tertial_intcontrol *ic, size_t index);

/** Number of controls (0 for NULL). */
TERTIAL_API size_t tertial_intcontrol_control_count(const tertial_intcontrol *ic);
/** Control @p index in the order added (borrowed), NULL if out of range. */
TERTIAL_API const tertial_control *tertial_intcontrol_control_at(const tertial_intcontrol *ic, size_t index);

/** Number of results (0 for NULL). */
TERTIAL_API size_t tertial_intcontrol_result_count(const tertial_intcontrol *ic);
/** Result @p index in the order added (borrowed), NULL if out of range. */
TERTIAL_API const tertial_control_result *tertial_intcontrol_result_at(const tertial_intcontrol *ic, size_t index);

TERTIAL_END_DECLS

#endif
