/**
 * @file report.h
 * @brief (being written)
 */
#ifndef TERTIAL_REPORT_H
#define TERTIAL_REPORT_H

#include "common.h"

#endif
