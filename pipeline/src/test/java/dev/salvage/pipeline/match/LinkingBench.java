package dev.salvage.pipeline.match;

import com.sun.management.OperatingSystemMXBean;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Times the whole linking stage on embedded Flink, observations to linked records, wired as {@link
 * SalvagePipeline} wires it ({@link SalvagePipeline#link}: {@link LinkObservations} → {@link
 * MergeClusters} → {@link MatchUnlinkedEvidence}, probabilistic linking on), with the CLI's default
 * key fanout and the Rentwise entity model.
 *
 * <p>The observations are made inside the job from a sequence of booking numbers (nothing big in
 * the job graph), as the Rentwise mappings would emit them: per booking a confirmation mail (90%; a
 * reservation keyed by reference and its customer keyed by email), a Stripe payment intent and its
 * charge sharing the payment intent id (95%; half carry the reference), a calendar event keyed by
 * its uid (95%; a third carry the reference, 30% the customer's email) and the event's customer.
 * Customers book again (one customer per 1.5 bookings), names are two or three tokens from a few
 * hundred first names and surnames, one car per 20 bookings, six branches, 90 days. No backup, no
 * mapping, no reading or writing: only linking is timed.
 *
 * <pre>
 * scripts/bench-linking --stage OBSERVATIONS [PARALLELISM]
 * # which is
 * mvn -q -o -DskipTests package &amp;&amp; mvn -q -o -pl pipeline -am test-compile
 * java -Xmx2g -cp pipeline/target/test-classes:pipeline/target/salvage.jar \
 *   dev.salvage.pipeline.match.LinkingBench OBSERVATIONS [PARALLELISM]
 * </pre>
 */
final class LinkingBench {
  private static final Instant START = Instant.parse("2026-03-02T03:00:00Z");
  private static final int MAX_KEY_FANOUT = 1000;

  /** Observations a booking yields on average (see {@link BookingFn}). */
  private static final double OBSERVATIONS_PER_BOOKING = 0.9 * 2 + 0.95 * 2 + 0.95 * 2;

  private LinkingBench() {}

  public static void main(String[] args) throws Exception {
    long observations = Long.parseLong(args[0]);
    int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    long bookings = Math.max(1, Math.round(observations / OBSERVATIONS_PER_BOOKING));
    MergeSettings settings =
        new MergeSettings(
            rentwiseModel(),
            "rentwise/entities.yaml",
            List.of("mail", "stripe", "calendar"),
            "backup",
            START,
            Map.of());

    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setParallelism(parallelism);
    options.setMaxParallelism(128);
    options.setFlinkConfDir(flinkConf().toString());
    Pipeline pipeline = Pipeline.create(options);
    PCollection<Observation> made =
        pipeline
            .apply(GenerateSequence.from(0).to(bookings))
            .apply("MakeObservations", ParDo.of(new BookingFn(bookings)))
            .setCoder(Coders.observation());
    PCollectionTuple linked = SalvagePipeline.link(made, settings, MAX_KEY_FANOUT, true);
    PCollectionList.of(made.apply("CountIn", new CountAs<>("observations_made")))
        .and(
            linked
                .get(MatchUnlinkedEvidence.RECORDS)
                .apply("CountRecords", new CountAs<>("records_out")))
        .and(
            linked
                .get(MatchUnlinkedEvidence.UNLINKED)
                .apply("CountUnlinked", new CountAs<>("unlinked_out")))
        .apply("AllCounts", Flatten.pCollections())
        .apply("SumCounts", Sum.longsPerKey())
        .apply("OneGroup", WithKeys.of(""))
        .apply("GroupAll", GroupByKey.create())
        .apply("Print", ParDo.of(new PrintFn()));

    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    org.apache.beam.sdk.PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
    // the linking stage counts as Beam counters (Counts)
    Counts.measured(result).forEach((name, n) -> System.out.println(name + "\t" + n));
    System.out.printf(
        "observations=%d bookings=%d parallelism=%d wall_s=%.1f cpu_s=%.1f process_cpu_s=%.1f"
            + " peak_heap_mb=%d max_heap_mb=%d load=%s%n",
        observations,
        bookings,
        parallelism,
        wall,
        cpu,
        os.getProcessCpuTime() / 1e9,
        peakHeap() >> 20,
        Runtime.getRuntime().maxMemory() >> 20,
        Files.readString(Path.of("/proc/loadavg")).trim());
  }

  private static String rentwiseModel() throws IOException {
    try (InputStream in =
        LinkingBench.class.getResourceAsStream("/dev/salvage/samples/rentwise/entities.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The sum of the heap pools' peaks: an upper bound of the peak heap in use. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static Path flinkConf() throws IOException {
    Path dir = Files.createTempDirectory("linking-bench-flink");
    Files.writeString(
        dir.resolve("flink-conf.yaml"), "heartbeat.timeout: 600000\nheartbeat.interval: 10000\n");
    return dir;
  }

  /** Counts a collection's elements as one named count. */
  static final class CountAs<T> extends PTransform<PCollection<T>, PCollection<KV<String, Long>>> {
    private final String name;

    CountAs(String name) {
      this.name = name;
    }

    @Override
    public PCollection<KV<String, Long>> expand(PCollection<T> input) {
      return input.apply(Count.globally()).apply(WithKeys.of(name)).setCoder(Counts.coder());
    }
  }

  /** Prints all counts, sorted by name. */
  static final class PrintFn extends DoFn<KV<String, Iterable<KV<String, Long>>>, Void> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, Long>>> all) {
      Map<String, Long> sorted = new TreeMap<>();
      all.getValue().forEach(count -> sorted.put(count.getKey(), count.getValue()));
      sorted.forEach((name, n) -> System.out.println(name + "\t" + n));
    }
  }

  /** One booking's observations, deterministic in its number. */
  static final class BookingFn extends DoFn<Long, Observation> {
    private static final String[] FIRST_NAMES =
        """
      João Ana Inês Tiago Gonçalo Beatriz Sofia Rui Mariana Luís José Catarina Diogo Margarida
      Leonor Conceição António Joana Pedro Miguel Francisco Duarte Rodrigo Afonso Martim Tomás
      Carolina Matilde Madalena Helena Rita Teresa Filipa Raquel Sara Marta Paulo Nuno Ricardo
      Bruno Hugo Sérgio Vítor Fernando Manuel Carlos Jorge Alberto Fábio Daniel Marco Lucía
      Carmen Pablo Javier Alejandro Sergio Álvaro Adrián Diego Manuela Pilar Elena Laura
      Cristina Paula Andrea Irene Nerea Alba Claudia Noelia Rocío Montserrat Jordi Xavier Oriol
      Pau Marc Arnau Núria Laia Mireia Enric Iñaki Aitor Ainhoa Itziar Gorka Emma Lukas Leon
      Finn Jonas Paul Felix Maximilian Anna Lena Lea Hannah Mia Sophie Johanna Katharina Jan
      Tobias Niklas Chloé Camille Léa Manon Inès Louise Lucas Théo Nathan Louis Jules Mathieu
      Antoine Nicolas Julien Giulia Francesca Chiara Alessia Martina Giorgia Federica Valentina
      Luca Matteo Lorenzo Giovanni Alessandro Davide Simone Riccardo Stefano Sanne Daan Sem
      Lieke Fleur Bram Thijs Jesse Noor Eva Floor Oliver Harry George Jack Charlie Thomas James
      William Olivia Amelia Isla Ava Emily Grace Lily Freya Ella Charlotte Isabella Sebastian
      Henry Alexander Benjamin Samuel Joseph Michael David Robert John Sarah Rachel Rebecca
      Jessica Lauren Megan Erik Lars Anders Nils Astrid Ingrid Sigrid Freja Maja Karin Björn
      Magnus Olof Piotr Tomasz Katarzyna Agnieszka Małgorzata Krzysztof Aleksandra Zofia Jakub
      Mateusz Kacper Wojciech Eoin Siobhan Aoife Niamh Ciara Cian Oisín Seán Pádraig Róisín
      Declan Liam Mohamed Youssef Yasmine Amina Fatima Karim Omar Leila Nadia Rania Ahmed Hamza
      Ines Salma Mehdi Giorgos Dimitris Eleni Maria Katerina Nikos Yannis Ioanna Vasilis
      Anastasia Ruth Elias Matías Camila Sebastián Benjamín Isidora Agustín Florencia Nicolás
      Renata Gael
        """
            .strip()
            .split("\\s+");
    private static final String[] SURNAMES =
        """
      Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Fernandes
      Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira
      Correia Mendes Nunes Soares Vieira Monteiro Cardoso Rocha Raposo Neves Coelho Cruz Cunha
      Pires Ramos Reis Simões Antunes Matos Fonseca Machado Araújo Barbosa Tavares Lourenço
      Castro Figueiredo Azevedo Freitas Magalhães Brandão Sá Loureiro Baptista Campos Lima
      Guerreiro Valente Pacheco Medeiros Faria Moura Quintas Vaz Branco Leite Mota García
      Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz
      Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez
      Vázquez Ramírez Gil Serrano Blanco Molina Morales Suárez Ortega Delgado Ortiz Rubio Marín
      Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santana Lozano Guerrero Cano Prieto
      Méndez Calvo Gallego Vidal León Márquez Herrera Peña Flores Cabrera Vega Fuentes Carrasco
      Diez Caballero Reyes Nieto Aguilar Pascual Santiago Herrero Montero Lorenzo Hidalgo
      Giménez Ibáñez Ferrer Durán Vicente Benítez Mora Arias Vargas Carmona Crespo Román Pastor
      Soto Sáez Velasco Moya Soler Parra Esteban Bravo Gallardo Rojas Puig Roca Pujol Vila Font
      Serra Casals Bosch Sala Riera Mas Planas Camps Etxeberria Aguirre Urrutia Müller Schmidt
      Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter
      Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Werner
      Krause Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon
      Laurent Lefebvre Michel Garnier Faure Rousseau Blanc Guerin Muller Henry Roussel Nicolas
      Perrin Morin Mathieu Clement Gauthier Rossi Russo Ferrari Esposito Bianchi Romano Colombo
      Ricci Marino Greco Bruno Gallo Conti De_Luca Mancini Giordano Rizzo Lombardi Moretti
      Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli de_Jong Jansen de_Vries
      van_Dijk Bakker Janssen Visser Smit Meijer de_Boer Mulder de_Groot Bos Vos Peters
      Hendriks van_Leeuwen Dekker Brouwer de_Wit Dijkstra Smith Jones Williams Taylor Brown
      Davies Evans Wilson Johnson Roberts Robinson Thompson Wright Walker White Edwards Hughes
      Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Cooper Hill Ward Morris Moore
      Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price
      Bennett Young Griffiths Mitchell Kelly Murphy O'Brien Byrne Ryan O'Sullivan Walsh
      O'Connor McCarthy Gallagher Doyle Lynch Murray Quinn Andersson Johansson Karlsson Nilsson
      Eriksson Larsson Olsson Persson Svensson Gustafsson Hansen Nielsen Jensen Pedersen
      Kristensen Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński
      Papadopoulos Georgiou Nikolaidis Dimitriou Benali El_Amrani Haddad Mansour Nasser Khalil
        """
            .strip()
            .replace('_', ' ')
            .split("\\s+");
    private static final String[] BRANCHES = {"LIS", "OPO", "FAO", "MAD", "BCN", "LPA"};

    private final long bookings;

    BookingFn(long bookings) {
      this.bookings = bookings;
    }

    @ProcessElement
    public void process(@Element Long number, OutputReceiver<Observation> out) {
      long i = number;
      long h = mix(i);
      long customer = Math.floorMod(mix(i ^ 0x5bd1e995L), Math.max(1, bookings * 2 / 3));
      String name = name(customer);
      String email = "c" + customer + "@mail.example";
      String vehicle = plate(Math.floorMod(h, Math.max(1, bookings / 20)));
      String branch = BRANCHES[(int) Math.floorMod(h >>> 8, BRANCHES.length)];
      Instant booked = START.plusSeconds(Math.floorMod(mix(i + 7), 90L * 86400));
      Instant pickup = booked.plusSeconds(3600L * (24 + Math.floorMod(h >>> 16, 24 * 30)));
      Instant returned = pickup.plusSeconds(86400L * (1 + Math.floorMod(h >>> 24, 10)));
      String total = Long.toString(5000 + Math.floorMod(h >>> 32, 50000));
      String reference = "RW-" + Long.toString(i, 36).toUpperCase();
      long dice = mix(i ^ 0x2545F4914F6CDD1DL);
      Map<String, String> booking =
          fields(
              "customer_name",
              name,
              "vehicle",
              vehicle,
              "pickup_location",
              branch,
              "pickup_at",
              pickup.toString(),
              "return_at",
              returned.toString(),
              "status",
              "confirmed");

      if (percent(dice, 0) < 90) {
        String mail = "mail:<booking-" + i + "@rentwise.example>";
        Map<String, String> confirmed = new TreeMap<>(booking);
        confirmed.putAll(
            fields(
                "reference", reference,
                "customer_email", email,
                "total_cents", total,
                "currency", "EUR"));
        out.output(reservation(confirmed, booked, "mail", mail, "booking_confirmation"));
        out.output(customer(fields("email", email, "full_name", name), booked, "mail", mail));
      }
      if (percent(dice, 1) < 95) {
        String intent = "pi_" + Long.toString(mix(i + 11) >>> 4, 36);
        boolean referenced = percent(dice, 2) < 50;
        Map<String, String> paid =
            fields(
                "stripe_payment_intent_id", intent,
                "customer_email", email,
                "total_cents", total,
                "currency", "EUR");
        Map<String, String> charged =
            fields(
                "stripe_payment_intent_id",
                intent,
                "customer_email",
                email,
                "customer_name",
                percent(dice, 3) < 30 ? name.toUpperCase() : name,
                "currency",
                "EUR");
        if (referenced) {
          paid.put("reference", reference);
          charged.put("reference", reference);
        } else {
          paid.put("pickup_location", branch);
        }
        String suffix = referenced ? "_with_metadata_reference" : "";
        out.output(
            reservation(
                paid,
                booked.plusSeconds(60),
                "stripe",
                "stripe:" + intent,
                "payment_intent" + suffix));
        out.output(
            reservation(
                charged,
                booked.plusSeconds(62),
                "stripe",
                "stripe:ch_" + intent.substring(3),
                "charge" + suffix));
      }
      if (percent(dice, 4) < 95) {
        String uid = "ev" + Long.toString(mix(i + 13) >>> 4, 36);
        String event = "calendar:" + branch + "/" + uid;
        Map<String, String> scheduled = new TreeMap<>(booking);
        scheduled.put("calendar_uid", uid);
        Map<String, String> person = fields("full_name", name);
        if (percent(dice, 5) < 33) {
          scheduled.put("reference", reference);
        }
        if (percent(dice, 6) < 30) {
          scheduled.put("customer_email", email);
          person.put("email", email);
        }
        Instant updated = booked.plusSeconds(1200);
        out.output(reservation(scheduled, updated, "calendar", event, "booking_event"));
        out.output(customer(person, updated, "calendar", event));
      }
    }

    /** Two or three tokens: a first name and one or two surnames, fixed per customer. */
    static String name(long customer) {
      long h = mix(customer ^ 0x9E3779B97F4A7C15L);
      String name =
          FIRST_NAMES[(int) Math.floorMod(h, FIRST_NAMES.length)]
              + " "
              + SURNAMES[(int) Math.floorMod(h >>> 16, SURNAMES.length)];
      return percent(h, 5) < 40
          ? name + " " + SURNAMES[(int) Math.floorMod(h >>> 32, SURNAMES.length)]
          : name;
    }

    private static String plate(long car) {
      return String.format(
          "%02d-%c%c-%02d",
          car % 100,
          (char) ('A' + car / 100 % 26),
          (char) ('A' + car / 2600 % 26),
          car / 67600 % 100);
    }

    /** A number 0-99 from the {@code slot}th byte of {@code dice}. */
    private static long percent(long dice, int slot) {
      return Math.floorMod(dice >>> (8 * slot), 256) * 100 / 256;
    }

    private static Observation reservation(
        Map<String, String> values, Instant seen, String source, String ref, String rule) {
      return observation("reservation", values, seen, source, ref, rule);
    }

    private static Observation customer(
        Map<String, String> values, Instant seen, String source, String ref) {
      return observation("customer", values, seen, source, ref, "booking");
    }

    /** As the mapping engine makes it: the values that are the entity's keys are its keys too. */
    private static Observation observation(
        String entity,
        Map<String, String> values,
        Instant seen,
        String source,
        String ref,
        String rule) {
      Map<String, String> keys = new TreeMap<>();
      for (String key : List.of("reference", "stripe_payment_intent_id", "calendar_uid", "email")) {
        if (values.containsKey(key)) {
          keys.put(key, values.get(key));
        }
      }
      return new Observation(entity, keys, values, seen, source, ref, rule);
    }

    private static Map<String, String> fields(String... pairs) {
      Map<String, String> map = new TreeMap<>();
      for (int k = 0; k < pairs.length; k += 2) {
        map.put(pairs[k], pairs[k + 1]);
      }
      return map;
    }

    private static long mix(long x) {
      long z = x * 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
