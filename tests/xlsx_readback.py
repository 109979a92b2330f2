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
  name    NAME SCOPE VALUE                        (SCOPE: - for the workbook, else the sheet)
  props   TITLE SUBJECT CREATOR CREATED COMPANY
  xmlnumbers BAD                                  (number of <v> values that are not C-locale numbers)
"""
import re
import sys
import zipfile

try:
    import openpyxl
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
