/**
 * @file tertial.h
 * @brief The umbrella header: include this one.
 */
#ifndef TERTIAL_TERTIAL_H
#define TERTIAL_TERTIAL_H

#include "tertial/version.h"
#include "common.h"
#include "error.h"
#include "money.h"
#include "calendar.h"
#include "org.h"
#include "accounts.h"
#include "ledger.h"
#include "model.h"
#include "followup.h"
#include "forecast.h"
#include "snapshot.h"
#include "store.h"
#include "accuracy.h"
#include "accrual.h"
#include "measures.h"
#include "demo.h"
#include "check.h"
#include "render_text.h"
#include "report.h"
#include "presentation.h"
#include "render_csv.h"
#include "render_json.h"
#include "render_xlsx.h"
#include "render_docx.h"
#include "holidays.h"
#include "keys.h"
#include "budget.h"
#include "sie.h"
#include "sie_load.h"
#include "sie_write.h"
#include "import.h"
#include "round.h"
#include "goals.h"
#include "wheel.h"
#include "priorities.h"
#include "intcontrol.h"
#include "audit.h"
#include "priorities_budget.h"
#include "unfunded.h"

#endif
