#!/usr/bin/python3
"""The peer of bench_xlsx: Python's XlsxWriter (Debian's python3-xlsxwriter) writing the same cells.

Usage: peer_xlsx.py TERTIAL.xlsx OUT.xlsx [--normal] [--repeat N] [--tmpdir DIR]

1. (untimed) Reads the workbook Tertial wrote: for every sheet its column widths, frozen panes,
   print setup, footer, rows (height, outline level) and cells (text, number, formula with its
   cached value, and the cell's format: number format, bold, italic, size, indent, alignment,
   wrap, borders), conditional formats, defined names and the overview's chart. The reader is
   a small regular-expression parser of the XML that libxlsxwriter and XlsxWriter write.
2. (timed) Writes all of it again with XlsxWriter in constant-memory mode (like Tertial's
   default in bench_xlsx): the same formats, sheets, cells, formulas with cached values,
   conditional formats, defined names and chart.
3. (untimed) Reads its own workbook back with the same parser and compares it with Tertial's
   sheet by sheet, cell by cell (values, formulas, cached values, formats), printing MATCH or
   MISMATCH and the first differences.

Output: key=value lines like bench_xlsx's, the last one starting with "peer ".
"""
import argparse
import html
import re
import resource
import sys
import time
import zipfile

try:
    import xlsxwriter
except ImportError:
    print("peer_xlsx: python3-xlsxwriter is not installed (apt-get install python3-xlsxwriter)", file=sys.stderr)
    sys.exit(77)

# ---- reading an xlsx file -------------------------------------------------------------------

