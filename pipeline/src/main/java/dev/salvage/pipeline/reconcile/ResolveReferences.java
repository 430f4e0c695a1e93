package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.ResolveRule;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import dev.salvage.pipeline.values.LinkKeys;
import dev.salvage.pipeline.values.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Fills fields that name another entity with that entity's current value, as the entity model's
 * {@code resolve} rules say: a reservation that names its customer by an old email address, or by
 * the backup's customer id, gets the customer's current email.
 *
 * <p>Two joins: lookup keys meet the entities that own them, then the answers meet the records that
 * asked. A lookup key owned by two different entities is ambiguous and left unresolved.
 *
 * <p>The entity a record names also takes the unlinked pieces that share that record's evidence
 * ({@link AttachThroughReferences}): a calendar event's customer name joins the customer of the
 * event's reservation.
 *
 * <p>The backup entities nothing changed ({@link MergeClusters#LOOKED_UP}, when given) answer too,
 * though they are not written: a booking whose dates a calendar event moved names its unchanged
 * customer only by the backup's id. A written record of the same id (matching changed that entity)
 * answers instead of its backup row.
 *
 * <p>Input: {@link MergeClusters#RECORDS}, {@link MergeClusters#UNLINKED} and optionally {@link
 * MergeClusters#LOOKED_UP}; output records and unlinked; its counts are Beam counters ({@link
 * dev.salvage.pipeline.beam.Counts}).
 */
public final class ResolveReferences extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final String SEPARATOR = "\u001f";

  /** Marks a question asked for a value the evidence gave besides the chosen one. */
  private static final String ALTERNATIVE = "~";

  /** Marks a question whose value names two entities: resolved to neither, and said so. */
  private static final String AMBIGUOUS = "?";

  /** Between the field an alternative was asked by and the value asked. */
  private static final String ASKED = "\u001e";

  /** Between an answering record's names, each {@code field=value}. */
  private static final String NAMES = "\u001d";

  private static final int ALTERNATIVE_PRIORITY = Integer.MAX_VALUE;
  private static final TupleTag<String> ANSWER = new TupleTag<>() {};
  private static final TupleTag<String> QUESTION = new TupleTag<>() {};
  private static final TupleTag<ReconstructedRecord> RECORD = new TupleTag<>() {};
  private static final TupleTag<String> RESOLUTION = new TupleTag<>() {};
  private static final TupleTag<ReconstructedRecord> RESOLVED = new TupleTag<>() {};

  private final MergeSettings settings;

  public ResolveReferences(MergeSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<ReconstructedRecord> records = input.get(MergeClusters.RECORDS);
    KvCoder<String, String> pairs = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    ReconstructedRecordCoder recordCoder = ReconstructedRecordCoder.INSTANCE;

    PCollection<KV<String, String>> answers =
        records
            .apply("OfferAnswers", ParDo.of(new OfferAnswersFn(settings, Owner.RECORD)))
            .setCoder(pairs);
    if (input.has(MergeClusters.LOOKED_UP)) {
      answers =
          PCollectionList.of(answers)
              .and(
                  input
                      .get(MergeClusters.LOOKED_UP)
                      .apply(
                          "OfferBackupAnswers",
                          ParDo.of(new OfferAnswersFn(settings, Owner.CARRIED_OVER)))
                      .setCoder(pairs))
              .apply("AllAnswers", Flatten.pCollections());
    }
    PCollection<KV<String, String>> questions =
        records.apply("AskQuestions", ParDo.of(new AskQuestionsFn(settings))).setCoder(pairs);
    PCollection<KV<String, String>> resolutions =
        KeyedPCollectionTuple.of(ANSWER, answers)
            .and(QUESTION, questions)
            .apply("MatchLookups", CoGroupByKey.create())
            .apply("AnswerQuestions", ParDo.of(new AnswerFn()))
            .setCoder(pairs);
    PCollection<KV<String, ReconstructedRecord>> byId =
        records
            .apply("KeyRecordsById", ParDo.of(new KeyByRecordIdFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), recordCoder));
    PCollectionTuple resolved =
        KeyedPCollectionTuple.of(RECORD, byId)
            .and(RESOLUTION, resolutions)
            .apply("JoinResolutions", CoGroupByKey.create())
            .apply(
                "ApplyResolutions",
                ParDo.of(new ApplyFn(settings))
                    .withSideInput(
                        AttachThroughReferences.PIECE_SOURCES,
                        AttachThroughReferences.pieceSources(
                            input.get(MergeClusters.UNLINKED), settings))
                    .withOutputTags(RESOLVED, TupleTagList.of(AttachThroughReferences.REFERRED)));
    return PCollectionTuple.of(MergeClusters.RECORDS, resolved.get(RESOLVED).setCoder(recordCoder))
        .and(MergeClusters.UNLINKED, input.get(MergeClusters.UNLINKED))
        .and(
            AttachThroughReferences.REFERRED,
            resolved.get(AttachThroughReferences.REFERRED).setCoder(pairs))
        .apply("AttachThroughReferences", new AttachThroughReferences(settings));
  }

  /**
   * What is asked of the entity that owns a key value: the field {@code take} of the {@code entity}
   * whose key {@code keyName} is {@code value}. The field taken is part of the question, so two
   * rules that look up the same key for different fields never answer each other. The value is the
   * one the key links by ({@link LinkKeys}): a reservation's {@code anna+ski@gmx.de} asks for the
   * customer whose email is {@code anna@gmx.de}.
   */
  private static String lookupKey(
      LinkKeys linkKeys, String entity, String keyName, String value, String take) {
    return entity
        + SEPARATOR
        + keyName
        + SEPARATOR
        + linkKeys.value(entity, keyName, value)
        + SEPARATOR
        + take;
  }

  /**
   * Who answers a lookup: a written record, or a backup entity nothing changed, which is not
   * written and so neither takes evidence through references nor outranks the record of the same
   * id.
   */
  enum Owner {
    RECORD,
    CARRIED_OVER
  }

  /** Every entity that some resolve rule looks up offers its key values and the wanted value. */
  static final class OfferAnswersFn extends EntityModelFn<ReconstructedRecord, KV<String, String>> {
    private final Owner owner;

    OfferAnswersFn(MergeSettings settings, Owner owner) {
      super(settings);
      this.owner = owner;
    }

    @ProcessElement
    public void process(
        @Element ReconstructedRecord record, OutputReceiver<KV<String, String>> out) {
      if (record.action() == Action.CONFLICT) {
        // it may be two entities joined by a shared key: its values would be handed to records
        // of the other one, unflagged; they keep what their own evidence says
        return;
      }
      for (EntityType type : model().types().values()) {
        for (ResolveRule rule : type.resolve().values()) {
          if (!rule.entity().equals(record.entity())) {
            continue;
          }
          String answer = record.value(rule.take());
          if (answer == null) {
            // it answers with nothing to take, but it is the entity its key names: a record
            // whose other key names another entity is told so (flagKeysNamingTwo)
            answer = "";
          }
          for (String keyName : new TreeSet<>(rule.by().values())) {
            for (String value : record.keys().getOrDefault(keyName, List.of())) {
              out.output(
                  KV.of(
                      lookupKey(merger().linkKeys(), rule.entity(), keyName, value, rule.take()),
                      answer
                          + SEPARATOR
                          + record.id()
                          + SEPARATOR
                          + flagMark(record)
                          + SEPARATOR
                          + owner.name()
                          + SEPARATOR
                          + personNames(model().type(record.entity()), record)));
            }
          }
        }
      }
    }
  }

  /**
   * The person names {@code record} holds ({@code full_name=Hannah Weber}), joined by {@link
   * #NAMES}: whether the record that takes a value from it names the same person.
   */
  private static String personNames(EntityType type, ReconstructedRecord record) {
    List<String> names = new ArrayList<>();
    type.fields()
        .forEach(
            (field, fieldType) -> {
              String name = record.value(field);
              if (Names.isPersonName(fieldType, field) && name != null && !name.isBlank()) {
                names.add(field + "=" + name);
              }
            });
    return String.join(NAMES, names);
  }

  /** "flagged" when the owner of an answer is flagged for review, else "". */
  private static String flagMark(ReconstructedRecord record) {
    return record.flagged() ? "flagged" : "";
  }

  /** Every record with a resolve rule asks, per lookup field it has, who owns that value. */
  static final class AskQuestionsFn extends EntityModelFn<ReconstructedRecord, KV<String, String>> {
    AskQuestionsFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element ReconstructedRecord record, OutputReceiver<KV<String, String>> out) {
      EntityType type = model().type(record.entity());
      for (Map.Entry<String, ResolveRule> target : type.resolve().entrySet()) {
        ResolveRule rule = target.getValue();
        int priority = 0;
        for (Map.Entry<String, String> by : rule.by().entrySet()) {
          String value = record.value(by.getKey());
          if (value != null) {
            out.output(
                KV.of(
                    lookupKey(
                        merger().linkKeys(), rule.entity(), by.getValue(), value, rule.take()),
                    record.id()
                        + SEPARATOR
                        + target.getKey()
                        + SEPARATOR
                        + priority
                        + SEPARATOR
                        + by.getKey()));
            // the values the evidence also gave: whether one names an entity where the chosen
            // one names none tells a wrong choice (a forwarder's address taken for the customer's)
            ReconstructedRecord.FieldValue chosen = record.fields().get(by.getKey());
            for (ReconstructedRecord.Alternative alternative : chosen.alternatives()) {
              if (!alternative.value().equals(value)) {
                out.output(
                    KV.of(
                        lookupKey(
                            merger().linkKeys(),
                            rule.entity(),
                            by.getValue(),
                            alternative.value(),
                            rule.take()),
                        record.id()
                            + SEPARATOR
                            + target.getKey()
                            + SEPARATOR
                            + ALTERNATIVE_PRIORITY
                            + SEPARATOR
                            + ALTERNATIVE
                            + by.getKey()
                            + SEPARATOR
                            + alternative.value()));
              }
            }
          }
          priority++;
        }
      }
    }
  }

  static final class AnswerFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> element, OutputReceiver<KV<String, String>> out) {
      List<String[]> answers = new ArrayList<>();
      Set<String> written = new TreeSet<>();
      for (String answer : element.getValue().getAll(ANSWER)) {
        String[] parts = answer.split(SEPARATOR, 5);
        answers.add(parts);
        if (Owner.valueOf(parts[3]) == Owner.RECORD) {
          written.add(parts[1]);
        }
      }
      TreeSet<String> values = new TreeSet<>();
      TreeSet<String> owners = new TreeSet<>();
      String ownerFlag = "";
      String ownerKind = "";
      String ownerNames = "";
      TreeSet<String> valueless = new TreeSet<>();
      String[] valuelessOwner = null;
      for (String[] parts : answers) {
        if (Owner.valueOf(parts[3]) == Owner.CARRIED_OVER && written.contains(parts[1])) {
          // matching changed that backup entity: its record answers, with its values
          continue;
        }
        if (parts[0].isEmpty()) {
          // an entity without the value taken: an answer only where no other entity gives one
          valueless.add(parts[1]);
          valuelessOwner = parts;
          continue;
        }
        values.add(parts[0]);
        owners.add(parts[1]);
        ownerFlag = parts[2];
        ownerKind = parts[3];
        ownerNames = parts[4];
      }
      if (owners.size() > 1) {
        answerAmbiguous(element, owners, out);
        return;
      }
      if (owners.isEmpty() && valueless.size() == 1) {
        values.add("");
        owners.add(valuelessOwner[1]);
        ownerFlag = valuelessOwner[2];
        ownerKind = valuelessOwner[3];
        ownerNames = valuelessOwner[4];
      }
      if (values.size() != 1 || owners.size() != 1) {
        return;
      }
      for (String question : element.getValue().getAll(QUESTION)) {
        String[] parts = question.split(SEPARATOR, 5);
        // recordId -> field, priority, asked-by field (with the alternative asked, if one was),
        // value, owner, owner flagged, owner kind, owner's names
        out.output(
            KV.of(
                parts[0],
                parts[1]
                    + SEPARATOR
                    + parts[2]
                    + SEPARATOR
                    + (parts.length > 4 ? parts[3] + ASKED + parts[4] : parts[3])
                    + SEPARATOR
                    + values.first()
                    + SEPARATOR
                    + owners.first()
                    + SEPARATOR
                    + ownerFlag
                    + SEPARATOR
                    + ownerKind
                    + SEPARATOR
                    + ownerNames));
      }
    }
  }

  /**
   * Tells each record that asked by its chosen value (not by an alternative) that the value names
   * {@code owners}, two or more entities (two owners who share a family's email): none is taken, as
   * which one the record means no key tells, and the record says so.
   */
  private static void answerAmbiguous(
      KV<String, CoGbkResult> element,
      Set<String> owners,
      DoFn.OutputReceiver<KV<String, String>> out) {
    String asked = element.getKey().split(SEPARATOR, 4)[2];
    for (String question : element.getValue().getAll(QUESTION)) {
      String[] parts = question.split(SEPARATOR, 5);
      if (parts.length > 4) {
        continue;
      }
      out.output(
          KV.of(
              parts[0],
              parts[1]
                  + SEPARATOR
                  + parts[2]
                  + SEPARATOR
                  + AMBIGUOUS
                  + parts[3]
                  + ASKED
                  + asked
                  + SEPARATOR
                  + ""
                  + SEPARATOR
                  + String.join(", ", owners)
                  + SEPARATOR
                  + ""
                  + SEPARATOR
                  + Owner.RECORD.name()
                  + SEPARATOR
                  + ""));
    }
  }

  static final class KeyByRecordIdFn
      extends DoFn<ReconstructedRecord, KV<String, ReconstructedRecord>> {
    @ProcessElement
    public void process(
        @Element ReconstructedRecord record, OutputReceiver<KV<String, ReconstructedRecord>> out) {
      out.output(KV.of(record.id(), record));
    }
  }

  static final class ApplyFn extends EntityModelFn<KV<String, CoGbkResult>, ReconstructedRecord> {
    ApplyFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> element,
        @SideInput(AttachThroughReferences.PIECE_SOURCES) List<String> pieceSources,
        MultiOutputReceiver out) {
      List<String[]> resolutions = new ArrayList<>();
      List<String[]> alternatives = new ArrayList<>();
      List<String[]> ambiguous = new ArrayList<>();
      List<String[]> valueless = new ArrayList<>();
      for (String resolution : element.getValue().getAll(RESOLUTION)) {
        String[] parts = resolution.split(SEPARATOR, 8);
        if (parts[2].startsWith(ALTERNATIVE)) {
          if (!parts[3].isEmpty()) {
            alternatives.add(parts);
          }
        } else if (parts[2].startsWith(AMBIGUOUS)) {
          ambiguous.add(parts);
        } else if (parts[3].isEmpty()) {
          // the entity a key names has no value of the field taken: nothing to take from it
          valueless.add(parts);
        } else {
          resolutions.add(parts);
        }
      }
      // field, priority: lowest priority number wins per field
      java.util.Comparator<String[]> byFieldAndPriority =
          (a, b) ->
              a[0].equals(b[0])
                  ? Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1]))
                  : a[0].compareTo(b[0]);
      resolutions.sort(byFieldAndPriority);
      valueless.sort(byFieldAndPriority);
      for (ReconstructedRecord record : element.getValue().getAll(RECORD)) {
        ReconstructedRecord resolved = record;
        Set<String> named = new TreeSet<>();
        String lastField = null;
        for (String[] resolution : resolutions) {
          String field = resolution[0];
          if (field.equals(lastField)) {
            continue;
          }
          lastField = field;
          boolean carriedOver = Owner.valueOf(resolution[6]) == Owner.CARRIED_OVER;
          // named even when not written: a piece whose records name it and another entity is
          // ambiguous, and one referred to it alone finds no record and stays as it was
          named.add(
              model().type(record.entity()).resolve().get(field).entity()
                  + SEPARATOR
                  + resolution[4]);
          String value = resolution[3];
          if (value.equals(resolved.value(field))) {
            continue;
          }
          String previous = resolved.value(field);
          resolved =
              merger()
                  .withResolvedField(
                      resolved,
                      field,
                      new FieldValue(value, List.of(resolution[4]), 1.0),
                      field
                          + " resolved through "
                          + resolution[4]
                          + " by "
                          + resolution[2]
                          + (carriedOver ? ", unchanged since the backup" : "")
                          + (previous == null ? "" : " (evidence said " + previous + ")"));
          if (!resolution[5].isEmpty()) {
            // the owner may be two entities joined through a key they share (two people with one
            // phone), and review may change the value taken: it is not taken unseen
            resolved =
                resolved.toBuilder()
                    .flag()
                    .addReason(
                        field
                            + " was taken from "
                            + resolution[4]
                            + ", which is flagged for review: check it when that record is"
                            + " reviewed")
                    .build();
          }
        }
        resolved = flagOtherPerson(record, resolved, resolutions);
        resolved = flagKeysNamingTwo(record, resolved, resolutions);
        resolved = flagKeysNamingOneWithoutTheValue(record, resolved, resolutions, valueless);
        resolved = flagUnnamedChoice(resolved, resolutions, alternatives);
        resolved = flagAmbiguous(resolved, resolutions, ambiguous);
        out.get(RESOLVED).output(resolved);
        referEvidence(resolved, named, pieceSources, out.get(AttachThroughReferences.REFERRED));
      }
    }

    /**
     * Flags a record that took a value from an entity whose every person name differs from every
     * one it holds itself (not a typo, an initial or a transliteration apart): the key it was
     * looked up by may name someone else, a payer's Stripe customer named by a charge paid for a
     * spouse, whose email an outside trial's enrolment took unseen. The value stays taken; the
     * reason names both names. A record or an entity without a name says nothing either way.
     */
    private ReconstructedRecord flagOtherPerson(
        ReconstructedRecord record, ReconstructedRecord resolved, List<String[]> resolutions) {
      Map<String, String> own = new java.util.LinkedHashMap<>();
      model()
          .type(record.entity())
          .fields()
          .forEach(
              (field, fieldType) -> {
                String name = record.value(field);
                if (Names.isPersonName(fieldType, field) && name != null && !name.isBlank()) {
                  own.put(field, name);
                }
              });
      if (own.isEmpty()) {
        return resolved;
      }
      ReconstructedRecord flagged = resolved;
      String lastField = null;
      for (String[] resolution : resolutions) {
        String field = resolution[0];
        if (field.equals(lastField) || resolution.length < 8 || resolution[7].isEmpty()) {
          lastField = field;
          continue;
        }
        lastField = field;
        if (!resolution[3].equals(resolved.value(field))) {
          continue;
        }
        // the record's own evidence gave the value, and it is another person's: a relative's
        // forward of the confirmation, mapped by sender, gave an outside trial's booking the
        // relative's address, unflagged, at confidence 1.0
        boolean itsOwn = resolution[3].equals(record.value(field));
        Map<String, String> named = namingTheOwner(own, field);
        if (named.isEmpty()) {
          continue;
        }
        String[] theirs = resolution[7].split(NAMES);
        boolean samePerson = false;
        for (String name : named.values()) {
          for (String their : theirs) {
            String theirName = their.split("=", 2)[1];
            // a first name or initials alone write the same person short (Hannah, H. Weber)
            samePerson |=
                Names.level(name, theirName) != Names.DIFFERENT
                    || Names.shortFormOf(name, theirName)
                    || Names.shortFormOf(theirName, name);
          }
        }
        if (samePerson) {
          continue;
        }
        String[] their = theirs[0].split("=", 2);
        Map.Entry<String, String> mine = named.entrySet().iterator().next();
        flagged =
            flagged.toBuilder()
                .flag()
                .confidence(Math.min(flagged.confidence(), 0.5))
                .addReason(
                    field
                        + (itsOwn ? " " + resolution[3] + " is that of " : " was taken from ")
                        + resolution[4]
                        + ", whose "
                        + their[0]
                        + " "
                        + their[1]
                        + " is not this "
                        + record.entity()
                        + "'s "
                        + mine.getKey()
                        + " "
                        + mine.getValue()
                        + ": "
                        + (itsOwn
                            ? "its evidence may give another person's address (a forwarder, a"
                                + " relative, a payer); check it"
                            : resolution[2] + " may name another person (a payer); check it"))
                .build();
      }
      return flagged;
    }

    /**
     * Flags a record whose {@code by} keys for one field name two entities: a booking whose {@code
     * customer_email} is a relative's (who paid with her card and wrote from her own address) while
     * its {@code customer_backup_id} names the account holder. The first key of {@code by} gives
     * the value, as before; which entity is the record's own, only a person can tell: an outside
     * trial's booking went into the relative's account unflagged at confidence 1.0 until
     * 2026-12-07.
     */
    private ReconstructedRecord flagKeysNamingTwo(
        ReconstructedRecord record, ReconstructedRecord resolved, List<String[]> resolutions) {
      ReconstructedRecord flagged = resolved;
      Map<String, String[]> first = new java.util.LinkedHashMap<>();
      Set<String> said = new TreeSet<>();
      for (String[] resolution : resolutions) {
        String[] taken = first.putIfAbsent(resolution[0], resolution);
        if (taken == null
            || taken[4].equals(resolution[4])
            || !said.add(resolution[0] + SEPARATOR + resolution[4])) {
          continue;
        }
        String entity = model().type(record.entity()).resolve().get(resolution[0]).entity();
        flagged =
            flagged.toBuilder()
                .flag()
                .confidence(Math.min(flagged.confidence(), 0.5))
                .addReason(
                    resolution[0]
                        + " was taken from "
                        + taken[4]
                        + ", which "
                        + taken[2]
                        + " "
                        + record.value(taken[2])
                        + " names, while "
                        + resolution[2]
                        + " "
                        + record.value(resolution[2])
                        + " names "
                        + resolution[4]
                        + ": the evidence names two "
                        + entity
                        + " records (a relative or a payer beside the "
                        + entity
                        + ", or one "
                        + entity
                        + " recorded twice); check which is this "
                        + record.entity()
                        + "'s")
                .build();
      }
      return flagged;
    }

    /**
     * Flags a record whose {@code by} keys for one field name two entities of which one has no
     * value of the field taken: a stay whose guest's real address (a reply) names one guest and
     * whose channel relay address names another, known by that relay alone. The entity without the
     * value gave nothing to take, so {@link #flagKeysNamingTwo} never saw it, and the two guest
     * records of one person (or a guest and the friend who wrote) came out unflagged: an outside
     * trial's holiday flats had a guest record for each relay address beside the guest of the same
     * stay.
     */
    private ReconstructedRecord flagKeysNamingOneWithoutTheValue(
        ReconstructedRecord record,
        ReconstructedRecord resolved,
        List<String[]> resolutions,
        List<String[]> valueless) {
      if (valueless.isEmpty()) {
        return resolved;
      }
      Map<String, String[]> first = new java.util.LinkedHashMap<>();
      for (String[] resolution : resolutions) {
        first.putIfAbsent(resolution[0], resolution);
      }
      ReconstructedRecord flagged = resolved;
      Set<String> said = new TreeSet<>();
      for (String[] without : valueless) {
        String[] taken = first.putIfAbsent(without[0], without);
        if (taken == null
            || taken[4].equals(without[4])
            || !said.add(without[0] + SEPARATOR + without[4])) {
          continue;
        }
        ResolveRule rule = model().type(record.entity()).resolve().get(without[0]);
        String entity = rule.entity();
        String second = without[2] + " " + record.value(without[2]) + " names " + without[4];
        String reason =
            taken[3].isEmpty()
                ? taken[2]
                    + " "
                    + record.value(taken[2])
                    + " names "
                    + taken[4]
                    + " and "
                    + second
                    + ", neither of which has a "
                    + rule.take()
                : without[0]
                    + " was taken from "
                    + taken[4]
                    + ", which "
                    + taken[2]
                    + " "
                    + record.value(taken[2])
                    + " names, while "
                    + second
                    + ", which has no "
                    + rule.take();
        flagged =
            flagged.toBuilder()
                .flag()
                .confidence(Math.min(flagged.confidence(), 0.5))
                .addReason(
                    reason
                        + ": the evidence names two "
                        + entity
                        + " records (one "
                        + entity
                        + " known by two addresses or ids, or a relative or a payer beside the "
                        + entity
                        + "); check which is this "
                        + record.entity()
                        + "'s, and whether the other is the same "
                        + entity)
                .build();
      }
      return flagged;
    }

    /**
     * The record's person names that name the owner of the value {@code field} takes: those that
     * share its role ({@code student_name} for {@code student_email}), or all when it has none
     * ({@code email}). A name of another role is another person by design: an outside trial's
     * rental contract names its customer, the payer, by {@code customer_email} and the child who
     * plays by {@code player_name}, and every contract whose customer was found through the backup
     * was flagged and held out of the import.
     */
    private static Map<String, String> namingTheOwner(Map<String, String> own, String field) {
      int underscore = field.lastIndexOf('_');
      if (underscore <= 0) {
        return own;
      }
      String role = field.substring(0, underscore + 1);
      Map<String, String> named = new java.util.LinkedHashMap<>();
      own.forEach(
          (name, value) -> {
            if (name.startsWith(role)) {
              named.put(name, value);
            }
          });
      return named;
    }

    /**
     * Flags a record whose chosen value of a looked-up field names no entity while a value other
     * evidence gave for it names one: the choice is likely wrong (a wedding planner forwarding the
     * confirmation, read as the client, won as the newest claim), and only a person can tell. The
     * value is left as chosen; the reason names both.
     */
    private ReconstructedRecord flagUnnamedChoice(
        ReconstructedRecord record, List<String[]> resolutions, List<String[]> alternatives) {
      if (alternatives.isEmpty()) {
        return record;
      }
      Set<String> resolvedFields = resolvedFields(resolutions);
      ReconstructedRecord flagged = record;
      Set<String> said = new TreeSet<>();
      for (String[] alternative : alternatives) {
        String field = alternative[0];
        if (resolvedFields.contains(field)) {
          continue;
        }
        String[] asked = alternative[2].substring(ALTERNATIVE.length()).split(ASKED, 2);
        String byField = asked[0];
        if (!said.add(field + SEPARATOR + byField) || record.value(byField) == null) {
          continue;
        }
        flagged =
            flagged.toBuilder()
                .flag()
                .addReason(
                    byField
                        + " "
                        + record.value(byField)
                        + " names no "
                        + model().type(record.entity()).resolve().get(field).entity()
                        + ", while "
                        + asked[1]
                        + ", which other evidence gives for it, names "
                        + alternative[4]
                        + ": check which is right")
                .build();
      }
      return flagged;
    }

    /**
     * Flags a record whose looked-up field stayed unresolved because its value names two entities
     * (a family's email two owners share): a booking of one of them is the other's as well by that
     * key, and only a person can tell whose. The field keeps what the evidence says.
     */
    private ReconstructedRecord flagAmbiguous(
        ReconstructedRecord record, List<String[]> resolutions, List<String[]> ambiguous) {
      if (ambiguous.isEmpty()) {
        return record;
      }
      Set<String> resolvedFields = resolvedFields(resolutions);
      ReconstructedRecord flagged = record;
      Set<String> said = new TreeSet<>();
      for (String[] unresolved : ambiguous) {
        String field = unresolved[0];
        String[] asked = unresolved[2].substring(AMBIGUOUS.length()).split(ASKED, 2);
        if (resolvedFields.contains(field) || !said.add(field + SEPARATOR + asked[0])) {
          continue;
        }
        String entity = model().type(record.entity()).resolve().get(field).entity();
        // the value as the record writes it: the lookup asked by the mailbox of an email
        String written = record.value(asked[0]);
        flagged =
            flagged.toBuilder()
                .flag()
                .addReason(
                    asked[0]
                        + " "
                        + (written == null ? asked[1] : written)
                        + " names "
                        + unresolved[4].split(", ").length
                        + " "
                        + entity
                        + " records, "
                        + unresolved[4]
                        + " (a key they share): "
                        + field
                        + " was resolved to none of them; check whose it is")
                .build();
      }
      return flagged;
    }

    private static Set<String> resolvedFields(List<String[]> resolutions) {
      Set<String> fields = new TreeSet<>();
      for (String[] resolution : resolutions) {
        fields.add(resolution[0]);
      }
      return fields;
    }

    /**
     * The evidence of {@code record} with each entity it names, where a piece may be waiting for it
     * (a source some unlinked piece's evidence comes from); evidence attached to the record only
     * for review does not vouch for anything.
     */
    private static void referEvidence(
        ReconstructedRecord record,
        Set<String> named,
        List<String> pieceSources,
        OutputReceiver<KV<String, String>> out) {
      if (named.isEmpty() || pieceSources.isEmpty()) {
        return;
      }
      Set<String> unsure = new TreeSet<>();
      for (Link link : record.links()) {
        if (link.review()) {
          unsure.addAll(link.evidence());
        }
      }
      Set<String> refs = new TreeSet<>();
      for (Evidence evidence : record.evidence()) {
        if (unsure.contains(evidence.ref())
            || !pieceSources.contains(evidence.source())
            || !refs.add(evidence.ref())) {
          continue;
        }
        for (String entityAndOwner : named) {
          String[] parts = entityAndOwner.split(SEPARATOR, 2);
          out.output(
              KV.of(
                  evidence.ref(),
                  AttachThroughReferences.referral(parts[0], parts[1], record.id())));
        }
      }
    }
  }
}
