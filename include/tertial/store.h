/**
 * @file store.h
 * @brief (being written)
 */
#ifndef TERTIAL_STORE_H
#define TERTIAL_STORE_H

#include "common.h"

#endif
