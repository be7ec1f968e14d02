package dev.praetor.rest.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Prefect's text-search query syntax (filters-runs.md §5), term by term. */
class TextSearchTest {

    private static void parses(String query, List<String> include, List<String> exclude, List<String> required) {
        assertEquals(new TextSearch(include, exclude, required), TextSearch.parse(query), query);
    }

    @Test
    void plainTermsAreAlternatives() {
        parses("error timeout", List.of("error", "timeout"), List.of(), List.of());
    }

    @Test
    void prefixesExcludeOrRequire() {
        parses("error -debug !trace +db", List.of("error"), List.of("debug", "trace"), List.of("db"));
    }

    @Test
    void aPrefixFollowedBySpaceIsIgnored() {
        parses("- debug + x", List.of("debug", "x"), List.of(), List.of());
    }

    @Test
    void quotedPhrasesAreOneTermWithEscapes() {
        parses("\"connection refused\" +db", List.of("connection refused"), List.of(), List.of("db"));
        parses("-\"say \\\"hi\\\" \\\\ \\n\"", List.of(), List.of("say \"hi\" \\ \\n"), List.of());
    }

    @Test
    void anUnclosedQuoteRunsToTheEnd() {
        parses("a \"b c", List.of("a", "b c"), List.of(), List.of());
    }

    @Test
    void aQuoteEndsAPlainTerm() {
        parses("ab\"c d\"", List.of("ab", "c d"), List.of(), List.of());
    }

    @Test
    void blankQueriesAndBlankPhrasesAddNothing() {
        assertTrue(TextSearch.parse("   ").isEmpty());
        assertTrue(TextSearch.parse("\"  \"").isEmpty());
    }
}
