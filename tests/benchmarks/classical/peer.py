"""scikit-learn peers of the quick grid, on the very images the C# run used (written by Program.cs as IDX
files), scaled the same way. Prints each family's accuracy and time beside ours (read from the results
file) and the ratio of the times. Run by run.sh with /usr/bin/python3 (Debian's numpy and scikit-learn)."""
import json, os, struct, sys, time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression, Perceptron, SGDClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, LinearSVC


def read_idx(path):
    with open(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        shape = struct.unpack(">" + "I" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(shape)


# Our family -> the closest scikit-learn model with the quick grid's settings.
PEERS = {
    "LbfgsMaximumEntropy": lambda: LogisticRegression(max_iter=200),
    "SdcaMaximumEntropy": lambda: SGDClassifier(loss="log_loss", random_state=0),
    "AveragedPerceptron": lambda: Perceptron(max_iter=10, random_state=0),
    "LinearSvm": lambda: LinearSVC(max_iter=1000),
    "FastTree": lambda: HistGradientBoostingClassifier(max_iter=20, max_leaf_nodes=15, random_state=0),
    "LightGbm": lambda: HistGradientBoostingClassifier(max_iter=50, max_leaf_nodes=15, random_state=0),
    "FastForest": lambda: RandomForestClassifier(n_estimators=20, max_leaf_nodes=31, random_state=0),
    "KNearestNeighbors": lambda: KNeighborsClassifier(n_neighbors=5, weights="distance"),
    "GaussianNaiveBayes": lambda: GaussianNB(priors=[0.1] * 10),
    "MlpClassifier": lambda: MLPClassifier(hidden_layer_sizes=(100,), max_iter=10, random_state=0),
    "RbfSvmRandomFeatures": lambda: SVC(C=10, kernel="rbf"),
}


def main(subset, results):
    x = read_idx(os.path.join(subset, "train-images-idx3-ubyte")).reshape(-1, 784) / 255.0
    y = read_idx(os.path.join(subset, "train-labels-idx1-ubyte"))
    xt = read_idx(os.path.join(subset, "t10k-images-idx3-ubyte")).reshape(-1, 784) / 255.0
    yt = read_idx(os.path.join(subset, "t10k-labels-idx1-ubyte"))
    scaler = StandardScaler().fit(x)
    x, xt = scaler.transform(x), scaler.transform(xt)
    ours = {}
    with open(results) as f:
        for line in f:
            r = json.loads(line)
            if r["trainCount"] == len(y) and r["testCount"] == len(yt):
                best = ours.get(r["family"])
                if best is None or r["meanAccuracy"] > best["meanAccuracy"]:
                    ours[r["family"]] = r
    print(f"{'family':22} {'ours acc':>8} {'peer acc':>8} {'ours s':>7} {'peer s':>7} {'ours/peer time':>14}   peer")
    for family, make in PEERS.items():
        model = make()
        start = time.perf_counter()
        accuracy = model.fit(x, y).score(xt, yt)
        seconds = time.perf_counter() - start
        r = ours.get(family)
        our_acc = f"{r['meanAccuracy']:.4f}" if r else "-"
        our_s = r["meanTrainSeconds"] + r["meanPredictSeconds"] if r else None
        ratio = f"{our_s / seconds:.2f}" if r else "-"
        print(f"{family:22} {our_acc:>8} {accuracy:8.4f} {our_s if our_s is not None else float('nan'):7.1f} {seconds:7.1f} {ratio:>14}   {type(model).__name__}")


if __name__ == "__main__":
    import warnings
    warnings.filterwarnings("ignore")
    main(sys.argv[1], sys.argv[2])