ATTR = re.compile(r'([\w:]+)="([^"]*)"')
CELL = re.compile(r'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
ROW = re.compile(r'<row ([^>]*?)(?:/>|>(.*?)</row>)', re.S)


def first(pattern, text, default=""):
    m = re.search(pattern, text or "", re.S)
    return m.group(1) if m else default


def attrs(s):
    return {k: html.unescape(v) for k, v in ATTR.findall(s or "")}


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def text_of(body):
    return html.unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", body, re.S)))


def read_styles(z):
    xml = z.read("xl/styles.xml").decode("utf-8")
    numfmts = {int(a["numFmtId"]): a["formatCode"] for a in map(attrs, re.findall(r"<numFmt ([^>]*)/>", xml))}
    builtin = {0: "General", 2: "0.00", 3: "#,##0", 14: "mm-dd-yy"}
    fonts = []
    for body in re.findall(r"<font>(.*?)</font>", re.search(r"<fonts[^>]*>(.*?)</fonts>", xml, re.S).group(1), re.S):
        sz = re.search(r'<sz val="([^"]*)"', body)
        fonts.append(("<b/>" in body, "<i/>" in body, float(sz.group(1)) if sz else 11.0))
    borders = []
    for body in re.findall(r"<border>(.*?)</border>", re.search(r"<borders[^>]*>(.*?)</borders>", xml, re.S).group(1),
                           re.S):
        top = re.search(r'<top style="(\w+)"', body)
        bottom = re.search(r'<bottom style="(\w+)"', body)
        borders.append((top.group(1) if top else "", bottom.group(1) if bottom else ""))
    xfs = []
    cellxfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", xml, re.S).group(1)
    for head, body in re.findall(r"<xf ([^>]*?)(?:/>|>(.*?)</xf>)", cellxfs, re.S):
        a = attrs(head)
        al = attrs(first(r"<alignment ([^>]*)/>", body))
        nid = int(a.get("numFmtId", 0))
        bold, italic, size = fonts[int(a.get("fontId", 0))]
        top, bottom = borders[int(a.get("borderId", 0))]
        # vertical="bottom" is Excel's default: Tertial's writer writes it, XlsxWriter leaves it out
        vertical = "" if al.get("vertical", "") == "bottom" else al.get("vertical", "")
        xfs.append((numfmts.get(nid, builtin.get(nid, str(nid))), bold, italic, size, int(al.get("indent", 0)),
                    al.get("horizontal", ""), vertical, al.get("wrapText", "") == "1", top, bottom))
    dxfs = []
    for body in re.findall(r"<dxf>(.*?)</dxf>", xml, re.S):
        fc = re.search(r'<font><color rgb="FF(\w+)"', body)
        bg = re.search(r'<bgColor rgb="FF(\w+)"', body)
        dxfs.append((fc.group(1) if fc else "", bg.group(1) if bg else ""))
    return xfs, dxfs


def rels(z, path):
    folder, name = path.rsplit("/", 1)
    rp = folder + "/_rels/" + name + ".rels"
    if rp not in z.namelist():
        return {}
    out = {}
    for a in map(attrs, re.findall(r"<Relationship ([^>]*)/>", z.read(rp).decode("utf-8"))):
        target = a["Target"]
        parts = (folder + "/" + target).split("/")
        norm = []
        for p in parts:
            if p == "..":
                norm.pop()
            else:
                norm.append(p)
        out[a["Id"]] = "/".join(norm)
    return out


def read_chart(z, sheet_path, sheet_xml):
    m = re.search(r'<drawing r:id="(\w+)"/>', sheet_xml)
    if not m:
        return None
    drawing = rels(z, sheet_path)[m.group(1)]
    dxml = z.read(drawing).decode("utf-8")
    frm = re.search(r"<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff><xdr:row>(\d+)</xdr:row>"
                    r"<xdr:rowOff>(\d+)</xdr:rowOff></xdr:from>", dxml)
    rid = re.search(r'<c:chart [^>]*r:id="(\w+)"', dxml).group(1)
    cxml = z.read(rels(z, drawing)[rid]).decode("utf-8")

    def title(xml):
        return html.unescape("".join(re.findall(r"<a:t>(.*?)</a:t>", xml))) if xml else ""

    chart_title = re.search(r"<c:chart><c:title>(.*?)</c:title>", cxml, re.S)
    cat_ax = re.search(r"<c:catAx>(.*?)</c:catAx>", cxml, re.S).group(1)
    val_ax = re.search(r"<c:valAx>(.*?)</c:valAx>", cxml, re.S).group(1)
    series = []
    for body in re.findall(r"<c:ser>(.*?)</c:ser>", cxml, re.S):
        name = re.search(r"<c:tx><c:strRef><c:f>(.*?)</c:f>", body, re.S)
        cat = re.search(r"<c:cat><c:\w+Ref><c:f>(.*?)</c:f>", body, re.S)
        val = re.search(r"<c:val><c:numRef><c:f>(.*?)</c:f>", body, re.S)
        ln = re.search(r'<a:ln w="(\d+)"', body)
        colour = re.search(r'<a:srgbClr val="(\w+)"', body)
        dash = re.search(r'<a:prstDash val="(\w+)"', body)
        series.append((html.unescape(name.group(1)), html.unescape(cat.group(1)), html.unescape(val.group(1)),
                       int(ln.group(1)) / 12700.0 if ln else None, colour.group(1) if colour else None,
                       dash.group(1) if dash else None))
    fmt = re.search(r'<c:numFmt formatCode="([^"]*)" sourceLinked="0"/>', val_ax)
    legend = re.search(r'<c:legendPos val="(\w+)"/>', cxml)
    return {
        "type": re.search(r"<c:(\w+)Chart>", cxml).group(1),
        "at": (int(frm.group(3)), int(frm.group(1)), round(int(frm.group(2)) / 9525), round(int(frm.group(4)) / 9525)),
        "title": title(chart_title.group(1) if chart_title else ""),
        "x_title": title(first(r"<c:title>(.*?)</c:title>", cat_ax)),
        "y_title": title(first(r"<c:title>(.*?)</c:title>", val_ax)),
        "y_format": html.unescape(fmt.group(1)) if fmt else "",
        "legend": legend.group(1) if legend else "",
        "series": series,
    }


def read_book(path):
    """The workbook as plain data: a list of sheets (dicts), defined names, format table."""
    with zipfile.ZipFile(path) as z:
        xfs, dxfs = read_styles(z)
        wb = z.read("xl/workbook.xml").decode("utf-8")
        wrels = rels(z, "xl/workbook.xml")
        sheets = []
        for a in map(attrs, re.findall(r"<sheet ([^>]*)/>", wb)):
            sheet_path = wrels[a["r:id"]]
            xml = z.read(sheet_path).decode("utf-8")
            sh = {"name": a["name"], "cols": [], "rows": [], "cf": [], "freeze": None}
            for c in map(attrs, re.findall(r"<col ([^>]*)/>", xml)):
                # libxlsxwriter and XlsxWriter store width w as w + 5/7 (rounded to 1/256 of a character)
                sh["cols"].append((int(c["min"]) - 1, int(c["max"]) - 1, round(float(c["width"]) - 0.7109375, 4)))
            pane = re.search(r"<pane ([^>]*)/>", xml)
            if pane:
                p = attrs(pane.group(1))
                sh["freeze"] = (int(p.get("ySplit", 0)), int(p.get("xSplit", 0)))
            data = re.search(r"<sheetData>(.*?)</sheetData>|<sheetData/>", xml, re.S)
            for head, body in ROW.findall(data.group(1) or "" if data else ""):
                ra = attrs(head)
                cells = []
                for letters, num, cattrs, cbody in CELL.findall(body or ""):
                    ca = attrs(cattrs)
                    style = int(ca.get("s", 0))
                    t = ca.get("t", "n")
                    cbody = cbody or ""
                    f = re.search(r"<f>(.*?)</f>", cbody, re.S)
                    v = re.search(r"<v>(.*?)</v>", cbody, re.S)
                    if t == "inlineStr":
                        cells.append((col_index(letters), "s", text_of(cbody), None, style))
                    elif f:
                        cached = html.unescape(v.group(1)) if v else ""
                        cells.append((col_index(letters), "f", "=" + html.unescape(f.group(1)),
                                      (t, cached), style))
                    elif t == "s":
                        raise SystemExit("peer_xlsx: shared strings are not supported (write in constant-memory mode)")
                    else:
                        cells.append((col_index(letters), "n", v.group(1) if v else "", None, style))
                sh["rows"].append((int(ra["r"]) - 1, float(ra["ht"]) if ra.get("customHeight") == "1" else None,
                                   int(ra.get("outlineLevel", 0)), cells))
            for sqref, rules in re.findall(r'<conditionalFormatting sqref="([^"]*)">(.*?)</conditionalFormatting>', xml,
                                           re.S):
                for rhead, rbody in re.findall(r"<cfRule ([^>]*)>(.*?)</cfRule>", rules, re.S):
                    r = attrs(rhead)
                    sh["cf"].append((sqref, r.get("operator") if r.get("type") != "expression" else "expression",
                                     tuple(html.unescape(f) for f in re.findall(r"<formula>(.*?)</formula>", rbody)),
                                     dxfs[int(r["dxfId"])]))
            ps = attrs(first(r"<pageSetup ([^>]*)/>", xml))
            sh["print"] = (ps.get("orientation", ""), int(ps.get("paperSize", 0)), int(ps.get("fitToHeight", 1)),
                           'fitToPage="1"' in xml, 'summaryBelow="0"' in xml)
            footer = re.search(r"<oddFooter>(.*?)</oddFooter>", xml, re.S)
            sh["footer"] = html.unescape(footer.group(1)) if footer else ""
            sh["chart"] = read_chart(z, sheet_path, xml)
            sheets.append(sh)
        names = []
        for head, value in re.findall(r"<definedName ([^>]*)>(.*?)</definedName>", wb, re.S):
            a = attrs(head)
            names.append((a["name"], int(a["localSheetId"]) if "localSheetId" in a else None, html.unescape(value)))
    return sheets, names, xfs


# ---- writing it again with XlsxWriter --------------------------------------------------------

def format_props(xf):
    numfmt, bold, italic, size, indent, halign, valign, wrap, top, bottom = xf
    p = {}
    if numfmt != "General":
        p["num_format"] = numfmt
    if bold:
        p["bold"] = True
    if italic:
        p["italic"] = True
    if size != 11.0:
        p["font_size"] = size
    if indent:
        p["indent"] = indent
    if halign and not (indent and halign == "left"):
        p["align"] = halign
    if valign:
        p["valign"] = {"center": "vcenter"}.get(valign, valign)
    if wrap:
        p["text_wrap"] = True
    if top == "thin":
        p["top"] = 1
    if bottom == "thin":
        p["bottom"] = 1
    return p


def number(text):
    """A number as XlsxWriter writes it like libxlsxwriter: integral values without ".0"."""
    v = float(text)
    return int(v) if v.is_integer() and abs(v) < 1e15 else v


def write_book(out, sheets, names, xfs, constant_memory, tmpdir="/tmp"):
    # /tmp: where libxlsxwriter's tmpfile() puts its files unless told otherwise
    wb = xlsxwriter.Workbook(out, {"constant_memory": constant_memory, "tmpdir": tmpdir})
    formats = [wb.add_format(format_props(xf)) if i else None for i, xf in enumerate(xfs)]
    dxf_formats = {}
    title_rows = {}
    for name, local, value in names:
        if name == "_xlnm.Print_Titles":
            title_rows[local] = value
    for index, sh in enumerate(sheets):
        ws = wb.add_worksheet(sh["name"])
        for first, last, width in sh["cols"]:
            ws.set_column(first, last, width)
        if sh["freeze"]:
            ws.freeze_panes(*sh["freeze"])
        orientation, paper, fit_height, fit, summary_above = sh["print"]
        if orientation == "landscape":
            ws.set_landscape()
        if paper:
            ws.set_paper(paper)
        if fit:
            ws.fit_to_pages(1, fit_height)
        if summary_above:
            ws.outline_settings(True, False, True, False)
        if index in title_rows:
            m = re.search(r"\$(\d+):\$(\d+)$", title_rows[index])
            ws.repeat_rows(int(m.group(1)) - 1, int(m.group(2)) - 1)
        if sh["footer"]:
            ws.set_footer(sh["footer"])
        write_string, write_number, write_formula = ws.write_string, ws.write_number, ws.write_formula
        for r, height, level, cells in sh["rows"]:
            if height is not None or level:
                ws.set_row(r, height, None, {"level": level} if level else None)
            for c, kind, value, cached, style in cells:
                fmt = formats[style]
                if kind == "s":
                    write_string(r, c, value, fmt)
                elif kind == "n":
                    write_number(r, c, float(value), fmt)
                else:
                    t, v = cached
                    write_formula(r, c, value, fmt, v if t == "str" else number(v))
        for sqref, operator, formula, dxf in sh["cf"]:
            if dxf not in dxf_formats:
                dxf_formats[dxf] = wb.add_format({"font_color": "#" + dxf[0], "bg_color": "#" + dxf[1]})
            if operator == "expression":  # a rule of a formula (the lights relative to the budget)
                opts = {"type": "formula", "criteria": "=" + formula[0], "format": dxf_formats[dxf]}
            else:
                opts = {"type": "cell", "criteria": {"greaterThanOrEqual": ">=", "lessThan": "<", "between": "between",
                                                     "greaterThan": ">", "lessThanOrEqual": "<=",
                                                     "equal": "=="}[operator],
                        "format": dxf_formats[dxf]}
            if operator == "expression":
                pass
            elif operator == "between":
                opts["minimum"], opts["maximum"] = number(formula[0]), number(formula[1])
            else:
                opts["value"] = number(formula[0])
            ranges = sqref.split(" ")
            if len(ranges) > 1:
                opts["multi_range"] = sqref
            ws.conditional_format(ranges[0], opts)
        ch = sh["chart"]
        if ch:
            chart = wb.add_chart({"type": ch["type"]})
            for name, cat, val, width, colour, dash in ch["series"]:
                line = {}
                if colour:
                    line["color"] = "#" + colour
                if width:
                    line["width"] = width
                if dash:
                    line["dash_type"] = dash
                chart.add_series({"name": "=" + name, "categories": "=" + cat, "values": "=" + val, "line": line})
            chart.set_title({"name": ch["title"]})
            if ch["type"] == "bar":  # a horizontal bar chart: XlsxWriter's x axis is the value axis
                chart.set_x_axis({"name": ch["y_title"], "num_format": ch["y_format"]})
                chart.set_y_axis({"name": ch["x_title"]})
            else:
                chart.set_x_axis({"name": ch["x_title"]})
                chart.set_y_axis({"name": ch["y_title"], "num_format": ch["y_format"]})
            chart.set_legend({"position": {"b": "bottom", "t": "top", "r": "right", "l": "left"}.get(ch["legend"],
                                                                                                 "right")})
            r, c, dx, dy = ch["at"]
            ws.insert_chart(r, c, chart, {"x_offset": dx, "y_offset": dy, "x_scale": 1.5, "y_scale": 1.25})
    for name, local, value in names:
        if name == "_xlnm.Print_Titles":
            continue
        if local is None:
            wb.define_name(name, "=" + value)
        else:
            wb.define_name("'%s'!%s" % (sheets[local]["name"].replace("'", "''"), name), "=" + value)
    wb.close()


# ---- comparing -------------------------------------------------------------------------------

def same_number(kind, value, cached):
    """Numbers compared as numbers ("1390" and "1390.0" are the same value)."""
    if kind == "n":
        return kind, float(value), cached
    if kind == "f" and cached[1] == "":
        return kind, value, ("", "")  # XlsxWriter leaves out t="str" for an empty cached string
    if kind == "f" and cached[0] != "str":
        return kind, value, (cached[0], float(cached[1]))
    return kind, value, cached


def normalise(book):
    sheets, names, xfs = book
    # a sheet name in a reference may or may not be quoted ('Översikt'!$1:$4, Översikt!$1:$4)
    unquote = re.compile(r"^'((?:[^']|'')*)'!")
    out = {"names": sorted((n, -1 if l is None else l, unquote.sub(r"\1!", v)) for n, l, v in names),
           "sheets": [s["name"] for s in sheets]}
    for s in sheets:
        cells = {}
        for r, height, level, row in s["rows"]:
            for c, kind, value, cached, style in row:
                cells[(r, c)] = same_number(kind, value, cached) + (xfs[style],)
        out[s["name"]] = {
            "cells": cells,
            "rows": sorted((r, h, l) for r, h, l, _ in s["rows"] if h is not None or l),
            "cols": s["cols"], "freeze": s["freeze"], "print": s["print"], "footer": s["footer"],
            "cf": sorted((q, op, tuple(x if op == "expression" else float(x) for x in f), d) for q, op, f, d in s["cf"]),
            "chart": None if not s["chart"] else {k: v for k, v in s["chart"].items() if k != "at"},
        }
    return out


def compare(a, b, limit=10):
    diffs = []
    if a["sheets"] != b["sheets"]:
        diffs.append("sheet names differ")
    if a["names"] != b["names"]:
        diffs.append("defined names differ: %s" % (sorted(set(a["names"]) ^ set(b["names"]))[:3],))
    for name in a["sheets"]:
        if name not in b:
            continue
        sa, sb = a[name], b[name]
        for key in ("rows", "cols", "freeze", "print", "footer", "cf", "chart"):
            if sa[key] != sb[key]:
                diffs.append("%s: %s differ: %r / %r" % (name, key, sa[key], sb[key]))
        for ref in sorted(set(sa["cells"]) | set(sb["cells"])):
            if sa["cells"].get(ref) != sb["cells"].get(ref):
                diffs.append("%s!R%dC%d: %r / %r" % (name, ref[0] + 1, ref[1] + 1, sa["cells"].get(ref),
                                                     sb["cells"].get(ref)))
                if len(diffs) >= limit:
                    return diffs
    return diffs[:limit]


def main():
    ap = argparse.ArgumentParser(description="Python's XlsxWriter writing the cells of a Tertial workbook again.")
    ap.add_argument("src", help="the workbook bench_xlsx wrote")
    ap.add_argument("out", help="the workbook to write")
    ap.add_argument("--normal", action="store_true", help="not constant-memory mode")
    ap.add_argument("--repeat", type=int, default=1, help="write it N times; the median is reported")
    ap.add_argument("--tmpdir", default="/tmp", help="XlsxWriter's temporary folder (default /tmp, as tmpfile())")
    opt = ap.parse_args()
    src, out, repeat, tmpdir, constant_memory = opt.src, opt.out, opt.repeat, opt.tmpdir, not opt.normal
    t0 = time.perf_counter()
    book = read_book(src)
    sheets, names, xfs = book
    cells = sum(len(row[3]) for s in sheets for row in s["rows"])
    t1 = time.perf_counter()
    print("# read %s: %d sheets, %d cells, %d defined names in %.2f s (untimed)" % (src, len(sheets), cells,
                                                                                  len(names), t1 - t0), flush=True)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = []
    for _ in range(repeat):
        t2 = time.perf_counter()
        write_book(out, sheets, names, xfs, constant_memory, tmpdir)
        times.append(time.perf_counter() - t2)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times.sort()
    write_s = times[len(times) // 2]
    diffs = compare(normalise(book), normalise(read_book(out)))
    for d in diffs:
        print("# difference: " + d)
    print("peer engine=xlsxwriter version=%s sheets=%d cells=%d write_s=%.3f cells_per_s=%.0f rss_before_kb=%d "
          "maxrss_kb=%d constant_memory=%d result=%s" % (xlsxwriter.__version__, len(sheets), cells, write_s,
                                                         cells / write_s, rss_before, rss_after, constant_memory,
                                                         "MISMATCH" if diffs else "MATCH"))
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
