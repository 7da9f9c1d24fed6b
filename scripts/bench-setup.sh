#!/bin/sh
# Installs the PyTorch peer for `npm run bench` (issue 4): Debian's python3-torch on OpenBLAS,
# the strongest CPU BLAS Debian ships (its default reference BLAS is ~5x slower). Idempotent;
# failures are reported but never fatal: the benchmark runs without PyTorch.
set -u
if /usr/bin/python3 -c 'import torch' >/dev/null 2>&1 && ls /usr/lib/*/openblas*/libblas.so.3 >/dev/null 2>&1; then
    echo "bench-setup: python3-torch and OpenBLAS already installed"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "bench-setup: not root and no sudo; install python3-torch libopenblas0 yourself" >&2
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! ($SUDO apt-get update && $SUDO apt-get install -y python3-torch libopenblas0); then
    echo "bench-setup: apt-get failed; the benchmark will run without PyTorch" >&2
    exit 0
fi
# libopenblas0 registers itself as the libblas.so.3 alternative with a higher priority than the
# reference BLAS; show which one PyTorch will load.
update-alternatives --display "libblas.so.3-$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)" 2>/dev/null | head -3 || true
/usr/bin/python3 -c 'import torch; print("bench-setup: torch", torch.__version__)' || true
