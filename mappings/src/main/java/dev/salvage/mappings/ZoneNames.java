package dev.salvage.mappings;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The zone a date-time's zone name ({@code IST}, {@code CST}, {@code India Standard Time}) stands
 * for, as a {@code z} to {@code zzzz} pattern letter reads it.
 *
 * <p>{@code java.time} maps each name to one zone whatever the date and the business: {@code IST}
 * is Africa/Abidjan (+00:00), though India, Israel and Ireland (in summer) all write it, and {@code
 * CST} is America/Chicago for a business in Shanghai. Here a name is the zones that write it at the
 * date-time read: one offset among them is that offset; several are the field's zone (the
 * business's unless the mapping names one) when that zone writes the name then, as the mail reader
 * reads a Date header's zone name in the business's zone; otherwise the value is refused, naming
 * them.
 */
final class ZoneNames {
  /**
   * A zone name: letters, and spaces in a full one. The {@code GMT+03:00} some zones have for a
   * name is an offset, which {@code java.time} reads exactly.
   */
  private static final Pattern LETTERS = Pattern.compile("\\p{L}+(?: \\p{L}+)*");

  /** Lower-case name to the zones that write it, standard or daylight, per locale and style. */
  private static final Map<String, Map<String, List<ZoneId>>> INDEX = new ConcurrentHashMap<>();

  /** The pattern letters naming a zone, outside quoted literals: {@code z}, {@code zzz}. */
  private static final Pattern ZONE_LETTERS = Pattern.compile("z+");

  private final Map<String, List<ZoneId>> byName;
  private final DateTimeFormatter writer;

  private ZoneNames(Locale locale, boolean full) {
    this.byName =
        INDEX.computeIfAbsent(
            locale.toLanguageTag() + (full ? "/full" : "/short"), key -> index(locale, full));
    this.writer = DateTimeFormatter.ofPattern(full ? "zzzz" : "z", locale);
  }

  /** The zone names of {@code pattern}, or null when it has no {@code z} letters. */
  static ZoneNames of(String pattern, Locale locale) {
    Matcher letters = ZONE_LETTERS.matcher(pattern.replaceAll("'[^']*'", ""));
    if (!letters.find()) {
      return null;
    }
    return new ZoneNames(locale, letters.group().length() >= 4);
  }

  private static Map<String, List<ZoneId>> index(Locale locale, boolean full) {
    Map<String, List<ZoneId>> index = new LinkedHashMap<>();
    int style = full ? TimeZone.LONG : TimeZone.SHORT;
    for (String id : new java.util.TreeSet<>(ZoneId.getAvailableZoneIds())) {
      if (id.startsWith("SystemV/")) {
        continue; // obsolete zones Java keeps for compatibility, with US rules older than 2007
      }
      TimeZone zone = TimeZone.getTimeZone(id);
      Set<String> names = new HashSet<>();
      for (boolean daylight : new boolean[] {false, true}) {
        String name = zone.getDisplayName(daylight, style, locale);
        if (LETTERS.matcher(name).matches()) {
          names.add(name.toLowerCase(Locale.ROOT));
        }
      }
      for (String name : names) {
        index.computeIfAbsent(name, n -> new ArrayList<>()).add(ZoneId.of(id));
      }
    }
    return Map.copyOf(index);
  }

