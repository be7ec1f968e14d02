package dev.praetor.config.blocks.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts were printed by CPython 3 ({@code json.dumps(value, sort_keys=True)}, {@code repr(float)}). */
class PythonJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String dumps(String json) throws Exception {
        return PythonJson.dumpsSortedKeys(MAPPER.readTree(json));
    }

    @Test
    void floatsAreWrittenAsPythonReprs() throws Exception {
        assertEquals("{\"a\": 1.0, \"b\": 0.1, \"c\": 1e+16, \"d\": 1e-05, \"e\": 123456789.123, \"f\": -0.0, "
                + "\"g\": 1e+22, \"h\": 5e-324, \"i\": 1.7976931348623157e+308, \"j\": 0.0001, \"k\": 100.0, "
                + "\"l\": 2.5e-07, \"m\": 1000000000000000.0, \"n\": 2.82879384806159e+17, \"o\": 1.18575755e-316, "
                + "\"p\": 100.0, \"q\": 1.2345678901234568e+20, \"r\": 1e+300, \"s\": 0.3, "
                + "\"t\": 2.2250738585072014e-308, \"u\": 9007199254740992.0}",
                dumps("{\"a\": 1.0, \"b\": 0.1, \"c\": 1e16, \"d\": 1e-5, \"e\": 123456789.123, \"f\": -0.0, "
                        + "\"g\": 1e22, \"h\": 5e-324, \"i\": 1.7976931348623157e308, \"j\": 0.0001, \"k\": 100.0, "
                        + "\"l\": 2.5e-7, \"m\": 1e15, \"n\": 2.82879384806159e17, \"o\": 1.18575755e-316, \"p\": 1E2, "
                        + "\"q\": 123456789012345680000.0, \"r\": 1e300, \"s\": 0.3, "
                        + "\"t\": 2.2250738585072014e-308, \"u\": 9007199254740993.0}"));
    }

    /** Values where Java 17's Double.toString is not the shortest form. */
    @ParameterizedTest
    @CsvSource({"1.0E23, 1e+23", "2.0E-3, 0.002", "4.9E-324, 5e-324", "0.1, 0.1", "1.5, 1.5", "123456.0, 123456.0",
            "2.82879384806159E17, 2.82879384806159e+17", "9.999999999999999E22, 1e+23", "1.0E-4, 0.0001",
            "9.9999E-5, 9.9999e-05", "1.0E16, 1e+16", "9.999999999999998E15, 9999999999999998.0"})
    void reprIsTheShortestRoundTrip(double value, String expected) {
        assertEquals(expected, PythonJson.repr(value));
    }

    @Test
    void nonAsciiAndControlCharactersAreEscapedLowercase() throws Exception {
        assertEquals("{\"k\": \"Caf\\u00e9 \\ud834\\udd1e \\u007f \\u0000 \\t\"}",
                dumps("{\"k\": \"Café \uD834\uDD1E \u007f \\u0000 \\t\"}"));
    }

    @Test
    void keysAreSortedByCodePoint() throws Exception {
        assertEquals("{\"B\": 3, \"a\": 2, \"b\": 1, \"\\u00e9\": 4, \"\\uffff\": 6, \"\\ud834\\udd1e\": 5}",
                dumps("{\"b\": 1, \"a\": 2, \"B\": 3, \"é\": 4, \"\uD834\uDD1E\": 5, \"\uffff\": 6}"));
    }

    @Test
    void integersKeepArbitraryPrecisionAndContainersUsePythonSeparators() throws Exception {
        assertEquals("{\"big\": 123456789012345678901234567890, \"empty\": {}, \"list\": [true, false, null, [], \"s\"]}",
                dumps("{\"list\":[true,false,null,[],\"s\"],\"empty\":{},\"big\":123456789012345678901234567890}"));
    }
}
