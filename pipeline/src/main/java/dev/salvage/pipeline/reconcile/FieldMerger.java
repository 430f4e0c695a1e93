package dev.salvage.pipeline.reconcile;

import dev.salvage.connectors.io.TextDecoding;
import dev.salvage.mappings.MergeRule;
import dev.salvage.mappings.MergeStrategy;
import dev.salvage.mappings.Observation;
import dev.salvage.mappings.ValueCheck;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import dev.salvage.pipeline.values.Instants;
import dev.salvage.pipeline.values.Mailboxes;
import dev.salvage.pipeline.values.Names;
import java.lang.Character.UnicodeScript;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Picks one field's value among the claims of an entity's evidence: the one place a field's value
 * is decided, whichever way the evidence was linked.
 *
 * <p>Under {@code latest} (the default) the value is decided by time and agreement:
 *
 * <ol>
 *   <li>Each claim holds from its evidence's time: a backup row's from the backup's time, a rule
 *       marked {@code current} from when it was read, after every dated claim. A backup row that
 *       holds no value for a field the backup can hold claims "no value" (a phone only a stale
 *       source knows is not a change).
 *   <li>Spellings of a person's name a typo apart are one value, written as most independent
 *       sources spell it (in mixed case rather than capitals; as the backup spells it unless two
 *       sources since spell it otherwise): a misspelling in one source neither wins nor counts as a
 *       change. A precedence rule keeps its first source's script ({@link ByScript}). A name
 *       written in another script than the backup's (or, without one, than the name most sources
 *       write) is not a change either: it stays beside the value as an alternative ({@link
 *       ByScript}).
 *   <li>The value of the newest claims wins. Claims made within one step of the application of the
 *       newest ({@link FieldPolicy#oneStep}) are one moment (a booking's mail, payment and event):
 *       among them, each source's last word counted, the value most independent sources (source
 *       names) claim wins, the newest on a tie (flagged). A change seen later than that in one
 *       source therefore still wins over every older claim, the backup's included.
 * </ol>
 *
 * Every value that lost is kept in the field's {@code alternatives}, with its support and why.
 */
final class FieldMerger {

  /**
   * When the claims of a rule marked {@code current} hold from: after every dated claim. A fixed
   * instant rather than the run's start, so that reruns give the same records.
   */
  static final Instant AS_READ = Instant.parse("9999-12-31T23:59:59Z");

  /** The note of an alternative that is a spelling of the value, not another value. */
  static final String ANOTHER_SPELLING = "another spelling of ";

  /** What the reason for a current claim of a value the backup had replaced says of it. */
  static final String REPLACED_COPY = " (read as current) holds ";

  /** What the reason of a value only guessed claims give says, after the field and value. */
  static final String GUESS = " is a guess: ";

  /**
   * What the reason of a value only claims of a text read two ways give says, after the text: a
   * day/month order guessed, not a time at a clock change.
   */
  static final String TWO_READINGS = ", which its rule's formats read as two different values";

  private FieldMerger() {}

  /**
   * What the merge needs to know of each piece of evidence beyond its claims.
   *
   * @param tieRules the entity type's tie rules: positive when the first of two equally new pieces
   *     of evidence is preferred, 0 when no rule tells them apart
   * @param sameInstant how the first of two equally new pieces of evidence came to be ordered after
   *     the second (and so to win a tie), as the record says it: "by the tie rule on status
   *     (confirmed > cancelled)", "by source order (mail before calendar)"
   */
  record Timeline(
      Function<Evidence, Instant> holdsFrom,
      Predicate<Evidence> backup,
      ToIntFunction<String> sourceRank,
      Comparator<Evidence> tieRules,
      BiFunction<Evidence, Evidence, String> sameInstant) {}

  /**
   * A field's value (null when no evidence claims one) and, when its newest claims were split
   * evenly between values by independent sources, the one reason that says what chose among them
   * (null otherwise). Such a choice is not agreement, so the record goes to a person. {@code
   * guessed}, when not null, says that only claims read from a wall-clock time its zone skips or
   * repeats give the value: a guess of which instant was meant, for a person to settle.
   */
  record Resolved(FieldValue value, String evenSplit, String guessed, String staleCopy) {
    Resolved(FieldValue value, String evenSplit) {
      this(value, evenSplit, null, null);
    }

    Resolved(FieldValue value, String evenSplit, String guessed) {
      this(value, evenSplit, guessed, null);
    }
  }

  /** How one field is merged: its rule and what kind of value it holds. */
  record FieldPolicy(
      MergeRule rule,
      boolean personName,
      boolean backupHolds,
      Function<String, List<ValueCheck>> brokenBounds,
      boolean mailbox) {
    static final FieldPolicy PLAIN = new FieldPolicy(null, false, false);

    /** A field whose values have no bounds. */
    FieldPolicy(MergeRule rule, boolean personName, boolean backupHolds) {
      this(rule, personName, backupHolds, value -> List.of());
    }

    /** A field that holds no email address. */
    FieldPolicy(
        MergeRule rule,
        boolean personName,
        boolean backupHolds,
        Function<String, List<ValueCheck>> brokenBounds) {
      this(rule, personName, backupHolds, brokenBounds, false);
    }

    /**
     * How far apart claims may be and still describe one moment, where agreement decides: one step
     * of the application (the rule's {@code stated_within}, an hour by default), the span in which
     * a booking's mail, payment and calendar event are written. Until 2026-12-06 it was ten
     * minutes, so a friend's card charged a quarter of an hour after the confirmation mail and the
     * calendar event agreed on the patient's email won over both as the newer claim, unflagged.
     */
    Duration oneStep() {
      return rule == null ? MergeRule.DEFAULT_STATED_WITHIN : rule.statedWithin();
    }
  }

  /**
   * One claim: the evidence, the value it claims ("" for "no value"), when it holds from, and its
   * place in the evidence's order (among equally new evidence: tie rules, run config's source
   * order, evidence id).
   */
  private record Claim(Evidence evidence, String value, Instant at, int place, boolean guess) {
    Claim(Evidence evidence, String value, Instant at, int place) {
      this(evidence, value, at, place, false);
    }
  }

  /** Claims of one value: its spellings (the written one first after {@link #written}). */
  private static final class Group {
    final List<Claim> claims = new ArrayList<>();
    String written;

    Set<String> sourceNames() {
      Set<String> names = new LinkedHashSet<>();
      claims.forEach(c -> names.add(c.evidence().source()));
      return names;
    }

    Instant latest() {
      return claims.get(claims.size() - 1).at();
    }

    List<String> refs(String spelling) {
      Set<String> refs = new LinkedHashSet<>();
      for (Claim c : claims) {
        if (spelling == null || c.value().equals(spelling)) {
          refs.add(c.evidence().ref());
        }
      }
      return List.copyOf(refs);
    }
  }

  /**
   * The field's value, the evidence ids that claim it, the share of claims that agree and the
   * values it won over; null when no evidence claims a value.
   *
   * @param evidence oldest first, the most trusted source last among equally new evidence
   */
  static FieldValue merge(
      String field, List<Evidence> evidence, FieldPolicy policy, Timeline timeline) {
    return resolve(field, evidence, policy, timeline).value();
  }

  /**
   * As {@link #merge}, with the reason a field's even split was decided as it was.
   *
   * @param evidence oldest first, the most trusted source last among equally new evidence
   */
  static Resolved resolve(
      String field, List<Evidence> evidence, FieldPolicy policy, Timeline timeline) {
    List<Claim> claims = new ArrayList<>();
    for (Evidence e : evidence) {
      String value = e.claims().get(field);
      if (value == null
          && policy.backupHolds()
          && timeline.backup().test(e)
          && !e.claims().isEmpty()) {
        value = "";
      }
      if (value != null) {
        claims.add(
            new Claim(
                e,
                value,
                timeline.holdsFrom().apply(e),
                claims.size(),
                e.guessed().containsKey(field)));
      }
    }
    if (claims.isEmpty()) {
      return new Resolved(null, null);
    }
    settleGuesses(field, claims);
    String staleCopy = staleCurrentCopy(field, claims, policy, timeline);
    Resolved resolved = withinBounds(field, claims, policy, timeline);
    if (resolved == null) {
      resolved = decide(field, claims, policy, timeline);
    }
    if (resolved.value() == null) {
      return resolved;
    }
    resolved = withGuess(field, resolved, claims);
    return staleCopy == null
        ? resolved
        : new Resolved(resolved.value(), resolved.evenSplit(), resolved.guessed(), staleCopy);
  }

  /**
   * A claim read as current ({@code current: true}) whose value the backup had already replaced:
   * dated evidence from before the backup wrote it, the backup holds another value, and no dated
   * evidence since the backup writes it again. A copy the application keeps up to date cannot hold
   * such a value unless the change was undone since the backup, which would be written somewhere
   * too (a contact-change mail); a copy the application stopped updating (a Stripe customer made
   * with the first address and never updated) holds it as a matter of course. Such a claim holds
   * from its own time instead of as read, so it no longer outranks the backup, and the returned
   * reason flags the record, written even when it comes out as the backup holds it (a change undone
   * since the backup would otherwise be lost unsaid); null when no claim is such. Until 2026-12-07
   * the stale copy won as the newest claim, and an outside trial's owners who changed their email
   * before the backup came out UPDATED back to their first address, unflagged (a gap
   * docs/linking.md named).
   */
  private static String staleCurrentCopy(
      String field, List<Claim> claims, FieldPolicy policy, Timeline timeline) {
    boolean personName = policy.personName();
    Claim backup = null;
    for (Claim claim : claims) {
      if (timeline.backup().test(claim.evidence())) {
        backup = claim; // oldest first: the newest backup row's
      }
    }
    if (backup == null || backup.value().isEmpty()) {
      return null;
    }
    Instant backupAt = backup.at();
    List<String> said = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      Claim claim = claims.get(i);
      if (!claim.at().equals(AS_READ)
          || claim.value().isEmpty()
          || claim.value().equals(backup.value())
          || (personName && Names.level(claim.value(), backup.value()) < Names.CONTAINED)
          || (policy.mailbox() && Mailboxes.sameMailbox(claim.value(), backup.value()))) {
        // a name's other spelling is one value with the backup's (rule 2), no stale copy, and so
        // is another spelling of the backup's mailbox
        continue;
      }
      Set<String> before = new TreeSet<>();
      boolean since = false;
      for (Claim other : claims) {
        if (other.at().equals(AS_READ)
            || timeline.backup().test(other.evidence())
            || !other.value().equals(claim.value())) {
          continue;
        }
        if (other.at().isBefore(backupAt)) {
          before.add(other.evidence().source());
        } else {
          since = true;
        }
      }
      if (before.isEmpty() || since) {
        continue;
      }
      Instant own = Instants.parse(claim.evidence().observedAt());
      claims.set(
          i,
          new Claim(
              claim.evidence(),
              claim.value(),
              own.isBefore(backupAt) ? own : backupAt.minusSeconds(1),
              claim.place(),
              claim.guess()));
      said.add(
          field
              + ": "
              + claim.evidence().source()
              + REPLACED_COPY
              + claim.value()
              + ", which "
              + String.join(", ", before)
              + " wrote before the backup and the backup replaced with "
              + backup.value()
              + "; nothing since the backup writes it: a copy the application no longer updates"
              + " (its current: true in the mapping is then wrong), so the backup's value was"
              + " weighed against it, not outranked by it; if the change was undone since the"
              + " backup, correct the field in review");
    }
    if (said.isEmpty()) {
      return null;
    }
    // the claims are read oldest first: the copy now holds from its own time
    claims.sort(Comparator.comparing(Claim::at));
    return String.join("; ", said);
  }

  /**
   * The value decided among the claims that keep the field's bounds, those that break one kept as
   * alternatives saying so; null when no claim breaks a bound or none keeps them all (the value is
   * then decided among all, and the record flagged by {@link ValueChecks}). A mail's "-180,00 MAD"
   * is not the newest word on a price a payment gave as 180000: a bound is the entity model saying
   * such a value cannot be, and until 2026-12-06 an outside trial's booking took it at confidence
   * 1.0 for being newer.
   */
  private static Resolved withinBounds(
      String field, List<Claim> claims, FieldPolicy policy, Timeline timeline) {
    List<Claim> keeping = new ArrayList<>();
    Map<String, List<Claim>> breaking = new LinkedHashMap<>();
    Map<String, ValueCheck> brokenBy = new LinkedHashMap<>();
    for (Claim claim : claims) {
      List<ValueCheck> broken =
          claim.value().isEmpty() ? List.of() : policy.brokenBounds().apply(claim.value());
      if (broken.isEmpty()) {
        keeping.add(claim);
      } else {
        breaking.computeIfAbsent(claim.value(), v -> new ArrayList<>()).add(claim);
        brokenBy.putIfAbsent(claim.value(), broken.get(0));
      }
    }
    if (breaking.isEmpty() || keeping.stream().allMatch(claim -> claim.value().isEmpty())) {
      return null;
    }
    Resolved kept = decide(field, keeping, policy, timeline);
    if (kept.value() == null) {
      return null;
    }
    FieldValue value = kept.value();
    List<Alternative> alternatives = new ArrayList<>(value.alternatives());
    breaking.forEach(
        (broken, giving) -> {
          Set<String> refs = new LinkedHashSet<>();
          Set<String> sources = new LinkedHashSet<>();
          Instant latest = Instant.MIN;
          for (Claim claim : giving) {
            refs.add(claim.evidence().ref());
            sources.add(claim.evidence().source());
            latest = claim.at().isAfter(latest) ? claim.at() : latest;
          }
          alternatives.add(
              new Alternative(
                  broken,
                  List.copyOf(refs),
                  sources.size(),
                  latest.equals(AS_READ) ? "as read (current)" : latest.toString(),
                  ValueChecks.beatenNote(brokenBy.get(broken), value.value())));
        });
    return new Resolved(
        new FieldValue(
            value.value(),
            value.sources(),
            value.confidence() * keeping.size() / claims.size(),
            alternatives),
        kept.evenSplit(),
        kept.guessed());
  }

  /**
   * Each claim read from a wall-clock time its zone skips or repeats, settled by an exact claim of
   * one of the instants that time may be: read as the one an exact claim makes (and no longer a
   * guess) when exact claims make that one only. A confirmation mail's "1:30 AM" on the night the
   * clocks go back, read as the first 1:30, agrees with the calendar's exact second 1:30 rather
   * than beating it by being newer, as it did in an outside trial until 2026-12-05.
   */
  private static void settleGuesses(String field, List<Claim> claims) {
    if (claims.stream().noneMatch(Claim::guess)) {
      return;
    }
    Set<String> exact = new LinkedHashSet<>();
    claims.stream().filter(c -> !c.guess()).forEach(c -> exact.add(c.value()));
    for (int i = 0; i < claims.size(); i++) {
      Claim claim = claims.get(i);
      if (!claim.guess()) {
        continue;
      }
      String other = claim.evidence().guessed().get(field);
      boolean asRead = exact.contains(claim.value());
      boolean asOther = other != null && !other.isEmpty() && exact.contains(other);
      if (asRead != asOther) {
        claims.set(
            i,
            new Claim(
                claim.evidence(),
                asRead ? claim.value() : other,
                claim.at(),
                claim.place(),
                false));
      }
    }
  }

  /** {@code resolved}, saying so when only guessed claims give its value. */
  private static Resolved withGuess(String field, Resolved resolved, List<Claim> claims) {
    String value = resolved.value().value();
    List<Claim> giving = claims.stream().filter(c -> c.value().equals(value)).toList();
    if (giving.isEmpty() || !giving.stream().allMatch(Claim::guess)) {
      return resolved;
    }
    Set<String> refs = new LinkedHashSet<>();
    Set<String> others = new LinkedHashSet<>();
    Set<String> texts = new LinkedHashSet<>();
    for (Claim claim : giving) {
      refs.add(claim.evidence().ref());
      String other = claim.evidence().guessed().get(field);
      if (other != null && !other.isEmpty()) {
        others.add(other);
      }
      String text = textReadTwoWays(field, claim.evidence());
      if (text != null) {
        texts.add(text);
      }
    }
    if (!texts.isEmpty()) {
      // a day/month order (04/12/2026): the reason names the text, which has no zone to blame
      return new Resolved(
          resolved.value(),
          resolved.evenSplit(),
          field
              + " "
              + value
              + GUESS
              + String.join(", ", refs)
              + " wrote "
              + String.join(" and ", texts)
              + TWO_READINGS
              + " (see its note), and no evidence gives either"
              + (others.isEmpty() ? "" : "; it may be " + String.join(" or ", others))
              + ": check which was meant");
    }
    boolean utcUnderTzid = giving.stream().anyMatch(c -> utcUnderTzid(field, c.evidence()));
    return new Resolved(
        resolved.value(),
        resolved.evenSplit(),
        field
            + " "
            + value
            + GUESS
            + String.join(", ", refs)
            + (utcUnderTzid
                ? " wrote a time both in UTC and under a TZID, which may be either (see its note),"
                    + " and no evidence gives the instant"
                : " wrote a wall-clock time its zone skips or repeats (see its note) and no"
                    + " evidence gives the instant")
            + (others.isEmpty() ? "" : "; it may be " + String.join(" or ", others))
            + ": check which was meant");
  }

  /** Whether {@code evidence} notes for {@code field} a calendar time in UTC under a TZID. */
  private static boolean utcUnderTzid(String field, Evidence evidence) {
    String prefix = field + ": ";
    for (String note : evidence.notes()) {
      if (note.startsWith(prefix) && note.contains(Observation.UTC_UNDER_TZID)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The quoted text whose two readings {@code evidence} notes for {@code field} ({@code
   * "04/12/2026"}), or null when its guess is a time at a clock change.
   */
  private static String textReadTwoWays(String field, Evidence evidence) {
    String prefix = field + ": ";
    for (String note : evidence.notes()) {
      int at = note.indexOf(Observation.TWO_READINGS);
      if (note.startsWith(prefix) && at > prefix.length()) {
        return note.substring(prefix.length(), at);
      }
    }
    return null;
  }

  private static Resolved decide(
      String field, List<Claim> claims, FieldPolicy policy, Timeline timeline) {
    if (policy.personName()) {
      MergeRule rule = policy.rule();
      boolean precedence = rule != null && rule.strategy() == MergeStrategy.PRECEDENCE;
      // a precedence rule says whose writing the application stores: its first source's script
      // decides, however many sources write another (until 2026-12-06 the script most sources
      // wrote was kept first, so the rule only chose within it and a Greek mail ranked first lost
      // to two Latin card and calendar writings)
      Claim preferred = precedence ? byPrecedence(claims, rule.order()) : null;
      ByScript byScript =
          ByScript.of(
              claims,
              timeline,
              () -> choose(field, claims, claims.size(), policy, timeline),
              preferred,
              precedence ? String.join(" > ", rule.order()) : null);
      if (byScript != null) {
        Resolved kept = choose(field, byScript.kept(), claims.size(), policy, timeline);
        if (kept.value() != null) {
          Resolved resolved = byScript.withOthersAsAlternatives(kept, timeline);
          String split = byScript.unsettled(field, resolved.value().value(), rule, claims);
          if (split == null) {
            return resolved;
          }
          return new Resolved(
              resolved.value(),
              resolved.evenSplit() == null ? split : resolved.evenSplit() + "; " + split);
        }
        // only "no value" in the name's script: the other script's name is all there is
      }
    }
    return choose(field, claims, claims.size(), policy, timeline);
  }

  /**
   * The value {@code claims} decide, its confidence the share of all {@code claimCount} claims of
   * the field that claim it.
   */
  private static Resolved choose(
      String field, List<Claim> claims, int claimCount, FieldPolicy policy, Timeline timeline) {
    // by identity: a claim's group is looked up once per claim, never by comparing evidence
    Map<Claim, Group> groupOf = new IdentityHashMap<>();
    List<Group> groups = group(claims, policy.personName(), policy.mailbox(), timeline, groupOf);
    Group winner;
    String how;
    Moment moment = null;
    String overruled = null;
    MergeRule rule = policy.rule();
    Duration step = policy.oneStep();
    SameInstant sameInstant = new SameInstant(field, rule, timeline);
    if (rule != null && rule.strategy() == MergeStrategy.PRECEDENCE) {
      Claim best = byPrecedence(claims, rule.order());
      winner = groupOf.get(best);
      // a value with a lost character is never the first source's writing of one that has the
      // letter: Excel's windows-1252 backup's Brouwer-?zerman was kept, as "agreeing" with every
      // later Brouwer-Ĳzerman
      winner.written =
          restoredIn(
              winner,
              policy.personName()
                  ? mostWrittenBy(
                      winner, best.evidence().source(), best, backupAt(claims, timeline))
                  : best.value());
      how = "a less trusted source (precedence " + String.join(" > ", rule.order()) + ")";
      overruled =
          changeOverruledByPrecedence(
              field, claims, groupOf, best, winner, rule, step, timeline, sameInstant);
    } else if (rule != null && rule.strategy() == MergeStrategy.EARLIEST) {
      List<Claim> standing = sinceTheBackupsValue(claims, timeline);
      Claim best = earliest(standing);
      if (best == null) {
        return new Resolved(null, null);
      }
      winner = groupOf.get(best);
      winner.written = best.value();
      how =
          standing.size() < claims.size()
              ? "a later value, or one claimed before the backup, whose value holds (earliest)"
              : "a later value (earliest)";
    } else {
      moment = newestAgreed(claims, groupOf, sameInstant, step);
      winner = moment.winner();
      how = null;
    }
    if (winner.written.isEmpty()) {
      return new Resolved(null, null);
    }
    // the moment the decision looked at: a value last claimed before it lost by being older,
    // whatever its support, and is never said to have tied
    Window window =
        moment != null ? moment.window() : Window.all(winner.latest().minus(step), step);
    List<Alternative> alternatives = alternatives(groups, winner, how, window, sameInstant);
    FieldValue value =
        new FieldValue(
            winner.written,
            winner.refs(null),
            (double) winner.claims.size() / claimCount,
            alternatives);
    if (moment == null) {
      return new Resolved(value, overruled);
    }
    String split = evenSplit(field, moment, sameInstant);
    String alternation = alternation(field, claims, groupOf, winner, step);
    return new Resolved(
        value,
        alternation == null ? split : split == null ? alternation : split + "; " + alternation);
  }

  /** How many times a field's claims must go back to a value they had left to alternate. */
  private static final int ALTERNATION_RETURNS = 2;

  /**
   * The reason for a field whose claims go back and forth between values over time (A, B, A, B):
   * two values in use at once (a work and a private address), not a change from one to the other,
   * so the newest is no better than the other; null otherwise. Claims within one step of the
   * previous value's last claim are of the same moment (a booking's mail and payment), which {@link
   * #evenSplit} judges; a change taken back once (A, B, A) is a correction. An outside trial's
   * customer wrote from two addresses in turn, and the newest made an unflagged UPDATE.
   */
  private static String alternation(
      String field, List<Claim> claims, Map<Claim, Group> groupOf, Group winner, Duration step) {
    List<Group> runs = new ArrayList<>();
    List<Instant> runFrom = new ArrayList<>();
    Set<Group> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Instant lastOfRun = null;
    int returns = 0;
    for (Claim claim : claims) {
      if (claim.value().isEmpty() || claim.at().equals(AS_READ)) {
        continue;
      }
      Group group = groupOf.get(claim);
      Group current = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (group == current) {
        lastOfRun = claim.at();
        continue;
      }
      if (current != null && !claim.at().isAfter(lastOfRun.plus(step))) {
        continue; // another value of the same moment: not a switch
      }
      if (seen.contains(group)) {
        returns++;
      }
      seen.add(group);
      runs.add(group);
      runFrom.add(claim.at());
      lastOfRun = claim.at();
    }
    if (returns < ALTERNATION_RETURNS || !seen.contains(winner)) {
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    values.add(winner.written);
    runs.forEach(group -> values.add(group.written));
    List<String> turns = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      turns.add(runs.get(i).written + " from " + runFrom.get(i));
    }
    List<String> others = new ArrayList<>(values).subList(1, values.size());
    return field
        + ": "
        + winner.written
        + " and "
        + String.join(" and ", others)
        + " alternate in the claims ("
        + String.join(", ", turns)
        + "): both may be in use (two live values, not a change from one to the other); the"
        + " newest, "
        + winner.written
        + ", was taken: check which the application should hold";
  }

  /**
   * The reason that flags a field whose precedence rule kept the backup's value against a different
   * value (not a spelling of it) that the claims since the backup agree on and that the field would
   * take without the rule; null otherwise. With {@code backup} first in the order nothing after the
   * backup can change the field: an outside trial's eleven marriages, each seen in a post-backup
   * mail, came out UNCHANGED and unflagged, and import would have kept the maiden names.
   */
  private static String changeOverruledByPrecedence(
      String field,
      List<Claim> claims,
      Map<Claim, Group> groupOf,
      Claim best,
      Group winner,
      MergeRule rule,
      Duration step,
      Timeline timeline,
      SameInstant sameInstant) {
    if (!timeline.backup().test(best.evidence())) {
      return null;
    }
    Moment latest = newestAgreed(claims, groupOf, sameInstant, step);
    Group change = latest.winner();
    Claim last = latest.lastClaim().get(change);
    if (change == winner
        || change.written.isEmpty()
        || timeline.backup().test(last.evidence())
        || !last.at().isAfter(best.at())) {
      return null;
    }
    Set<String> sources = new LinkedHashSet<>();
    Set<String> refs = new LinkedHashSet<>();
    for (Claim claim : change.claims) {
      if (latest.window().counts(claim)) {
        sources.add(claim.evidence().source());
        refs.add(claim.evidence().ref());
      }
    }
    return field
        + ": "
        + change.written
        + ", claimed after the backup by "
        + String.join(", ", sources)
        + " ("
        + String.join(", ", refs)
        + "), lost to the backup's "
        + winner.written
        + " only because the precedence rule ranks the backup higher ("
        + String.join(" > ", rule.order())
        + "): a change after the backup, or a precedence line that is wrong for this field"
        + " (ranked first, the backup lets nothing after it change the field)";
  }

  /**
   * A person's name's claims split by the script they are written in: those in the name's script,
   * which decide its value, and those in another, which only compete with it. {@code प्रिया देशमुख}
   * in a Marathi greeting is {@code Priya Deshmukh} written for another reader, not a new name: as
   * the newest claim it made the backup's learner UPDATED to the Devanagari form, unflagged, and
   * import would have overwritten the name the application holds. Matching already calls such names
   * not comparable ({@link Names#NOT_COMPARABLE}).
   *
   * @param scripts the name's scripts: those of the backup's value, or else of the claims the most
   *     independent sources make, or, as many for each, of the value all the claims choose
   * @param tie when as many independent sources wrote each of several scripts, their names with
   *     their scripts and sources, for the reason that flags the record; else null
   */
  private record ByScript(
      List<Claim> kept,
      List<Claim> others,
      Set<UnicodeScript> scripts,
      String tie,
      Basis basis,
      String outvoted,
      String precedence,
      String firstSplit,
      boolean keptFromBackup) {
    /** What made the name's script the one kept. */
    enum Basis {
      BACKUP,
      PRECEDENCE,
      MORE_SOURCES,
      WRITTEN_NOT_TRANSCRIBED,
      RECENCY
    }

    /**
     * The claims split, or null when every name claimed is in one script.
     *
     * @param preferred the claim a precedence rule ranks first, whose script is kept; else null
     * @param precedence that rule's order as the record says it ({@code mail > stripe}), or null
     */
    static ByScript of(
        List<Claim> claims,
        Timeline timeline,
        Supplier<Resolved> amongAll,
        Claim preferred,
        String precedence) {
      Map<Claim, Set<UnicodeScript>> scriptsOf = new IdentityHashMap<>();
      Map<Set<UnicodeScript>, Set<String>> sources = new LinkedHashMap<>();
      Claim backup = null;
      for (Claim claim : claims) {
        Set<UnicodeScript> scripts = Names.scripts(claim.value());
        scriptsOf.put(claim, scripts);
        if (!scripts.isEmpty()) {
          sources
              .computeIfAbsent(scripts, s -> new LinkedHashSet<>())
              .add(claim.evidence().source());
          if (timeline.backup().test(claim.evidence())) {
            backup = claim; // oldest first: the newest backup row's
          }
        }
      }
      if (sources.size() < 2) {
        return null;
      }
      Set<UnicodeScript> reference = backup == null ? null : scriptsOf.get(backup);
      Basis basis = Basis.BACKUP;
      String tie = null;
      String outvoted = null;
      String firstSplit =
          preferred == null
              ? null
              : splitBySource(claims, scriptsOf, preferred.evidence().source());
      if (preferred != null && !scriptsOf.get(preferred).isEmpty() && firstSplit == null) {
        reference = scriptsOf.get(preferred);
        basis = Basis.PRECEDENCE;
      } else if (reference == null) {
        int most = 0;
        boolean tied = false;
        for (Map.Entry<Set<UnicodeScript>, Set<String>> entry : sources.entrySet()) {
          int support = entry.getValue().size();
          tied = support == most || (tied && support < most);
          if (support > most) {
            reference = entry.getKey();
            most = support;
          }
        }
        Set<UnicodeScript> fullest = tied ? fullestScript(sources, most) : null;
        basis = tied ? Basis.WRITTEN_NOT_TRANSCRIBED : Basis.MORE_SOURCES;
        if (fullest != null) {
          reference = fullest;
        } else if (tied) {
          basis = Basis.RECENCY;
          // as many sources for each script: the value all the claims choose tells its script
          FieldValue chosen = amongAll.get().value();
          reference = chosen == null ? Set.of() : Names.scripts(chosen.value());
          if (reference.isEmpty()) {
            return null;
          }
          tie = tie(claims, scriptsOf, sources, most);
        }
      }
      List<Claim> kept = new ArrayList<>();
      List<Claim> others = new ArrayList<>();
      for (Claim claim : claims) {
        (Names.otherScripts(scriptsOf.get(claim), reference) ? others : kept).add(claim);
      }
      if (basis == Basis.MORE_SOURCES && outvotedByTransliterations(sources, reference)) {
        outvoted = tie(claims, scriptsOf, sources, 0);
      }
      boolean keptFromBackup =
          basis == Basis.PRECEDENCE && timeline.backup().test(preferred.evidence());
      return new ByScript(
          kept, others, reference, tie, basis, outvoted, precedence, firstSplit, keptFromBackup);
    }

    /**
     * The writings of {@code source}'s claims when it writes the name in more than one script, else
     * null. The source a precedence rule ranks first then does not say which script the application
     * stores: an outside trial's mails wrote a customer's stored Latin name in the welcome mail and
     * Greek in the booking mails, and the newest mail's Greek won, unflagged.
     */
    private static String splitBySource(
        List<Claim> claims, Map<Claim, Set<UnicodeScript>> scriptsOf, String source) {
      Map<Set<UnicodeScript>, Set<String>> itsScripts = new LinkedHashMap<>();
      List<Claim> its = new ArrayList<>();
      for (Claim claim : claims) {
        if (claim.evidence().source().equals(source) && !scriptsOf.get(claim).isEmpty()) {
          itsScripts.computeIfAbsent(scriptsOf.get(claim), s -> new LinkedHashSet<>()).add(source);
          its.add(claim);
        }
      }
      return itsScripts.size() < 2 ? null : tie(its, scriptsOf, itsScripts, 0);
    }

    /**
     * Whether the kept script is Latin and a source writes the name only in another: Latin is what
     * names are transliterated into (a card's embossing, a calendar typed on a Latin keyboard), so
     * its majority may be transliterations outvoting the one source that writes the name as its
     * owner does. The reverse (kanji or Greek outvoting a card's Latin) is the name as written.
     */
    private static boolean outvotedByTransliterations(
        Map<Set<UnicodeScript>, Set<String>> sources, Set<UnicodeScript> reference) {
      if (!reference.equals(Set.of(UnicodeScript.LATIN))) {
        return false;
      }
      Set<String> writingReference = sources.getOrDefault(reference, Set.of());
      for (Map.Entry<Set<UnicodeScript>, Set<String>> entry : sources.entrySet()) {
        if (!entry.getKey().contains(UnicodeScript.LATIN)
            && !writingReference.containsAll(entry.getValue())) {
          return true;
        }
      }
      return false;
    }

    /**
     * The reason that flags a record whose name's script nothing but counting or recency chose,
     * naming every writing and the precedence line that settles it; null when the backup's value or
     * a precedence rule chose it, or no source writes only another script. Without it a new Greek
     * customer came out under the Latin of a card and a calendar entry, unflagged, beside two mails
     * in the Greek the application stored.
     */
    String unsettled(String field, String chosen, MergeRule rule, List<Claim> claims) {
      String how;
      if (firstSplit != null && basis != Basis.BACKUP) {
        return field
            + ": the source its precedence rule ranks first writes it in different scripts ("
            + firstSplit
            + "), so the rule does not tell which writing the application stores; "
            + chosen
            + " was kept "
            + switch (basis) {
              case MORE_SOURCES -> "because more independent sources write its script";
              case WRITTEN_NOT_TRANSCRIBED ->
                  "as the script a name is written in, not transcribed into";
              default -> "by recency";
            }
            + ": check which one the application holds";
      }
      if (basis == Basis.PRECEDENCE) {
        return transcriptionKept(field, chosen, claims);
      } else if (rule != null && rule.strategy() == MergeStrategy.PRECEDENCE) {
        return null; // the operator said whose writing to keep
      } else if (basis == Basis.RECENCY) {
        how =
            ": written in different scripts by as many independent sources ("
                + tie
                + "); "
                + chosen
                + " was chosen by recency, not by agreement: ";
      } else if (basis == Basis.MORE_SOURCES && outvoted != null) {
        how =
            ": written in different scripts ("
                + outvoted
                + "); "
                + chosen
                + " was chosen because more independent sources write its script, which need not"
                + " be how the application stores the name (a card holder's transliteration can"
                + " outvote its own mails): ";
      } else {
        return null;
      }
      // outvoted: the sources writing the other script first, as the reason says they may be the
      // application's own writing; the same line for every record (the QA of trial 50 saw five
      // orders, one ranking the card first against its own advice)
      Comparator<Claim> order =
          basis == Basis.MORE_SOURCES
              ? Comparator.<Claim, Boolean>comparing(
                      claim -> Names.scripts(claim.value()).contains(UnicodeScript.LATIN))
                  .thenComparing(claim -> claim.evidence().source())
              : (a, b) -> 0;
      String sources =
          claims.stream()
              .sorted(order)
              .map(claim -> claim.evidence().source())
              .distinct()
              .collect(Collectors.joining(", "));
      return field
          + how
          + (rule == null
              ? "no merge rule of the field says"
              : "its merge rule ("
                  + rule.strategy().name().toLowerCase(Locale.ROOT)
                  + ") does not say")
          + " whose writing to keep; add a precedence rule to the entity's merge, the"
          + " source that writes names as the application stores them first: "
          + field
          + ": {strategy: precedence, order: ["
          + sources
          + "]}";
    }

    /**
     * The reason that flags a name a precedence rule kept in a script names are transcribed into
     * (Latin below Greek or Cyrillic, kana below kanji) when as many pieces of evidence or more
     * write it only in a script it is written in; null otherwise. The rule ranks a source, not each
     * of its writings: an outside trial's ryokan ranked mail first for its kanji confirmations, and
     * a guest whose only surviving mail was a reply under a romaji display name came out {@code
     * KOBAYASHI Ichiro} over two calendar events in kanji, unflagged, and was imported. A kept
     * Greek name beside Latin card and calendar writings is the reverse, and not flagged.
     */
    private String transcriptionKept(String field, String chosen, List<Claim> claims) {
      if (keptFromBackup) {
        return null; // the backup's row is how the application stores the name
      }
      Map<Set<UnicodeScript>, Set<String>> refs = new LinkedHashMap<>();
      Map<Set<UnicodeScript>, Set<String>> sourcesOf = new LinkedHashMap<>();
      Map<Set<UnicodeScript>, Set<String>> names = new LinkedHashMap<>();
      for (Claim claim : claims) {
        Set<UnicodeScript> written = Names.scripts(claim.value());
        if (!written.isEmpty()) {
          refs.computeIfAbsent(written, s -> new LinkedHashSet<>()).add(claim.evidence().ref());
          sourcesOf
              .computeIfAbsent(written, s -> new LinkedHashSet<>())
              .add(claim.evidence().source());
          names.computeIfAbsent(written, s -> new LinkedHashSet<>()).add(claim.value());
        }
      }
      int keptCount = refs.getOrDefault(scripts, Set.of()).size();
      List<String> against = new ArrayList<>();
      for (Map.Entry<Set<UnicodeScript>, Set<String>> entry : refs.entrySet()) {
        Set<UnicodeScript> other = entry.getKey();
        if (Names.otherScripts(other, scripts)
            && writtenRank(other) > writtenRank(scripts)
            && entry.getValue().size() >= keptCount) {
          against.add(writing(names.get(other), other, sourcesOf.get(other), entry.getValue()));
        }
      }
      if (against.isEmpty()) {
        return null;
      }
      return field
          + ": "
          + writing(Set.of(chosen), scripts, sourcesOf.get(scripts), refs.get(scripts))
          + " is kept by the precedence rule ("
          + precedence
          + ") against "
          + String.join(", ", against)
          + ", as many or more pieces of evidence writing the name in a script it is written in"
          + " rather than transcribed into: the source ranked first may write some names"
          + " transcribed (a reply's display name); check which one the application holds";
    }

    private static String writing(
        Set<String> names, Set<UnicodeScript> scripts, Set<String> sources, Set<String> refs) {
      return String.join(" / ", names)
          + " ("
          + Names.describe(scripts)
          + ": "
          + String.join(", ", sources)
          + ", "
          + refs.size()
          + (refs.size() == 1 ? " piece" : " pieces")
          + " of evidence)";
    }

    /**
     * How far a script is from one a name is transcribed into: Latin 0, any other alphabet 1, then
     * kana, Han and Hangul as {@link #scriptRank} orders them.
     */
    private static int writtenRank(Set<UnicodeScript> scripts) {
      int rank = 0;
      for (UnicodeScript script : scripts) {
        rank = Math.max(rank, script == UnicodeScript.LATIN ? 0 : Math.max(1, scriptRank(script)));
      }
      return rank;
    }

    /**
     * Of the scripts {@code most} independent sources write each, the one an East Asian name is
     * written in rather than transcribed into, or null when two rank alike: Hangul, then Han
     * (kanji: the name as written, where kana give its reading), then kana; any other script ranks
     * below them and alike, since which of Latin and Devanagari (or Cyrillic) an application stores
     * depends on the business. An outside trial's ryokan had each guest in kanji in its mails, in
     * Latin on Stripe and in katakana in the calendar, one source each: recency took the calendar's
     * katakana, and flagging each such tie flagged 35 of 51 stays.
     */
    private static Set<UnicodeScript> fullestScript(
        Map<Set<UnicodeScript>, Set<String>> sources, int most) {
      Set<UnicodeScript> best = null;
      int bestRank = -1;
      boolean alike = false;
      for (Map.Entry<Set<UnicodeScript>, Set<String>> entry : sources.entrySet()) {
        if (entry.getValue().size() != most) {
          continue;
        }
        int rank = 0;
        for (UnicodeScript script : entry.getKey()) {
          rank = Math.max(rank, scriptRank(script));
        }
        if (rank > bestRank) {
          best = entry.getKey();
          bestRank = rank;
          alike = false;
        } else if (rank == bestRank) {
          alike = true;
        }
      }
      return alike ? null : best;
    }

    private static int scriptRank(UnicodeScript script) {
      return switch (script) {
        case HANGUL -> 4;
        case HAN -> 3;
        case KATAKANA, HIRAGANA -> 2;
        default -> 0;
      };
    }

    /**
     * The names of the scripts that tied on {@code most} independent sources, each with its script
     * and sources: {@code 髙橋 一郎 (Han: mail), ICHIRO TAKAHASHI (Latin: stripe)}.
     */
    private static String tie(
        List<Claim> claims,
        Map<Claim, Set<UnicodeScript>> scriptsOf,
        Map<Set<UnicodeScript>, Set<String>> sources,
        int most) {
      List<String> said = new ArrayList<>();
      for (Map.Entry<Set<UnicodeScript>, Set<String>> entry : sources.entrySet()) {
        if (most > 0 && entry.getValue().size() != most) {
          continue;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Claim claim : claims) {
          if (scriptsOf.get(claim).equals(entry.getKey())) {
            names.add(claim.value());
          }
        }
        said.add(
            String.join(" / ", names)
                + " ("
                + Names.describe(entry.getKey())
                + ": "
                + String.join(", ", entry.getValue())
                + ")");
      }
      return String.join(", ", said);
    }

    /** {@code kept}'s value with each name claimed in another script as an alternative. */
    Resolved withOthersAsAlternatives(Resolved kept, Timeline timeline) {
      FieldValue value = kept.value();
      List<Alternative> alternatives = new ArrayList<>(value.alternatives());
      for (Group group : group(others, true, false, timeline, new IdentityHashMap<>())) {
        addAlternatives(alternatives, group, note(group, value.value()));
      }
      return new Resolved(
          new FieldValue(value.value(), value.sources(), value.confidence(), alternatives),
          kept.evenSplit());
    }

    /**
     * What the name {@code group} writes in another script is, beside {@code chosen}: against the
     * backup's value, not evidence of a change; on a new record, where nothing changed, the name as
     * those sources write it and what kept the other script.
     */
    String note(Group group, String chosen) {
      String script = Names.describe(Names.scripts(group.written));
      if (basis == Basis.BACKUP) {
        return "written in "
            + script
            + ", not in the "
            + Names.describe(scripts)
            + " of "
            + chosen
            + ": a name in another script is not evidence that it changed";
      }
      String kept =
          switch (basis) {
            case PRECEDENCE ->
                "is the writing of the source the precedence rule ranks first (" + precedence + ")";
            case MORE_SOURCES -> "is written by more independent sources";
            case WRITTEN_NOT_TRANSCRIBED ->
                "is the script the name is written in rather than" + " transcribed into";
            default -> "was chosen by recency among as many independent sources";
          };
      return "the name written in "
          + script
          + " ("
          + String.join(", ", group.sourceNames())
          + "); "
          + chosen
          + ", in "
          + Names.describe(scripts)
          + ", "
          + kept;
    }
  }

  /**
   * The claims an {@code earliest} field chooses among: all of them, or, when the backup holds a
   * value, the backup's and those that hold from after it. A backup row holds as of the backup's
   * time; evidence from before it cannot change it. Without this, a checkout session created a few
   * minutes before the application wrote its booking (the booking made when the payment completes)
   * made every such booking of the backup UPDATED, its {@code booked_at} moved to the payment's
   * creation and the record flagged, though nothing happened after the backup.
   */
  private static List<Claim> sinceTheBackupsValue(List<Claim> claims, Timeline timeline) {
    Claim backup = null;
    for (Claim claim : claims) {
      if (!claim.value().isEmpty() && timeline.backup().test(claim.evidence())) {
        backup = claim;
      }
    }
    if (backup == null) {
      return claims;
    }
    List<Claim> standing = new ArrayList<>();
    for (Claim claim : claims) {
      if (claim == backup || !claim.at().isBefore(backup.at())) {
        standing.add(claim);
      }
    }
    return standing;
  }

  /**
   * The claim of the smallest value: instants by time, numbers by size, other text by its order;
   * null when every claim is "no value".
   */
  private static Claim earliest(List<Claim> claims) {
    Claim best = null;
    for (Claim claim : claims) {
      if (!claim.value().isEmpty()
          && (best == null || compareValues(claim.value(), best.value()) < 0)) {
        best = claim;
      }
    }
    return best;
  }

  private static int compareValues(String a, String b) {
    try {
      return OffsetDateTime.parse(a).toInstant().compareTo(OffsetDateTime.parse(b).toInstant());
    } catch (DateTimeParseException notInstants) {
      // not both instants: numbers, then text
    }
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    } catch (NumberFormatException notNumbers) {
      return a.compareTo(b);
    }
  }

  /**
   * Claims by value, a person's name's spellings a typo apart in one group, and a value with a lost
   * character ({@link TextDecoding#hasLostCharacters}) in the group of one with a letter there.
   */
  private static List<Group> group(
      List<Claim> claims,
      boolean personName,
      boolean mailbox,
      Timeline timeline,
      Map<Claim, Group> groupOf) {
    List<Group> groups = new ArrayList<>();
    Map<String, Group> byValue = new LinkedHashMap<>();
    Set<String> shortForms = personName ? shortForms(claims) : Set.of();
    List<Claim> deferred = new ArrayList<>();
    for (Claim claim : claims) {
      if (shortForms.contains(claim.value())) {
        // grouped once every full form has its group, so that it joins the one it fits
        deferred.add(claim);
        continue;
      }
      Group group = byValue.get(claim.value());
      if (group == null && !claim.value().isEmpty()) {
        for (Group other : groups) {
          if (!other.written.isEmpty()
              && ((personName
                      && Names.level(claim.value(), other.written) <= Names.REORDERED_OR_TYPO)
                  || (mailbox && Mailboxes.sameMailbox(claim.value(), other.written))
                  || TextDecoding.restores(claim.value(), other.written)
                  || TextDecoding.restores(other.written, claim.value()))) {
            group = other;
            break;
          }
        }
      }
      if (group == null) {
        group = new Group();
        group.written = claim.value();
        groups.add(group);
      }
      byValue.put(claim.value(), group);
      group.claims.add(claim);
      groupOf.put(claim, group);
    }
    for (Claim claim : deferred) {
      Group group = byValue.get(claim.value());
      if (group == null) {
        group = fullFormOf(claim.value(), groups);
        if (group == null) {
          group = new Group();
          group.written = claim.value();
          groups.add(group);
        }
        byValue.put(claim.value(), group);
      }
      group.claims.add(claim);
      groupOf.put(claim, group);
    }
    for (Group group : groups) {
      // oldest first, as the claims came: a short form's claims joined its group last
      group.claims.sort(Comparator.comparingInt(Claim::place));
      group.written = written(group, mailbox, timeline);
    }
    return groups;
  }

  /**
   * The values of a person's name that write another value of the claims short ({@link
   * Names#shortFormOf}): initials or a first name beside the full name. They are the same name as
   * the full form, not a change nor a rival; an outside trial's mails writing {@code PJ Doyle}
   * replaced the backup's {@code Patrick Doyle}, and its calendar's {@code D.Q.} tied with the
   * confirmation's {@code Declan Quinn} and flagged the booking.
   */
  private static Set<String> shortForms(List<Claim> claims) {
    Set<String> values = new LinkedHashSet<>();
    claims.forEach(claim -> values.add(claim.value()));
    values.remove("");
    Set<String> shortForms = new LinkedHashSet<>();
    for (String value : values) {
      for (String other : values) {
        if (Names.shortFormOf(value, other)) {
          shortForms.add(value);
          break;
        }
      }
    }
    return shortForms;
  }

  /**
   * The one group holding a value that {@code shortForm} writes short; null when none does or
   * several do ({@code O.K.} beside {@code Orla Keane} and {@code Oisin Kavanagh} stands for
   * neither, and must not join two people's names).
   */
  private static Group fullFormOf(String shortForm, List<Group> groups) {
    Group found = null;
    for (Group group : groups) {
      boolean fits =
          group.claims.stream().anyMatch(claim -> Names.shortFormOf(shortForm, claim.value()));
      if (fits && found != null && found != group) {
        return null;
      }
      found = fits ? group : found;
    }
    return found;
  }

  /**
   * The spelling with most variant kanji (髙橋 over 高橋: a mail charset that cannot write 髙 writes 高
   * in its place, never the reverse, so the common form may be the charset's and the variant is the
   * name's); then, of two that differ only by spaces between CJK characters ({@code 佐藤 花子}, {@code
   * 佐藤花子}), the backup's; then of two a fold apart ({@code Durr}, {@code Duerr} for {@code Dürr}:
   * {@link Names#foldedOf}) the one with the diacritics, and of a short form and its full form the
   * full one; then the one most independent sources write; then the one with most claims; then the
   * one of the most trusted source (the configured source order); then the newest. An email address
   * ({@code mailbox}: its spellings of one mailbox, {@link Mailboxes}) is no name: only sources,
   * claims, trust and time decide, and the backup's spelling ({@link #backupsUnlessChanged}).
   */
  private static String written(Group group, boolean mailbox, Timeline timeline) {
    Map<String, Set<String>> sources = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Integer> newest = new LinkedHashMap<>();
    Map<String, Integer> trust = new LinkedHashMap<>();
    Set<String> backupSpellings = new LinkedHashSet<>();
    Claim backup = null;
    for (int i = 0; i < group.claims.size(); i++) {
      Claim c = group.claims.get(i);
      if (timeline.backup().test(c.evidence())) {
        backupSpellings.add(c.value());
        backup = c; // oldest first: the newest backup row's
      }
      sources.computeIfAbsent(c.value(), v -> new LinkedHashSet<>()).add(c.evidence().source());
      counts.merge(c.value(), 1, Integer::sum);
      newest.put(c.value(), i);
      trust.merge(c.value(), -timeline.sourceRank().applyAsInt(c.evidence().source()), Math::max);
    }
    String best = null;
    for (String spelling : sources.keySet()) {
      if (!restoredIn(group, spelling).equals(spelling)) {
        // a charset's ? where another spelling has the letter is damage, not a way to write it
        continue;
      }
      if (best == null) {
        best = spelling;
        continue;
      }
      int byVariants = Integer.compare(Names.variantForms(spelling), Names.variantForms(best));
      if (byVariants != 0) {
        if (byVariants > 0) {
          best = spelling;
        }
        continue;
      }
      if (Names.spacedApartInCjk(spelling, best)
          && backupSpellings.contains(spelling) != backupSpellings.contains(best)) {
        // 佐藤 花子 and 佐藤花子 are one name written two ways: the backup's way is no change
        if (backupSpellings.contains(spelling)) {
          best = spelling;
        }
        continue;
      }
      if (Names.inCapitals(spelling) != Names.inCapitals(best)
          && Names.caseApartOnly(spelling, best)) {
        // capitals are a subject line's or a card's, whatever their number or age
        if (Names.inCapitals(best)) {
          best = spelling;
        }
        continue;
      }
      if (!mailbox && (Names.foldedOf(spelling, best) || Names.foldedOf(best, spelling))) {
        // a card's or a keyboard's Durr or Duerr writes Dürr without its umlaut, whatever its
        // number: the letters it dropped are the name's
        if (Names.foldedOf(best, spelling)) {
          best = spelling;
        }
        continue;
      }
      if (!mailbox && (Names.shortFormOf(spelling, best) || Names.shortFormOf(best, spelling))) {
        // initials or a first name say less than the full name they write short
        if (Names.shortFormOf(best, spelling)) {
          best = spelling;
        }
        continue;
      }
      int bySources = Integer.compare(sources.get(spelling).size(), sources.get(best).size());
      int byCount = Integer.compare(counts.get(spelling), counts.get(best));
      int byTrust = Integer.compare(trust.get(spelling), trust.get(best));
      int byTime = Integer.compare(newest.get(spelling), newest.get(best));
      int order =
          bySources != 0 ? bySources : byCount != 0 ? byCount : byTrust != 0 ? byTrust : byTime;
      if (order > 0) {
        best = spelling;
      }
    }
    if (best == null) {
      best = group.claims.get(0).value();
    }
    return backup == null ? best : backupsUnlessChanged(group, best, backup, mailbox);
  }

  /**
   * The spelling of {@code group} that restores the characters {@code spelling} lost ({@link
   * TextDecoding#restores}), the one most claims write; {@code spelling} itself when none does.
   */
  private static String restoredIn(Group group, String spelling) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Claim claim : group.claims) {
      if (TextDecoding.restores(claim.value(), spelling)) {
        counts.merge(claim.value(), 1, Integer::sum);
      }
    }
    String best = spelling;
    int most = 0;
    for (Map.Entry<String, Integer> count : counts.entrySet()) {
      if (count.getValue() > most) {
        best = count.getKey();
        most = count.getValue();
      }
    }
    return best;
  }

  /**
   * The backup's spelling of a name, unless claims made since the backup change it: another
   * spelling written since by at least two independent sources, and by more than write the backup's
   * since. A spelling a typo apart is one value; a card's {@code Giorgos} where the application
   * stored {@code Georgios}, in charges older than the backup or in one source since, is how that
   * source writes it, not a change (it made the customer UPDATED until 2026-12-06). Variant kanji
   * and capitals are settled before this ({@link #written}). Only claims since the backup count:
   * {@code Dabrowski} in older mail, calendar and card claims is what the backup already holds, and
   * until 2026-12-06 it outnumbered a correction to {@code Dąbrowski} that mail and calendar wrote
   * since, so the correction was lost, UNCHANGED and unflagged (an outside trial's grooming salon).
   * A backup's complete name ({@link Names#omitsWordsOf}) is such a spelling against a longer one
   * (a card's middle name), not a short form to write in full, and a fold of the backup's spelling
   * ({@code Durr} for {@code Dürr}) never counts as a change of it (2026-12-07: an outside trial's
   * ski school had 14 unchanged customers UPDATED to a card's middle name, one to {@code Durr}).
   */
  private static String backupsUnlessChanged(
      Group group, String best, Claim backup, boolean mailbox) {
    String kept = backup.value();
    if (kept.isEmpty()
        || (!best.equals(kept)
            && (TextDecoding.restores(best, kept)
                || Names.variantForms(best) != Names.variantForms(kept)
                || (Names.inCapitals(kept) && !Names.inCapitals(best))
                || (!mailbox
                    && Names.shortFormOf(kept, best)
                    && !Names.omitsWordsOf(kept, best))))) {
      return best;
    }
    Map<String, Set<String>> since = new LinkedHashMap<>();
    Map<String, Integer> newest = new LinkedHashMap<>();
    for (int i = 0; i < group.claims.size(); i++) {
      Claim claim = group.claims.get(i);
      if (claim.at().isAfter(backup.at())) {
        since
            .computeIfAbsent(claim.value(), v -> new LinkedHashSet<>())
            .add(claim.evidence().source());
        newest.put(claim.value(), i);
      }
    }
    int backupsSince = since.getOrDefault(kept, Set.of()).size();
    String changed = null;
    for (Map.Entry<String, Set<String>> spelling : since.entrySet()) {
      String value = spelling.getKey();
      int sources = spelling.getValue().size();
      if (value.equals(kept)
          || sources < 2
          || sources <= backupsSince
          || !writesOtherwise(group, value, kept, mailbox)) {
        continue;
      }
      if (changed == null || value.equals(best)) {
        changed = value;
        continue;
      }
      int bySources = Integer.compare(sources, since.get(changed).size());
      if (!changed.equals(best)
          && (bySources > 0 || (bySources == 0 && newest.get(value) > newest.get(changed)))) {
        changed = value;
      }
    }
    return changed == null ? kept : changed;
  }

  /**
   * Whether {@code spelling} writes the name {@code kept} another way that could be a correction:
   * not a charset's damage, fewer variant kanji, capitals, a short form or CJK characters spaced
   * apart, which {@link #written} settles by their kind whatever their number.
   */
  private static boolean writesOtherwise(
      Group group, String spelling, String kept, boolean mailbox) {
    return restoredIn(group, spelling).equals(spelling)
        && Names.variantForms(spelling) == Names.variantForms(kept)
        && (!Names.inCapitals(spelling) || Names.inCapitals(kept))
        && (mailbox || !Names.shortFormOf(spelling, kept))
        && !Names.foldedOf(spelling, kept)
        && !Names.spacedApartInCjk(spelling, kept);
  }

  /**
   * How one field's claims of equally new evidence are told apart under {@code latest}: the entity
   * type's tie rules, which pick the evidence for every field it claims; then the field's own
   * source order ({@code order} of its merge rule), which only this field follows; then the order
   * the evidence came in (the run config's source order, then the evidence id).
   */
  private record SameInstant(String field, List<String> order, Timeline timeline) {
    SameInstant(String field, MergeRule rule, Timeline timeline) {
      this(field, rule == null ? List.of() : rule.order(), timeline);
    }

    /** Positive when {@code a} wins over {@code b}, two claims holding from the same instant. */
    int compare(Claim a, Claim b) {
      int byRule = timeline.tieRules().compare(a.evidence(), b.evidence());
      if (byRule != 0) {
        return byRule;
      }
      int byOrder = Integer.compare(rank(b), rank(a));
      return byOrder != 0 ? byOrder : Integer.compare(a.place(), b.place());
    }

    /** How {@code winner} won over {@code loser}, as the record says it. */
    String how(Claim winner, Claim loser) {
      if (timeline.tieRules().compare(winner.evidence(), loser.evidence()) == 0
          && rank(winner) != rank(loser)) {
        return "by "
            + field
            + "'s source order ("
            + winner.evidence().source()
            + " before "
            + loser.evidence().source()
            + ")";
      }
      return timeline.sameInstant().apply(winner.evidence(), loser.evidence());
    }

    private int rank(Claim claim) {
      int rank = order.indexOf(claim.evidence().source());
      return rank < 0 ? order.size() : rank;
    }
  }

  /**
   * What {@code latest} decided: the claims of the moment ({@code window}), the group they chose,
   * and the claim by which each group last took part.
   */
  private record Moment(Group winner, Window window, Map<Group, Claim> lastClaim) {
    Instant from() {
      return window.from();
    }
  }

  /**
   * The claims that speak for the moment a field's value is decided at: those from {@code from} on,
   * and of each source (when {@code said} is not null) only the ones at its newest instant since
   * then. A source that says one thing and, within the step, another (a reschedule mail after the
   * confirmation, a refund after the charge) has corrected itself; counting both made the two
   * values tie once the moment grew from ten minutes to an hour.
   *
   * @param said each source's newest instant from {@code from} on; null to count every claim
   * @param step how long one moment is, for the record's words
   */
  private record Window(Instant from, Map<String, Instant> said, Duration step) {
    static Window of(List<Claim> claims, Instant from, Duration step) {
      Map<String, Instant> said = new LinkedHashMap<>();
      for (Claim claim : claims) {
        if (!claim.at().isBefore(from)) {
          said.merge(claim.evidence().source(), claim.at(), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
      return new Window(from, said, step);
    }

    static Window all(Instant from, Duration step) {
      return new Window(from, null, step);
    }

    boolean counts(Claim claim) {
      return !claim.at().isBefore(from)
          && (said == null || claim.at().equals(said.get(claim.evidence().source())));
    }

    /** The number of sources that speak for {@code group} at the moment. */
    int sources(Group group) {
      Set<String> sources = new LinkedHashSet<>();
      for (Claim claim : group.claims) {
        if (counts(claim)) {
          sources.add(claim.evidence().source());
        }
      }
      return sources.size();
    }

    /** The step as the record says it: "an hour", "10 minutes". */
    String words() {
      long minutes = step.toMinutes();
      if (step.toSeconds() % 60 != 0) {
        return step.toSeconds() + " seconds";
      } else if (minutes % 60 != 0) {
        return minutes + (minutes == 1 ? " minute" : " minutes");
      }
      long hours = step.toHours();
      return hours == 1 ? "an hour" : hours + " hours";
    }
  }

  /**
   * The group of the newest claims: among the claims within one step ({@code step}) of the newest,
   * each source's last word, the value the most source names claim; on a tie, the one claimed last
   * (the newest, or among equally new claims the one {@link SameInstant} prefers).
   */
  private static Moment newestAgreed(
      List<Claim> claims, Map<Claim, Group> groupOf, SameInstant sameInstant, Duration step) {
    Instant newest = claims.get(claims.size() - 1).at();
    Window window = Window.of(claims, newest.minus(step), step);
    Map<Group, Set<String>> support = new LinkedHashMap<>();
    Map<Group, Claim> lastClaim = new LinkedHashMap<>();
    for (Claim claim : claims) {
      if (!window.counts(claim)) {
        continue;
      }
      Group group = groupOf.get(claim);
      support.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(claim.evidence().source());
      Claim last = lastClaim.get(group);
      // claims are oldest first; of a group's equally new claims, the one that wins ties stands
      if (last == null || later(claim, last, sameInstant)) {
        lastClaim.put(group, claim);
      }
    }
    Group best = null;
    for (Group group : support.keySet()) {
      if (best == null
          || support.get(group).size() > support.get(best).size()
          || (support.get(group).size() == support.get(best).size()
              && later(lastClaim.get(group), lastClaim.get(best), sameInstant))) {
        best = group;
      }
    }
    return new Moment(best, window, lastClaim);
  }

  /**
   * Whether {@code a} is newer than {@code b}, or as new and preferred by the field's tie order.
   */
  private static boolean later(Claim a, Claim b, SameInstant sameInstant) {
    return a.at().isAfter(b.at()) || (a.at().equals(b.at()) && sameInstant.compare(a, b) > 0);
  }

  /**
   * The one reason for a field whose newest claims were split evenly: the value that lost to the
   * winner last (the closest rival) says what decided. Claimed minutes apart, newest-wins took the
   * later one, a guess; claimed at the same instant, the evidence's order did (a tie rule of the
   * entity type, the source order, or the evidence id), which the reason names, with the two pieces
   * of evidence. Null when the winner had more sources at the moment than every other value.
   */
  private static String evenSplit(String field, Moment moment, SameInstant sameInstant) {
    Group winner = moment.winner();
    Claim winning = moment.lastClaim().get(winner);
    int winnerSupport = moment.window().sources(winner);
    List<Group> tied = new ArrayList<>();
    Claim closest = null;
    for (Map.Entry<Group, Claim> entry : moment.lastClaim().entrySet()) {
      Group group = entry.getKey();
      if (group == winner
          || group.written.isEmpty()
          || moment.window().sources(group) < winnerSupport) {
        continue;
      }
      tied.add(group);
      if (closest == null || later(entry.getValue(), closest, sameInstant)) {
        closest = entry.getValue();
      }
    }
    if (closest == null) {
      return null;
    }
    if (closest.at().equals(winning.at())) {
      return field
          + ": equally new claims"
          + (winning.at().equals(AS_READ) ? " as read (current)" : " at " + winning.at())
          + " by as many sources; "
          + winning.evidence().ref()
          + " ("
          + winning.value()
          + ") won over "
          + closest.evidence().ref()
          + " ("
          + closest.value()
          + ") "
          + sameInstant.how(winning, closest);
    }
    List<String> values = new ArrayList<>();
    values.add(winner.written);
    tied.forEach(g -> values.add(g.written));
    return field
        + ": "
        + String.join(", ", values.subList(0, values.size() - 1))
        + " and "
        + values.get(values.size() - 1)
        + " were claimed within "
        + moment.window().words()
        + " of each other by as many independent sources; the "
        + (values.size() > 2 ? "latest" : "later")
        + " one, claimed "
        + (winning.at().equals(AS_READ) ? "as read (current)" : "at " + winning.at())
        + ", was taken";
  }

  private static List<Alternative> alternatives(
      List<Group> groups, Group winner, String how, Window window, SameInstant sameInstant) {
    Instant from = window.from();
    List<Alternative> alternatives = new ArrayList<>();
    for (Group group : groups) {
      if (group == winner) {
        for (String spelling : spellings(group)) {
          if (!spelling.equals(group.written)) {
            alternatives.add(alternative(group, spelling, ANOTHER_SPELLING + winner.written));
          }
        }
        continue;
      }
      String note;
      if (how != null) {
        note = how;
      } else if (group.written.isEmpty()) {
        note = "the backup holds no value; newer evidence claims one";
      } else if (group.latest().isBefore(from)) {
        note =
            "older: superseded by "
                + winner.written
                + (winner.latest().equals(AS_READ) ? " (current)" : " from " + winner.latest());
      } else if (window.sources(group) == 0) {
        note =
            "restated by the same source within "
                + window.words()
                + ": its later claim is what it says now";
      } else if (window.sources(group) < window.sources(winner)) {
        note = "fewer independent sources within " + window.words() + " than " + winner.written;
      } else if (lastSince(winner, window, sameInstant)
          .at()
          .isAfter(lastSince(group, window, sameInstant).at())) {
        // as many sources within minutes of each other: only the order in time told them apart
        note =
            sameMoment(window)
                + winner.written
                + ", which was claimed later"
                + (winner.latest().equals(AS_READ) ? " (current)" : ", at " + winner.latest());
      } else {
        // as many sources at the same instant: the evidence's order told them apart, not time
        note =
            sameMoment(window)
                + winner.written
                + ", claimed at the same instant; it won "
                + sameInstant.how(
                    lastSince(winner, window, sameInstant), lastSince(group, window, sameInstant));
      }
      addAlternatives(alternatives, group, note);
    }
    return alternatives;
  }

  /** Each spelling of a losing {@code group}: its written one with {@code note}, others as such. */
  private static void addAlternatives(List<Alternative> alternatives, Group group, String note) {
    for (String spelling : spellings(group)) {
      alternatives.add(
          alternative(
              group,
              spelling,
              spelling.equals(group.written) ? note : "another spelling of " + group.written));
    }
  }

  private static String sameMoment(Window window) {
    return "as many independent sources within " + window.words() + " as ";
  }

  /**
   * The claim by which {@code group} last took part in {@code window}: its newest, and of equally
   * new ones the one that wins ties (as {@link #newestAgreed} picks it).
   */
  private static Claim lastSince(Group group, Window window, SameInstant sameInstant) {
    Claim last = null;
    for (Claim claim : group.claims) {
      if (window.counts(claim) && (last == null || later(claim, last, sameInstant))) {
        last = claim;
      }
    }
    return last;
  }

  private static Set<String> spellings(Group group) {
    Set<String> spellings = new LinkedHashSet<>();
    group.claims.forEach(c -> spellings.add(c.value()));
    return spellings;
  }

  private static Alternative alternative(Group group, String spelling, String note) {
    Set<String> names = new LinkedHashSet<>();
    Instant latest = Instant.MIN;
    for (Claim c : group.claims) {
      if (c.value().equals(spelling)) {
        names.add(c.evidence().source());
        latest = c.at();
      }
    }
    return new Alternative(
        spelling,
        group.refs(spelling),
        names.size(),
        latest.equals(AS_READ) ? "as read (current)" : latest.toString(),
        note);
  }

  /**
   * A {@code sum} field: the backup's value plus every claim made after the backup was taken, or,
   * without a backup value, the sum of every claim; null when no evidence claims the field. Each
   * piece of evidence counts once with a value, whichever sources and rules read it, so the same
   * payment must be claimed from one record only (the charge or its PaymentIntent, not both).
   *
   * @param fromBackup whether a piece of evidence is a backup row
   * @param backupTakenAt when the backup was taken
   */
  static FieldValue sum(
      String field,
      List<Evidence> evidence,
      Predicate<Evidence> fromBackup,
      Instant backupTakenAt) {
    List<Evidence> added = summed(field, evidence, fromBackup, backupTakenAt);
    if (added == null) {
      return null;
    }
    BigInteger total = BigInteger.ZERO;
    List<String> sources = new ArrayList<>();
    for (Evidence claim : added) {
      total = total.add(new BigInteger(claim.claims().get(field)));
      if (!sources.contains(claim.ref())) {
        sources.add(claim.ref());
      }
    }
    return new FieldValue(total.toString(), sources, 1.0);
  }

  /**
   * The pieces of evidence whose claims of {@code field} a {@link #sum} adds, in the order it adds
   * them: the newest backup row claiming the field first (when one does), then each piece's claim
   * made after the backup was taken (every claim without a backup value), one per piece and value;
   * null when no evidence claims the field.
   */
  static List<Evidence> summed(
      String field,
      List<Evidence> evidence,
      Predicate<Evidence> fromBackup,
      Instant backupTakenAt) {
    Evidence backup = null;
    // one claim per piece of evidence and value: the same record read by two sources (an mbox
    // export and the IMAP server, a Dashboard CSV and the API's pages) counts once, whatever the
    // rules reading it are called and whatever else they claim (a CSV rule that also reads the
    // card's name), but a record that emits the entity twice (a CSV row's charge and its refund)
    // makes two pieces, and both count, even when they claim the same. Until 2026-12-07 the key
    // held the rule's name and every claim: a charge in a CSV export and in the API's pages, read
    // by rules named apart, was paid twice, unsaid
    Map<List<Object>, Evidence> claims = new LinkedHashMap<>();
    for (Evidence e : evidence) {
      if (!e.claims().containsKey(field)) {
        continue;
      }
      if (fromBackup.test(e)) {
        backup = e; // oldest first: the newest backup row claiming the field
      } else {
        claims.putIfAbsent(List.of(e.piece(), e.claims().get(field)), e);
      }
    }
    if (backup == null && claims.isEmpty()) {
      return null;
    }
    List<Evidence> added = new ArrayList<>();
    if (backup != null) {
      added.add(backup);
    }
    for (Evidence claim : claims.values()) {
      if (backup != null && !Instant.parse(claim.observedAt()).isAfter(backupTakenAt)) {
        continue; // the backup's value already holds what was claimed before it was taken
      }
      added.add(claim);
    }
    return added;
  }

  /**
   * The spelling of a name that most of {@code source}'s claims in {@code group} write, the newest
   * ({@code newest}) among equals: the trusted source decides the name, but one of its mails with a
   * typo ("Hugs" where three others say "Hugo") does not decide how it is spelt. Only its claims
   * since the backup ({@code backupAt}, null without one) count when it made any: older ones write
   * what the backup holds, and three older mails' {@code Dabrowski} outvoted two newer ones'
   * correction to {@code Dąbrowski} until 2026-12-06. Spellings the source writes equally often go
   * to the one more other sources write: a shop's welcome mail and calendar wrote {@code 山口 さくら},
   * its booking mail, newer, {@code 山口さくら}, and the newest took the name until 2026-12-07.
   */
  private static String mostWrittenBy(Group group, String source, Claim newest, Instant backupAt) {
    boolean anySince =
        backupAt != null
            && group.claims.stream()
                .anyMatch(
                    c ->
                        c.evidence().source().equals(source)
                            && !c.value().isEmpty()
                            && c.at().isAfter(backupAt));
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Claim claim : group.claims) {
      if (claim.evidence().source().equals(source)
          && !claim.value().isEmpty()
          && (!anySince || claim.at().isAfter(backupAt))) {
        counts.merge(claim.value(), 1, Integer::sum);
      }
    }
    String best = newest.value();
    for (Map.Entry<String, Integer> count : counts.entrySet()) {
      int against = counts.getOrDefault(best, 0);
      if (count.getValue() > against
          || (count.getValue() == against
              && sourcesWriting(group, count.getKey()) > sourcesWriting(group, best))) {
        best = count.getKey();
      }
    }
    return Names.inCapitals(best) ? inMixedCase(group, best, source) : best;
  }

  /** How many sources (by name) write {@code spelling} among {@code group}'s claims. */
  private static long sourcesWriting(Group group, String spelling) {
    return group.claims.stream()
        .filter(c -> c.value().equals(spelling))
        .map(c -> c.evidence().source())
        .distinct()
        .count();
  }

  /** The time the backup holds its values from, of the newest backup claim; null without one. */
  private static Instant backupAt(List<Claim> claims, Timeline timeline) {
    Instant at = null;
    for (Claim claim : claims) {
      if (timeline.backup().test(claim.evidence()) && (at == null || claim.at().isAfter(at))) {
        at = claim.at();
      }
    }
    return at;
  }

  /**
   * {@code spelling}, written in capitals, as a claim of {@code group} writes the same letters in
   * mixed case, {@code source}'s first; {@code spelling} when none does. A reminder's upper-case
   * subject or a card's embossing shouts a name the application stored in mixed case.
   */
  private static String inMixedCase(Group group, String spelling, String source) {
    String other = null;
    for (Claim claim : group.claims) {
      if (!Names.inCapitals(claim.value()) && Names.caseApartOnly(claim.value(), spelling)) {
        if (claim.evidence().source().equals(source)) {
          return claim.value();
        }
        other = other == null ? claim.value() : other;
      }
    }
    return other == null ? spelling : other;
  }

  private static Claim byPrecedence(List<Claim> claims, List<String> order) {
    Claim best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Claim claim : claims) {
      if (claim.value().isEmpty()) {
        continue;
      }
      int rank = order.indexOf(claim.evidence().source());
      rank = rank < 0 ? order.size() : rank;
      // claims are oldest first: "<=" lets a newer claim of the same rank win
      if (rank <= bestRank) {
        best = claim;
        bestRank = rank;
      }
    }
    return best == null ? claims.get(claims.size() - 1) : best;
  }
}
