/**
 * @file budget.h
 * @brief (being written)
 */
#ifndef TERTIAL_BUDGET_H
#define TERTIAL_BUDGET_H

#include "common.h"

#endif
