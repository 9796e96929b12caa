"""The PyTorch peer of `npm run bench` (issue 14): the lab's reference models, written the same way
as solution/src (embedding, tanh RNN cell over [e_t, s_{t-1}], output projection; trigram: two
embeddings concatenated, one projection), mean softmax cross-entropy, Adam lr 1e-3, random ids
from a fixed seed, the same shapes. Run by peerBench.ts; not a dependency of the project.

Usage: python3 torchPeer.py '{"model": "rnn", "vocabSz": 5000, "embeddingSz": 64, "hiddenSz": 128,
"windowSz": 20, "batchSz": 64, "threads": 1, "seconds": 3}'. Prints one JSON line: tokensPerSecond,
steps, seconds, threads, torch version, BLAS.
"""
import json
import sys
import time

import torch


def rnn_model(V, E, H):
    p = {
        "embedding": torch.randn(V, E) * 0.05,
        "Wr": (torch.rand(E + H, H) * 2 - 1) * (6 / (E + 2 * H)) ** 0.5,
        "br": torch.zeros(H),
        "Wo": (torch.rand(H, V) * 2 - 1) * (6 / (H + V)) ** 0.5,
        "bo": torch.zeros(V),
    }
    for t in p.values():
        t.requires_grad_(True)

    def loss(inputs, labels):
        B, W = inputs.shape
        embedded = p["embedding"][inputs]  # [B, W, E]
        state = torch.zeros(B, H)
        states = []
        for t in range(W):
            state = torch.tanh(torch.cat([embedded[:, t], state], 1) @ p["Wr"] + p["br"])
            states.append(state)
        hidden = torch.stack(states, 1).reshape(B * W, H)
        logits = hidden @ p["Wo"] + p["bo"]
        return torch.nn.functional.cross_entropy(logits, labels.reshape(-1))

    return p, loss


def trigram_model(V, E):
    p = {
        "embedding": torch.randn(V, E) * 0.05,
        "W": (torch.rand(2 * E, V) * 2 - 1) * (6 / (2 * E + V)) ** 0.5,
        "b": torch.zeros(V),
    }
    for t in p.values():
        t.requires_grad_(True)

    def loss(inputs, labels):
        embedded = p["embedding"][inputs].reshape(inputs.shape[0], -1)
        return torch.nn.functional.cross_entropy(embedded @ p["W"] + p["b"], labels)

    return p, loss


def main():
    cfg = json.loads(sys.argv[1])
    torch.set_num_threads(cfg["threads"])
    torch.manual_seed(0)
    V, E, H, W, B = cfg["vocabSz"], cfg["embeddingSz"], cfg["hiddenSz"], cfg["windowSz"], cfg["batchSz"]
    if cfg["model"] == "rnn":
        params, loss_fn = rnn_model(V, E, H)
        batch = lambda: (torch.randint(0, V, (B, W)), torch.randint(0, V, (B, W)))
    else:
        params, loss_fn = trigram_model(V, E)
        batch = lambda: (torch.randint(0, V, (B * W, 2)), torch.randint(0, V, (B * W,)))
    optimizer = torch.optim.Adam(params.values(), lr=1e-3)

    def step():
        inputs, labels = batch()
        optimizer.zero_grad()
        loss = loss_fn(inputs, labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    step()  # warm-up, as the wasm figure has one
    probe = time.perf_counter()
    step()
    per_step = time.perf_counter() - probe
    steps = max(2, min(200, round(cfg["seconds"] / per_step)))
    started = time.perf_counter()
    for _ in range(steps):
        step()
    seconds = time.perf_counter() - started
    print(json.dumps({"tokensPerSecond": steps * B * W / seconds, "steps": steps, "seconds": seconds, "threads": torch.get_num_threads(), "torch": torch.__version__, "blas": blas_in_use()}))


def blas_in_use():
    """The BLAS library mapped into this process (Debian's torch links the libblas.so.3 alternative)."""
    try:
        with open("/proc/self/maps") as maps:
            libs = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
        libs = [lib for lib in libs if "lapack" not in lib]
        return ", ".join(libs) or "no BLAS library mapped"
    except OSError:
        return "unknown BLAS"


if __name__ == "__main__":
    main()
