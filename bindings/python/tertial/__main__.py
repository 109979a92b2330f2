"""python3 -m tertial: the package's version, or what is installed where.

    python3 -m tertial --version     # tertial 0.1.0
    python3 -m tertial               # the version, the module's file and whether pandas is there
"""
import argparse
import importlib.util
import sys

import tertial


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python3 -m tertial",
        description="Tertial: budget follow-up for Swedish municipalities (Python bindings of libtertial).")
    parser.add_argument("--version", action="version", version=f"tertial {tertial.__version__}")
    parser.parse_args(argv)
    pandas = "yes" if importlib.util.find_spec("pandas") else "no (DataFrames need python3-pandas)"
    print(f"tertial {tertial.__version__}\n"
          f"module: {tertial.core._tertial.__file__}\n"
          f"pandas: {pandas}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
