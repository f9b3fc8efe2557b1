"""Runs benchmark jobs in worker processes (spawned: no fork after JAX or
TensorFlow has started)."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def run_jobs(function, jobs, workers=1):
    """`[function(*job) for job in jobs]`, in `workers` processes if > 1."""
    jobs = list(jobs)
    if workers <= 1:
        return [function(*job) for job in jobs]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(function, *zip(*jobs, strict=True)))
