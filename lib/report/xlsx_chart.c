/* The chart and drawing parts of Tertial's xlsx writer; see xlsx_chart.h. */
#include <stdio.h>
#include <string.h>

#include "xlsx_chart.h"

uint32_t tertial__xlw_width_px(double width)
{
  /* Excel's: the maximum digit width of Calibri 11 is 7 pixels, with 5 pixels of padding */
  if (width <= 0)
    return 0;
  if (width < 1)
    return (uint32_t)(width * 12 + 0.5);
  return (uint32_t)(width * 7 + 0.5) + 5;
}

int tertial__xlw_escape(tertial_strbuf *out, const char *s, int attribute)
{
  int rc = 0;
  const char *run = s;
  for (const char *p = s; rc == 0; p++) {
    unsigned char ch = (unsigned char)*p;
    const char *rep = NULL;
    char hex[8];
    if (ch == '&')
      rep = "&amp;";
    else if (ch == '<')
      rep = "&lt;";
    else if (ch == '>')
      rep = "&gt;";
    else if (ch == '"' && attribute)
      rep = "&quot;";
    else if (ch == '\n' && attribute)
      rep = "&#xA;";
    else if (ch != 0 && ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
      snprintf(hex, sizeof hex, "_x%04X_", ch); /* not allowed in XML 1.0: Excel's escape */
      rep = hex;
    }
    if (!rep && ch != 0)
      continue;
    if (p > run)
      rc = tertial__sb_append_len(out, run, (size_t)(p - run));
    if (ch == 0)
      break;
    if (rc == 0)
      rc = tertial__sb_append(out, rep);
    run = p + 1;
  }
  return rc;
}
