#!/usr/bin/python3
"""PyTorch peer of bench/diffusion-step.ts: the same U-Net and text encoder as
engine/src/diffusion/models/{unet,text-encoder}.ts (same layers, widths, attention, FiLM, skips),
the same batch, loss and optimizer, so ms/step compare like for like.

Prints one JSON object: median ms per training step and per 20-step cfg sampling of 64 images,
the thread count and the BLAS library the process loaded.
Usage: /usr/bin/python3 bench/diffusion_step_pytorch.py --threads N --config JSON [--steps 5] [--warmup 2]
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def same_pad_conv(x, conv, stride):
    # TensorFlow 'same' padding (asymmetric, extra at the end), as tf.conv2d does.
    k = conv.kernel_size[0]
    h = x.shape[-1]
    out = -(-h // stride)
    total = max((out - 1) * stride + k - h, 0)
    return conv(F.pad(x, (total // 2, total - total // 2, total // 2, total - total // 2)))


class Conv(nn.Module):
    def __init__(self, cin, cout, k=3, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride)
        self.stride = stride

    def forward(self, x):
        return same_pad_conv(x, self.conv, self.stride)


class Attention(nn.Module):
    def __init__(self, qdim, cdim, inner, heads):
        super().__init__()
        self.q = nn.Linear(qdim, inner, bias=False)
        self.k = nn.Linear(cdim, inner, bias=False)
        self.v = nn.Linear(cdim, inner, bias=False)
        self.out = nn.Linear(inner, qdim)
        self.heads = heads

    def forward(self, x, ctx, mask=None):
        n, tq, _ = x.shape
        tk = ctx.shape[1]
        h = self.heads
        q = self.q(x).view(n, tq, h, -1).transpose(1, 2)
        k = self.k(ctx).view(n, tk, h, -1).transpose(1, 2)
        v = self.v(ctx).view(n, tk, h, -1).transpose(1, 2)
        scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
        if mask is not None:
            scores = scores + ((1 - mask) * -1e4).view(n, 1, 1, tk)
        return self.out((scores.softmax(-1) @ v).transpose(1, 2).reshape(n, tq, -1))


class ResBlock(nn.Module):
    def __init__(self, cin, cout, emb, groups):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, cin)
        self.conv1 = Conv(cin, cout)
        self.emb = nn.Linear(emb, 2 * cout)
        self.norm2 = nn.GroupNorm(groups, cout)
        self.conv2 = Conv(cout, cout)
        self.skip = Conv(cin, cout, 1) if cin != cout else None

    def forward(self, x, emb):
        h = self.conv1(F.silu(self.norm1(x)))
        scale, shift = self.emb(F.silu(emb)).chunk(2, dim=1)
        h = self.norm2(h) * (1 + scale[:, :, None, None]) + shift[:, :, None, None]
        h = self.conv2(F.silu(h))
        return (self.skip(x) if self.skip else x) + h


class AttnBlock(nn.Module):
    def __init__(self, c, cdim, heads, groups):
        super().__init__()
        self.norm = nn.GroupNorm(groups, c)
        self.self_attn = Attention(c, c, c, heads)
        self.norm_cross = nn.LayerNorm(c)
        self.cross = Attention(c, cdim, c, heads)

    def forward(self, x, ctx, mask):
        n, c, h, w = x.shape
        tokens = lambda t: t.flatten(2).transpose(1, 2)
        normed = tokens(self.norm(x))
        after_self = tokens(x) + self.self_attn(normed, normed)
        out = after_self + self.cross(self.norm_cross(after_self), ctx, mask)
        return out.transpose(1, 2).reshape(n, c, h, w)


class UNet(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        base, groups, heads, cdim = cfg['baseChannels'], cfg['groups'], cfg['heads'], cfg['contextDim']
        chans = [m * base for m in cfg['channelMult']]
        attn = set(cfg['attentionLevels'])
        emb = 4 * base
        self.base = base
        self.time = nn.Sequential(nn.Linear(base, emb), nn.SiLU(), nn.Linear(emb, emb))
        self.text_pool = nn.Linear(cdim, emb)
        self.inp = Conv(cfg['channels'], chans[0])
        self.down = nn.ModuleList()
        c = chans[0]
        for level, out in enumerate(chans):
            self.down.append(nn.ModuleDict({
                'res': ResBlock(c, out, emb, groups),
                **({'attn': AttnBlock(out, cdim, heads, groups)} if level in attn else {}),
                **({'downsample': Conv(out, out, 3, 2)} if level < len(chans) - 1 else {}),
            }))
            c = out
        self.mid1 = ResBlock(c, c, emb, groups)
        self.mid_attn = AttnBlock(c, cdim, heads, groups)
        self.mid2 = ResBlock(c, c, emb, groups)
        self.up = nn.ModuleList()
        for level in reversed(range(len(chans))):
            out = chans[level]
            self.up.append(nn.ModuleDict({
                'res': ResBlock(c + out, out, emb, groups),
                **({'attn': AttnBlock(out, cdim, heads, groups)} if level in attn else {}),
                **({'upsample': nn.ConvTranspose2d(out, out, 4, 2, 1)} if level > 0 else {}),
            }))
            c = out
        self.out_norm = nn.GroupNorm(groups, c)
        self.out = Conv(c, cfg['channels'])
        self.groups = groups

    def forward(self, x, t, ctx, mask):
        half = self.base // 2
        freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32) / half)
        args = t[:, None] * freqs[None]
        emb = self.time(torch.cat([args.cos(), args.sin()], 1))
        pooled = (ctx * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
        emb = emb + self.text_pool(pooled)
        h = self.inp(x)
        skips = []
        for block in self.down:
            h = block['res'](h, emb)
            if 'attn' in block:
                h = block['attn'](h, ctx, mask)
            skips.append(h)
            if 'downsample' in block:
                h = block['downsample'](h)
        h = self.mid2(self.mid_attn(self.mid1(h, emb), ctx, mask), emb)
        for block in self.up:
            skip = skips.pop()
            h = block['res'](torch.cat([h, skip], 1), emb)
            if 'attn' in block:
                h = block['attn'](h, ctx, mask)
            if 'upsample' in block:
                h = block['upsample'](h)[:, :, :skips[-1].shape[2], :skips[-1].shape[3]]
        return self.out(F.silu(self.out_norm(h)))


class TextEncoder(nn.Module):
    def __init__(self, vocab, tokens, dim, layers, heads):
        super().__init__()
        self.token = nn.Embedding(vocab, dim)
        self.position = nn.Parameter(torch.zeros(tokens, dim))
        self.layers = nn.ModuleList([nn.ModuleDict({
            'norm1': nn.LayerNorm(dim), 'attn': Attention(dim, dim, dim, heads),
            'norm2': nn.LayerNorm(dim), 'mlp': nn.Sequential(nn.Linear(dim, 4 * dim), nn.SiLU(), nn.Linear(4 * dim, dim)),
        }) for _ in range(layers)])
        self.final = nn.LayerNorm(dim)

    def forward(self, ids, mask):
        x = self.token(ids) + self.position[:ids.shape[1]]
        for layer in self.layers:
            n = layer['norm1'](x)
            x = x + layer['attn'](n, n, mask)
            x = x + layer['mlp'](layer['norm2'](x))
        return self.final(x)


def blas_library():
    try:
        with open('/proc/self/maps') as f:
            for line in f:
                if 'blas' in line.lower():
                    return line.split('/')[-1].strip()
    except OSError:
        pass
    return 'unknown'


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--config', required=True)
    p.add_argument('--steps', type=int, default=5)
    p.add_argument('--warmup', type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    cfg = json.loads(a.config)
    unet_cfg, batch, size, tokens, text = cfg['unet'], cfg['batch'], cfg['size'], cfg['tokens'], cfg['text']
    unet = UNet(unet_cfg)
    enc = TextEncoder(text['vocabSize'], text['maxTokens'], text['dim'], text['layers'], text['heads'])
    opt = torch.optim.Adam(list(unet.parameters()) + list(enc.parameters()), lr=1e-3)
    x = torch.randn(batch, unet_cfg['channels'], size, size)
    t = torch.rand(batch) * 999
    ids = torch.arange(batch * tokens).view(batch, tokens) * 7 % text['vocabSize']
    mask = torch.ones(batch, tokens)
    target = torch.randn_like(x)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(unet(x, t, enc(ids, mask), mask), target)
        loss.backward()
        opt.step()

    times = []
    for i in range(a.warmup + a.steps):
        t0 = time.perf_counter()
        step()
        if i >= a.warmup:
            times.append((time.perf_counter() - t0) * 1000)

    # 20 euler steps with cfg: cond and uncond batched into one call of 2 x 64, as the engine does.
    with torch.no_grad():
        ctx = enc(ids, mask)
        both_ctx, both_mask = torch.cat([ctx, ctx]), torch.cat([mask, mask])
        sample_times = []
        for _ in range(2):
            t0 = time.perf_counter()
            lat = torch.randn(batch, unet_cfg['channels'], size, size)
            for s in range(20):
                out = unet(torch.cat([lat, lat]), torch.full((2 * batch,), 999.0 - 50 * s), both_ctx, both_mask)
                lat = lat - 0.01 * (out[:batch] + 2 * (out[:batch] - out[batch:]))
            sample_times.append((time.perf_counter() - t0) * 1000)

    print(json.dumps({'ms': statistics.median(times), 'sampleMs': min(sample_times), 'threads': a.threads, 'blas': blas_library()}))


if __name__ == '__main__':
    main()
