/**
 * @file sie_load.h
 * @brief (being written)
 */
#ifndef TERTIAL_SIE_LOAD_H
#define TERTIAL_SIE_LOAD_H

#include "common.h"

#endif
