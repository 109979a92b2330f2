/**
 * @file render_xlsx.h
 * @brief (being written)
 */
#ifndef TERTIAL_RENDER_XLSX_H
#define TERTIAL_RENDER_XLSX_H

#include "common.h"

#endif
