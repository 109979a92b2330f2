#!/usr/bin/python3
"""Check that the public API, the linker version script and the built library agree.

The functions declared with TERTIAL_API in include/tertial/*.h, the names listed in
lib/tertial.map and the functions libtertial.so exports must be the same set; any
difference is printed and the script exits 1.

Run by `meson test --suite abi` (test abi-symbols). By hand:
    /usr/bin/python3 tests/abi/check_symbols.py --lib build-test/lib/libtertial.so
    /usr/bin/python3 tests/abi/check_symbols.py --print-map > lib/tertial.map
"""

import argparse
import pathlib
import re
import subprocess
import sys

SOURCE_ROOT = pathlib.Path(__file__).resolve().parents[2]
IDENT = re.compile(r"[A-Za-z_]\w*")
# Identifiers that may be followed by "(" before the declarator name.
NOT_A_NAME = {"__attribute__", "__declspec", "_Alignas", "alignas", "__typeof__", "typeof"}
# nm types of exported functions: text, weak, GNU indirect function. "A" marks version nodes.
FUNCTION_TYPES = {"T", "W", "i"}
VERSION_NODE_TYPE = "A"
MAP_COMMENT = ("/* Every TERTIAL_API function, sorted; checked by the abi-symbols test.\n"
               "   Regenerate: /usr/bin/python3 tests/abi/check_symbols.py --print-map > lib/tertial.map */")


def strip_comments_and_directives(text):
    """Blank out comments, string/char literals and preprocessor lines, keeping newlines."""
    out = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        if text.startswith("//", i) or (c == "#" and at_line_start):
            end = i
            while end < n and text[end] != "\n":  # directives continue after a backslash
                end += 2 if text[end] == "\\" else 1
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        if c in "\"'":
            end = i + 1
            while end < n and text[end] != c:
                end += 2 if text[end] == "\\" else 1
            out.append(c + " " * (end - i - 1) + c)
            i = end + 1
            continue
        out.append(c)
        if c == "\n":
            at_line_start = True
        elif not c.isspace():
            at_line_start = False
        i += 1
    return "".join(out)


def declarator_name(decl):
    """The name of the function a declaration declares: the first identifier followed by a
    parameter list ('(' not opening a pointer declarator like the one after `int` in
    `int (*tertial_get(void))(int)`).
    """
    for m in IDENT.finditer(decl):
        rest = decl[m.end():].lstrip()
        if (rest.startswith("(") and not rest[1:].lstrip().startswith(("*", "^"))
                and m.group() not in NOT_A_NAME):
            return m.group()
    return None


def parse_header(path, problems):
    """Return {name: 'file:line'} of the TERTIAL_API functions declared in one header."""
    text = strip_comments_and_directives(path.read_text(encoding="utf-8"))
    found = {}
    depth = 0          # brace depth, ignoring the extern "C" markers (they are macros)
    in_decls = False   # between TERTIAL_BEGIN_DECLS and TERTIAL_END_DECLS
    start = 0          # offset where the current top-level statement began
    i = 0
    while i < len(text):
        c = text[i]
        m = IDENT.match(text, i) if (c.isalpha() or c == "_") else None
        if m:
            word = m.group()
            if word == "TERTIAL_BEGIN_DECLS":
                in_decls, start = True, m.end()
            elif word == "TERTIAL_END_DECLS":
                in_decls, start = False, m.end()
            i = m.end()
            continue
        if c == "{":
            if depth == 0 and text[start:i].rstrip().endswith(")"):
                # An inline function definition: skip its body, it ends the statement.
                close = matching_brace(text, i)
                check_statement(text[start:i], path, text, start, in_decls, found, problems)
                i = start = close + 1
                continue
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == ";" and depth == 0:
            check_statement(text[start:i], path, text, start, in_decls, found, problems)
            start = i + 1
        i += 1
    return found


def matching_brace(text, i):
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(text) - 1


def check_statement(stmt, path, text, offset, in_decls, found, problems):
    words = IDENT.findall(stmt)
    if not words:
        return
    lead = len(stmt) - len(stmt.lstrip())
    where = f"{path.name}:{text.count(chr(10), 0, offset + lead) + 1}"
    if "TERTIAL_API" not in words:
        if words[0] not in ("typedef", "struct", "union", "enum", "static") and "(" in stmt:
            name = declarator_name(stmt)
            if name and name.startswith("tertial_"):
                problems.append(f"{where}: {name}() is declared without TERTIAL_API")
        return
    name = declarator_name(stmt.split("TERTIAL_API", 1)[1])
    if name is None:
        problems.append(f"{where}: TERTIAL_API on something that is not a function declaration")
        return
    if not name.startswith("tertial_"):
        problems.append(f"{where}: public function {name}() lacks the tertial_ prefix")
    if not in_decls:
        problems.append(f"{where}: {name}() is outside TERTIAL_BEGIN_DECLS/TERTIAL_END_DECLS "
                        "(C++ callers would see a mangled name)")
    if name in found:
        problems.append(f"{where}: {name}() is declared again (first at {found[name]})")
    else:
        found[name] = where


