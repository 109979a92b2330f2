#!/usr/bin/python3
"""Recalculate an xlsx workbook with LibreOffice and compare every formula with its cached value.

Usage: xlsx_recalc.py BOOK.xlsx
LibreOffice shows an xlsx file's cached values unless told to recalculate on load; a private
profile sets OOXMLRecalcMode to "always", converts the workbook to a new xlsx file, and the
recalculated results are compared with the cached values the library wrote.
Exit status 0 when all agree, 1 on a difference (each is printed), 77 when LibreOffice or
openpyxl is missing (the C test then skips).
"""
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed", file=sys.stderr)
    sys.exit(77)

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def same(a, b):
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return a == b


def main(path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        sys.exit(77)
    work = tempfile.mkdtemp(prefix="tertial-recalc-")
    try:
        user = os.path.join(work, "profile", "user")
        os.makedirs(user)
        with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as f:
            f.write(PROFILE)
        out = os.path.join(work, "out")
        os.makedirs(out)
        subprocess.run([soffice, "-env:UserInstallation=file://" + os.path.join(work, "profile"), "--headless",
                        "--norestore", "--convert-to", "xlsx", "--outdir", out, path],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        recalculated = openpyxl.load_workbook(os.path.join(out, os.path.basename(path)), data_only=True)
        formulas = openpyxl.load_workbook(path)
        cached = openpyxl.load_workbook(path, data_only=True)
        checked = bad = 0
        for ws in formulas.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type != "f":
                        continue
                    checked += 1
                    want = cached[ws.title][c.coordinate].value
                    got = recalculated[ws.title][c.coordinate].value
                    if not same(want, got):
                        bad += 1
                        print("%s!%s %s: cached %r, recalculated %r" % (ws.title, c.coordinate, c.value, want, got))
        print("%d formulas recalculated, %d differ" % (checked, bad))
        sys.exit(1 if bad or not checked else 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(os.path.abspath(sys.argv[1]))
