"""Prints one lib folder's mutation score from Stryker's mutation-report.json (the mutation-testing-elements
schema): killed and timed-out mutants over all that tests could reach (survived and no coverage included;
compile errors and ignored mutants left out, as Stryker counts them), and lists the survivors.
usage: score.py <folder> <mutation-report.json>"""
import json, sys
folder, path = sys.argv[1], sys.argv[2]
report = json.load(open(path))
counts = {}
survivors = []
for file, content in report["files"].items():
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
