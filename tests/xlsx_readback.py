#!/usr/bin/python3
"""Read an xlsx workbook back with openpyxl and print what the C tests check, one fact a line.

Usage: xlsx_readback.py BOOK.xlsx
Exit status 0, or 77 when openpyxl is missing (the C test then skips), 1 on other errors.

Lines (tab-separated):
  sheets  NAME...
  sheet   NAME                                    (the facts below belong to it)
  freeze  CELL
  print   ORIENTATION PAPER FIT_TO_PAGE FIT_WIDTH FIT_HEIGHT TITLE_ROWS
  footer  LEFT CENTER RIGHT
  outline ROW LEVEL                               (rows with an outline level > 0)
  cell    REF TYPE VALUE CACHED FORMAT            (TYPE: s text, n number, f formula, d date)
  cf      RANGE OPERATOR FORMULAS FILL            (cell-value rules)
  merge   RANGE WRAP                              (merged cells; WRAP: 1 when the first cell wraps its text)
  height  ROW HEIGHT                              (rows with a height set, in points)
  chart   TYPE FROM TO TITLE X_TITLE Y_TITLE Y_FORMAT LEGEND   (FROM, TO: the anchor's cells)
  series  NAME_REF CATEGORIES_REF VALUES_REF COLOUR DASH       (of the chart above; COLOUR: a line's, or a bar's fill)
  chartcache VALUES_REF V...                      (the values cached in the chart, when it has them)
  chartcat   CATEGORIES_REF TEXT...               (the cached category labels, when it has them)
  chartname  NAME_REF TEXT                        (the cached series name, when it has it)
  name    NAME SCOPE VALUE                        (SCOPE: - for the workbook, else the sheet)
  props   TITLE SUBJECT CREATOR CREATED COMPANY
  xmlnumbers BAD                                  (number of <v> values that are not C-locale numbers)
"""
import re
import sys
import zipfile

try:
    import openpyxl
    import openpyxl.utils
except ImportError:
    print("openpyxl is not installed", file=sys.stderr)
    sys.exit(77)


def show(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return repr(round(v, 9))
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def rich_text(title):
    if title is None or title.tx is None or title.tx.rich is None:
        return ""
    return "".join(r.t for p in title.tx.rich.p for r in (p.r or []))


def cell_name(marker):
    return "%s%d" % (openpyxl.utils.get_column_letter(marker.col + 1), marker.row + 1)


def charts(ws, out):
    for c in ws._charts:
        anchor = c.anchor
        fmt = c.y_axis.numFmt.formatCode if c.y_axis.numFmt is not None else ""
        legend = c.legend.position if c.legend is not None else ""
        out.append("\t".join(["chart", c.tagname, cell_name(anchor._from), cell_name(anchor.to), rich_text(c.title),
                              rich_text(c.x_axis.title), rich_text(c.y_axis.title), fmt, show(legend)]))
        for s in c.series:
            name = s.tx.strRef.f if s.tx is not None and s.tx.strRef is not None else ""
            cat = ""
            if s.cat is not None:
                cat = (s.cat.strRef or s.cat.numRef).f
            val = s.val.numRef.f if s.val is not None and s.val.numRef is not None else ""
            colour = dash = ""
            if s.spPr is not None and s.spPr.ln is not None:
                ln = s.spPr.ln
                colour = ln.solidFill.srgbClr if ln.solidFill is not None and ln.solidFill.srgbClr else ""
                dash = show(ln.prstDash)
            if not colour and s.spPr is not None and s.spPr.solidFill is not None:  # bars: their fill
                colour = s.spPr.solidFill.srgbClr or ""
            out.append("\t".join(["series", name, cat, val, show(colour), dash]))
            cache = s.val.numRef.numCache if s.val is not None and s.val.numRef is not None else None
            if cache is not None and cache.pt:
                out.append("\t".join(["chartcache", val] + ["%d:%s" % (p.idx, show(p.v)) for p in cache.pt]))
            for kind, ref in (("chartcat", s.cat.strRef if s.cat is not None else None),
                              ("chartname", s.tx.strRef if s.tx is not None else None)):
                if ref is not None and ref.strCache is not None and ref.strCache.pt:
                    out.append("\t".join([kind, ref.f] + ["%d:%s" % (p.idx, p.v) for p in ref.strCache.pt]))


def main(path):
    out = []
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    out.append("\t".join(["sheets"] + formulas.sheetnames))
    for ws in formulas.worksheets:
        wc = cached[ws.title]
        out.append("sheet\t" + ws.title)
        out.append("freeze\t" + show(ws.freeze_panes))
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None
        out.append("\t".join(["print", show(ps.orientation), show(ps.paperSize), show(fit),
                              show(ps.fitToWidth), show(ps.fitToHeight), show(ws.print_title_rows)]))
        f = ws.oddFooter
        out.append("\t".join(["footer", show(f.left.text), show(f.center.text), show(f.right.text)]))
        for r, dim in sorted(ws.row_dimensions.items()):
            if dim.outline_level:
                out.append("outline\t%d\t%d" % (r, dim.outline_level))
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                v = c.value
                kind = c.data_type
                if kind == "n" and hasattr(v, "isoformat"):
                    kind = "d"
                out.append("\t".join(["cell", c.coordinate, kind, show(v),
                                      show(wc[c.coordinate].value), c.number_format]))
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                fill = ""
                if rule.dxf is not None and rule.dxf.fill is not None:
                    color = rule.dxf.fill.bgColor or rule.dxf.fill.fgColor
                    fill = show(color.rgb) if color is not None else ""
                out.append("\t".join(["cf", str(cf.sqref), show(rule.operator), ",".join(rule.formula or []),
                                      fill]))
        for m in sorted(ws.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
            first = ws.cell(row=m.min_row, column=m.min_col)
            out.append("merge\t%s\t%d" % (m.coord, 1 if first.alignment.wrap_text else 0))
        for r, dim in sorted(ws.row_dimensions.items()):
            if dim.customHeight and dim.height is not None:
                out.append("height\t%d\t%s" % (r, show(dim.height)))
        charts(ws, out)
    for d in formulas.defined_names.definedName:
        scope = "-" if d.localSheetId is None else formulas.sheetnames[int(d.localSheetId)]
        out.append("\t".join(["name", d.name, scope, show(d.attr_text)]))
    p = formulas.properties
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
        m = re.search(r"<Company>(.*?)</Company>", app)
        company = m.group(1) if m else ""
        bad = 0
        for n in z.namelist():
            if n.startswith("xl/worksheets/") and n.endswith(".xml"):
                xml = z.read(n).decode("utf-8")
                for attrs, body in re.findall(r"<c ([^>]*)>(.*?)</c>", xml):
                    t = re.search(r'\bt="(\w+)"', attrs)
                    v = re.search(r"<v>([^<]*)</v>", body)
                    if v and (t is None or t.group(1) == "n") and \
                            not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?", v.group(1)):
                        bad += 1
    out.append("\t".join(["props", show(p.title), show(p.subject), show(p.creator), show(p.created), company]))
    out.append("xmlnumbers\t%d" % bad)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
