#!/bin/sh
# Regenerate the pictures of an exported workbook in docs/ (docs/report-model.md shows them):
#   docs/report-sheet.png         the first printed page: the overview sheet with the chart
#   docs/report-sheet-detail.png  the first page of the kommun's own sheet
#   docs/report-docx.png          the first page of Socialnämnden's chapter in its committee
#                                 document (the demo's round at JANOKT, docs/report-png.c)
#
#   docs/report-png.sh [BUILDDIR]    (default: build; the library is built there if needed)
#
# Builds docs/report-png.c against the library, writes the demo municipality's report at
# Tertial 2 (docs/report-png.c: tertial_demo_new, forecasts applied, a sheet per committee),
# converts the workbook to PDF with LibreOffice headless (Debian: libreoffice-calc-nogui; a
# private profile, so the user's is untouched) and the pages to PNG with pdftoppm (Debian:
# poppler-utils). Environment: CUTOFF (8), DPI (110), KEEP=1 keeps the work folder.
# LibreOffice draws Calibri, the workbook's font, with a substitute: DejaVu Sans unless
# fonts-crosextra-carlito (metric-compatible with Calibri) is installed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
builddir=${1:-build}
case $builddir in /*) ;; *) builddir=$src/$builddir ;; esac
CUTOFF=${CUTOFF:-8}
DPI=${DPI:-110}
CC=${CC:-cc}

for tool in soffice pdftoppm pdftotext; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "report-png.sh: $tool is missing (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils)" >&2
    exit 1
  }
done
if [ ! -f "$builddir/build.ninja" ]; then
  echo "== setting up $builddir"
  meson setup "$builddir" "$src" >/dev/null
fi
echo "== building the library in $builddir"
ninja -C "$builddir" "$(cd "$builddir" && ninja -t targets all | sed -n 's/^\(lib\/libtertial\.so\.[0-9.]*\): .*LINKER.*/\1/p' | head -n 1)" >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/tertial-png.XXXXXX")
cleanup() { [ "${KEEP:-0}" = 1 ] && echo "(work folder kept: $work)" || rm -rf "$work"; }
trap cleanup EXIT INT TERM

"$CC" -std=c17 -O1 -I"$src/include" -I"$builddir/include" "$here/report-png.c" -L"$builddir/lib" -ltertial \
  -Wl,-rpath,"$builddir/lib" -o "$work/report-png"
"$work/report-png" "$work/report.xlsx" "$CUTOFF"
echo "== wrote the demo report ($work/report.xlsx); LibreOffice → PDF"
mkdir -p "$work/profile"
soffice -env:UserInstallation="file://$work/profile" --headless --norestore --convert-to pdf \
  --outdir "$work" "$work/report.xlsx" >/dev/null 2>&1
[ -s "$work/report.pdf" ] || { echo "report-png.sh: LibreOffice wrote no PDF" >&2; exit 1; }

# The overview is page 1; the kommun's sheet begins at the first page with its key figures.
detail=$(pages=$(pdfinfo "$work/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p'); p=2
  while [ "$p" -le "${pages:-1}" ]; do
    if pdftotext -f "$p" -l "$p" "$work/report.pdf" - 2>/dev/null | grep -q '^Nyckeltal$'; then echo "$p"; break; fi
    p=$((p + 1))
  done)
pdftoppm -png -r "$DPI" -f 1 -l 1 -singlefile "$work/report.pdf" "$work/overview"
cp "$work/overview.png" "$here/report-sheet.png"
echo "== docs/report-sheet.png: page 1 (the overview)"
if [ -n "$detail" ]; then
  pdftoppm -png -r "$DPI" -f "$detail" -l "$detail" -singlefile "$work/report.pdf" "$work/detail"
  cp "$work/detail.png" "$here/report-sheet-detail.png"
  echo "== docs/report-sheet-detail.png: page $detail (the kommun's sheet)"
else
  echo "report-png.sh: no page with the key figures found" >&2
  exit 1
fi

# The committee document: Socialnämnden's chapter starts on the first page after the contents.
"$work/report-png" "$work/committee.docx"
echo "== wrote Socialnämnden's document ($work/committee.docx); LibreOffice → PDF"
soffice -env:UserInstallation="file://$work/profile" --headless --norestore --convert-to pdf \
  --outdir "$work" "$work/committee.docx" >/dev/null 2>&1
[ -s "$work/committee.pdf" ] || { echo "report-png.sh: LibreOffice wrote no PDF of the document" >&2; exit 1; }
chapter=$(pages=$(pdfinfo "$work/committee.pdf" 2>/dev/null | sed -n 's/^Pages: *//p'); p=2
  while [ "$p" -le "${pages:-1}" ]; do
    if pdftotext -f "$p" -l "$p" "$work/committee.pdf" - 2>/dev/null | grep -q '^Sammanfattning$'; then echo "$p"; break; fi
    p=$((p + 1))
  done)
[ -n "$chapter" ] || { echo "report-png.sh: no page with the Sammanfattning found" >&2; exit 1; }
pdftoppm -png -r "$DPI" -f "$chapter" -l "$chapter" -singlefile "$work/committee.pdf" "$work/docx"
cp "$work/docx.png" "$here/report-docx.png"
echo "== docs/report-docx.png: page $chapter (Socialnämnden's chapter)"
