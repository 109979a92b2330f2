/**
 * @file sie.h
 * @brief (being written)
 */
#ifndef TERTIAL_SIE_H
#define TERTIAL_SIE_H

#include "common.h"

#endif
