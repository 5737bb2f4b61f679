"""The peer: the original repository's utils/mnist_reader.py way (np.frombuffer over gzip.open), all four files."""
import gzip
import os
import statistics
import sys
import time

import numpy as np


def load_mnist(path, kind):
    with gzip.open(os.path.join(path, f"{kind}-labels-idx1-ubyte.gz"), "rb") as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    with gzip.open(os.path.join(path, f"{kind}-images-idx3-ubyte.gz"), "rb") as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(len(labels), 784)
    return images, labels


folder, repeats = sys.argv[1], int(sys.argv[2])
load_mnist(folder, "train")
times = []
for _ in range(repeats):
    start = time.perf_counter()
    train = load_mnist(folder, "train")
    test = load_mnist(folder, "t10k")
    times.append(time.perf_counter() - start)
    assert len(train[1]) == 60000 and len(test[1]) == 10000
print(f"{statistics.median(times):.4f}")
