package dev.praetor.eventsservice.events;

import static dev.praetor.eventsservice.events.EventFilter.given;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.filter.Conditions;
import java.util.ArrayList;
import java.util.List;

/**
 * A related resource of the event for which every given criterion holds. Unless roles are named, only related
 * resources count (not the primary one), as in Prefect.
 */
public record EventRelatedFilter(List<String> id, List<String> role, List<List<String>> resources_in_roles,
        ResourceSpecification labels) {

    /**
     * The same rules as {@link #addTo}, for a live event: one resource meets every given criterion, and unless roles
     * are named it must be a related one. (Prefect's own live check ignores this filter altogether; matching what
     * its queries return is the useful reading.)
     */
    boolean includes(CandidateEvent candidate) {
        boolean hasLabels = labels != null && !labels.isEmpty();
        if (!given(id) && !given(role) && !given(resources_in_roles) && !hasLabels) {
            return true;
        }
        return candidate.resources().stream().anyMatch(resource -> (given(role) || !resource.role().isEmpty())
                && (!given(id) || id.contains(resource.id()))
                && (!given(role) || role.contains(resource.role()))
                && (!given(resources_in_roles) || resources_in_roles.stream().anyMatch(
                        pair -> pair.get(0).equals(resource.id()) && pair.get(1).equals(resource.role())))
                && (!hasLabels || labels.matches(resource, true)));
    }

    void addTo(Conditions c, EventScope scope) {
        List<String> conditions = new ArrayList<>();
        if (given(id)) {
            conditions.add("er.resource_id = ANY(" + c.bind(id.toArray(String[]::new)) + "::text[])");
        }
        if (given(role)) {
            conditions.add("er.resource_role = ANY(" + c.bind(role.toArray(String[]::new)) + "::text[])");
        }
        if (given(resources_in_roles)) {
            List<String> pairs = new ArrayList<>();
            for (List<String> pair : resources_in_roles) {
                pairs.add("(er.resource_id = " + c.bind(pair.get(0)) + " AND er.resource_role = " + c.bind(pair.get(1)) + ")");
            }
            conditions.add(EventScope.or(pairs));
        }
        if (labels != null && !labels.isEmpty()) {
            conditions.addAll(labels.conditions(c, true));
        }
        if (conditions.isEmpty()) {
            return;
        }
        if (!given(role)) {
            conditions.add("er.resource_role <> ''");
        }
        c.add(scope.namesResource(String.join(" AND ", conditions)));
    }

    /** Each {@code resources_in_roles} element is an {@code [id, role]} pair. */
    void validate(Errors errors) {
        if (resources_in_roles == null) {
            return;
        }
        for (int i = 0; i < resources_in_roles.size(); i++) {
            List<String> pair = resources_in_roles.get(i);
            errors.check(pair != null && pair.size() == 2 && pair.get(0) != null && pair.get(1) != null,
                    "resources_in_roles", "element " + i + " must be an [id, role] pair", pair);
        }
    }
}
