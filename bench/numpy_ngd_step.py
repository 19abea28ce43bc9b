#!/usr/bin/env python3
"""The NGD step of our engine in NumPy (OpenBLAS, one thread), for the ratio row of bench/kernelRows.ts.

Same problem as bench/kernelRows.ts runs through the engine: the sampled L2 loss
L(θ) = ½ Σ_i w_i (v_θ(x_i) − sin(2π x_i))² on the midpoint grid x_i = −1 + (i + ½)·h, h = 2/m, w_i = h
(src/engine/problems/quadrature.ts), an MLP [1, width, 1] with tanh and an identity output in our parameter
order (W1 row-major, b1, W2, b2: src/engine/models/mlpLayout.ts), and one NGD step (docs/ALGORITHMS.md §3):
G = Jᵀ W J, Cholesky of G + σI with σ = eps·tr(G)/p, eps = 1e-6, d = (G + σI)⁻¹ ∇L, θ ← θ − α d, plus what
a record needs: the loss, ‖d‖ and the cosine between −∇L and the step.

Two timings per size: the step without cond(G), and the step with cond(G) = λ_max/λ_min from
np.linalg.eigvalsh (our engine's exact cond; its per-iteration cheap estimate costs next to nothing).

Each is measured twice: with the default allocator ("default"), then ("reuse") after raising glibc's mmap
threshold (mallopt) so that NumPy's per-step temporaries (J alone is m·p·8 ≈ 600 KB) are recycled from the
heap instead of being mmap'ed, page-faulted in and unmapped at every step. On this (virtualised) machine
the page faults dominate the default timing: the same step costs several times less with reuse. Our
engine preallocates every buffer, so it never pays that; the two columns bracket what "NumPy" means.

Prints one JSON object on stdout, and exits 0 in every case: {"available": false, "reason": ...} when NumPy
is missing. Usage: python3 bench/numpy_ngd_step.py [--steps N] [--clock cpu|wall]. The clock is the process's CPU
time by default (time.process_time: on a loaded machine wall time mostly measures the other processes),
the same clock bench/kernelRows.ts uses for our side.
"""

import json
import os
import sys
import time

# One thread, set before NumPy (and its BLAS) is loaded.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ[_name] = "1"

try:
    import numpy as np
except ImportError:
    print(json.dumps({"available": False, "reason": "numpy not available"}))
    sys.exit(0)

try:  # LAPACK's potrf/potrs when SciPy is there; otherwise NumPy's Cholesky and two solves
    from scipy.linalg import cho_factor, cho_solve

    SOLVER = "scipy.linalg.cho_factor/cho_solve"
except ImportError:
    cho_factor = None
    cho_solve = None
    SOLVER = "numpy.linalg.cholesky + numpy.linalg.solve"

EPS = 1e-6
ALPHA = 0.1
SIZES = [(50, 512), (100, 1000)]  # (width, m): p = 3·width + 1 = 151 and 301


def problem(width, m, seed=1):
    h = 2.0 / m
    x = -1.0 + (np.arange(m) + 0.5) * h
    w = np.full(m, h)
    target = np.sin(2 * np.pi * x)
    rng = np.random.default_rng(seed)
    # A Glorot-like start; the timing does not depend on the values as long as they stay finite.
    theta = np.concatenate(
        [
            rng.normal(0.0, 1.0, width),  # W1 (width × 1)
            np.zeros(width),  # b1
            rng.normal(0.0, 1.0 / np.sqrt(width), width),  # W2 (1 × width)
            np.zeros(1),  # b2
        ]
    )
    return x, w, target, theta


def solve_spd(A, b):
    if cho_factor is not None:
        return cho_solve(cho_factor(A, lower=True, check_finite=False), b, check_finite=False)
    L = np.linalg.cholesky(A)
    return np.linalg.solve(L.T, np.linalg.solve(L, b))


def ngd_step(theta, x, w, target, width, with_cond):
    """One NGD step in place on theta; returns the record's numbers."""
    W1 = theta[:width]
    b1 = theta[width : 2 * width]
    W2 = theta[2 * width : 3 * width]
    b2 = theta[3 * width]
    # Forward pass and Jacobian (m × p) in our parameter order.
    A = np.tanh(np.multiply.outer(x, W1) + b1)
    v = A @ W2 + b2
    slope = (1.0 - A * A) * W2  # ∂v/∂b1
    J = np.empty((x.size, 3 * width + 1))
    np.multiply(slope, x[:, None], out=J[:, :width])  # ∂v/∂W1
    J[:, width : 2 * width] = slope
    J[:, 2 * width : 3 * width] = A  # ∂v/∂W2
    J[:, 3 * width] = 1.0  # ∂v/∂b2
    # Loss, gradient, metric.
    r = v - target
    gz = w * r
    loss = 0.5 * float(gz @ r)
    grad = J.T @ gz
    G = J.T @ (J * w[:, None])
    p = G.shape[0]
    trace = float(np.trace(G))
    sigma = EPS * trace / p if trace > 0 else EPS
    Gs = G.copy()
    Gs.flat[:: p + 1] += sigma
    d = solve_spd(Gs, grad)
    step = -ALPHA * d
    theta += step
    # The record: ‖d‖, cosine(−∇L, Δθ), cond(G) optionally.
    dir_norm = float(np.sqrt(d @ d))
    denominator = float(np.sqrt((step @ step) * (grad @ grad)))
    cosine = float(-(grad @ step) / denominator) if denominator > 0 else float("nan")
    cond = float("nan")
    if with_cond:
        eigenvalues = np.linalg.eigvalsh(G)
        cond = float(eigenvalues[-1] / eigenvalues[0])
    return loss, dir_norm, cosine, cond


CLOCK = time.process_time


def median_ms(width, m, steps, with_cond):
    x, w, target, theta = problem(width, m)
    for _ in range(max(5, steps // 10)):
        ngd_step(theta, x, w, target, width, with_cond)
    times = []
    for _ in range(steps):
        started = CLOCK()
        ngd_step(theta, x, w, target, width, with_cond)
        times.append((CLOCK() - started) * 1000.0)
    times.sort()
    return times[len(times) // 2]


def recycle_large_blocks():
    """Make glibc serve large blocks from the heap (reused across steps) instead of fresh mmaps. False if not glibc."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
        return bool(libc.mallopt(M_MMAP_THRESHOLD, 1 << 30)) and bool(libc.mallopt(M_TRIM_THRESHOLD, 1 << 30))
    except (OSError, AttributeError):
        return False


def timings(steps):
    return [
        {
            "p": 3 * width + 1,
            "m": m,
            "stepMs": median_ms(width, m, steps, False),
            "stepWithEigvalshMs": median_ms(width, m, max(20, steps // 4), True),
        }
        for width, m in SIZES
    ]


def main():
    global CLOCK
    steps = 200
    clock = "cpu"
    if "--clock" in sys.argv:
        clock = sys.argv[sys.argv.index("--clock") + 1]
    CLOCK = time.perf_counter if clock == "wall" else time.process_time
    if "--steps" in sys.argv:
        steps = int(sys.argv[sys.argv.index("--steps") + 1])
    default = timings(steps)
    reuse = timings(steps) if recycle_large_blocks() else None
    print(
        json.dumps(
            {
                "available": True,
                "numpy": np.__version__,
                "solver": SOLVER,
                "threads": 1,
                "clock": clock,
                "steps": steps,
                "default": default,
                "reuse": reuse,
            }
        )
    )


if __name__ == "__main__":
    main()
