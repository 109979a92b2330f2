/**
 * @file render_json.h
 * @brief (being written)
 */
#ifndef TERTIAL_RENDER_JSON_H
#define TERTIAL_RENDER_JSON_H

#include "common.h"

#endif
