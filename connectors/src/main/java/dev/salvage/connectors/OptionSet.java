package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * All the options of one source type (or of one section of the import target's mapping), and the
 * rules between them: which ones exclude each other, which one needs another. It validates a
 * configuration's options at load time, before anything is read: unknown names are refused with the
 * list of known ones, required ones enforced, every value checked against its {@link Option}'s
 * type, then the rules. Immutable; the rule methods return a new set.
 */
public final class OptionSet {
  /**
   * Turns validated values into a source's settings, with the checks that span options (a date
   * range that is empty, a scope too narrow for what is asked).
   *
   * @param <T> the settings' type
   */
  @FunctionalInterface
  public interface Assembler<T> {
    T assemble(OptionValues values) throws InvalidOptionException;
  }

  /** A rule between options, checked on the names of the options given. */
  private interface Rule {
    void check(Set<String> given) throws InvalidOptionException;

    /** The rule for the docs (Markdown). */
    String describe();
  }

  private final String owner;
  private final Map<String, Option<?>> options;
  private final List<Rule> rules;

  private OptionSet(String owner, Map<String, Option<?>> options, List<Rule> rules) {
    this.owner = owner;
    this.options = options;
    this.rules = List.copyOf(rules);
  }

  /**
   * The options of {@code owner} (a source type, e.g. {@code imap}), in the order the docs list
   * them.
   *
   * @throws IllegalArgumentException when a name repeats or an option has no description
   */
  public static OptionSet of(String owner, Option<?>... options) {
    requireNonNull(owner, "owner");
    Map<String, Option<?>> byName = new LinkedHashMap<>();
    for (Option<?> option : options) {
      if (option.description() == null) {
        throw new IllegalArgumentException(
            "Option " + option.name() + " of " + owner + " has no description");
      }
      if (byName.put(option.name(), option) != null) {
        throw new IllegalArgumentException(
            "Option " + option.name() + " is declared twice in " + owner);
      }
    }
    return new OptionSet(owner, Collections.unmodifiableMap(byName), List.of());
  }

  /** The empty set of a type that takes no options (a file reader). */
  public static OptionSet none(String owner) {
    return of(owner);
  }

  /** This set with the rule that exactly one of {@code group} is set (where a secret is). */
  public OptionSet exactlyOneOf(Option<?>... group) {
    List<String> names = names(group);
    return with(
        new Rule() {
          @Override
          public void check(Set<String> given) throws InvalidOptionException {
            List<String> set = among(names, given);
            if (set.size() != 1) {
              throw new InvalidOptionException(
                  null,
                  "needs exactly one of the options "
                      + String.join(", ", names)
                      + "; got "
                      + (set.isEmpty() ? "none" : String.join(", ", set)));
            }
          }

          @Override
          public String describe() {
            return "Exactly one of " + quoted(names) + " is needed.";
          }
        });
  }

  /** This set with the rule that at most one of {@code group} is set. */
  public OptionSet atMostOneOf(Option<?>... group) {
    List<String> names = names(group);
    return with(
        new Rule() {
          @Override
          public void check(Set<String> given) throws InvalidOptionException {
            List<String> set = among(names, given);
            if (set.size() > 1) {
              throw new InvalidOptionException(
                  null,
                  "the options " + String.join(", ", set) + " exclude each other; set one of them");
            }
          }

          @Override
          public String describe() {
            return "At most one of " + quoted(names) + ".";
          }
        });
  }

  /**
   * This set with the rule that {@code option}, when set, needs {@code needed} set too.
   *
   * @param why the reason, for the message and the docs
   */
  public OptionSet requires(Option<?> option, Option<?> needed, String why) {
    String name = names(option).get(0);
    String neededName = names(needed).get(0);
    return with(
        new Rule() {
          @Override
          public void check(Set<String> given) throws InvalidOptionException {
            if (given.contains(name) && !given.contains(neededName)) {
              throw new InvalidOptionException(name, "needs " + neededName + ": " + why);
            }
          }

          @Override
          public String describe() {
            return "`" + name + "` needs `" + neededName + "`: " + why + ".";
          }
        });
  }

  /** The owner's name: a source type, or a section of a mapping file. */
  public String owner() {
    return owner;
  }

  /** The options, in declared order. */
  public List<Option<?>> options() {
    return List.copyOf(options.values());
  }

  /** The option named {@code name}, if declared. */
  public Optional<Option<?>> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** The rules between options, as the docs state them (Markdown). */
  public List<String> rules() {
    return rules.stream().map(Rule::describe).toList();
  }

  /**
   * Validates {@code raw}, a configuration's options as text.
   *
   * @throws InvalidOptionException at the first unknown name, missing required option, bad value or
   *     broken rule, in that order
   */
  public OptionValues read(Map<String, String> raw) throws InvalidOptionException {
    List<String> unknown =
        raw.keySet().stream().filter(name -> !options.containsKey(name)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new InvalidOptionException(
          null,
          "unknown option(s) "
              + String.join(", ", unknown)
              + (options.isEmpty()
                  ? "; " + owner + " takes no options"
                  : "; known options: " + String.join(", ", options.keySet())));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Option<?> option : options.values()) {
      String text = raw.get(option.name());
      boolean given = text != null && (!text.isBlank() || option.isEmptyAllowed());
      if (given) {
        values.put(option.name(), option.parse(text));
      } else if (option.isRequired()) {
        throw new InvalidOptionException(option.name(), "is required");
      }
    }
    for (Rule rule : rules) {
      rule.check(values.keySet());
    }
    return new OptionValues(this, values);
  }

  /**
   * Validates the options of source {@code sourceName} of this set's type and assembles its
   * settings.
   *
   * @throws InvalidSourceException {@code Cannot configure <type> source "<name>": <problem>}
   */
  public <T> T configure(String sourceName, Map<String, String> raw, Assembler<T> assembler)
      throws InvalidSourceException {
    try {
      return assembler.assemble(read(raw));
    } catch (InvalidOptionException e) {
      throw InvalidSourceException.of(owner, sourceName, e);
    }
  }

  boolean declares(Option<?> option) {
    return options.get(option.name()) == option;
  }

  private OptionSet with(Rule rule) {
    List<Rule> more = new ArrayList<>(rules);
    more.add(rule);
    return new OptionSet(owner, options, more);
  }

  private List<String> names(Option<?>... group) {
    List<String> names = new ArrayList<>();
    for (Option<?> option : group) {
      if (!declares(option)) {
        throw new IllegalArgumentException(
            "Option " + option.name() + " is not declared in " + owner);
      }
      names.add(option.name());
    }
    return names;
  }

  /** The options of {@code names} that are given. */
  private static List<String> among(List<String> names, Set<String> given) {
    return names.stream().filter(given::contains).toList();
  }

  private static String quoted(List<String> names) {
    return names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
  }
}
