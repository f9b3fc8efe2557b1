"""Run one script in several local processes, as the hosts of a cluster."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time

from keras_course._validation import check_int


def free_port():
    """A TCP port free on this machine now (for the coordinator)."""
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


def run_processes(script, num_processes=2, args=(), timeout=600, devices_per_process=1):
    """Runs `script` in `num_processes` local JAX processes; returns their outputs.

    Each process is started as `python script PROCESS_ID COORDINATOR OUT
    *args` with `KERAS_BACKEND=jax`, `JAX_PLATFORMS=cpu` and
    `devices_per_process` CPU devices; the script calls
    `keras.distribution.initialize(COORDINATOR, num_processes, PROCESS_ID)`
    and writes a JSON object to `OUT`. This is how several machines run one
    training (one command per host, the same coordinator address), here on
    one machine: a real multi-process test, not a simulation.

    If a process fails or `timeout` seconds pass, every process is killed
    (one that waits for a dead peer would hang) and an `AssertionError`
    carries the failing process's output.

    Args:
        script: path of the Python script.
        num_processes: int >= 1 (1: the same script alone, a baseline).
            Defaults to 2.
        args: extra command-line arguments, the same for every process.
        timeout: seconds for the whole run. Defaults to 600.
        devices_per_process: CPU devices each process shows JAX. Defaults to 1.

    Returns:
        A list of the processes' JSON outputs, by process id.
    """
    num_processes = check_int("num_processes", num_processes)
    devices_per_process = check_int("devices_per_process", devices_per_process)
    coordinator = f"localhost:{free_port()}"
    env = dict(
        os.environ,
        KERAS_BACKEND="jax",
        JAX_PLATFORMS="cpu",
        XLA_FLAGS=f"--xla_force_host_platform_device_count={devices_per_process}",
    )
    with tempfile.TemporaryDirectory() as tmp:
        outs = [os.path.join(tmp, f"process_{i}.json") for i in range(num_processes)]
        logs = [
            open(os.path.join(tmp, f"process_{i}.log"), "w+")
            for i in range(num_processes)
        ]
        procs = [
            subprocess.Popen(
                [sys.executable, script, str(i), coordinator, outs[i], *map(str, args)],
                stdout=logs[i],
                stderr=subprocess.STDOUT,
                env=env,
            )
            for i in range(num_processes)
        ]
        deadline = time.monotonic() + timeout
        try:
            while True:
                codes = [p.poll() for p in procs]
                failed = next(
                    (i for i, c in enumerate(codes) if c not in (None, 0)), None
                )
                if failed is not None or None not in codes:
                    break
                if time.monotonic() > deadline:
                    failed = "timeout"
                    break
                time.sleep(0.2)
        finally:
            for p in procs:
                if p.poll() is None:
                    p.kill()
                    p.wait()
            tails = []
            for log in logs:
                log.seek(0)
                tails.append(log.read()[-4000:])
                log.close()
        if failed == "timeout":
            raise AssertionError(
                f"The processes did not finish in {timeout} s; process 0's "
                f"output ends:\n{tails[0]}"
            )
        if failed is not None:
            raise AssertionError(
                f"process {failed} failed (exit {procs[failed].returncode}); its "
                f"output ends:\n{tails[failed]}"
            )
        results = []
        for out in outs:
            with open(out) as f:
                results.append(json.load(f))
        return results
