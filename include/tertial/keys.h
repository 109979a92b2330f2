/**
 * @file keys.h
 * @brief (being written)
 */
#ifndef TERTIAL_KEYS_H
#define TERTIAL_KEYS_H

#include "common.h"

#endif
