"""PyTorch peer for the CNN throughput benchmark: the same architectures, batch size, optimizer (Adam) and
training loop as lib/Cnn/CnnTrainer.cs (whole data set as one normalized tensor, shuffled index_select batches,
cross-entropy, loss and accuracy read back each batch). Run by /usr/bin/python3 (Debian's torch 1.13.1).

usage: peer.py <model> <batch_size> <images> <data_folder>
"""
import gzip, os, resource, sys, time
import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

MEAN, STD = 0.2860, 0.3530


def read_idx(path):
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


class TensorFlowConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 5, padding=2)
        self.conv2 = nn.Conv2d(32, 64, 5, padding=2)
        self.pool = nn.MaxPool2d(2)
        self.dense = nn.Linear(7 * 7 * 64, 1024)
        self.dropout = nn.Dropout(0.4)
        self.output = nn.Linear(1024, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = F.relu(self.dense(x.flatten(1)))
        return self.output(self.dropout(x))


class SmallConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.norm1 = nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16)
        self.conv2, self.norm2 = nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32)
        self.conv3, self.norm3 = nn.Conv2d(32, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64)
        self.pool = nn.MaxPool2d(2)
        self.dense = nn.Linear(64 * 3 * 3, 64)
        self.dropout = nn.Dropout(0.2)
        self.output = nn.Linear(64, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.norm1(self.conv1(x))))
        x = self.pool(F.relu(self.norm2(self.conv2(x))))
        x = self.pool(F.relu(self.norm3(self.conv3(x))))
        x = F.relu(self.dense(x.flatten(1)))
        return self.output(self.dropout(x))


class CompactConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.norm1 = nn.Conv2d(1, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32)
        self.conv2, self.norm2 = nn.Conv2d(32, 48, 3, padding=1, bias=False), nn.BatchNorm2d(48)
        self.conv3, self.norm3 = nn.Conv2d(48, 48, 3, padding=1, bias=False), nn.BatchNorm2d(48)
        self.conv4, self.norm4 = nn.Conv2d(48, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64)
        self.pool = nn.MaxPool2d(2)
        self.dropout = nn.Dropout(0.2)
        self.output = nn.Linear(64 * 7 * 7, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.norm1(self.conv1(x))))
        x = F.relu(self.norm2(self.conv2(x)))
        x = self.pool(F.relu(self.norm3(self.conv3(x))))
        x = F.relu(self.norm4(self.conv4(x)))
        return self.output(self.dropout(x.flatten(1)))


def conv_block(i, o):
    return nn.Sequential(
        nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(),
        nn.Conv2d(o, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(),
        nn.MaxPool2d(2), nn.Dropout(0.25))


class BestConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1, self.block2 = conv_block(1, 32), conv_block(32, 64)
        self.dense = nn.Linear(64 * 7 * 7, 256, bias=False)
        self.dense_norm = nn.BatchNorm1d(256)
        self.dropout = nn.Dropout(0.4)
        self.output = nn.Linear(256, 10)

    def forward(self, x):
        x = self.block2(self.block1(x))
        x = F.relu(self.dense_norm(self.dense(x.flatten(1))))
        return self.output(self.dropout(x))


MODELS = {"tensorflow": TensorFlowConvNet, "small": SmallConvNet, "compact": CompactConvNet, "best": BestConvNet}


def train_epoch(model, optimizer, images, labels, batch_size, generator):
    model.train()
    order = torch.randperm(images.shape[0], generator=generator)
    loss_sum, correct = 0.0, 0
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        x, y = images.index_select(0, idx), labels.index_select(0, idx)
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * len(idx)
        correct += (logits.argmax(1) == y).sum().item()
    return loss_sum / len(order)


def main():
    name, batch_size, count, folder = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    torch.set_num_threads(os.cpu_count())
    torch.manual_seed(0)
    pixels = read_idx(os.path.join(folder, "train-images-idx3-ubyte.gz"))
    labels_all = torch.from_numpy(read_idx(os.path.join(folder, "train-labels-idx1-ubyte.gz")).astype(np.int64))
    images_all = (torch.from_numpy(pixels.copy()).float().unsqueeze(1) / 255 - MEAN) / STD
    model = MODELS[name]()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(0)
    # Warm-up, as ours does: five batches.
    warm = torch.randperm(len(labels_all), generator=g)[:5 * batch_size]
    train_epoch(model, optimizer, images_all[warm], labels_all[warm], batch_size, g)
    subset = torch.randperm(len(labels_all), generator=g)[:count]
    images, labels = images_all[subset].contiguous(), labels_all[subset].contiguous()
    start = time.perf_counter()
    loss = train_epoch(model, optimizer, images, labels, batch_size, g)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peer: torch {torch.__version__}, threads {torch.get_num_threads()}, model {name}, batch {batch_size}, "
          f"{count} images in {seconds:.2f} s, loss {loss:.3f}")
    print(f"RESULT images_per_second={count / seconds:.1f} peak_rss_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
