#!/usr/bin/python3
"""PyTorch peer of bench/dcgan-step.ts (issue 4): the same DCGAN, batch, optimizer and step.

Prints one JSON object: median ms per training step (one D step + one G step) and per sampling
of 64 images, the thread count and which BLAS library the process loaded.
Usage: /usr/bin/python3 bench/dcgan_step_pytorch.py --threads N [--steps 7] [--warmup 3]
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH, LATENT = 64, 100


def same_pad(k, s, size):
    # TensorFlow 'same' padding: total = max((ceil(size/s)-1)*s + k - size, 0), extra at the end.
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class ConvSame(nn.Module):
    """conv2d k5 s2 with TensorFlow 'same' padding (asymmetric for even inputs)."""

    def __init__(self, cin, cout, size):
        super().__init__()
        self.pad = same_pad(5, 2, size)
        self.conv = nn.Conv2d(cin, cout, 5, 2)

    def forward(self, x):
        before, after = self.pad
        return self.conv(F.pad(x, (before, after, before, after)))


class ConvTransposeSame(nn.Module):
    """conv2dTranspose k5 s2 'same' (output = 2 x input), as tfjs-layers computes it."""

    def __init__(self, cin, cout, bias):
        super().__init__()
        # TF 'same' for output 2n: pad_total = 3, top 1 / bottom 2 → torch padding=2, output_padding=1.
        self.conv = nn.ConvTranspose2d(cin, cout, 5, 2, padding=2, output_padding=1, bias=bias)

    def forward(self, x):
        return self.conv(x)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(LATENT, 7 * 7 * 64, bias=False)
        self.bn0 = nn.BatchNorm1d(7 * 7 * 64, eps=1e-3, momentum=0.01)
        self.up1 = ConvTransposeSame(64, 32, bias=False)
        self.bn1 = nn.BatchNorm2d(32, eps=1e-3, momentum=0.01)
        self.up2 = ConvTransposeSame(32, 1, bias=True)

    def forward(self, z):
        x = F.leaky_relu(self.bn0(self.dense(z)), 0.2)
        x = x.view(-1, 64, 7, 7)
        x = F.leaky_relu(self.bn1(self.up1(x)), 0.2)
        return torch.tanh(self.up2(x))


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = ConvSame(1, 32, 28)
        self.c2 = ConvSame(32, 64, 14)
        self.out = nn.Linear(7 * 7 * 64, 1)

    def forward(self, x):
        x = F.leaky_relu(self.c1(x), 0.2)
        x = F.leaky_relu(self.c2(x), 0.2)
        return self.out(x.flatten(1))


def blas_library():
    try:
        with open('/proc/self/maps') as maps:
            libs = {line.split()[-1] for line in maps if 'blas' in line.lower()}
        return ', '.join(sorted(libs)) or 'unknown'
    except OSError:
        return 'unknown'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--steps', type=int, default=7)
    parser.add_argument('--warmup', type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    g, d = Generator(), Discriminator()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-7)
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-7)
    real = torch.rand(BATCH, 1, 28, 28) * 2 - 1
    ones, zeros = torch.ones(BATCH, 1), torch.zeros(BATCH, 1)

    def step():
        # Same work as the tfjs benchmark: D step on G(z) computed without gradients, then a
        # G step that runs G again with gradients through the updated D.
        z = torch.randn(BATCH, LATENT)
        with torch.no_grad():
            fake = g(z)
        opt_d.zero_grad(set_to_none=True)
        d_loss = (F.binary_cross_entropy_with_logits(d(real), ones)
                  + F.binary_cross_entropy_with_logits(d(fake), zeros))
        d_loss.backward()
        opt_d.step()
        opt_g.zero_grad(set_to_none=True)
        g_loss = F.binary_cross_entropy_with_logits(d(g(z)), ones)
        g_loss.backward()
        opt_g.step()
        return d_loss.item(), g_loss.item()

    def sample():
        g.eval()
        with torch.no_grad():
            images = g(torch.randn(BATCH, LATENT)).numpy()
        g.train()
        return images

    def median_ms(fn, steps, warmup):
        """Median wall-clock and process CPU milliseconds per call."""
        for _ in range(warmup):
            fn()
        wall, cpu = [], []
        for _ in range(steps):
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        return statistics.median(wall), statistics.median(cpu)

    train_ms, train_cpu_ms = median_ms(step, args.steps, args.warmup)
    sample_ms, _ = median_ms(sample, args.steps, args.warmup)
    print(json.dumps({
        'torch': torch.__version__, 'threads': torch.get_num_threads(), 'blas': blas_library(),
        'train_ms': round(train_ms, 2), 'train_cpu_ms': round(train_cpu_ms, 2), 'sample_ms': round(sample_ms, 2),
    }))


if __name__ == '__main__':
    main()
