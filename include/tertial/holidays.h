/**
 * @file holidays.h
 * @brief (being written)
 */
#ifndef TERTIAL_HOLIDAYS_H
#define TERTIAL_HOLIDAYS_H

#include "common.h"

#endif
