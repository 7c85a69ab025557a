package io.switchboard.sandbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every note and time entry written through a vendor API: who authenticated and whom the record is attributed to. */
@ApplicationScoped
public class WriteLog {
    /**
     * @param by  the authenticated identity (Autotask API resource id, Manage member identifier, Automate user)
     * @param as  the identity the record is attributed to (impersonated resource, body member), or by itself
     */
    public record Entry(Instant at, String vendor, String entity, long id, Long ticketId, String by, String as,
                        String integration, String text) {
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();

    public void add(Entry e) {
        entries.add(e);
    }

    public List<Entry> list(String vendor) {
        return entries.stream().filter(e -> vendor == null || e.vendor().equalsIgnoreCase(vendor)).toList();
    }

    public void clear() {
        entries.clear();
    }
}
