#!/usr/bin/env python3
"""Puts one deliberate one-line bug at a time into a scratch copy of the repository, runs the
whole test suite there, and reports which tests caught it. A bug no test catches is a missing test.

    python3 scripts/mutation-check.py [--only N | --from N]   # from the repository root; about 1.5 min a mutation

The copy lives under .build and is removed at the end; the working tree is not touched.
"""
import os, re, shutil, signal, subprocess, sys, tempfile

MUTATIONS = [
    ("a wrong sign in the quick score", "Sources/CJMView/Editor.swift",
     "score(Int(String(c))! - 3)", "score(3 - Int(String(c))!)"),
    ("an off-by-one in moving a stage", "Sources/CJMCore/Editing/Edits.swift",
     "        let to = s + delta\n", "        let to = s + delta + 1\n"),
    ("a skipped fsync before the rename", "Sources/CJMStorage/AtomicFile.swift",
     "            try fs.sync(fd)\n", "\n"),
    ("a dropped escape: control characters reach the screen", "Sources/CJMCore/Text/DisplayWidth.swift",
     "if v < 0x20 { return Glyph(String(Unicode.Scalar(0x2400 + v)!), width: 1) }",
     "if v < 0x20 { return Glyph(String(scalar), width: 1) }"),
    ("a swapped old/new in a cell edit's inverse", "Sources/CJMCore/Editing/Operation.swift",
     "return .setCell(lane: l, stage: s, old: n, new: o)", "return .setCell(lane: l, stage: s, old: o, new: n)"),
    ("autosave writes at the first key instead of after the burst", "Sources/CJMStorage/Autosaver.swift",
     "return max(earliest > now ? earliest - now : 0, quietDelay)", "return min(earliest > now ? earliest - now : 0, quietDelay)"),
    ("the file stamp ignores the change time", "Sources/CJMStorage/FileSystem.swift",
     "            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec\n", "\n"),
    ("a failed write leaves its temporary file", "Sources/CJMStorage/AtomicFile.swift",
     "            try? fs.close(fd)\n            fs.remove(temp)\n", "            try? fs.close(fd)\n"),
    ("a crash leaves the terminal raw", "Sources/CJMTerminal/Signals.swift",
     "                tcsetattr(0, TCSANOW, &CrashGuard.saved)\n", "\n"),
    ("a stale history is applied", "Sources/CJMStorage/MapStore.swift",
     "if fp == opened.fingerprint {", "if fp == opened.fingerprint || true {"),
    ("spreadsheet formulas are not neutralised", "Sources/CJMExport/CSV.swift",
     "if dangerous.contains(first) || first == \"'\" { return \"'\" + field }", "if first == \"'\" { return \"'\" + field }"),
    ("a change typed during a write waits for the next change", "Sources/CJMStorage/Autosaver.swift",
     "guard s.pending != nil && !s.scheduled else { return false }", "guard false else { return false }"),
    ("the help cuts long descriptions", "Sources/CJMView/EditorView.swift",
     "for (i, line) in TextLayout.wrap(what, width: room).enumerated() {",
     "for (i, line) in [TextLayout.fit(what, width: room)].enumerated() {"),
]

def main():
    only = int(sys.argv[sys.argv.index("--only") + 1]) if "--only" in sys.argv else None
    first = int(sys.argv[sys.argv.index("--from") + 1]) if "--from" in sys.argv else 1
    root = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
    # Under .build (git-ignored), not /tmp: SwiftPM leaves lock files beside a package in /tmp.
    os.makedirs(os.path.join(root, ".build"), exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="mutants-", dir=os.path.join(root, ".build"))
    try:
        copy = os.path.join(scratch, "repo")
        subprocess.run(["git", "clone", "-q", root, copy], check=True)
        # The tests' own folders go in a short folder of ours (a tmux socket path must stay under
        # 108 bytes), removed at the end, so a mutant that crashes the suite leaves nothing.
        tests_tmp = tempfile.mkdtemp(prefix="mut-")
        env = dict(os.environ, LANG="C.UTF-8", TMPDIR=tests_tmp)
        rows = []
        for n, (what, path, old, new) in enumerate(MUTATIONS, 1):
            if (only and n != only) or n < first:
                continue
            file = os.path.join(copy, path)
            original = open(file, encoding="utf-8").read()
            if original.count(old) != 1:
                rows.append((n, what, path, "NOT APPLIED: the line is not there once"))
                continue
            open(file, "w", encoding="utf-8").write(original.replace(old, new))
            # Its own process group, so a hung suite goes with every child (tmux servers included).
            p = subprocess.Popen(["swift", "test", "--disable-xctest"], cwd=copy, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, start_new_session=True)
            try:
                out, _ = p.communicate(timeout=900)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                out = p.communicate()[0] + "\n✘ Test suiteHungForFifteenMinutes(\n"
            failed = sorted(set(re.findall(r"✘ Test (\w+)\(", out)))
            if "error: " in out and "Compiling" in out and not failed:
                caught = "NOT BUILT: the mutant does not compile"
            elif p.returncode != 0 and not failed:
                caught = "the suite crashed (exit %d)" % p.returncode
            else:
                caught = ", ".join(failed) if failed else "NOT CAUGHT"
            rows.append((n, what, path, caught))
            open(file, "w", encoding="utf-8").write(original)
            print(f"{n}. {what} ({path}): {caught}", flush=True)
        print("\n| # | bug | where | caught by |\n| --- | --- | --- | --- |")
        for n, what, path, caught in rows:
            print(f"| {n} | {what} | `{path}` | {caught} |")
        return 1 if any("NOT" in r[3] for r in rows) else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if "tests_tmp" in locals():
            shutil.rmtree(tests_tmp, ignore_errors=True)

if __name__ == "__main__":
    sys.exit(main())
