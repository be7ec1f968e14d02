"""Flows the deployment tests serve or hand to a process worker: `python served_flows.py <flow> <deployment> [interval]`."""
import sys
import time

from prefect import flow


@flow
def ticker(n: int = 1) -> int:
    return n


@flow
def sleeper(seconds: int = 300) -> None:
    time.sleep(seconds)


if __name__ == "__main__":
    flows = {"ticker": ticker, "sleeper": sleeper}
    chosen, deployment = flows[sys.argv[1]], sys.argv[2]
    if len(sys.argv) > 3:
        chosen.serve(name=deployment, interval=int(sys.argv[3]))
    else:
        chosen.serve(name=deployment)
