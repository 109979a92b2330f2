/* Internal: a table of text cells read from a CSV or xlsx file (table_read.c), for the import of
 * a municipality's own files (import.c). Not installed. */
#ifndef TERTIAL_TABLE_INTERNAL_H
#define TERTIAL_TABLE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tertial/calendar.h"

/* Limits on untrusted input: a file's (or an xlsx part's uncompressed) size and the cells. */
#define TERTIAL__TABLE_MAX_BYTES ((size_t)512 << 20)
#define TERTIAL__TABLE_MAX_CELLS ((size_t)64000000)
/* xlsx: the widest sheet read (column XFD is Excel's last) and the highest row. */
#define TERTIAL__TABLE_MAX_COLUMNS 16384
#define TERTIAL__TABLE_MAX_ROW 1048576

typedef struct tertial__table_row {
  size_t first;  /* index of its first cell */
  size_t n;      /* its cells */
  uint32_t line; /* CSV: the line it starts on; xlsx: the row number */
} tertial__table_row;

typedef struct tertial__table {
  char *text;            /* the cells' texts, each NUL-terminated, at offsets */
  size_t text_len, text_cap;
  size_t *cells;         /* offsets into text */
  uint32_t *lines;       /* CSV: the line each cell starts on */
  size_t ncells, cap_cells;
  tertial__table_row *rows;
  size_t nrows, cap_rows;
  char *source;          /* "budget.csv", or "budget.xlsx:Blad1" */
  int xlsx;              /* positions as sheet!A1 rather than line:column */
  const char *encoding;  /* "UTF-8", "UTF-8 with BOM", "Windows-1252" or "xlsx" */
  struct tertial__table_style *styles; /* xlsx read with styles: one per cell; NULL otherwise */
} tertial__table;

/* How an xlsx cell shows its value (tertial__table_read_xlsx_styled): the decimals of its number
 * format (-1: General, as stored), a percent format (the value is shown times 100), the indent. */
typedef struct tertial__table_style {
  signed char decimals;
  unsigned char percent;
  unsigned char indent;
} tertial__table_style;

/* Read CSV text: ';', ',' or TAB as delimiter (the first ten lines' most frequent one outside
 * quotes), fields quoted with '"' ("" for a quote, line breaks within), CRLF, LF or CR line ends,
 * UTF-8 with or without a byte-order mark or else Windows-1252. `source` names the file in
 * messages. Returns 0, TERTIAL_ERR_PARSE (message with the line), TERTIAL_ERR_RANGE (a limit),
 * TERTIAL_ERR_NOMEM. */
int tertial__table_read_csv(tertial__table **out, const char *data, size_t len, const char *source);

/* Read one sheet of an xlsx workbook (the first when sheet is NULL). Returns 0,
 * TERTIAL_ERR_PARSE (a broken zip or XML, no such sheet), TERTIAL_ERR_RANGE, TERTIAL_ERR_IO,
 * TERTIAL_ERR_NOMEM. */
int tertial__table_read_xlsx(tertial__table **out, const char *path, const char *sheet);

/* As tertial__table_read_xlsx(), also reading how each cell is shown (t->styles). */
int tertial__table_read_xlsx_styled(tertial__table **out, const char *path, const char *sheet);

/* The names of an xlsx workbook's sheets, in order (a NULL-terminated vector, freed with
 * tertial__table_sheets_free()). Returns 0,
 * TERTIAL_ERR_PARSE, TERTIAL_ERR_IO, TERTIAL_ERR_NOMEM. */
int tertial__table_xlsx_sheets(char ***out, const char *path);
/* Free a list of tertial__table_xlsx_sheets() (NULL is fine). */
void tertial__table_sheets_free(char **sheets);

/* A whole file (free() it), at most TERTIAL__TABLE_MAX_BYTES. Returns 0, TERTIAL_ERR_IO (the
 * message names the file), TERTIAL_ERR_RANGE, TERTIAL_ERR_NOMEM. */
int tertial__table_read_all(char **out, size_t *out_len, const char *path);

/* Read a file: xlsx when it starts as a zip archive, CSV otherwise (a sheet is an error then). */
int tertial__table_read_file(tertial__table **out, const char *path, const char *sheet);

void tertial__table_free(tertial__table *t);

/* The columns of a file of facts (tertial_ledger_load_csv()), named as import.c names them. */
enum { TERTIAL__FACT_UNIT, TERTIAL__FACT_ACCOUNT, TERTIAL__FACT_MONTH, TERTIAL__FACT_PERIOD, TERTIAL__FACT_MEASURE,
       TERTIAL__FACT_AMOUNT, TERTIAL__FACT_COUNT };

/* The fact column a header names ("Enhet", "Belopp (kr)", "measure"), or -1. */
int tertial__import_fact_column(const char *header);

/* A month of the fiscal year from a cell's text as the import reads it ("3", "mars", "2026-03",
 * "202603"; `period_only`: only yyyymm and yyyy-mm): its fiscal month index, or -1. */
int tertial__import_month_index(const tertial_fiscal_year *fy, const char *text, int period_only);

/* The text of a cell ("" beyond the end of its row). */
const char *tertial__table_cell(const tertial__table *t, size_t row, size_t col);

/* Where a cell is, for messages: "budget.csv:7:3" (line and column, 1-based) or
 * "budget.xlsx:Blad1!C7". */
void tertial__table_where(char *buf, size_t size, const tertial__table *t, size_t row, size_t col);

#endif