def parse_headers(include_dir, problems):
    declared = {}
    headers = sorted(include_dir.glob("*.h"))
    if not headers:
        problems.append(f"no headers found in {include_dir}")
    for header in headers:
        for name, where in parse_header(header, problems).items():
            if name in declared:
                problems.append(f"{where}: {name}() is also declared at {declared[name]}")
            else:
                declared[name] = where
    return declared


def parse_map(path, problems):
    """The names listed under global: in a linker version script."""
    text = re.sub(r"/\*.*?\*/|#[^\n]*", " ", path.read_text(encoding="utf-8"), flags=re.S)
    names = []
    for node in re.finditer(r"([\w.]+)\s*\{(.*?)\}\s*[\w.]*\s*;", text, flags=re.S):
        scope, node_names = None, []
        for token in re.findall(r"[^\s;:]+:|[^\s;]+", node.group(2)):
            if token.endswith(":"):
                scope = token[:-1]
            elif scope == "global":
                if re.search(r"[*?\[]", token):
                    problems.append(f"{path.name}: node {node.group(1)} exports the pattern "
                                    f"'{token}'; list every public function explicitly")
                else:
                    node_names.append(token)
        if node_names != sorted(node_names):
            problems.append(f"{path.name}: the global: list of {node.group(1)} is not sorted")
        names += node_names
    if not names and not problems:
        problems.append(f"{path.name}: no global: symbols found")
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        problems.append(f"{path.name}: listed more than once: {', '.join(dups)}")
    return set(names)


def exported_functions(lib, nm, problems):
    """The functions a shared library defines in its dynamic symbol table."""
    try:
        out = subprocess.run([nm, "-D", "--defined-only", str(lib)], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        problems.append(f"cannot list the symbols of {lib}: {e}")
        return set()
    functions = set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 2:
            continue
        kind, name = fields[-2], fields[-1].split("@")[0]  # drop @@TERTIAL_0
        if kind in FUNCTION_TYPES:
            functions.add(name)
        elif kind != VERSION_NODE_TYPE:
            problems.append(f"{lib.name} exports the non-function symbol {name} (type {kind})")
    return functions


def format_map(names):
    body = "".join(f"    {n};\n" for n in sorted(names))
    return (MAP_COMMENT + "\n"
            f"TERTIAL_0 {{\n  global:\n{body}  local:\n    *;\n}};\n")


def report_difference(title, names, declared):
    if not names:
        return
    print(f"\n{title} ({len(names)}):")
    for n in sorted(names):
        print(f"  {n}" + (f"  [{declared[n]}]" if n in declared else ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--include", type=pathlib.Path, default=SOURCE_ROOT / "include" / "tertial",
                    help="directory of the public headers (default: %(default)s)")
    ap.add_argument("--map", type=pathlib.Path, default=SOURCE_ROOT / "lib" / "tertial.map",
                    help="linker version script (default: %(default)s)")
    ap.add_argument("--lib", type=pathlib.Path, help="the built shared library")
    ap.add_argument("--nm", default="nm", help="nm program (default: %(default)s)")
    ap.add_argument("--print-map", action="store_true",
                    help="print the version script the headers call for, and exit")
    args = ap.parse_args()

    problems = []
    declared = parse_headers(args.include, problems)
    if args.print_map:
        sys.stdout.write(format_map(declared))
        return 0
    if args.lib is None:
        ap.error("--lib is required unless --print-map is given")
    mapped = parse_map(args.map, problems)
    exported = exported_functions(args.lib, args.nm, problems)
    decl = set(declared)

    print(f"declared with TERTIAL_API in {args.include}: {len(decl)}")
    print(f"listed in {args.map}: {len(mapped)}")
    print(f"exported by {args.lib}: {len(exported)}")
    report_difference(f"declared but missing from {args.map.name}", decl - mapped, declared)
    report_difference(f"in {args.map.name} but not declared in any header", mapped - decl, declared)
    report_difference(f"declared but not exported by {args.lib.name} (not defined yet, "
                      "or missing from the map)", decl - exported, declared)
    report_difference(f"exported by {args.lib.name} but not declared", exported - decl, declared)
    if problems:
        print("\nproblems:")
        for p in problems:
            print(f"  {p}")
    if decl != mapped:
        print("\nthe version script the headers call for "
              "(tests/abi/check_symbols.py --print-map > lib/tertial.map):\n")
        print(format_map(decl), end="")
    ok = not problems and decl == mapped == exported
    print("\nOK: headers, map and library agree" if ok else "\nFAIL: see the differences above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
