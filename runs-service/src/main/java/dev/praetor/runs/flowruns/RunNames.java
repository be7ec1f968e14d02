package dev.praetor.runs.flowruns;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Random two-word slugs ({@code "crimson-otter"}) for runs created without a name, as Prefect names them. */
public final class RunNames {
    private static final List<String> ADJECTIVES = List.of("able", "agile", "amber", "ancient", "arctic", "azure",
            "bold", "brave", "bright", "brisk", "calm", "careful", "clever", "cobalt", "cosmic", "crimson", "curious",
            "daring", "dapper", "eager", "electric", "elegant", "emerald", "fearless", "fluffy", "friendly", "gentle",
            "giant", "glossy", "golden", "graceful", "happy", "hidden", "honest", "humble", "icy", "jolly", "keen",
            "khaki", "lively", "lucky", "magenta", "merry", "mighty", "modest", "nimble", "noble", "olive", "outgoing",
            "patient", "placid", "polite", "proud", "quick", "quiet", "rapid", "resolute", "robust", "rustic", "sage",
            "scarlet", "serene", "shiny", "silver", "sincere", "smart", "sparkling", "spry", "steady", "sturdy",
            "sunny", "swift", "tactful", "teal", "tidy", "tireless", "tranquil", "upbeat", "vermilion", "vigorous",
            "violet", "vivid", "warm", "wise", "witty", "zealous", "zippy");
    private static final List<String> ANIMALS = List.of("albatross", "alpaca", "antelope", "armadillo", "badger",
            "beaver", "bison", "bobcat", "buffalo", "camel", "caribou", "cheetah", "chipmunk", "cobra", "condor",
            "coyote", "crane", "crocodile", "dingo", "dolphin", "dove", "eagle", "echidna", "elk", "falcon", "ferret",
            "finch", "flamingo", "fox", "gazelle", "gecko", "gibbon", "giraffe", "gopher", "grouse", "hare", "hawk",
            "hedgehog", "heron", "hippo", "hornet", "hyena", "ibex", "iguana", "jackal", "jaguar", "kangaroo", "kestrel",
            "kiwi", "koala", "lemur", "leopard", "llama", "lobster", "lynx", "macaw", "mammoth", "marmot", "meerkat",
            "mink", "mole", "moose", "narwhal", "newt", "ocelot", "okapi", "orca", "oriole", "otter", "owl", "panda",
            "panther", "parrot", "pelican", "penguin", "puffin", "quail", "rabbit", "raccoon", "raven", "reindeer",
            "salamander", "seal", "shrew", "skunk", "sloth", "sparrow", "squid", "starling", "stoat", "swan", "tapir",
            "tiger", "toucan", "turtle", "viper", "walrus", "weasel", "wolf", "wombat", "yak", "zebra");

    private RunNames() {
    }

    public static String slug() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + ANIMALS.get(random.nextInt(ANIMALS.size()));
    }

    /** A given name, or a fresh slug when it is null or empty (Prefect treats both as "not given"). */
    public static String orSlug(String name) {
        return name == null || name.isEmpty() ? slug() : name;
    }
}
