/* Internal: what a store writes of the goals and reads back that the public API does not give. */
#ifndef TERTIAL_GOALS_INTERNAL_H
#define TERTIAL_GOALS_INTERNAL_H

#include "internal.h"
#include "model_internal.h"

#include <tertial/goals.h>

/* Every target, own value, status setting and budgeted volume, in a stable order (indicators, values as set,
 * goals by id with their points' settings oldest first). A callback's error stops the walk. */
typedef struct tertial__goals_visitor {
  int (*target)(void *ctx, tertial_indicator_id id, int year, int64_t target, int64_t high);
  int (*value)(void *ctx, tertial_indicator_id id, tertial_unit_id unit, int period, const tertial_indicator_value *v);
  int (*setting)(void *ctx, tertial_goal_id goal, const char *point, const tertial_goal_state *s);
  int (*budget)(void *ctx, tertial_indicator_id id, tertial_unit_id unit, int64_t per_month);
  void *ctx;
} tertial__goals_visitor;
int tertial__goals_visit(const tertial__goals *goals, const tertial__goals_visitor *v);

/* Append a stored setting as it was (version the next; no rule, no checks of the reason). */
int tertial__goals_load_setting(tertial__goals *goals, tertial_goal_id goal, const char *point_code,
                                const tertial_goal_state *state);

#endif
