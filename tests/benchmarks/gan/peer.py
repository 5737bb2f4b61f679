"""The peer of the GAN benchmark: the same conditional DCGAN (lib/Gan/DcGan.cs) and the same training step
(lib/Gan/GanTrainer.cs) in PyTorch, timed per step on the same images. Prints one line: ms per step.
Usage: /usr/bin/python3 peer.py DATA_FOLDER STEPS WIDTH THREADS"""
import gzip, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

folder, steps, width, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
if threads > 0:
    torch.set_num_threads(threads)
torch.manual_seed(0)
with gzip.open(f"{folder}/train-images-idx3-ubyte.gz") as f:
    images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)
with gzip.open(f"{folder}/train-labels-idx1-ubyte.gz") as f:
    labels = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)

latent, classes = 64, 10

class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(classes, 16)
        self.project = nn.Linear(latent + 16, 2 * width * 49)
        self.project_norm = nn.BatchNorm1d(2 * width * 49)
        self.up14 = nn.ConvTranspose2d(2 * width, width, 4, 2, 1)
        self.norm14 = nn.BatchNorm2d(width)
        self.up28 = nn.ConvTranspose2d(width, 1, 4, 2, 1)
    def forward(self, z, y):
        x = F.relu(self.project_norm(self.project(torch.cat([z, self.embed(y)], 1)))).view(-1, 2 * width, 7, 7)
        return torch.tanh(self.up28(F.relu(self.norm14(self.up14(x)))))

class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.plane = nn.Embedding(classes, 28 * 28)
        self.down14 = nn.Conv2d(2, width, 4, 2, 1)
        self.down7 = nn.Conv2d(width, 2 * width, 4, 2, 1)
        self.norm7 = nn.BatchNorm2d(2 * width)
        self.score = nn.Linear((2 * width + 1) * 49, 1)
    def forward(self, x, y):
        h = F.leaky_relu(self.down14(torch.cat([x, self.plane(y).view(-1, 1, 28, 28)], 1)), 0.2)
        h = F.leaky_relu(self.norm7(self.down7(h)), 0.2)
        spread = (h.var(0, unbiased=False) + 1e-8).sqrt().mean().expand(h.shape[0], 1, 7, 7)
        return self.score(torch.cat([h, spread], 1).flatten(1)).squeeze(1)

G, D = Generator(), Discriminator()
g_opt = torch.optim.Adam(G.parameters(), 2e-4, betas=(0.5, 0.999))
d_opt = torch.optim.Adam(D.parameters(), 2e-4, betas=(0.5, 0.999))
rng = np.random.default_rng(0)

def step():
    idx = rng.choice(len(labels), 64, replace=False)
    real = torch.from_numpy(images[idx].astype(np.float32) / 255) * 2 - 1
    y = torch.from_numpy(labels[idx])
    fake = G(torch.randn(64, latent), y)
    d_opt.zero_grad()
    r, f = D(real, y), D(fake.detach(), y)
    d_loss = F.binary_cross_entropy_with_logits(r, torch.full_like(r, 0.9)) + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f))
    d_loss.backward(); d_opt.step()
    g_opt.zero_grad()
    o = D(fake, y)
    F.binary_cross_entropy_with_logits(o, torch.ones_like(o)).backward(); g_opt.step()
    return d_loss.item()

for _ in range(3):
    step()
start = time.perf_counter()
for _ in range(steps):
    step()
print(f"{(time.perf_counter() - start) * 1000 / steps:.1f} ms per step (PyTorch {torch.__version__}, width {width}, {torch.get_num_threads()} threads)")