  /**
   * {@code parsed} with its zone read again from the name {@code text} writes.
   *
   * @param fieldZone the field's zone, asked only when the name stands for several offsets
   * @throws ValueException when the name stands for several offsets then and the field's zone does
   *     not write it, or when no zone writes it then
   */
  ZonedDateTime resolve(
      ZonedDateTime parsed, String text, TemporalValue.ZoneSource fieldZone, RecordContext context)
      throws ValueException {
    if (parsed.getZone() instanceof ZoneOffset) {
      return parsed; // written as an offset (GMT+05:30): nothing to read
    }
    String name = nameIn(text);
    if (name == null) {
      return parsed; // a zone id (Asia/Kolkata), not a name
    }
    LocalDateTime local = parsed.toLocalDateTime();
    // west to east: ZoneOffset's own order is the other way
    Map<ZoneOffset, List<ZoneId>> byOffset = new TreeMap<>(Comparator.reverseOrder());
    Map<ZoneOffset, ZonedDateTime> readAt = new TreeMap<>();
    for (ZoneId zone : byName.get(name.toLowerCase(Locale.ROOT))) {
      for (ZonedDateTime there : readings(local, zone)) {
        if (writes(there, name)) {
          byOffset.computeIfAbsent(there.getOffset(), o -> new ArrayList<>()).add(zone);
          readAt.putIfAbsent(there.getOffset(), there);
        }
      }
    }
    if (byOffset.size() == 1) {
      return readAt.values().iterator().next();
    }
    ZoneId zone = fieldZone.zone(context);
    ZonedDateTime inZone = ZonedDateTime.ofLocal(local, zone, null);
    for (ZonedDateTime reading : readings(local, zone)) {
      if (writes(reading, name)) {
        return reading;
      }
    }
    if (byOffset.isEmpty()) {
      throw new ValueException(
          Texts.quote(text)
              + " names the zone "
              + name
              + ", which no zone writes on "
              + local.toLocalDate()
              + " ("
              + describe(byName.get(name.toLowerCase(Locale.ROOT)), zone)
              + " write it at other times of the year)");
    }
    StringBuilder zones = new StringBuilder();
    byOffset.forEach(
        (offset, ids) ->
            zones
                .append(zones.isEmpty() ? "" : " or ")
                .append(offset)
                .append(" (")
                .append(describe(ids, zone))
                .append(')'));
    throw new ValueException(
        Texts.quote(text)
            + " names the zone "
            + name
            + ", which on "
            + local.toLocalDate()
            + " is "
            + zones
            + ", and "
            + (fieldZone.named() ? "the field's zone " : "the business zone ")
            + zone.getId()
            + " writes "
            + inZone.format(writer)
            + " then; declare the field's zone (zone:) that wrote it");
  }

  /**
   * {@code local} at each offset {@code zone} has for it: two in the hour repeated when clocks go
   * back, where the name written (Chicago's {@code CDT} or {@code CST}) is what tells the two
   * instants apart; else the one {@link ZonedDateTime#ofLocal} gives.
   */
  private static List<ZonedDateTime> readings(LocalDateTime local, ZoneId zone) {
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    if (offsets.size() < 2) {
      return List.of(ZonedDateTime.ofLocal(local, zone, null));
    }
    return offsets.stream().map(offset -> ZonedDateTime.ofLocal(local, zone, offset)).toList();
  }

  private boolean writes(ZonedDateTime dateTime, String name) {
    return dateTime.format(writer).equalsIgnoreCase(name);
  }

  /** The longest zone name in {@code text}, between non-letters, as written there. */
  private String nameIn(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String found = null;
    for (String name : byName.keySet()) {
      if (found != null && name.length() <= found.length()) {
        continue;
      }
      int at = lower.indexOf(name);
      while (at >= 0) {
        int end = at + name.length();
        if ((at == 0 || !Character.isLetter(lower.charAt(at - 1)))
            && (end == lower.length() || !Character.isLetter(lower.charAt(end)))) {
          found = text.substring(at, end);
          break;
        }
        at = lower.indexOf(name, at + 1);
      }
    }
    return found;
  }

  /** A few of {@code zones}, one per set of rules (no aliases), the best known first. */
  private static String describe(List<ZoneId> zones, ZoneId preferred) {
    List<String> shown = representatives(zones, preferred);
    int more = shown.size() - 3;
    return String.join(", ", shown.subList(0, Math.min(3, shown.size())))
        + (more > 0 ? " and " + more + " more" : "");
  }

  /**
   * {@code zones} without aliases: the zones {@link ZoneId#SHORT_IDS} names first (Asia/Kolkata,
   * not its alias Asia/Calcutta), then regions by name; ids without an area (Israel, Eire) last.
   */
  private static List<String> representatives(List<ZoneId> zones, ZoneId preferred) {
    Set<String> known = new HashSet<>(ZoneId.SHORT_IDS.values());
    known.add(preferred.getId());
    List<String> ids =
        zones.stream()
            .map(ZoneId::getId)
            .sorted(
                Comparator.comparing((String id) -> !known.contains(id))
                    .thenComparing(id -> !id.contains("/") || id.startsWith("Etc/"))
                    .thenComparing(id -> id))
            .toList();
    List<String> shown = new ArrayList<>();
    Set<ZoneRules> seen = new HashSet<>();
    for (String id : ids) {
      if (seen.add(ZoneId.of(id).getRules())) {
        shown.add(id);
      }
    }
    return shown;
  }
}
