package dev.praetor.runs.states;

/** The verdict of an orchestration (states-and-orchestration.md §2). */
public enum SetStateStatus {
    ACCEPT, REJECT, WAIT, ABORT
}
