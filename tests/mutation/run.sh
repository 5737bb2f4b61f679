#!/usr/bin/env bash
# Mutation testing of lib/ (Stryker.NET, the tool pinned in .config/dotnet-tools.json): Stryker changes lib's code
# one small mutation at a time (a > for a >=, a + for a -, a removed statement, ...) and runs the unit tests that
# cover it; a mutant the tests do not notice "survives". The score is the share of mutants killed. Not in CI: it
# runs the unit tests once per mutant, which takes long (see README.md for the figures and the survivors).
# usage: tests/mutation/run.sh [lib folder ...]   (default: every folder of lib/; e.g. Shared Data)
# Each folder's report goes to build/mutation/<folder>/ (html and json); the last lines are the scores.
# MUTATION_FILES="A.cs B.cs" mutates only those files of the folder, MUTATION_SKIP="C.cs" all but those (a big folder
# can be measured in parts, or a part again after new tests: `score.py folder report...` takes each file's results
# from the last report that mutated it);
# MUTATION_PART=name writes that part's report to build/mutation/<folder>-<name>/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# The tests run against a scratch project folder: its data/ holds links to the real data's folders, so that a
# mutant that writes into data/ (say, a data folder's name emptied) writes into the scratch folder, not the checkout.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/data"
for entry in "$root"/data/*; do ln -s "$entry" "$scratch/data/$(basename "$entry")"; done
ln -s "$root/lib" "$scratch/lib"
ln -s "$root/notebooks" "$scratch/notebooks"
export FASHION_MNIST_ROOT="$scratch"
folders=("$@")
[ ${#folders[@]} -gt 0 ] || folders=($(cd "$root/lib" && ls -d */ | tr -d / | grep -v -e '^bin$' -e '^obj$'))
# Each folder is mutated under the unit tests written for it (the classes named here). Stryker first runs them
# with every mutant's coverage recorded, which slows hot loops (a t-SNE, an SMO solver) by orders of magnitude,
# so the whole suite under it would take many hours on 2 cores; the score is then a floor, since other folders'
# tests may kill a mutant too. Tests that start other programs or execute notebooks are never among them.
tests_of() {
  case "$1" in
    Shared) echo "AtomicFileTests NearestKTests EvaluationTests SharedFolderTests ProvenanceTests" ;;
    Data) echo "LabeledImagesTests MiniBatchesTests FashionMnistDataTests MnistLayoutTests IdxTests IdxHeaderTests ValidationSplitTests DatasetDownloadTests" ;;
    Pictures) echo "ChartsTests SpriteTests ImageGridTests ClassStatisticsTests HtmlTableTests PngImageTests AppPageTests RealDataVisualizationTests ReadmePictureTests" ;;
    Embedding) echo "TsneKnownAnswerTests UmapKnownAnswerTests QuadTreeKnownAnswerTests EmbeddingSmallPartsTests InterpolatedRepulsionLayoutTests EmbeddingContractTests PcaTests TsneTests QuadTreeTests InterpolatedRepulsionTests SymmetricNeighborGraphTests UmapTests MapPictureTests ExactNeighborsTests TrustworthinessTests TensorMemoryTests TorchThreadTests" ;;
    Classical) echo "SvmContractTests ClassifierContractTests BenchmarkReportsTests DecisionTreeOracleTests BenchmarkCatalogTests BenchmarkRunnerTests CommittedResultsTests ClassicalContractTests ClassicalFamiliesTests ClassicalFloorsTests DecisionTreeTests FamilyChoicesTests GaussianNaiveBayesTests KNearestNeighborsTests KernelSvmTests LinearSvcTests MlpClassifierTests PaperGridTests PaperGridComparisonTests PaperResultsTests PassiveAggressiveTests RandomForestTests RandomFourierFeaturesTests SgdClassifierTests StandardScalerTests" ;;
    Cnn) echo "CnnTests CnnContractTests MixedPrecisionTests CnnPictureTests" ;;
    Gan) echo "GanTests GanContractTests FrechetDistanceTests KernelInceptionDistanceTests GenerativePrecisionRecallTests" ;;
    *) echo "mutation: no unit tests named for lib/$1" >&2; return 1 ;;
  esac
}
# Tests left out of a folder's run: the comparisons with scikit-learn and the floors on slices of the real data each
# fit models for 10 to 40 seconds, far longer under Stryker's coverage recording, and every mutant they reach would
# run them again: hours for lib/Classical. Its small known-answer tests stay in. Likewise the longest t-SNE and UMAP
# runs (seconds each, whose inner loops the recording slows most): lib/Embedding's first run had not ended after
# 15 minutes with them.
slow_tests_of() {
  case "$1" in
    Embedding) echo "Fft_and_barnes_hut_reach_about_the_same_kl_divergence Fft_runs_with_the_same_seed_give_the_same_map_on_one_or_two_threads Same_seed_gives_the_same_map_on_any_number_of_threads Different_seeds_give_different_maps" ;;
    Classical) echo "Accuracy_on_a_real_slice_matches_scikit_learn Accuracy_on_real_images_matches_scikit_learn Matches_scikit_learn_svc_on_a_slice_of_fashion_mnist Family_reaches_its_floor_on_a_slice_of_the_real_data A_family_trained_on_labels_parted_from_their_images_falls_far_below_its_floor" ;;
  esac
}
dotnet tool restore >/dev/null
summary=()
for folder in "${folders[@]}"; do
  [ -d "$root/lib/$folder" ] || { echo "mutation: no folder lib/$folder" >&2; exit 2; }
  classes=$(tests_of "$folder")
  filter=$(for c in $classes; do printf 'FullyQualifiedName~%s.|' "$c"; done); filter="(${filter%|})"
  for slow in $(slow_tests_of "$folder"); do filter="$filter&FullyQualifiedName!~$slow"; done
  mutate=()
  if [ -n "${MUTATION_FILES:-}" ]; then for f in $MUTATION_FILES; do mutate+=(--mutate "**/lib/$folder/$f"); done
  else mutate=(--mutate "**/lib/$folder/**/*.cs"); fi
  for f in ${MUTATION_SKIP:-}; do mutate+=(--mutate "!**/lib/$folder/$f"); done
  out="$root/build/mutation/$folder${MUTATION_PART:+-$MUTATION_PART}"
  rm -rf "$out"; mkdir -p "$out"
  (cd "$root/tests/FashionMnist.Tests" && dotnet stryker \
      --project Lib.csproj "${mutate[@]}" --test-case-filter "$filter" \
      --reporter json --reporter html --reporter progress --output "$out" --concurrency "$(nproc)") \
    || { echo "mutation: Stryker failed on lib/$folder" >&2; exit 1; }
  report=$(find "$out" -name mutation-report.json | head -1)
  summary+=("$(/usr/bin/python3 "$here/score.py" "$folder" "$report")")
done
printf '%s\n' "${summary[@]}"
