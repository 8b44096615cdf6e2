#!/usr/bin/env python3
"""Writes the manual page neuroscope.1 from the program's own --help texts.

Usage: gen-man.py NEUROSCOPE VERSION PKGDATADIR OUTPUT

`neuroscope --help` lists the verbs (the table main() registers); each verb's `--help` gives
its description and options. So the page lists a verb added later by itself, and never says
what the program does not.
"""
import os
import re
import subprocess
import sys


def run_help(program, *args):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    env.pop("LANGUAGE", None)
    result = subprocess.run([program, *args, "--help"], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"gen-man: {' '.join(['neuroscope', *args])} --help exited {result.returncode}:"
                 f" {result.stderr.strip()}")
    return result.stdout


def escape(text):
    """Roff-escapes plain text: backslashes, hyphens, a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = text.replace("…", "...").replace("“", "\\(lq").replace("”", "\\(rq")
    text = text.replace("’", "\\(cq")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


OWN_LINE = re.compile(r"^(Example|Examples|Exit status):")


def verbs_of(top_help):
    """The verb names of `neuroscope --help`'s Verbs section, with their synopsis and summary."""
    verbs = []
    in_verbs = False
    for line in top_help.splitlines():
        if line == "Verbs:":
            in_verbs = True
            continue
        if in_verbs:
            if not line.strip():
                break
            match = re.match(r"^  (\S.*?)(?:\s{2,}(\S.*))?$", line)
            if match:
                verbs.append([match.group(1), match.group(2) or ""])
            elif verbs:  # a summary on the line under a long synopsis
                verbs[-1][1] = line.strip()
    if not verbs:
        sys.exit("gen-man: `neuroscope --help` lists no verbs")
    return verbs


def verb_section(program, synopsis, summary):
    name = synopsis.split()[0]
    text = run_help(program, name)
    out = [f'.SS "{escape("neuroscope " + synopsis)}"', escape(summary) + "."]
    section = None
    paragraph = []

    def flush():
        if paragraph:
            # Prose flows; an indented line (a result line to copy) and an example start lines
            # of their own.
            out.append(".PP")
            previous_indented = False
            for k, p in enumerate(paragraph):
                indented = p.startswith("  ")
                if k > 0 and (indented or previous_indented or OWN_LINE.match(p)):
                    out.append(".br")
                out.append(escape(p.strip()))
                previous_indented = indented
            paragraph.clear()

    for line in text.splitlines():
        if line.endswith("Options:") and not line.startswith(" "):
            flush()
            section = line
            continue
        if line == "Usage:":
            section = "Usage:"
            continue
        if section == "Usage:":
            if line.strip():
                out.append(".PP\n.B " + escape(line.strip()))
            else:
                section = "description"
            continue
        if section == "description":
            if line.strip():
                paragraph.append(line)
            else:
                flush()
            continue
        if section == "Help Options:":
            continue
        match = re.match(r"^\s+(-\S.*?)\s{2,}(\S.*)$", line)
        if match:
            option, description = match.groups()
            option = re.sub(r"^(\S+?)=(\S+)$", lambda m: f"\\fB{escape(m.group(1))}\\fR="
                            f"\\fI{escape(m.group(2))}\\fR", option)
            if not option.startswith("\\fB"):
                option = f"\\fB{escape(option)}\\fR"
            out.append(f".TP\n{option}\n{escape(description)}")
        elif line.strip():
            out.append(escape(line.strip()))
    flush()
    return "\n".join(out)


def main():
    program, version, pkgdatadir, output = sys.argv[1:5]
    verbs = verbs_of(run_help(program))
    page = [
        f'.TH NEUROSCOPE 1 "" "neuroscope {escape(version)}" "User Commands"',
        ".SH NAME",
        "neuroscope \\- build small neural networks and watch them learn",
        ".SH SYNOPSIS",
        ".B neuroscope",
        "[\\fIFILE\\fR]",
        ".br",
        ".B neuroscope",
        "\\fIVERB\\fR [\\fIOPTION\\fR...]",
        ".br",
        ".B neuroscope",
        "\\fIVERB\\fR \\fB\\-\\-help\\fR",
        ".br",
        ".B neuroscope",
        "\\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR",
        ".SH DESCRIPTION",
        "Neuroscope is a playground for learning how neural networks learn: build a small",
        "network, train it step by step, and watch every neuron's activation, the weights, the",
        "loss curves and the decision boundary change as it learns.",
        ".PP",
        "Without a verb it opens the window, on \\fIFILE\\fR when given (a saved experiment,",
        "a CSV file of data, or a lesson). The verbs below run without a window and need no",
        "display. The same seed and settings give a bit-identical run on every machine.",
        ".SH COMMANDS",
    ]
    for synopsis, summary in verbs:
        page.append(verb_section(program, synopsis, summary))
    page += [
        ".SH EXIT STATUS",
        "0 when done; 1 when a file could not be read or written (the message names the file",
        "and line); 2 for bad options (the message names the option and what it allows).",
        ".SH ENVIRONMENT",
        ".TP",
        "\\fBNEUROSCOPE_DATADIR\\fR",
        "The folder holding \\fIlessons\\fR and \\fIdatasets\\fR, instead of the installed one.",
        ".TP",
        "\\fBNEUROSCOPE_LESSONS_DIR\\fR",
        "The folder of the built-in lessons, instead of the installed one.",
        ".SH FILES",
        ".TP",
        f"\\fI{escape(pkgdatadir)}/lessons\\fR",
        "The built-in lessons, Markdown files checked by \\fBneuroscope lesson check\\fR.",
        ".TP",
        f"\\fI{escape(pkgdatadir)}/datasets\\fR",
        "The shipped data sets as CSV files (digits and iris are also built into the program).",
        ".SH SEE ALSO",
        "The README of the project, which describes the file formats.",
        "",
    ]
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(page))


if __name__ == "__main__":
    main()
