package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An ordered list of rules and transforms (Prefect's orchestration policy). Each entry is a factory because steps
 * are instantiated per transition; {@link #compile} keeps those that govern the intended transition.
 *
 * <p>To extend the engine: write a {@link OrchestrationRule} (or {@link UniversalTransform}) named after what it
 * enforces, declare its FROM/TO sets, and add its factory at the right priority in {@link FlowPolicies} or
 * {@link TaskPolicies}.
 */
public final class Policy<C extends OrchestrationContext<?>> {
    private final String name;
    private final List<Supplier<? extends PolicyStep<C>>> steps;

    public Policy(String name, List<Supplier<? extends PolicyStep<C>>> steps) {
        this.name = name;
        this.steps = List.copyOf(steps);
    }

    public String name() {
        return name;
    }

    public List<PolicyStep<C>> compile(StateType from, StateType to) {
        List<PolicyStep<C>> compiled = new ArrayList<>(steps.size());
        for (Supplier<? extends PolicyStep<C>> factory : steps) {
            PolicyStep<C> step = factory.get();
            if (step.governs(from, to)) {
                compiled.add(step);
            }
        }
        return compiled;
    }

    @Override
    public String toString() {
        return name;
    }
}
