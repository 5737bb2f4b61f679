"""scikit-learn peers of the quick grid, on the very images the C# run used (written by Program.cs as IDX
files), scaled the same way. Prints each family's accuracy and time beside ours (read from the results
file) and the ratio of the times. Run by run.sh with /usr/bin/python3 (Debian's numpy and scikit-learn)."""
import json, os, struct, sys, time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression, PassiveAggressiveClassifier, Perceptron, SGDClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, LinearSVC
from sklearn.tree import DecisionTreeClassifier, ExtraTreeClassifier


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
    # Our own families: the same model and settings as the quick grid's row (scikit-learn 0.19's five epochs for
    # the stochastic ones, as the paper ran them: max_iter=5 with no tolerance).
    "KernelSvm": lambda: SVC(C=10, kernel="rbf", gamma="auto"),
    "RandomForest": lambda: RandomForestClassifier(n_estimators=20, criterion="entropy", max_depth=100, random_state=0),
    "DecisionTree": lambda: DecisionTreeClassifier(criterion="entropy", max_depth=10, random_state=0),
    "ExtraTree": lambda: ExtraTreeClassifier(criterion="gini", max_depth=10, max_features="sqrt", random_state=0),
    "PassiveAggressive": lambda: PassiveAggressiveClassifier(C=1, max_iter=5, tol=None, random_state=0),
    "Sgd": lambda: SGDClassifier(loss="hinge", penalty="l2", max_iter=5, tol=None, random_state=0),
    "Perceptron": lambda: Perceptron(penalty="l1", max_iter=5, tol=None, random_state=0),
    "LinearSvc": lambda: LinearSVC(C=1, loss="hinge", max_iter=1000),
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
    try:
        from threadpoolctl import threadpool_info
        blas = ", ".join(f"{i['internal_api']} {i.get('version') or ''} ({os.path.basename(i['filepath'])}, {i['num_threads']} threads)"
                         for i in threadpool_info() if i["user_api"] == "blas")
    except ImportError:
        blas = "unknown (no threadpoolctl)"
    import sklearn
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, BLAS: {blas or 'none loaded'}")
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
