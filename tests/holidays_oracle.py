#!/usr/bin/python3
"""Print the independent list of Swedish days off for tests/test_holidays.c as a C table.

The oracle is python3-holidays (Debian package, 0.10): holidays.Sweden(include_sundays=False),
which lists the public holidays other than ordinary Sundays plus midsommarafton, julafton and
nyårsafton. Where two holidays share a date it joins their names with ", ".

Regenerate the table in tests/test_holidays.c (between the ORACLE BEGIN/END markers) with
    /usr/bin/python3 tests/holidays_oracle.py 2020 2030
"""

import sys

import holidays


def main():
    first, last = (int(a) for a in sys.argv[1:3]) if len(sys.argv) == 3 else (2020, 2030)
    print(f"/* ORACLE BEGIN: /usr/bin/python3 tests/holidays_oracle.py {first} {last}"
          f" (python3-holidays {holidays.__version__}) */")
    print("static const oracle_day oracle[] = {")
    for year in range(first, last + 1):
        for day, name in sorted(holidays.Sweden(include_sundays=False, years=[year]).items()):
            print(f'  {{{day.year}, {day.month}, {day.day}, "{name}"}},')
    print("};")
    print("/* ORACLE END */")


if __name__ == "__main__":
    main()
