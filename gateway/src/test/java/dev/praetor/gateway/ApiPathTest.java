package dev.praetor.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiPathTest {

    @Test
    void plainPrefixLeavesThePrefectPath() {
        ApiPath path = ApiPath.parse("/api/flows/filter");
        assertEquals("/flows/filter", path.prefectPath());
        assertNull(path.workspaceId());
    }

    @Test
    void workspacePrefixYieldsCanonicalIdsAndThePrefectPath() {
        ApiPath path = ApiPath.parse(
                "/api/accounts/{6F6B1F0E5F4E4A439D5B3F2A1C0B9E8D}/workspaces/0B1C2D3E4F5046178293A4B5C6D7E8F9/flows/x"
                        .replace("{", "").replace("}", ""));
        assertEquals("6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d", path.accountId());
        assertEquals("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", path.workspaceId());
        assertEquals("/flows/x", path.prefectPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/apix/flows", "/flows", "/api/accounts/x/workspaces/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
            "/api/accounts/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d/workspaces/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f",
            "/api/accounts/6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d/projects/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"})
    void pathsOutsideTheApiOrWithMalformedIdsAreRejected(String rawPath) {
        assertNull(ApiPath.parse(rawPath));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0b1c2d3e--4f50-4617-8293-a4b5c6d7e8f9", "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9-",
            "-0b1c2d3e4f5046178293a4b5c6d7e8f9", "0b1c2d3e4f5046178293a4b5c6d7e8f", "0b1c2d3e4f5046178293a4b5c6d7e8f9a",
            "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8fg", "0b1c2-d3e4f50-4617-8293-a4b5c6d7e8f9"})
    void malformedUuidsAreRefused(String text) {
        assertNull(ApiPath.canonicalUuid(text, 0, text.length()));
    }
}
