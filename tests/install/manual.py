#!/usr/bin/env python3
"""tests/install/manual.py RIPPLE RIPPLE.1 COMPLETION: the man page and the bash
completion say what --help says.

For every command `RIPPLE --help` lists, the options `RIPPLE COMMAND --help` prints
(each as -x, --name VALUE and its description) are read from that help, and:
  - the man page, rendered by `man -l` as a reader sees it, has a section
    "ripple COMMAND" that lists the same options, with the same short names and
    values, in the same order, each with the same description (words compared, as
    the page is wrapped at another width);
  - the completion, sourced in bash, offers the commands after `ripple`, and after
    `ripple COMMAND --` every long option of COMMAND's --help, and no other.
Exits 1, naming what differs. Python 3 standard library, man-db and bash.
"""
import os
import re
import subprocess
import sys

OPTION = re.compile(r"^  (?:-(\w), |    )--([a-z][a-z0-9-]*)(?: (\S+))?(?:\s+(.*))?$")
MAN_OPTION = re.compile(r"^ {7}(?:-(\w), )?--([a-z][a-z0-9-]*)(?: (\S+))?\s*$")


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


def commands(ripple):
    """The commands `ripple --help` lists, in its order."""
    out = run([ripple, "--help"])
    block = out.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    # a summary of more than one line goes on unindented: a command is "  name  summary"
    return [m.group(1) for m in (re.match(r"^  ([a-z]+) ", line) for line in block.splitlines()) if m]


def help_options(ripple, cmd):
    """[(alias, name, value, description words)] of `ripple cmd --help`."""
    out = run([ripple, cmd, "--help"])
    rows, in_options = [], False
    for line in out.splitlines():
        if line == "options:":
            in_options = True
            continue
        if not in_options:
            continue
        if not line.strip():
            break
        m = OPTION.match(line)
        if m:
            rows.append([m.group(1), m.group(2), m.group(3), (m.group(4) or "").split()])
        elif line.startswith(" " * 24) and rows:
            rows[-1][3] += line.split()
        else:
            break
    return rows


def man_sections(page):
    """{command: [(alias, name, value, description words)]} from the rendered page."""
    env = dict(os.environ, MANWIDTH="100", LANG="C.UTF-8", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    text = run(["man", "-l", page], env=env)
    sections, rows, cmd, last = {}, None, None, None
    for line in text.splitlines():
        head = re.match(r"^ {3}ripple ([a-z]+)\s*$", line)
        if head:
            cmd = head.group(1)
            rows = sections.setdefault(cmd, [])
            last = None
            continue
        if re.match(r"^\S", line):        # a new .SH section ends the commands
            cmd, rows, last = None, None, None
            continue
        if rows is None:
            continue
        m = MAN_OPTION.match(line)
        if m:
            last = [m.group(1), m.group(2), m.group(3), []]
            rows.append(last)
        elif last is not None and line.startswith(" " * 14) and line.strip():
            last[3] += line.split()
        else:
            last = None
    return sections


def completion(script, words):
    """What the completion offers for the command line words (the last is completed)."""
    quoted = " ".join("'%s'" % w for w in words)
    prog = ("source '%s'; COMP_WORDS=(%s); COMP_CWORD=%d; _ripple; printf '%%s\\n' \"${COMPREPLY[@]}\""
            % (script, quoted, len(words) - 1))
    return sorted(w for w in run(["bash", "-c", prog]).splitlines() if w)


def main():
    ripple, page, script = sys.argv[1:4]
    problems = []
    cmds = commands(ripple)
    sections = man_sections(page)
    if sorted(sections) != sorted(cmds):
        problems.append("man page commands %s, --help commands %s" % (sorted(sections), sorted(cmds)))
    offered = completion(script, ["ripple", ""])
    if offered != sorted(cmds + ["help", "--help", "--version"]):
        problems.append("completion after `ripple` offers %s" % offered)
    other = subprocess.run([ripple, "--completion", "zsh"], capture_output=True, text=True)
    if other.returncode != 2 or other.stdout or "bash only" not in other.stderr:
        problems.append("`ripple --completion zsh` exits %d (%r), not 2 saying it knows bash only"
                        % (other.returncode, other.stderr))
    total = 0
    for cmd in cmds:
        want = help_options(ripple, cmd)
        if not want:
            problems.append("%s --help prints no options" % cmd)
        got = sections.get(cmd, [])
        if [r[:3] for r in got] != [r[:3] for r in want]:
            problems.append("man page, ripple %s: options %s, --help: %s"
                            % (cmd, [r[:3] for r in got], [r[:3] for r in want]))
        for g, w in zip(got, want):
            if g[:3] == w[:3] and g[3] != w[3]:
                problems.append("man page, ripple %s --%s: \"%s\", --help: \"%s\""
                                % (cmd, w[1], " ".join(g[3]), " ".join(w[3])))
        offered = completion(script, ["ripple", cmd, "--"])
        if offered != sorted("--" + r[1] for r in want):
            problems.append("completion of `ripple %s --` offers %s, --help lists %s"
                            % (cmd, offered, sorted("--" + r[1] for r in want)))
        total += len(want)
    if problems:
        for p in problems:
            print("check-install: " + p, file=sys.stderr)
        return 1
    print("install: the man page and the completion list the %d options of the %d commands' --help"
          % (total, len(cmds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
