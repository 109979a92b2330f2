#!/bin/bash
# The committee's Word document through LibreOffice: the demo's Socialnämnden (two levels of
# chapters) and the municipality's document are written with the CLI, every XML part of each is
# checked for well-formedness, each is converted to PDF by `tertial report -o FILE.pdf`
# (LibreOffice), and the PDF's pages and text are read back with poppler's pdfinfo and pdftotext.
# Environment: TERTIAL (the binary). Exit 77 (skipped) without soffice, pdftotext or pdfinfo.
set -u
: "${TERTIAL:?TERTIAL must name the tertial binary}"
for tool in soffice pdftotext pdfinfo; do
  command -v "$tool" > /dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
export LC_ALL=C.UTF-8
work=$(mktemp -d /tmp/tertial-docx-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 99
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

"$TERTIAL" init demo.db --demo > /dev/null || { echo "init failed" >&2; exit 1; }
"$TERTIAL" report demo.db --point JANOKT --unit 3 --depth 2 --author "Eva Andersson" --created 2026-11-12 \
  -o sn.docx || fail "report -o sn.docx"
"$TERTIAL" report demo.db --point JANOKT --created 2026-11-12 -o kommun.docx || fail "report -o kommun.docx"

# every part of both documents is well-formed XML
/usr/bin/python3 - sn.docx kommun.docx <<'PY' || fail "a part is not well-formed"
import sys, xml.dom.minidom, zipfile
for path in sys.argv[1:]:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None, path
        for name in z.namelist():
            xml.dom.minidom.parseString(z.read(name))  # raises on a malformed part
        print(path, len(z.namelist()), "parts well-formed")
PY

# the PDFs, through LibreOffice (the CLI's own conversion)
"$TERTIAL" report demo.db --point JANOKT --unit 3 --depth 2 --author "Eva Andersson" --created 2026-11-12 \
  -o sn.pdf || fail "report -o sn.pdf: $?"
"$TERTIAL" report demo.db --point JANOKT --created 2026-11-12 -o kommun.pdf || fail "report -o kommun.pdf: $?"
ls -A | grep -q 'tertial-pdf' && fail "a temporary folder is left: $(ls -A)"

for pdf in sn.pdf kommun.pdf; do
  pages=$(pdfinfo "$pdf" 2> /dev/null | sed -n 's/^Pages: *//p')
  [ "${pages:-0}" -gt 1 ] || fail "$pdf has ${pages:-no} pages"
  # no-break spaces (between the digit groups) as spaces, the lines joined for the long texts
  pdftotext -layout "$pdf" - | sed 's/\xc2\xa0/ /g' > "$pdf.txt"
done
echo "sn.pdf: $(pdfinfo sn.pdf | sed -n 's/^Pages: *//p') pages; kommun.pdf: $(pdfinfo kommun.pdf | sed -n 's/^Pages: *//p') pages"

expect_text() {
  grep -qF -- "$2" "$1" || fail "$1 does not show '$2'"
}
for heading in "Socialnämnden" "Innehåll" "Sammanfattning" "Ekonomiskt resultat per verksamhet" \
  "Ekonomiskt resultat" "Ekonomisk analys och prognos" "Prognosens avvikelse mot budget" \
  "Åtgärder vid avvikelse" "Status" "Socialförvaltningen" "NETTORESULTAT" "Handläggare: Eva Andersson" \
  "Datum: 2026-11-12" "Sida 2 av"; do
  expect_text sn.pdf.txt "$heading"
done
# a known amount in Swedish notation: Socialnämnden's Ack utfall in tkr, and its forecast deviation
expect_text sn.pdf.txt "386 331"
expect_text sn.pdf.txt "-5 928"
# the round's Sammanfattning of the committee (a line of it as the PDF wraps it)
tr '\n' ' ' < sn.pdf.txt | tr -s ' ' | grep -qF "Socialnämnden prognostiserar ett underskott mot budget för helåret." ||
  fail "sn.pdf does not show the committee's Sammanfattning"
expect_text kommun.pdf.txt "Exempelkommun"
expect_text kommun.pdf.txt "Kommunstyrelsen"

if [ "$failures" -gt 0 ]; then
  echo "docx-pdf: $failures failures" >&2
  exit 1
fi
echo "docx-pdf: ok"
