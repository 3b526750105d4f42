#!/bin/sh
# Run the test suite under every OpenBLAS kernel this CPU can run, each time with numpy's own SIMD
# loops on and off: no test may depend on the order in which a kernel sums (issue 7).
#
#   tools/test-on-kernels.sh [pytest arguments]      from the project folder, after the README's setup
#
# numpy's bundled OpenBLAS picks its kernel by CPU; OPENBLAS_CORETYPE picks another one. A kernel newer
# than the CPU stops with "Illegal instruction" and is skipped; a name the build maps onto a kernel
# already run (Zen onto Haswell, say) is skipped too. NPY_DISABLE_CPU_FEATURES switches numpy's
# dispatched SIMD loops off, leaving its baseline ones. Exits 1 if any run failed.
set -u
python=${PYTHON:-.venv/bin/python}
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

case $(uname -m) in
    x86_64 | amd64) kernels="Prescott Nehalem Sandybridge Haswell Zen SkylakeX Cooperlake SapphireRapids" ;;
    aarch64 | arm64) kernels="ARMV8 CortexA57 NeoverseN1 NeoverseV1 NeoverseN2" ;;
    *) kernels="" ;;
esac
# numpy's dispatched SIMD targets (X86_V3 … on x86-64, ASIMDHP … on arm64): disabling them all leaves
# the baseline loops.
simd_targets=$("$python" -c "from numpy._core._multiarray_umath import __cpu_dispatch__ as d; print(','.join(d))")
log=$(mktemp)
trap 'rm -f "$log"' EXIT

failed=0
suite() {  # a label and the variables to set (no spaces); prints pytest's last line, all of it on failure
    label=$1 vars=$2
    shift 2
    # shellcheck disable=SC2086  # $vars is meant to split into assignments
    if env $vars "$python" -m pytest -q -p no:cacheprovider "$@" >"$log" 2>&1; then
        echo "pass  $label: $(tail -n 1 "$log")"
    else
        cat "$log"
        echo "FAIL  $label"
        failed=1
    fi
}

tested=""
for kernel in $kernels default; do
    if [ "$kernel" = default ]; then
        [ -n "$tested" ] && break  # OpenBLAS kernels were run: done
        core="numpy's own BLAS"    # no OpenBLAS kernel could be chosen: run once as installed
        vars=""
    else
        # (the second command keeps the subshell, so its "Illegal instruction" goes into $probe)
        if ! probe=$( (OPENBLAS_CORETYPE=$kernel OPENBLAS_VERBOSE=2 "$python" -c \
                "import numpy as np; np.ones((64, 64)) @ np.ones((64, 64))"; exit $?) 2>&1); then
            echo "skip  $kernel: this CPU cannot run it"
            continue
        fi
        case $probe in
            *"Core not found"*) echo "skip  $kernel: not in this OpenBLAS build"; continue ;;
        esac
        core=$(printf '%s\n' "$probe" | sed -n 's/^Core: //p' | tail -n 1)
        [ -z "$core" ] && continue  # not OpenBLAS (Apple's Accelerate, say): see "default"
        case " $tested " in
            *" $core "*) echo "skip  $kernel: runs the $core kernel, tested already"; continue ;;
        esac
        tested="$tested $core"
        vars="OPENBLAS_CORETYPE=$kernel"
    fi
    suite "$kernel ($core), numpy SIMD on" "$vars" "$@"
    suite "$kernel ($core), numpy SIMD off" "$vars NPY_DISABLE_CPU_FEATURES=$simd_targets" "$@"
done
exit $failed
