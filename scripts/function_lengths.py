#!/usr/bin/env python3
"""Function-length report for MesoCell's C++ sources.

Prints the longest function bodies (lines from the line of the opening brace
to the closing one, lambdas counted inside their enclosing function) and
checks the bounds of the architecture: the longest function at most
--max-length lines and at most --max-over functions longer than --threshold.
Exit code 1 when a bound is broken.

Usage: function_lengths.py [--top N] [--max-length 150] [--threshold 100]
                           [--max-over 5] [DIR ...]    (default: source)
"""
import argparse
import os
import re
import sys


def strip_code(text):
    """Blank out comments, string and character literals, keeping newlines."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif c == 'R' and text.startswith('R"', i):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if m:
                end = ")" + m.group(1) + '"'
                j = text.find(end, i + m.end())
                j = n if j < 0 else j + len(end)
                out.append('""' + "\n" * text.count("\n", i, j))
                i = j
            else:
                out.append(c)
                i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


HEAD = re.compile(
    r"\)\s*(const\s*)?(noexcept\s*)?(override\s*)?(final\s*)?(->\s*[\w:<>,\s&*]+)?$")
NOT_FUNCTION = re.compile(r"\b(if|for|while|switch|catch|return)\s*\($")


def functions(path):
    """Yield (name, first line, length) of the outermost function bodies."""
    code = strip_code(open(path, encoding="utf-8", errors="replace").read())
    depth_stack = []  # for each open brace: is it a function body?
    in_function = 0
    start_line = 0
    name = ""
    line = 1
    last_stmt = 0  # index after the last ';', '{' or '}'
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        elif c == "{":
            head = code[last_stmt:i].strip()
            # a constructor's initialiser list ends with ')' or '}' too
            is_fn = False
            if not in_function:
                h = re.sub(r"\s+", " ", head)
                h_init = re.sub(r":\s*[\w:]+\s*[\(\{].*$", "", h) if ") :" in h or "):" in h else h
                if HEAD.search(h) or (h_init != h and HEAD.search(h_init)):
                    if not NOT_FUNCTION.search(h) and "=" not in h.split("(")[0]:
                        is_fn = True
                        m = re.search(r"([~\w:]+(?:<[^()]*>)?)\s*\(", h)
                        name = m.group(1) if m else h[:60]
                        start_line = line
            depth_stack.append(is_fn)
            in_function += is_fn
            last_stmt = i + 1
        elif c == "}":
            if depth_stack:
                was_fn = depth_stack.pop()
                if was_fn:
                    in_function -= 1
                    yield name, start_line, line - start_line + 1
            last_stmt = i + 1
        elif c == ";":
            last_stmt = i + 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="*")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--max-length", type=int, default=150)
    ap.add_argument("--threshold", type=int, default=100)
    ap.add_argument("--max-over", type=int, default=5)
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dirs = args.dirs or [os.path.join(root, "source")]
    found = []
    for d in dirs:
        for base, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith((".cc", ".h")):
                    p = os.path.join(base, f)
                    for name, first, length in functions(p):
                        found.append((length, os.path.relpath(p, root), first, name))
    found.sort(reverse=True)
    total = sum(f[0] for f in found)
    over = [f for f in found if f[0] > args.threshold]
    print(f"{len(found)} functions, {total} lines in function bodies")
    print(f"{'lines':>6}  location  function")
    for length, p, first, name in found[: args.top]:
        print(f"{length:6d}  {p}:{first}  {name}")
    print(f"longest {found[0][0] if found else 0} lines (bound {args.max_length}); "
          f"{len(over)} over {args.threshold} lines (bound {args.max_over}), "
          f"{sum(f[0] for f in over)} lines, "
          f"{100.0 * sum(f[0] for f in over) / max(total, 1):.0f} % of function bodies")
    ok = (not found or found[0][0] <= args.max_length) and len(over) <= args.max_over
    print("bounds hold" if ok else "bounds broken")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
