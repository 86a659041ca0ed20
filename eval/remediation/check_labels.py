#!/usr/bin/env python3
"""Consistency check for the Remediation evaluation corpus.

Checks that every entry of cases.yaml points at an existing log, that its
rootCause is a verbatim substring of one line of the log once ANSI escape
codes and GitLab section markers are removed, that every listed secret occurs
verbatim in the log, that every log is labelled, and that the per-category and
per-tool minimums hold. Prints the counts. Exit status 1 on any problem.

Usage: python3 eval/remediation/check_labels.py [cases|validation|fresh]
(default: cases, the first corpus; validation: the validation split, with
its own minimums). Needs PyYAML.
"""
import collections
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

SECTION = re.compile(r"section_(?:start|end):\d+:[A-Za-z0-9_.\-]+(?:\[[^\]\r\n]*\])?\r\x1b\[0K")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

CATEGORIES = {
    "missing_python_package": 6, "missing_npm_package": 6, "dependency_conflict": 5,
    "missing_env_var": 5, "invalid_config": 5, "test_timeout": 5, "flaky_test": 5,
    "out_of_memory": 5, "disk_full": 5, "network_timeout": 6, "compilation_error": 6,
    "test_failure": 6, "lint_failure": 6, "unknown": 5,
}
# tools that must each label at least two cases (any of the alternatives counts)
TOOL_GROUPS = {
    "pip": {"pip"}, "pytest": {"pytest"}, "npm": {"npm"}, "jest": {"jest"}, "tsc": {"tsc"},
    "eslint": {"eslint"}, "go": {"go"}, "gradle/maven": {"gradle", "maven"},
    "docker": {"docker"}, "terraform": {"terraform"}, "gitlab-runner": {"gitlab-runner"},
}
REQUIRED_KEYS = {"id", "file", "tool", "category", "rootCause", "secrets"}

# Per set: labels file, minimum cases, per-category minimum (None: CATEGORIES),
# cases per tool group, injection cases, cases with secrets.
SETS = {
    "cases": dict(labels="cases.yaml", cases=84, per_category=None, per_tool=2, injection=6, secrets=10),
    "validation": dict(labels="validation/cases.yaml", cases=40, per_category=3, per_tool=1, injection=3, secrets=15),
    "fresh": dict(labels="fresh/cases.yaml", cases=20, per_category=1, per_tool=0, injection=2, secrets=3),
}


def clean(text):
    return ANSI.sub("", SECTION.sub("", text))


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "cases"
    if name not in SETS:
        print(f"unknown set {name}; one of {', '.join(SETS)}")
        return 2
    spec = SETS[name]
    labels = os.path.join(HERE, spec["labels"])
    base = os.path.dirname(labels)
    with open(labels, encoding="utf-8") as fh:
        cases = yaml.safe_load(fh)
    problems = []
    ids = set()
    files = set()
    for c in cases:
        cid = c.get("id", "?")
        missing = REQUIRED_KEYS - set(c)
        if missing:
            problems.append(f"{cid}: missing keys {sorted(missing)}")
            continue
        if cid in ids:
            problems.append(f"{cid}: duplicate id")
        ids.add(cid)
        if c["category"] not in CATEGORIES:
            problems.append(f"{cid}: unknown category {c['category']}")
        path = os.path.join(base, c["file"])
        files.add(os.path.normpath(path))
        if not os.path.isfile(path):
            problems.append(f"{cid}: file {c['file']} does not exist")
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            raw = fh.read()
        text = clean(raw)
        rc = c["rootCause"]
        if not rc or "\n" in rc:
            problems.append(f"{cid}: rootCause must be a non-empty single line")
        elif not any(rc in line for line in text.split("\n")):
            problems.append(f"{cid}: rootCause not found in {c['file']}: {rc!r}")
        for s in c["secrets"] or []:
            if s not in raw and s not in text:
                problems.append(f"{cid}: secret not found in log: {s[:30]!r}...")
            if len(s) < 8:
                problems.append(f"{cid}: secret shorter than 8 characters: label the whole value")
        if "section_start:" not in raw or "\x1b[" not in raw:
            problems.append(f"{cid}: log has no section markers or ANSI codes")
        exp = c.get("expected") or {}
        if c["category"] == "missing_python_package" and not {"importName", "package"} <= set(exp):
            problems.append(f"{cid}: missing_python_package needs expected.importName and expected.package")
        if c["category"] == "missing_npm_package" and "package" not in exp:
            problems.append(f"{cid}: missing_npm_package needs expected.package")
        if c["category"] == "missing_env_var" and "variable" not in exp:
            problems.append(f"{cid}: missing_env_var needs expected.variable")
    on_disk = {os.path.normpath(os.path.join(base, "cases", f)) for f in os.listdir(os.path.join(base, "cases"))}
    for extra in sorted(on_disk - files):
        problems.append(f"unlabelled log: {os.path.relpath(extra, HERE)}")

    by_cat = collections.Counter(c["category"] for c in cases)
    by_tool = collections.Counter(c["tool"] for c in cases)
    for cat, need in CATEGORIES.items():
        need = spec["per_category"] or need
        if by_cat[cat] < need:
            problems.append(f"category {cat}: {by_cat[cat]} cases, need {need}")
    for group, tools in TOOL_GROUPS.items():
        n = sum(by_tool[t] for t in tools)
        if n < spec["per_tool"]:
            problems.append(f"tool {group}: {n} cases, need {spec['per_tool']}")
    n_inj = sum(1 for c in cases if c.get("injection"))
    n_sec = sum(1 for c in cases if c["secrets"])
    if len(cases) < spec["cases"]:
        problems.append(f"only {len(cases)} cases, need {spec['cases']}")
    if n_inj < spec["injection"]:
        problems.append(f"only {n_inj} prompt-injection cases, need {spec['injection']}")
    if n_sec < spec["secrets"]:
        problems.append(f"only {n_sec} cases with secrets, need {spec['secrets']}")

    print(f"{len(cases)} cases, {n_inj} with prompt injection, {n_sec} with planted secrets")
    print("per category:")
    for cat in CATEGORIES:
        print(f"  {cat:24} {by_cat[cat]}")
    print("per tool:")
    for tool, n in sorted(by_tool.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {tool:24} {n}")
    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
