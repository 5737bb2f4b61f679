"""Prints one lib folder's mutation score from Stryker's mutation-report.json (the mutation-testing-elements
schema): killed and timed-out mutants over all that tests could reach (survived and no coverage included;
compile errors and ignored mutants left out, as Stryker counts them), and lists the survivors.
usage: score.py <folder> <mutation-report.json> [more reports of the same folder's other files]"""
import json, sys
folder, paths = sys.argv[1], sys.argv[2:]
files = {}
for path in paths:
    for file, content in json.load(open(path))["files"].items():
        if file in files and any(m["status"] not in ("Ignored",) for m in content["mutants"]) \
                and any(m["status"] not in ("Ignored",) for m in files[file]["mutants"]):
            sys.exit(f"score.py: {file} was mutated in two of the reports: give reports of separate files")
        if file not in files or all(m["status"] == "Ignored" for m in files[file]["mutants"]):
            files[file] = content
counts = {}
survivors = []
for file, content in files.items():
    for mutant in content["mutants"]:
        status = mutant["status"]
        counts[status] = counts.get(status, 0) + 1
        if status in ("Survived", "NoCoverage"):
            line = mutant["location"]["start"]["line"]
            survivors.append(f"  {status:10} {file.split('/lib/')[-1]}:{line} {mutant['mutatorName']}: {mutant.get('replacement', '')[:80]}")
detected = counts.get("Killed", 0) + counts.get("Timeout", 0)
undetected = counts.get("Survived", 0) + counts.get("NoCoverage", 0)
valid = detected + undetected
score = 100 * detected / valid if valid else float("nan")
print("\n".join(survivors), file=sys.stderr)
print(f"lib/{folder}: mutation score {score:.1f}% ({detected} of {valid} mutants detected; "
      + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + ")")
