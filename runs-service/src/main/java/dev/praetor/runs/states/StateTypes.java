package dev.praetor.runs.states;

import dev.praetor.rest.filters.StateType;
import java.util.EnumSet;
import java.util.Set;

/** Facts about state types that the rules and the bookkeeping share (states-and-orchestration.md §1.1). */
public final class StateTypes {
    /** The "final" types: a run that reaches one of them has finished. */
    public static final Set<StateType> TERMINAL = EnumSet.of(StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED,
            StateType.CRASHED);

    private StateTypes() {
    }

    /** Null (a run without a state) is not terminal. */
    public static boolean isTerminal(StateType type) {
        return type != null && TERMINAL.contains(type);
    }

    /** Prefect's default name: the type with only its first letter upper case ({@code CANCELLING} → "Cancelling"). */
    public static String defaultName(StateType type) {
        String name = type.name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
