/* Internal: the model creates and frees its forecast plan. */
#ifndef TERTIAL_FORECAST_INTERNAL_H
#define TERTIAL_FORECAST_INTERNAL_H

#include "internal.h"

int tertial__forecast_plan_new(tertial_forecast_plan **out, tertial_model *model);
void tertial__forecast_plan_free(tertial_forecast_plan *plan);

#endif
