/* mkdtemp */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unzip.h>

#include "testutil.h"

#include "failalloc.h"
#include "failalloc_each.h"

#include "report_fixture.h"

static char tmpdir[64];

static void make_tmpdir(void)
{
  strcpy(tmpdir, "/tmp/tertial-docx-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
  DIR *d = opendir(tmpdir);
  struct dirent *e;
  while (d && (e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
    unlink(p);
  }
  if (d)
    closedir(d);
  rmdir(tmpdir);
}

static const char *path_in(const char *name)
{
  static char buf[4][256];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
  return buf[k];
}

static char *slurp(const char *path, size_t *len)
{
  gchar *data = NULL;
  gsize n = 0;
  ck_assert_msg(g_file_get_contents(path, &data, &n, NULL), "cannot read %s", path);
  if (len)
    *len = n;
  return data;
}

/* The names of a zip's entries in order, separated by '\n', and one entry's text (minizip's unzip.h). */
static char *zip_read(const char *path, const char *want, GString *names)
{
  unzFile z = unzOpen64(path);
  ck_assert_msg(z != NULL, "%s is not a zip", path);
  char *found = NULL;
  for (int rc = unzGoToFirstFile(z); rc == UNZ_OK; rc = unzGoToNextFile(z)) {
    char name[256];
    unz_file_info64 info;
    ck_assert_int_eq(unzGetCurrentFileInfo64(z, &info, name, sizeof name, NULL, 0, NULL, 0), UNZ_OK);
    if (names)
      g_string_append_printf(names, "%s\n", name);
    if (want && strcmp(name, want) == 0) {
      ck_assert_int_eq(unzOpenCurrentFile(z), UNZ_OK);
      found = g_malloc(info.uncompressed_size + 1);
      int n = unzReadCurrentFile(z, found, (unsigned)info.uncompressed_size);
      ck_assert_int_eq(n, (int)info.uncompressed_size);
      found[n] = '\0';
      ck_assert_int_eq(unzCloseCurrentFile(z), UNZ_OK);
    }
  }
  ck_assert_int_eq(unzClose(z), UNZ_OK);
  ck_assert_msg(!want || found, "%s has no %s", path, want);
  return found;
}

/* A paragraph's or cell's run of text as the renderer writes it. */
static char *run_of(const char *rpr, const char *text)
{
  return g_strdup_printf("%s<w:t xml:space=\"preserve\">%s</w:t>", rpr, text);
}

static const char *heading_at(const char *from, int level, const char *text)
{
  char *h = g_strdup_printf("<w:pStyle w:val=\"Heading%d\"/></w:pPr><w:r><w:t xml:space=\"preserve\">%s</w:t>", level,
                            text);
  const char *at = strstr(from, h);
  ck_assert_msg(at != NULL, "no heading %d \"%s\" after offset", level, text);
  g_free(h);
  return at;
}

/* The texts of the cells of the table row that holds `marker`, in order. */
static GPtrArray *row_cells(const char *from, const char *marker)
{
  const char *at = strstr(from, marker);
  ck_assert_msg(at != NULL, "no row with %s", marker);
  const char *tr = at;
  while (tr > from && strncmp(tr, "<w:tr>", 6) != 0)
    tr--;
  const char *end = strstr(at, "</w:tr>");
  GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
  for (const char *tc = strstr(tr, "<w:tc>"); tc && tc < end; tc = strstr(tc + 1, "<w:tc>")) {
    const char *tc_end = strstr(tc, "</w:tc>");
    GString *text = g_string_new("");
    for (const char *t = strstr(tc, "<w:t xml:space=\"preserve\">"); t && t < tc_end;
         t = strstr(t + 1, "<w:t xml:space=\"preserve\">")) {
      const char *s = t + strlen("<w:t xml:space=\"preserve\">");
      g_string_append_len(text, s, strstr(s, "</w:t>") - s);
    }
    g_ptr_array_add(cells, g_string_free(text, FALSE));
  }
  return cells;
}

/* An amount as the document prints it: Swedish notation with no-break spaces. */
static char *printed(int64_t ore, tertial_money_unit unit, int decimals)
{
  char buf[64];
  ck_assert_int_ge(tertial_money_format(buf, sizeof buf, ore, unit, decimals), 0);
  GString *s = g_string_new("");
  for (const char *p = buf; *p; p++)
    if (*p == ' ')
      g_string_append(s, "\xC2\xA0");
    else
      g_string_append_c(s, *p);
  return g_string_free(s, FALSE);
}

static tertial_docx_options fixed_options(void)
{
  tertial_docx_options o = TERTIAL_DOCX_OPTIONS_INIT;
  o.created = 1794441600; /* 2026-11-12 00:00 UTC */
  o.author = "Anna Controller";
  o.municipality = "Exempelkommun";
  return o;
}

/* The demo's Socialnämnden at JANOKT with its round's texts and child reports two levels down. */
static tertial_report *committee(tertial_model **m, int english)
{
  *m = report_demo_round();
  T_OK(tertial_forecast_apply(*m, 10, -1));
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(*m), "3"));
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.child_depth = 2;
  o.skip_empty = 1;
  o.english = english;
  tertial_report *r;
  T_OK(tertial_report_new(&r, *m, u, 10, &o));
  return r;
}

