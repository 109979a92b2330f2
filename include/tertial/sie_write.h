/**
 * @file sie_write.h
 * @brief (being written)
 */
#ifndef TERTIAL_SIE_WRITE_H
#define TERTIAL_SIE_WRITE_H

#include "common.h"

#endif
