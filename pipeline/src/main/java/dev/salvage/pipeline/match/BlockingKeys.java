package dev.salvage.pipeline.match;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.values.LinkKeys;
import dev.salvage.pipeline.values.Names;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The blocking keys of one record under one blocking rule: only records sharing a key are compared.
 * A rule is a list of fields; the key combines one blocking value of each. Datetimes block by UTC
 * day (an unlinked record also under the neighbouring days, so evidence either side of midnight
 * still meets); name fields block by each pair of their tokens, and, in a rule with another field,
 * by each pair of their initials too; other values by their normalised text.
 */
final class BlockingKeys {
  private BlockingKeys() {}

  static List<String> of(EntityType type, List<String> rule, MatchProfile profile) {
    List<String> keys = List.of("");
    for (String field : rule) {
      String value = profile.values().get(field);
      if (value == null) {
        return List.of();
      }
      List<String> parts =
          parts(type.fields().get(field), field, value, !profile.identified(), rule.size() > 1);
      List<String> combined = new ArrayList<>();
      for (String prefix : keys) {
        for (String part : parts) {
          combined.add(prefix.isEmpty() ? part : prefix + "|" + part);
        }
      }
      keys = combined;
    }
    return keys;
  }

  private static List<String> parts(
      FieldType type, String field, String value, boolean neighbouringDays, boolean narrowed) {
    if (type == null || type == FieldType.DATETIME || type == FieldType.DATE) {
      Instant instant = FieldComparison.instant(value);
      if (instant == null) {
        return List.of(value.trim());
      }
      Instant day = instant.truncatedTo(ChronoUnit.DAYS);
      if (!neighbouringDays) {
        return List.of(day.toString().substring(0, 10));
      }
      return List.of(
          day.minus(1, ChronoUnit.DAYS).toString().substring(0, 10),
          day.toString().substring(0, 10),
          day.plus(1, ChronoUnit.DAYS).toString().substring(0, 10));
    }
    // an email blocks by its mailbox, as it is compared and as keys link
    String normalised = LinkKeys.of(type, FieldComparison.normalised(value));
    if (Names.isPersonName(type, field)) {
      return narrowed ? withInitialPairs(value) : tokenPairs(value);
    }
    return List.of(normalised);
  }

  /**
   * Each pair of a name's tokens (case and accents folded, in alphabetical order), or its one
   * token; and each token with the initial of another ({@code santos+m}), so a typo in one token
   * ("Margariad Santos") or a name given with an initial ("M. Santos") still meets the full name.
   * Pairs, not single tokens: a block of every "maria" booked on one day grows with the business
   * (at 100k bookings the name rules made 8.6 million candidate pairs); "garcia+maria" and
   * "garcia+m" do not. Full tokens have two characters or more, so a key ending in one character is
   * always a token with an initial.
   */
  static List<String> tokenPairs(String value) {
    List<String> all = Names.tokens(value);
    List<String> tokens = new ArrayList<>();
    for (String token : all) {
      if (token.length() >= 2 && !tokens.contains(token)) {
        tokens.add(token);
      }
    }
    if (tokens.size() < 2 && all.size() < 2) {
      return tokens;
    }
    Collections.sort(tokens);
    Set<String> keys = new LinkedHashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      for (int j = i + 1; j < tokens.size(); j++) {
        keys.add(tokens.get(i) + "+" + tokens.get(j));
      }
    }
    for (String token : tokens) {
      for (String other : all) {
        if (!other.equals(token)) {
          keys.add(token + "+" + other.charAt(0));
        }
      }
    }
    return List.copyOf(keys);
  }

  /**
   * {@link #tokenPairs}, and each pair of the name's initials ({@code g+s}), for a rule that
   * combines the name with another field (a day). Each source may misspell the name once: the
   * calendar's {@code Gonçalo Sliva} and the card's {@code Gonalo Silva}, or {@code Lorenzo
   * Colmobo} and {@code Lorrenzo Colombo}, share no token, so no token pair, and never met, though
   * the comparison takes them for a typo apart (two edits). Their initials agree. Alone, an
   * initials pair would block every G. S. of the business together; with the day of a booking it is
   * a handful. An initials key is two one-character parts, which no other key is.
   */
  static List<String> withInitialPairs(String value) {
    List<String> keys = new ArrayList<>(tokenPairs(value));
    List<String> initials = new ArrayList<>();
    for (String token : Names.tokens(value)) {
      String initial = token.substring(0, Character.charCount(token.codePointAt(0)));
      initials.add(initial);
    }
    Set<String> pairs = new LinkedHashSet<>();
    for (int i = 0; i < initials.size(); i++) {
      for (int j = i + 1; j < initials.size(); j++) {
        String a = initials.get(i);
        String b = initials.get(j);
        pairs.add(a.compareTo(b) <= 0 ? a + "+" + b : b + "+" + a);
      }
    }
    for (String pair : pairs) {
      if (!keys.contains(pair)) {
        keys.add(pair);
      }
    }
    return List.copyOf(keys);
  }
}
