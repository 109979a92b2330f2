/**
 * @file render_csv.h
 * @brief (being written)
 */
#ifndef TERTIAL_RENDER_CSV_H
#define TERTIAL_RENDER_CSV_H

#include "common.h"

#endif
