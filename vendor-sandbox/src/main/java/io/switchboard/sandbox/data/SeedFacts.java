package io.switchboard.sandbox.data;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Vendor-neutral facts of the demo MSP, derived from (seed, index) alone so every vendor projection agrees on
 * company names, technicians and ticket contents without keeping a shared copy in memory.
 */
public final class SeedFacts {
    /** Every generated timestamp lies before this instant, so data never depends on the wall clock. */
    public static final Instant EPOCH = Instant.parse("2026-01-15T12:00:00Z");

    public record Scale(int companies, int contactsPerCompany, int technicians, int tickets, int computers) {
        public static Scale of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "small" -> new Scale(40, 3, 8, 400, 200);
                case "medium" -> new Scale(1_000, 3, 40, 10_000, 5_000);
                case "large" -> new Scale(10_000, 2, 200, 100_000, 50_000);
                default -> throw new IllegalArgumentException("unknown sandbox.scale " + name + " (small|medium|large)");
            };
        }
    }

    public record Company(int index, String name, String identifier, String phone, String city, String state) {
    }

    public record Person(String first, String last) {
        public String email(String domain) {
            return (first + "." + last + "@" + domain).toLowerCase(Locale.ROOT);
        }
    }

    /** {@code attachment}: the contact sent a screenshot, stored as a ticket attachment / document. */
    public record Ticket(int index, int company, int contact, int status, int priority, int queue, int technician,
                         String title, String description, Instant created, int issueType, int notes,
                         boolean attachment) {
    }

    /** A customer project (Autotask Project, Manage project with its notes, team and project tickets). */
    public record Project(int index, int company, String name, int lead, int engineer, Instant start, Instant end,
                          boolean complete) {
    }

    /** The managed-services contract of a company (Autotask Contract, Manage agreement). */
    public record Contract(int company, String name, Instant start, double monthlyFee, int product, int seats) {
    }

    /** A sales opportunity (Autotask Opportunity). */
    public record Opportunity(int index, int company, String title, int owner, double amount, int probability,
                              Instant projectedClose) {
    }

    /** A catalogue item sold to customers (Autotask Product, Manage catalog item behind a product line). */
    public record Product(String name, String sku, String manufacturer, double cost, double price) {
    }

    public record Computer(int index, int company, int location, String name, boolean server, boolean online,
                           String os, String serial, Instant lastContact) {
    }

    /** Shared picklists: index in these lists is the vendor-neutral id. */
    public static final List<String> STATUSES = List.of("New", "In Progress", "Waiting Customer", "Waiting Materials",
            "Scheduled", "Complete");
    public static final List<String> PRIORITIES = List.of("Critical", "High", "Medium", "Low");
    public static final List<String> QUEUES = List.of("Help Desk", "Escalations", "Monitoring Alerts", "Projects");
    public static final List<String> ISSUE_TYPES = List.of("Hardware", "Software", "Network", "Account");
    public static final List<List<String>> SUB_ISSUE_TYPES = List.of(
            List.of("Printer", "Laptop", "Monitor"), List.of("Office 365", "Line of business app"),
            List.of("Wi-Fi", "VPN", "Firewall"), List.of("Password reset", "New user"));

    public static final List<Product> PRODUCTS = List.of(
            new Product("Managed Workstation", "MS-WS", "Switchboard Demo MSP", 12.0, 35.0),
            new Product("Managed Server", "MS-SRV", "Switchboard Demo MSP", 40.0, 120.0),
            new Product("Microsoft 365 Business Standard", "M365-BS", "Microsoft", 10.5, 12.5),
            new Product("Endpoint Detection and Response", "EDR-01", "SentinelOne", 4.0, 8.0),
            new Product("Cloud Backup 1 TB", "BKP-1TB", "Datto", 25.0, 60.0),
            new Product("Business Laptop 14\"", "HW-LT14", "Lenovo", 820.0, 1099.0));
    public static final List<String> TAGS = List.of("VIP", "Onboarding", "Security", "Hardware refresh",
            "After hours", "Billing");
    private static final String[] PROJECT_KINDS = {"Server migration", "Microsoft 365 rollout", "Network refresh",
        "Office move", "Backup overhaul"};

    private static final String[] FIRST = {"Dana", "Alex", "Sam", "Jordan", "Casey", "Riley", "Morgan", "Taylor",
        "Jamie", "Avery", "Quinn", "Drew", "Robin", "Kim", "Lee", "Pat", "Chris", "Noa", "Eli", "Mika"};
    private static final String[] LAST = {"Smith", "Nguyen", "Garcia", "Müller", "Okafor", "Rossi", "Kowalski",
        "Tanaka", "Silva", "Dubois", "Jensen", "O'Brien", "Haddad", "Larsen", "Novak", "Ibrahim", "Moreau", "Chen"};
    private static final String[] NAME_A = {"Acme", "Blue Harbor", "Cedar", "Delta", "Evergreen", "Falcon", "Granite",
        "Harbor & Finch", "Ironwood", "Juniper", "Keystone", "Lakeside", "Maple", "Northwind", "Orion", "Pinnacle"};
    private static final String[] NAME_B = {"Dental", "Logistics", "Law Group", "Bakery", "Clinic", "Architects",
        "Manufacturing", "Realty", "Accounting", "Schools", "Brewing", "Insurance"};
    private static final String[] CITIES = {"Tampa,FL", "Austin,TX", "Denver,CO", "Portland,OR", "Raleigh,NC",
        "Columbus,OH", "Madison,WI", "Boise,ID"};
    private static final String[] PROBLEMS = {"Printer offline", "Outlook keeps asking for password",
        "VPN disconnects", "Laptop will not boot", "New starter account", "Shared drive missing",
        "Slow Wi-Fi in office", "Backup job failed", "Disk space low on server", "Teams call drops"};
    private static final String[] WHERE = {"in accounting", "at front desk", "for CEO", "on 2nd floor", "in warehouse",
        "for all users", "after update", "since this morning"};

    private final long seed;
    private final Scale scale;
    /** Companies are read by every ticket and computer of every vendor: computed once. */
    private final Company[] companies;

    public SeedFacts(long seed, Scale scale) {
        this.seed = seed;
        this.scale = scale;
        this.companies = new Company[scale.companies()];
        for (int i = 0; i < companies.length; i++) {
            companies[i] = makeCompany(i);
        }
    }

    public Scale scale() {
        return scale;
    }

    private SplittableRandom rnd(int kind, int index) {
        return new SplittableRandom(seed * 1_000_003L + kind * 7_919L + index * 104_729L);
    }

    public Company company(int i) {
        return companies[i];
    }

    private Company makeCompany(int i) {
        SplittableRandom r = rnd(1, i);
        String name = NAME_A[i % NAME_A.length] + " " + NAME_B[(i / NAME_A.length) % NAME_B.length]
                + (i >= NAME_A.length * NAME_B.length ? " " + (i / (NAME_A.length * NAME_B.length) + 1) : "");
        String[] city = CITIES[r.nextInt(CITIES.length)].split(",");
        String ident = name.replaceAll("[^A-Za-z0-9]", "");
        return new Company(i, name, ident, String.format("555-%03d-%04d", r.nextInt(1000), r.nextInt(10000)),
                city[0], city[1]);
    }

    public Person contact(int company, int n) {
        SplittableRandom r = rnd(2, company * 31 + n);
        return new Person(FIRST[r.nextInt(FIRST.length)], LAST[r.nextInt(LAST.length)]);
    }

    public Person technician(int i) {
        return new Person(FIRST[(i * 7 + 3) % FIRST.length], LAST[(i * 5 + 1) % LAST.length]);
    }

    public Ticket ticket(int i) {
        SplittableRandom r = rnd(3, i);
        int company = r.nextInt(scale.companies());
        String title = PROBLEMS[r.nextInt(PROBLEMS.length)] + " " + WHERE[r.nextInt(WHERE.length)];
        Instant created = EPOCH.minus((long) (scale.tickets() - i) * 37 + r.nextInt(30), ChronoUnit.MINUTES);
        int status = r.nextInt(10) < 6 ? STATUSES.size() - 1 : r.nextInt(STATUSES.size() - 1);
        return new Ticket(i, company, r.nextInt(scale.contactsPerCompany()), status,
                r.nextInt(PRIORITIES.size()), r.nextInt(QUEUES.size()), r.nextInt(scale.technicians()), title,
                "Reported by phone. " + title + ".", created, r.nextInt(ISSUE_TYPES.size()), r.nextInt(3),
                r.nextInt(8) == 0);
    }

    /** One project for every fourth company. */
    public int projects() {
        return Math.max(1, scale.companies() / 4);
    }

    public Project project(int i) {
        SplittableRandom r = rnd(5, i);
        int company = (i * 4) % scale.companies();
        Instant start = EPOCH.minus(120 - (i % 90), ChronoUnit.DAYS);
        int lead = r.nextInt(scale.technicians());
        return new Project(i, company, PROJECT_KINDS[i % PROJECT_KINDS.length] + " - " + company(company).name(),
                lead, (lead + 1) % scale.technicians(), start, start.plus(30 + r.nextInt(60), ChronoUnit.DAYS),
                r.nextInt(3) == 0);
    }

    /** Every company has one managed-services contract. */
    public Contract contract(int company) {
        SplittableRandom r = rnd(6, company);
        int seats = 5 + r.nextInt(40);
        int product = r.nextInt(2) == 0 ? 0 : 2;
        return new Contract(company, company(company).name() + " Managed Services",
                EPOCH.minus(365 + company % 300, ChronoUnit.DAYS), seats * PRODUCTS.get(product).price(), product, seats);
    }

    /** One open opportunity for every fifth company. */
    public int opportunities() {
        return Math.max(1, scale.companies() / 5);
    }

    public Opportunity opportunity(int i) {
        SplittableRandom r = rnd(7, i);
        int company = (i * 5 + 2) % scale.companies();
        int product = r.nextInt(PRODUCTS.size());
        int quantity = 1 + r.nextInt(20);
        return new Opportunity(i, company, PRODUCTS.get(product).name() + " x" + quantity + " for "
                + company(company).name(), r.nextInt(scale.technicians()), quantity * PRODUCTS.get(product).price(),
                10 * (1 + r.nextInt(9)), EPOCH.plus(10 + r.nextInt(80), ChronoUnit.DAYS));
    }

    public Computer computer(int i) {
        SplittableRandom r = rnd(4, i);
        int company = i % scale.companies();
        boolean server = r.nextInt(10) == 0;
        String name = company(company).identifier().toUpperCase(Locale.ROOT).substring(0,
                Math.min(6, company(company).identifier().length())) + (server ? "-SRV-" : "-WS-") + String.format("%03d", i / scale.companies());
        return new Computer(i, company, r.nextInt(2), name, server, r.nextInt(4) != 0,
                server ? "Microsoft Windows Server 2022 Standard x64" : "Microsoft Windows 11 Pro x64",
                String.format("5CG%07X", r.nextInt(0xFFFFFFF)), EPOCH.minus(r.nextInt(60 * 24 * 7), ChronoUnit.MINUTES));
    }
}
