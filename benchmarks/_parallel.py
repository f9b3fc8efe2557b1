"""Runs benchmark jobs in worker processes (spawned: no fork after JAX or
TensorFlow has started)."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def run_jobs(function, jobs, workers=1, fresh=False):
    """`[function(*job) for job in jobs]`, in `workers` processes if > 1;
    `fresh=True`: each job in a new process (memory back after each)."""
    jobs = list(jobs)
    if workers <= 1 and not fresh:
        return [function(*job) for job in jobs]
    context = multiprocessing.get_context("spawn")
    limit = {"max_tasks_per_child": 1} if fresh else {}
    with ProcessPoolExecutor(workers, mp_context=context, **limit) as pool:
        return list(pool.map(function, *zip(*jobs, strict=True)))
