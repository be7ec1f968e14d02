package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The FROM or TO side of a rule: a set of state types that may also contain "no state" (a run without a state, or
 * a transition whose proposed state was removed). Prefect writes these as Python sets containing {@code None}.
 */
public final class StateTypeSet {
    /** Every type and "no state". */
    public static final StateTypeSet ALL = new StateTypeSet(EnumSet.allOf(StateType.class), true);
    /** COMPLETED, FAILED, CANCELLED, CRASHED (without "no state"). */
    public static final StateTypeSet TERMINAL = of(StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED,
            StateType.CRASHED);

    private final Set<StateType> types;
    private final boolean includesNone;

    private StateTypeSet(Set<StateType> types, boolean includesNone) {
        this.types = types;
        this.includesNone = includesNone;
    }

    public static StateTypeSet of(StateType first, StateType... rest) {
        return new StateTypeSet(EnumSet.of(first, rest), false);
    }

    /** {@link #ALL} minus the given types (so it still contains "no state"). */
    public static StateTypeSet allExcept(StateType first, StateType... rest) {
        Set<StateType> types = EnumSet.allOf(StateType.class);
        types.removeAll(EnumSet.of(first, rest));
        return new StateTypeSet(types, true);
    }

    /** {@code type} null means "no state". */
    public boolean contains(StateType type) {
        return type == null ? includesNone : types.contains(type);
    }
}
