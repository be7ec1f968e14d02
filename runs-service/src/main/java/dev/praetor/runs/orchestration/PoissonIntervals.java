package dev.praetor.runs.orchestration;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Randomised waits drawn from an exponential distribution ("Poisson inter-arrival times"), clamped so that retries
 * with jitter spread out without drifting from the configured mean (the maths of Prefect's
 * {@code clamped_poisson_interval}).
 */
public final class PoissonIntervals {
    private PoissonIntervals() {
    }

    /**
     * A random interval around {@code average} seconds, at most {@code average × (1 + clampingFactor)} and at least a
     * lower bound chosen so that the median stays where it was.
     */
    public static double clamped(double average, double clampingFactor) {
        if (clampingFactor <= 0) {
            throw new IllegalArgumentException("`clamping_factor` must be >= 0.");
        }
        double upperMultiple = 1 + clampingFactor;
        double upperBound = average * upperMultiple;
        double lowerBound = Math.max(0, average * lowerClampMultiple(upperMultiple));
        double upperRv = exponentialCdf(upperBound, average);
        double lowerRv = exponentialCdf(lowerBound, average);
        double u = lowerRv + ThreadLocalRandom.current().nextDouble() * (upperRv - lowerRv);
        return -Math.log(Math.max(1 - u, 1e-10)) * average;
    }

    private static double exponentialCdf(double x, double average) {
        return 1 - Math.exp(-x / average);
    }

    /** The lower multiple {@code c} with as much probability mass between c and the median as above the median. */
    private static double lowerClampMultiple(double k) {
        if (k >= 50) {
            return 0.0;
        }
        double twoK = Math.pow(2, k);
        return Math.log(Math.max(twoK / (twoK - 1), 1e-10)) / Math.log(2);
    }
}