static const tertial_report_section *section(const tertial_report *r, tertial_report_section_kind kind)
{
  size_t i;
  T_OK(tertial_report_find_section(&i, r, kind));
  return tertial_report_section_at(r, i);
}

START_TEST(test_committee_document)
{
  make_tmpdir();
  tertial_model *m;
  tertial_report *r = committee(&m, 0);
  tertial_docx_options o = fixed_options();
  const char *a = path_in("a.docx"), *b = path_in("b.docx");
  T_OK(tertial_render_docx(r, a, &o));
  T_OK(tertial_render_docx(r, b, &o));
  size_t na, nb;
  char *da = slurp(a, &na), *db = slurp(b, &nb);
  ck_assert_msg(na == nb && memcmp(da, db, na) == 0, "two renders with a fixed time differ");
  /* the buffer variant gives the file's bytes */
  char *buf;
  size_t nbuf;
  T_OK(tertial_render_docx_buffer(&buf, &nbuf, r, &o));
  ck_assert_msg(nbuf == na && memcmp(buf, da, na) == 0, "the buffer differs from the file");
  ck_assert_int_eq(buf[nbuf], '\0');
  tertial_free(buf);
  T_ERR(tertial_render_docx_buffer(&buf, NULL, r, &o), TERTIAL_ERR_INVALID);
  g_free(da);
  g_free(db);

  GString *names = g_string_new("");
  char *doc = zip_read(a, "word/document.xml", names);
  ck_assert_str_eq(names->str, "[Content_Types].xml\n_rels/.rels\ndocProps/core.xml\ndocProps/app.xml\n"
                               "word/_rels/document.xml.rels\nword/styles.xml\nword/settings.xml\n"
                               "word/fontTable.xml\nword/footer1.xml\nword/document.xml\n");
  g_string_free(names, TRUE);
  ck_assert_msg(g_utf8_validate(doc, -1, NULL), "document.xml is not UTF-8");

  /* the title block and the table of contents field */
  ck_assert_ptr_nonnull(strstr(doc, ">Exempelkommun<"));
  ck_assert_ptr_nonnull(strstr(doc, ">Handläggare:<"));
  ck_assert_ptr_nonnull(strstr(doc, ">Anna Controller<"));
  ck_assert_ptr_nonnull(strstr(doc, ">2026-11-12<"));
  ck_assert_ptr_nonnull(strstr(doc, "<w:instrText xml:space=\"preserve\"> TOC \\o &quot;1-3&quot; \\h \\z \\u "));
  ck_assert_ptr_nonnull(strstr(doc, "<w:pStyle w:val=\"TOC2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
                                    "Sammanfattning</w:t>"));

  /* the committee's headings in the order of the report */
  const char *at = heading_at(doc, 1, "Socialnämnden");
  const char *committee_start = at;
  const char *summary = heading_at(at, 2, "Sammanfattning");
  ck_assert_ptr_nonnull(strstr(summary, "Socialnämnden prognostiserar ett underskott mot budget för helåret."));
  at = heading_at(summary, 2, "Ekonomiskt resultat per verksamhet");
  at = heading_at(at, 2, "Ekonomiskt resultat");
  const char *rows = at;
  at = heading_at(at, 2, "Ekonomisk analys och prognos");
  const char *reasons = heading_at(at, 3, "Prognosens avvikelse mot budget");
  at = heading_at(reasons, 2, "Åtgärder vid avvikelse");
  at = heading_at(at, 2, "Status");
  ck_assert_ptr_nonnull(strstr(at, "Godkänd, eskalerad till nästa nivå av Karin Lind den 2026-11-10."));
  /* every child report down to two levels, in order, each with its own tables */
  size_t children = tertial_report_child_count(r);
  ck_assert_uint_gt(children, 2);
  for (size_t i = 0; i < children; i++) {
    const tertial_report *c = tertial_report_child_at(r, i);
    at = heading_at(at, 1, tertial_report_title(c));
    heading_at(at, 2, "Ekonomiskt resultat");
  }
  const char *first_child = heading_at(doc, 1, tertial_report_title(tertial_report_child_at(r, 0)));

  /* NETTORESULTAT is bold; its Prognosavvikelse equals the reasons table's total, as printed */
  char *bold = run_of("<w:r><w:rPr><w:b/></w:rPr>", "NETTORESULTAT");
  ck_assert_ptr_nonnull(strstr(rows, bold));
  g_free(bold);
  GPtrArray *net = row_cells(rows, ">NETTORESULTAT<");
  ck_assert_uint_eq(net->len, 9);
  const tertial_report_section *rs = section(r, TERTIAL_SECTION_REASONS);
  const tertial_report_cell *total = tertial_report_cell_at(rs, rs->line_count - 1, 1);
  ck_assert_int_eq(tertial_report_line_at(rs, rs->line_count - 1)->style, TERTIAL_STYLE_TOTAL);
  char *want = printed(total->value, TERTIAL_UNIT_TKR, 0);
  ck_assert_str_eq(net->pdata[7], want);
  ck_assert_str_eq(want, "-5\xC2\xA0" "928");
  const char *reasons_end = strstr(reasons, "</w:tbl>");
  const char *last_row = reasons_end;
  while (strncmp(last_row, "<w:tr>", 6) != 0)
    last_row--;
  GPtrArray *sum = row_cells(last_row, "<w:tc>");
  ck_assert_uint_eq(sum->len, rs->column_count); /* reason, amount, the unit's code and name */
  ck_assert_uint_eq(sum->len, 4);
  ck_assert_str_eq(sum->pdata[0], "Summa");
  ck_assert_str_eq(sum->pdata[1], net->pdata[7]);
  g_ptr_array_free(sum, TRUE);
  /* Ack utfall of NETTORESULTAT in tkr, as the report holds it */
  const tertial_report_section *rows_s = section(r, TERTIAL_SECTION_ROWS);
  char *outcome = printed(tertial_report_cell_at(rows_s, rows_s->line_count - 1, 1)->value, TERTIAL_UNIT_TKR, 0);
  ck_assert_str_eq(net->pdata[1], outcome);
  g_free(outcome);
  g_ptr_array_free(net, TRUE);
  g_free(want);

  /* the varav line in italics, indented; child lines indented by their depth */
  size_t varav = rows_s->line_count;
  for (size_t i = 0; i < rows_s->line_count; i++)
    if (tertial_report_line_at(rows_s, i)->informational)
      varav = i;
  ck_assert_uint_lt(varav, rows_s->line_count);
  char *italic = run_of("<w:r><w:rPr><w:i/></w:rPr>", tertial_report_cell_at(rows_s, varav, 0)->text);
  const char *v = strstr(rows, italic);
  ck_assert_msg(v && v < first_child, "no italic %s", italic);
  g_free(italic);
  ck_assert_ptr_nonnull(strstr(committee_start, "<w:ind w:left=\"340\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
                                                "Bidrag</w:t>"));
  /* the header row repeats on each page; the columns fill the text width */
  ck_assert_ptr_nonnull(strstr(doc, "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"));
  ck_assert_ptr_nonnull(strstr(doc, "<w:tblGrid><w:gridCol w:w=\"2438\"/><w:gridCol w:w=\"900\"/>"));
  ck_assert_ptr_nonnull(strstr(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
  g_free(doc);

  char *settings = zip_read(a, "word/settings.xml", NULL);
  /* in the schema's order (Word refuses a settings part out of order): updateFields after
   * characterSpacingControl, before compat */
  ck_assert_ptr_nonnull(strstr(settings, "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
                                         "<w:updateFields w:val=\"true\"/><w:compat>"));
  g_free(settings);
  char *styles = zip_read(a, "word/styles.xml", NULL);
  ck_assert_ptr_nonnull(strstr(styles, "w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"));
  ck_assert_ptr_nonnull(strstr(styles, "<w:outlineLvl w:val=\"1\"/>"));
  ck_assert_ptr_nonnull(strstr(styles, "w:styleId=\"TertialTable\""));
  ck_assert_ptr_nonnull(strstr(styles, "<w:lang w:val=\"sv-SE\"/>"));
  g_free(styles);
  char *core = zip_read(a, "docProps/core.xml", NULL);
  ck_assert_ptr_nonnull(strstr(core, ">2026-11-12T00:00:00Z</dcterms:created>"));
  ck_assert_ptr_nonnull(strstr(core, "<dc:creator>Anna Controller</dc:creator>"));
  g_free(core);
  char *footer = zip_read(a, "word/footer1.xml", NULL);
  ck_assert_ptr_nonnull(strstr(footer, "<w:fldSimple w:instr=\" PAGE \">"));
  g_free(footer);

  /* written through a temporary file: nothing else is left in the folder */
  DIR *d = opendir(tmpdir);
  int entries = 0;
  for (struct dirent *e; (e = readdir(d));)
    entries += e->d_name[0] != '.';
  closedir(d);
  ck_assert_int_eq(entries, 2);

  tertial_report_free(r);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

/* depth: the root report only, then one level; kr with decimals; English headings. */
START_TEST(test_options)
{
  make_tmpdir();
  tertial_model *m;
  tertial_report *r = committee(&m, 1);
  tertial_docx_options o = fixed_options();
  o.depth = 0;
  o.unit = TERTIAL_UNIT_KR;
  o.decimals = 2;
  const char *p = path_in("en.docx");
  T_OK(tertial_render_docx(r, p, &o));
  char *doc = zip_read(p, "word/document.xml", NULL);
  ck_assert_ptr_null(strstr(doc, "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Socialförvaltningen"));
  const char *at = heading_at(doc, 1, "Socialnämnden");
  at = heading_at(at, 2, "Summary");
  at = heading_at(at, 2, "Financial analysis and forecast");
  heading_at(at, 2, "Measures against deviations");
  /* the title page names the scale in English (issue 19): SEK, not kr */
  ck_assert_ptr_nonnull(strstr(doc, ">Amounts:<"));
  ck_assert_ptr_nonnull(strstr(doc, ">SEK<"));
  ck_assert_ptr_null(strstr(doc, ">kr<"));
  const tertial_report_section *rows_s = section(r, TERTIAL_SECTION_ROWS);
  char *label = g_strdup_printf(">%s<", tertial_report_cell_at(rows_s, rows_s->line_count - 1, 0)->text);
  GPtrArray *net = row_cells(doc, label);
  g_free(label);
  char *outcome = printed(tertial_report_cell_at(rows_s, rows_s->line_count - 1, 1)->value, TERTIAL_UNIT_KR, 2);
  ck_assert_str_eq(net->pdata[1], outcome);
  ck_assert_ptr_nonnull(strchr(outcome, ','));
  g_free(outcome);
  g_ptr_array_free(net, TRUE);
  g_free(doc);

  o.depth = 1;
  T_OK(tertial_render_docx(r, p, &o));
  doc = zip_read(p, "word/document.xml", NULL);
  int h1 = 0;
  for (const char *s = doc; (s = strstr(s, "<w:pStyle w:val=\"Heading1\"/>")); s++)
    h1++;
  int want = 1;
  for (size_t i = 0; i < tertial_report_child_count(r); i++)
    want += tertial_report_depth(tertial_report_child_at(r, i)) == 1;
  ck_assert_int_eq(h1, want);
  ck_assert_int_eq(h1, 2); /* Socialnämnden and Socialförvaltningen */
  g_free(doc);

  /* bad options; the earlier file stays */
  size_t before;
  char *kept = slurp(p, &before);
  o.decimals = 3;
  T_ERR(tertial_render_docx(r, p, &o), TERTIAL_ERR_RANGE);
  o = fixed_options();
  o.version = 99;
  T_ERR(tertial_render_docx(r, p, &o), TERTIAL_ERR_INVALID);
  o = fixed_options();
  o.depth = -2;
  T_ERR(tertial_render_docx(r, p, &o), TERTIAL_ERR_RANGE);
  T_ERR(tertial_render_docx(NULL, p, &o), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_docx(r, path_in("missing/x.docx"), NULL), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "missing"));
  size_t after;
  char *now = slurp(p, &after);
  ck_assert(before == after && memcmp(kept, now, before) == 0);
  g_free(kept);
  g_free(now);
  tertial_report_free(r);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

/* Names with quotes, markup, control characters, invalid UTF-8 and a line break. */
START_TEST(test_hostile_text)
{
  make_tmpdir();
  tertial_model *m;
  tertial_unit_id p = report_small_model(&m);
  tertial_unit_id u;
  tertial_account_id acc;
  T_OK(tertial_chart_ensure(&acc, tertial_model_chart(m), "4010"));
  T_OK(tertial_org_add_unit(&u, tertial_model_org(m), "D", "Ctl\x01\x1b[31m\xff <b>&amp;\xEF\xBF\xBE", p, 1, NULL));
  T_OK(tertial_ledger_add(tertial_model_ledger(m), u, acc, 0, TERTIAL_MEASURE_OUTCOME, KR(5)));
  T_OK(tertial_forecast_apply(m, 1, -1));
  tertial_report *r;
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.child_depth = 1;
  T_OK(tertial_report_new(&r, m, p, 1, &ro));
  tertial_docx_options o = fixed_options();
  const char *path = path_in("h.docx");
  T_OK(tertial_render_docx(r, path, &o));
  char *doc = zip_read(path, "word/document.xml", NULL);
  ck_assert(g_utf8_validate(doc, -1, NULL));
  for (const char *s = doc + strlen("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"); *s; s++)
    ck_assert_msg((unsigned char)*s >= 0x20, "a control character 0x%02x in document.xml", (unsigned char)*s);
  ck_assert_ptr_nonnull(strstr(doc, ">Ctl[31m\xEF\xBF\xBD &lt;b&gt;&amp;amp;</w:t>"));
  ck_assert_ptr_nonnull(strstr(doc, ">Hem, &quot;vård&quot;</w:t>"));
  ck_assert_ptr_nonnull(strstr(doc, ">=1+2</w:t>"));
  /* a line break in a name: two paragraphs of the cell */
  ck_assert_ptr_nonnull(strstr(doc, ">Rad</w:t></w:r></w:p><w:p><w:pPr>"));
  /* ... and one line in its chapter's heading and in the table of contents */
  ck_assert_ptr_nonnull(strstr(doc, "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Rad ett</w:t>"));
  ck_assert_ptr_nonnull(strstr(doc, "<w:pStyle w:val=\"TOC1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Rad ett</w:t>"));
  g_free(doc);
  tertial_report_free(r);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

/* A presentation in the document: its columns and headers, revenue and costs both positive (the
 * net as a net cost), mnkr with one decimal, the presentation's unit over the options'. */
START_TEST(test_presentation)
{
  make_tmpdir();
  tertial_model *m;
  tertial_report *r = committee(&m, 0);
  tertial_presentation *p;
  T_OK(tertial_presentation_parse(&p, "columns = outcome_acc, remaining, forecast, forecast_deviation\n"
                                      "signs = positive\nunit = mnkr\ndecimals = 1\n"
                                      "header.remaining = Återstår av budget\n", "p"));
  tertial_docx_options o = fixed_options();
  o.presentation = p;
  o.depth = 0;
  const char *path = path_in("presented.docx");
  T_OK(tertial_render_docx(r, path, &o));
  char *doc = zip_read(path, "word/document.xml", NULL);
  ck_assert_ptr_nonnull(strstr(doc, ">Återstår av budget<"));
  ck_assert_ptr_null(strstr(doc, ">Årets budget<")); /* not chosen */
  /* the amounts of the report's NETTORESULTAT and VERKSAMHETENS INTÄKTER (revenue: negated) */
  const tertial_report_section *rows = section(r, TERTIAL_SECTION_ROWS);
  size_t net_line = 0, int_line = 0;
  for (size_t i = 0; i < rows->line_count; i++) {
    const char *code = tertial_report_line_at(rows, i)->code;
    net_line = strcmp(code, "NETTO") == 0 ? i : net_line;
    int_line = strcmp(code, "INT") == 0 ? i : int_line;
  }
  ck_assert_int_eq(tertial_report_line_at(rows, int_line)->revenue, 1);
  ck_assert_int_eq(tertial_report_line_at(rows, net_line)->revenue, 0);
  for (int k = 0; k < 2; k++) {
    size_t line = k ? int_line : net_line;
    int64_t sign = k ? -1 : 1, v[4];
    v[0] = tertial_report_cell_at(rows, line, 1 + TERTIAL_COL_OUTCOME_ACC)->value;
    v[1] = tertial_report_cell_at(rows, line, 1 + TERTIAL_COL_BUDGET_YEAR)->value - v[0];
    v[2] = tertial_report_cell_at(rows, line, 1 + TERTIAL_COL_FORECAST)->value;
    v[3] = tertial_report_cell_at(rows, line, 1 + TERTIAL_COL_FORECAST_DEVIATION)->value;
    GPtrArray *cells = row_cells(doc, k ? ">VERKSAMHETENS INTÄKTER<" : ">NETTORESULTAT<");
    ck_assert_uint_eq(cells->len, 5);
    for (int c = 0; c < 4; c++) {
      char *want = printed(c == 3 ? v[c] : sign * v[c], TERTIAL_UNIT_MKR, 1);
      ck_assert_str_eq(g_ptr_array_index(cells, 1 + (guint)c), want);
      g_free(want);
    }
    if (k) /* revenue shown positive */
      ck_assert_int_ne(((char *)g_ptr_array_index(cells, 1))[0], '-');
    g_ptr_array_free(cells, TRUE);
  }
  g_free(doc);
  /* the default presentation is the document without one, byte for byte */
  tertial_presentation *def;
  T_OK(tertial_presentation_new(&def));
  char *plain, *presented;
  size_t nplain, npresented;
  o.presentation = NULL;
  T_OK(tertial_render_docx_buffer(&plain, &nplain, r, &o));
  o.presentation = def;
  T_OK(tertial_render_docx_buffer(&presented, &npresented, r, &o));
  ck_assert_uint_eq(nplain, npresented);
  ck_assert_mem_eq(plain, presented, nplain);
  tertial_free(plain);
  tertial_free(presented);
  tertial_presentation_free(def);
  tertial_presentation_free(p);
  tertial_report_free(r);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

/* Rendering to a buffer with every allocation failing in turn (zlib's and the zip's too; before
 * the zip was Tertial's own, minizip's writer dereferenced a failed allocation): out of memory,
 * nothing kept; then the same bytes as a normal render. */
typedef struct oom_ctx {
  const tertial_report *r;
  const tertial_docx_options *o;
  char *buf;
  size_t len;
} oom_ctx;

static int oom_render(void *p)
{
  oom_ctx *c = p;
  return tertial_render_docx_buffer(&c->buf, &c->len, c->r, c->o);
}

static void oom_drop(void *p)
{
  oom_ctx *c = p;
  tertial_free(c->buf);
  c->buf = NULL;
}

START_TEST(test_out_of_memory)
{
  if (!failalloc_works())
    return;
  tertial_model *m;
  tertial_report *r = committee(&m, 0);
  tertial_docx_options o = fixed_options();
  char *ref;
  size_t nref;
  T_OK(tertial_render_docx_buffer(&ref, &nref, r, &o));
  oom_ctx c = {r, &o, NULL, 0};
  long points = failalloc_each(oom_render, oom_drop, &c);
  ck_assert_int_gt(points, 20);
  ck_assert_uint_eq(c.len, nref);
  ck_assert_mem_eq(c.buf, ref, nref);
  fprintf(stderr, "# %ld failure points\n", points);
  tertial_free(c.buf);
  tertial_free(ref);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("render_docx");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_committee_document);
  tcase_add_test(tc, test_options);
  tcase_add_test(tc, test_hostile_text);
  tcase_add_test(tc, test_presentation);
  tcase_add_test(tc, test_out_of_memory);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
