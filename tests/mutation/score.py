"""Prints one lib folder's mutation score from Stryker's mutation-report.json (the mutation-testing-elements
schema): killed and timed-out mutants over all that tests could reach (survived and no coverage included;
compile errors and ignored mutants left out, as Stryker counts them), and lists the survivors.
usage: score.py <folder> <mutation-report.json> [later reports of some of its files, which replace those files' results]"""
import json, sys
folder, paths = sys.argv[1], sys.argv[2:]
# A file's results come from the last report that mutated it: a part run again after new tests replaces its files'
# earlier results, and reports of other parts add theirs.
files = {}
for path in paths:
    for file, content in json.load(open(path))["files"].items():
        if file not in files or any(m["status"] != "Ignored" for m in content["mutants"]):
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
