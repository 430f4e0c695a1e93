package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.importer.TargetMapping.Generated;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import dev.salvage.pipeline.importer.TargetMapping.When;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetMappingTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("target.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static final String CUSTOMER =
      """
      entities:
        customer:
          table: public.customers
          key: {column: id, type: integer}
          natural_key: email
          columns:
            email: {field: email, type: text}
      """;

  @Test
  void aTabIsNamedAtItsOwnLineAndColumn() throws Exception {
    Path file = write("entities:\n  customer:\n    table: public.customers\n\tkey: id\n");

    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessage(
            file
                + ": not valid YAML: found character '\\t(TAB)' that cannot start any token. (Do not"
                + " use \\t(TAB) for indentation) (line 4, column 1)");
  }

  @Test
  void loadsTheRentwiseMappingWithParentsFirst() throws Exception {
    TargetMapping mapping = TargetMapping.load(Fixtures.rentwiseMapping(dir));

    assertThat(mapping.tables())
        .extracting(TableMapping::entity)
        .containsExactly("customer", "reservation");
    assertThat(mapping.policy().approve()).containsExactlyInAnyOrder(Action.NEW, Action.UPDATED);
    assertThat(mapping.policy().minConfidence()).isEqualTo(1.0);
    TableMapping reservation = mapping.tables().get(1);
    assertThat(reservation.column("customer_id").lookup())
        .isEqualTo(new TargetMapping.Lookup("public.customers", "email", "id"));
    assertThat(reservation.column("updated_at").when()).isEqualTo(When.TOUCH);
    assertThat(reservation.column("created_at").generated()).isEqualTo(Generated.FIRST_EVIDENCE);
  }

  @Test
  void softDeleteNamesAColumnTheMappingLeavesToTheApplicationAndReachesItsChildrensLookups()
      throws Exception {
    TargetMapping mapping =
        TargetMapping.load(
            write(
                """
                entities:
                  patron:
                    table: patrons
                    key: {column: id, type: integer}
                    natural_key: email
                    soft_delete: deleted_at
                    columns:
                      email: {field: email, type: text}
                  order:
                    table: orders
                    key: {column: id, type: integer}
                    natural_key: reference
                    columns:
                      reference: {field: reference, type: text}
                      patron_id:
                        field: patron_email
                        type: integer
                        lookup: {table: patrons, match: email, take: id}
                """));

    assertThat(mapping.tables().get(0).softDelete()).isEqualTo("deleted_at");
    assertThat(mapping.tables().get(1).softDelete()).isNull();
    assertThat(mapping.tables().get(1).column("patron_id").lookup())
        .isEqualTo(new TargetMapping.Lookup("patrons", "email", "id", "deleted_at"));

    Path mapped =
        write(CUSTOMER.replace("natural_key: email", "natural_key: email\n    soft_delete: email"));
    assertThatThrownBy(() -> TargetMapping.load(mapped))
        .isInstanceOf(TargetMappingException.class)
        .hasMessage(
            mapped
                + ": entities.customer.soft_delete: column public.customers.email is mapped in"
                + " columns; the soft-delete column is the application's own: leave it out of the"
                + " mapping's columns");
    Path key =
        write(CUSTOMER.replace("natural_key: email", "natural_key: email\n    soft_delete: id"));
    assertThatThrownBy(() -> TargetMapping.load(key))
        .hasMessageContaining(
            "entities.customer.soft_delete: column public.customers.id is the key");
    Path list =
        write(
            CUSTOMER.replace("natural_key: email", "natural_key: email\n    soft_delete: [a, b]"));
    assertThatThrownBy(() -> TargetMapping.load(list))
        .hasMessage(
            list + ": entities.customer.soft_delete: expected one column name, got [\"a\",\"b\"]");
  }

  private static final String BOOKING_THEN_CUSTOMER =
      """
      entities:
        booking:
          table: public.bookings
          key: {column: id, type: integer}
          natural_key: reference
          columns:
            reference: {field: reference, type: text}
            customer_id:
              field: customer_email
              type: integer
              lookup: {table: public.customers, match: email, take: id}
        customer:
          table: public.customers
          key: {column: id, type: integer}
          natural_key: email
          columns:
            email: {field: email, type: text}
      """;

  @Test
  void aParentListedAfterItsChildIsRefusedNamingTheOrderToWrite() throws Exception {
    Path file = write(BOOKING_THEN_CUSTOMER);

    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessage(
            file
                + ": entities.booking.columns.customer_id.lookup: it finds rows of"
                + " public.customers, which entity customer writes after booking: tables are"
                + " written in the file's order, so list customer before booking (else every"
                + " booking of a new customer is kept out for a missing parent)");
  }

  @Test
  void twoTablesThatLookEachOtherUpAreRefused() throws Exception {
    Path file =
        write(
            BOOKING_THEN_CUSTOMER
                + """
                      last_booking_id:
                        field: last_reference
                        type: integer
                        lookup: {table: public.bookings, match: reference, take: id}
                """);

    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessageContaining(
            "entities booking and customer look each other up (public.bookings.customer_id finds"
                + " a row of public.customers, public.customers.last_booking_id one of"
                + " public.bookings), so neither can be written first");
  }

  @Test
  void withoutAPolicyApprovesNewAndUpdatedAtFullConfidence() throws Exception {
    TargetMapping mapping = TargetMapping.load(write(CUSTOMER));

    assertThat(mapping.policy()).isEqualTo(TargetMapping.Policy.defaults());
  }

  @Test
  void anUnknownTypeNamesTheFileAndThePlace() throws Exception {
    Path file = write(CUSTOMER.replace("{field: email, type: text}", "{field: email, type: txt}"));

    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("entities.customer.columns.email.type")
        .hasMessageContaining("unknown type 'txt'");
  }

  @Test
  void refusesToApproveConflictsByPolicy() throws Exception {
    Path file = write("policy: {approve: [NEW, CONFLICT]}\n" + CUSTOMER);

    assertThatThrownBy(() -> TargetMapping.load(file))
        .hasMessageContaining("policy.approve")
        .hasMessageContaining("CONFLICT records cannot be approved by policy");
  }

  @Test
  void aPolicyMayApproveNothingWithoutADecision() throws Exception {
    TargetMapping mapping =
        TargetMapping.load(write("policy: {approve: [], min_confidence: 0.95}\n" + CUSTOMER));

    assertThat(mapping.policy().approve()).isEmpty();
    assertThat(mapping.policy().minConfidence()).isEqualTo(0.95);
    assertThat(TargetMapping.load(write("policy: {approve: NEW}\n" + CUSTOMER)).policy().approve())
        .containsExactly(Action.NEW);
  }

  @Test
  void refusesABadPolicyNamingTheKey() throws Exception {
    Path file = write("policy: {min_confidence: 1.5}\n" + CUSTOMER);
    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessage(file + ": policy.min_confidence: must be a number from 0 to 1, got \"1.5\"");
    Path unknown = write("policy: {aprove: [NEW]}\n" + CUSTOMER);
    assertThatThrownBy(() -> TargetMapping.load(unknown))
        .hasMessage(
            unknown + ": policy: unknown option(s) aprove; known options: approve, min_confidence");
    Path typo = write("policy: {approve: [NEW, UPDATE]}\n" + CUSTOMER);
    assertThatThrownBy(() -> TargetMapping.load(typo))
        .hasMessageContaining("policy.approve: names an unknown action 'UPDATE'");
  }

  @Test
  void refusesMistakesAtLoad() throws Exception {
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER.replace("natural_key: email", "natural_key: phone"))))
        .hasMessageContaining("entities.customer.natural_key");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER.replace("table: public.customers", "table: a.b.customers"))))
        .hasMessageContaining("entities.customer.table: 'a.b.customers' has more than one dot");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER + "      colour: {field: colour, type: text, on: sometimes}\n")))
        .hasMessageContaining("entities.customer.columns.colour.on");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER + "      id: {field: backup_id, type: integer}\n")))
        .hasMessageContaining("entities.customer.columns.id")
        .hasMessageContaining("key column");
    assertThatThrownBy(
            () -> TargetMapping.load(write(CUSTOMER.replace("natural_key", "natural_keys"))))
        .hasMessageContaining("entities.customer.natural_keys")
        .hasMessageContaining("unknown key");
  }

  private static final String BOOKING =
      """
      entities:
        booking:
          table: reservations
          key: {column: id, type: integer}
          natural_key: [branch_code, booking_no]
          columns:
            branch_code: {field: branch_code, type: text}
            booking_no: {field: booking_no, type: integer}
            guest: {field: guest, type: text}
      """;

  @Test
  void aOneToOneForeignKeyAsNaturalKeySaysWhatToMakeTheKeyInstead() throws Exception {
    Path profile =
        write(
            """
            entities:
              student:
                table: public.profile
                key: {column: id, type: integer}
                natural_key: user_id
                columns:
                  user_id:
                    field: user_email
                    type: integer
                    lookup: {table: public.app_user, match: email, take: id}
                  stripe_id: {field: stripe_id, type: text}
            """);
    assertThatThrownBy(() -> TargetMapping.load(profile))
        .hasMessageStartingWith(
            profile
                + ": entities.student.natural_key: 'user_id' is mapped with a lookup (of"
                + " public.app_user), and a natural key cannot be")
        .hasMessageContaining("this column stores the parent's id, not the user_email")
        .hasMessageContaining("Keep user_id a lookup column and make the natural key another")
        .hasMessageContaining("A one-to-one table: Django's auth_user and a profile");
  }

  @Test
  void aNaturalKeyOfSeveralColumnsIsAListOfMappedColumnsEachNamedOnce() throws Exception {
    TableMapping table = TargetMapping.load(write(BOOKING)).tables().get(0);
    assertThat(table.naturalKeys()).containsExactly("branch_code", "booking_no");
    assertThat(table.compositeNaturalKey()).isTrue();
    assertThat(
            TargetMapping.load(write(BOOKING.replace("[branch_code, booking_no]", "[booking_no]")))
                .tables()
                .get(0)
                .naturalKey())
        .as("a list of one is that column")
        .isEqualTo("booking_no");

    Path unknown = write(BOOKING.replace("[branch_code, booking_no]", "[branch, booking_no]"));
    assertThatThrownBy(() -> TargetMapping.load(unknown))
        .hasMessage(
            unknown
                + ": entities.booking.natural_key[0]: 'branch' must be one of the columns, mapped"
                + " from a field without lookup");
    Path repeated =
        write(
            BOOKING.replace("[branch_code, booking_no]", "[branch_code, booking_no, branch_code]"));
    assertThatThrownBy(() -> TargetMapping.load(repeated))
        .hasMessage(
            repeated
                + ": entities.booking.natural_key[2]: 'branch_code' is named twice in the natural"
                + " key");
    Path empty = write(BOOKING.replace("[branch_code, booking_no]", "[]"));
    assertThatThrownBy(() -> TargetMapping.load(empty))
        .hasMessageContaining(
            empty + ": entities.booking.natural_key: an empty list names no column");
    Path notAName = write(BOOKING.replace("[branch_code, booking_no]", "[branch_code, [a]]"));
    assertThatThrownBy(() -> TargetMapping.load(notAName))
        .hasMessageContaining(
            "entities.booking.natural_key[1]: expected a column name, got [\"a\"]");
    Path defaulted =
        write(
            BOOKING.replace(
                "{field: branch_code, type: text}",
                "{field: branch_code, type: text, default: DEN}"));
    assertThatThrownBy(() -> TargetMapping.load(defaulted))
        .hasMessageContaining(
            "entities.booking.columns.branch_code.default: column reservations.branch_code is the"
                + " natural key");
  }

  @Test
  void aLookupOfATableWhoseNaturalKeyIsSeveralColumnsIsRefusedAtLoad() throws Exception {
    Path file =
        write(
            BOOKING
                + """
                  item:
                    table: reservation_items
                    key: {column: id, type: integer}
                    natural_key: item_ref
                    columns:
                      item_ref: {field: item_ref, type: text}
                      reservation_id:
                        field: booking_no
                        type: integer
                        lookup: {table: reservations, match: booking_no, take: id}
                """);

    assertThatThrownBy(() -> TargetMapping.load(file))
        .hasMessageContaining(
            file
                + ": entities.item.columns.reservation_id.lookup.match: rows of reservations are"
                + " found by their natural key of several columns (branch_code, booking_no)");
  }

  @Test
  void aKeyFromARecordFieldIsReadAndCannotAlsoBeGenerated() throws Exception {
    TableMapping table =
        TargetMapping.load(
                write(
                    CUSTOMER.replace(
                        "key: {column: id, type: integer}",
                        "key: {column: id, type: integer, field: customer_number}")))
            .tables()
            .get(0);

    assertThat(table.keySource()).isEqualTo(TargetMapping.KeySource.FIELD);
    assertThat(table.keyField()).isEqualTo("customer_number");
    Path file =
        write(
            CUSTOMER.replace(
                "key: {column: id, type: integer}",
                "key: {column: id, type: text, field: code, generate: uuid}"));
    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessage(
            file
                + ": entities.customer.key.field: a key comes from a record field or is generated"
                + " (generate: uuid), not both");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(
                        CUSTOMER.replace(
                            "key: {column: id, type: integer}",
                            "key: {column: id, type: integer, field: ''}"))))
        .hasMessageContaining("entities.customer.key.field: missing");
  }

  @Test
  void aCurrencyIsForMoneyInANumericOrIntegerColumnAndMustBeACurrencyWithMinorUnits()
      throws Exception {
    TargetMapping mapping =
        TargetMapping.load(
            write(
                CUSTOMER
                    + "      deposit: {field: deposit_cents, type: numeric, currency: KWD}\n"
                    + "      price: {field: price_cents, type: numeric, currency: {field: cur}}\n"));
    assertThat(mapping.tables().get(0).column("deposit").currency().code()).isEqualTo("KWD");
    assertThat(mapping.tables().get(0).column("price").currency().field()).isEqualTo("cur");

    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER + "      p: {field: p, type: text, currency: EUR}\n")))
        .hasMessageContaining(
            "entities.customer.columns.p.currency: is for an amount of money written to a numeric"
                + " column (in major units) or an integer one (in minor units)");
    assertThat(
            TargetMapping.load(
                    write(CUSTOMER + "      p: {field: p, type: integer, currency: NOK}\n"))
                .tables()
                .get(0)
                .column("p")
                .currency()
                .code())
        .isEqualTo("NOK");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER + "      p: {field: p, type: numeric, currency: EURO}\n")))
        .hasMessageContaining(
            "entities.customer.columns.p.currency: 'EURO' is not an ISO 4217 currency");
  }

  @Test
  void unitsAsIsIsForANumericColumnWithoutCurrency() throws Exception {
    assertThat(
            TargetMapping.load(
                    write(CUSTOMER + "      days: {field: days, type: numeric, units: as_is}\n"))
                .tables()
                .get(0)
                .column("days")
                .units())
        .isEqualTo(TargetMapping.Units.AS_IS);
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER + "      p: {field: p, type: numeric, units: minor}\n")))
        .hasMessageContaining("entities.customer.columns.p.units: unknown 'minor' (expected as_is");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(
                        CUSTOMER
                            + "      p: {field: p, type: numeric, currency: NOK, units: as_is}\n")))
        .hasMessageContaining(
            "entities.customer.columns.p.units: as_is is for a numeric column mapped from a field"
                + " without currency or lookup");
  }

  @Test
  void unitsMajorIsForAnAmountColumnWithCurrency() throws Exception {
    assertThat(
            TargetMapping.load(
                    write(
                        CUSTOMER
                            + "      p: {field: p, type: integer, currency: EUR, units: major}\n"))
                .tables()
                .get(0)
                .column("p")
                .units())
        .isEqualTo(TargetMapping.Units.MAJOR);
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER + "      p: {field: p, type: integer, units: major}\n")))
        .hasMessageContaining(
            "entities.customer.columns.p.units: major is for an integer or numeric column with"
                + " currency");
  }

  @Test
  void aKeyIsTextIntegerOrUuid() throws Exception {
    assertThat(
            TargetMapping.load(write(CUSTOMER.replace("type: integer}", "type: uuid}")))
                .tables()
                .get(0)
                .keyType())
        .isEqualTo(ColumnType.UUID);
    assertThatThrownBy(
            () -> TargetMapping.load(write(CUSTOMER.replace("type: integer}", "type: json}"))))
        .hasMessageContaining("entities.customer.key.type: a key is text, integer or uuid");
  }

  @Test
  void namesAreTakenAsTheCatalogSpellsThemCaseIncluded() throws Exception {
    TableMapping table =
        TargetMapping.load(
                write(
                    CUSTOMER
                            .replace("table: public.customers", "table: public.Customers")
                            .replace("natural_key: email", "natural_key: eMail")
                            .replace("email: {field", "eMail: {field")
                        + "      'say \"hi\"; --': {field: note, type: text}\n"))
            .tables()
            .get(0);

    assertThat(table.table()).isEqualTo("public.Customers");
    assertThat(table.naturalKey()).isEqualTo("eMail");
    assertThat(table.column("say \"hi\"; --")).isNotNull();
    assertThat(Dialect.POSTGRESQL.table(table.table())).isEqualTo("\"public\".\"Customers\"");
    assertThat(Dialect.POSTGRESQL.identifier("say \"hi\"; --")).isEqualTo("\"say \"\"hi\"\"; --\"");
    assertThat(Dialect.MARIADB.identifier("a`b")).isEqualTo("`a``b`");
    assertThat(Dialect.POSTGRESQL.readableTable("public.Customers"))
        .isEqualTo("public.\"Customers\"");
  }

  @Test
  void refusesNamesThatCannotBeQuotedSafelyNamingThePlace() throws Exception {
    Path nul = write(CUSTOMER.replace("table: public.customers", "table: \"public.cust\\0omers\""));
    assertThatThrownBy(() -> TargetMapping.load(nul))
        .isInstanceOf(TargetMappingException.class)
        .hasMessage(
            nul
                + ": entities.customer.table: the table name 'cust?omers' holds the character"
                + " U+0000, which cannot be quoted safely in SQL");
    Path newline = write(CUSTOMER.replace("email: {field: email", "\"e\\nmail\": {field: email"));
    assertThatThrownBy(() -> TargetMapping.load(newline))
        .hasMessageContaining("entities.customer.columns.e?mail: the column name 'e?mail'")
        .hasMessageContaining("U+000A");
    Path blank = write(CUSTOMER.replace("natural_key: email", "natural_key: \" email\""));
    assertThatThrownBy(() -> TargetMapping.load(blank))
        .hasMessageContaining(
            "entities.customer.natural_key: the column name ' email' starts or"
                + " ends with a blank");
  }

  @Test
  void theTimeZoneOfWallTimesIsTheNearestGivenUtcByDefaultAndSaysWhereItWasSet() throws Exception {
    String yaml =
        CUSTOMER
            + "      seen_at: {field: seen_at, type: timestamptz}\n"
            + "      born_at: {field: born_at, type: timestamptz, time_zone: '-03:00'}\n";
    TableMapping defaults = TargetMapping.load(write(yaml)).tables().get(0);
    assertThat(defaults.column("seen_at").zone().describe()).isEqualTo("UTC (the default)");

    TableMapping nested =
        TargetMapping.load(
                write(
                    "time_zone: Europe/Lisbon\n"
                        + yaml.replace(
                            "natural_key: email", "natural_key: email\n    time_zone: Asia/Tokyo")))
            .tables()
            .get(0);
    assertThat(nested.column("seen_at").zone())
        .isEqualTo(
            new TargetMapping.WallTimeZone(
                java.time.ZoneId.of("Asia/Tokyo"), "entities.customer.time_zone"));
    assertThat(nested.column("born_at").zone().describe())
        .isEqualTo("-03:00 (set at entities.customer.columns.born_at.time_zone)");
    assertThat(
            TargetMapping.load(write("time_zone: Europe/Lisbon\n" + yaml))
                .tables()
                .get(0)
                .column("seen_at")
                .zone()
                .describe())
        .isEqualTo("Europe/Lisbon (set at time_zone)");
  }

  @Test
  void refusesATimeZoneThatIsNoZoneOrOnAColumnThatIsNoTimestamp() throws Exception {
    Path typo = write("time_zone: Europe/Lisbn\n" + CUSTOMER);
    assertThatThrownBy(() -> TargetMapping.load(typo))
        .hasMessage(
            typo
                + ": time_zone: must be a time-zone id of the tz database (Europe/Lisbon,"
                + " America/New_York, UTC) or an offset (+02:00), got \"Europe/Lisbn\"");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(
                        CUSTOMER.replace(
                            "natural_key: email", "natural_key: email\n    time_zone: EST"))))
        .hasMessageContaining("entities.customer.time_zone: must be a time-zone id");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(
                        CUSTOMER.replace(
                            "{field: email, type: text}",
                            "{field: email, type: text, time_zone: UTC}"))))
        .hasMessageContaining(
            "entities.customer.columns.email.time_zone: is for timestamptz columns, not text");
  }

  @Test
  void aPhoneFormatIsCheckedAtLoadNamingTheFileTheTableAndTheColumn() throws Exception {
    String phone = CUSTOMER + "      phone: {field: phone, type: text, format: FORMAT}\n";

    Path unknown = write(phone.replace("FORMAT", "intl"));
    assertThatThrownBy(() -> TargetMapping.load(unknown))
        .isInstanceOf(TargetMappingException.class)
        .hasMessage(
            unknown
                + ": entities.customer.columns.phone.format: unknown phone format 'intl' for column"
                + " public.customers.phone (expected e164, international, national,"
                + " like_existing)");
    // a column without phone_region takes the run config's; with none there either, plan stops
    Path national = write(phone.replace("FORMAT", "national"));
    assertThatThrownBy(() -> TargetMapping.load(national).withPhoneRegion(null, null))
        .hasMessageStartingWith(
            national + ": entities.customer.columns.phone.phone_region: missing")
        .hasMessageContaining("column public.customers.phone holds national numbers");
    Path region = write(phone.replace("FORMAT", "national, phone_region: XX"));
    assertThatThrownBy(() -> TargetMapping.load(region))
        .hasMessageContaining(
            "entities.customer.columns.phone.phone_region: 'XX' for column"
                + " public.customers.phone is not a phone region");
    Path integer =
        write(phone.replace("type: text, format: FORMAT", "type: integer, format: e164"));
    assertThatThrownBy(() -> TargetMapping.load(integer))
        .hasMessageContaining(
            "entities.customer.columns.phone.format: a phone format is for a text column mapped"
                + " from a phone field without lookup; column public.customers.phone is of type"
                + " integer");
    Path naturalKey =
        write(
            CUSTOMER.replace(
                "{field: email, type: text}", "{field: email, type: text, format: e164}"));
    assertThatThrownBy(() -> TargetMapping.load(naturalKey))
        .hasMessageContaining(
            "entities.customer.columns.email.format: column public.customers.email"
                + " is the natural key");

    TargetMapping loaded =
        TargetMapping.load(write(phone.replace("FORMAT", "national, phone_region: it")));
    assertThat(loaded.tables().get(0).column("phone").phone())
        .isEqualTo(new PhoneFormat(PhoneFormat.Style.NATIONAL, "IT"));
    assertThat(TargetMapping.load(write(CUSTOMER)).tables().get(0).column("email").phone())
        .isNull();
  }

  @Test
  void aNamePartFallbackIsCheckedAtLoadNamingTheFileAndTheColumn() throws Exception {
    String names =
        CUSTOMER + "      first_name: {field: first_name, type: text, fallback: FALLBACK}\n";

    TargetMapping loaded =
        TargetMapping.load(
            write(
                names.replace(
                    "FALLBACK",
                    "{field: full_name, name: family, name_order: family_first, particles: [van],"
                        + " family_words: 2}")));
    TargetMapping.NamePart part = loaded.tables().get(0).column("first_name").fallback();
    assertThat(part.field()).isEqualTo("full_name");
    assertThat(part.splitter().apply("van Berg Lind Anna").text()).isEqualTo("van Berg Lind");

    Path badPart = write(names.replace("FALLBACK", "{field: full_name, name: middle}"));
    assertThatThrownBy(() -> TargetMapping.load(badPart))
        .isInstanceOf(TargetMappingException.class)
        .hasMessage(
            badPart
                + ": entities.customer.columns.first_name.fallback.name: 'middle' is not a part of a"
                + " name for column public.customers.first_name (expected given or family)");
    Path noField = write(names.replace("FALLBACK", "{name: given}"));
    assertThatThrownBy(() -> TargetMapping.load(noField))
        .hasMessage(noField + ": entities.customer.columns.first_name.fallback.field: missing");
    Path unknownKey = write(names.replace("FALLBACK", "{field: full_name, name: given, part: x}"));
    assertThatThrownBy(() -> TargetMapping.load(unknownKey))
        .hasMessageStartingWith(
            unknownKey + ": entities.customer.columns.first_name.fallback.part: unknown key");
    Path order =
        write(names.replace("FALLBACK", "{field: full_name, name: given, name_order: last}"));
    assertThatThrownBy(() -> TargetMapping.load(order))
        .hasMessageContaining(
            "fallback.name_order: 'last' is not an order for column public.customers.first_name");
    Path words =
        write(names.replace("FALLBACK", "{field: full_name, name: given, family_words: 9}"));
    assertThatThrownBy(() -> TargetMapping.load(words))
        .hasMessageContaining("fallback.family_words: must be a number from 1 to 4, not 9");
    Path own = write(names.replace("FALLBACK", "{field: first_name, name: given}"));
    assertThatThrownBy(() -> TargetMapping.load(own))
        .hasMessageContaining("fallback.field: is the column's own field first_name");
    Path constant =
        write(
            CUSTOMER
                + "      first_name: {value: x, type: text, fallback: {field: full_name, name:"
                + " given}}\n");
    assertThatThrownBy(() -> TargetMapping.load(constant))
        .hasMessageContaining(
            "entities.customer.columns.first_name.fallback: a name part is taken when the record"
                + " has no value for the column's field, so it is for a text column mapped from a"
                + " field; column public.customers.first_name is not mapped from a field");
    Path naturalKey =
        write(
            CUSTOMER.replace(
                "{field: email, type: text}",
                "{field: email, type: text, fallback: {field: full_name, name: given}}"));
    assertThatThrownBy(() -> TargetMapping.load(naturalKey))
        .hasMessageContaining(
            "entities.customer.columns.email.fallback: column public.customers.email is the"
                + " natural key");
  }

  @Test
  void aFallbackKnowsWhetherTheOperatorChoseFamilyWordsAndWhereToChooseThem() throws Exception {
    String names =
        CUSTOMER + "      last_name: {field: last_name, type: text, fallback: FALLBACK}\n";

    Path unset = write(names.replace("FALLBACK", "{field: full_name, name: family}"));
    TargetMapping.NamePart guessed =
        TargetMapping.load(unset).tables().get(0).column("last_name").fallback();
    assertThat(guessed.familyWordsSet()).isFalse();
    assertThat(guessed.place()).isEqualTo(unset + ": entities.customer.columns.last_name.fallback");
    assertThat(guessed.splitter().readings("María García López")).hasSize(2);

    Path set =
        write(names.replace("FALLBACK", "{field: full_name, name: family, family_words: 1}"));
    assertThat(TargetMapping.load(set).tables().get(0).column("last_name").fallback())
        .extracting(TargetMapping.NamePart::familyWordsSet)
        .isEqualTo(true);
  }

  @Test
  void aValuesMapIsCheckedAtLoadNamingTheFileAndTheColumn() throws Exception {
    String status = CUSTOMER + "      statut: {field: status, type: text, values: VALUES}\n";

    TargetMapping mapping =
        TargetMapping.load(write(status.replace("VALUES", "{booked: réservé, cancelled: annulé}")));
    assertThat(mapping.tables().get(0).column("statut").values())
        .containsExactly(
            java.util.Map.entry("booked", "réservé"), java.util.Map.entry("cancelled", "annulé"));
    assertThat(mapping.tables().get(0).column("email").values()).isNull();

    Path file = write(status.replace("VALUES", "[réservé, annulé]"));
    assertThatThrownBy(() -> TargetMapping.load(file))
        .hasMessage(
            file
                + ": entities.customer.columns.statut.values: expected a map of each record value"
                + " to the word column public.customers.statut holds for it ({booked: réservé,"
                + " cancelled: annulé})");
    assertThatThrownBy(() -> TargetMapping.load(write(status.replace("VALUES", "{}"))))
        .hasMessageContaining("entities.customer.columns.statut.values: expected a map");
    assertThatThrownBy(
            () -> TargetMapping.load(write(status.replace("VALUES", "{booked: 1, paid: yes}"))))
        .hasMessageContaining(
            "entities.customer.columns.statut.values.booked: expected the text column"
                + " public.customers.statut holds for 'booked', not 1 (write it in quotes)");
    assertThatThrownBy(() -> TargetMapping.load(write(status.replace("VALUES", "{booked: ''}"))))
        .hasMessageContaining("entities.customer.columns.statut.values.booked: expected the text");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(
                        status.replace(
                            "type: text, values: VALUES", "type: integer, values: {a: '1'}"))))
        .hasMessageContaining(
            "entities.customer.columns.statut.values: a value map is for a text or enum column"
                + " mapped from a field, without lookup, format or fallback; column"
                + " public.customers.statut is of type integer");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(
                        CUSTOMER.replace(
                            "{field: email, type: text}",
                            "{field: email, type: text, values: {a: b}}"))))
        .hasMessageContaining(
            "entities.customer.columns.email.values: column public.customers.email is the natural"
                + " key");
    TargetMapping labels =
        TargetMapping.load(
            write(
                status.replace(
                    "type: text, values: VALUES", "type: enum, values: {booked: réservé}")));
    assertThat(labels.tables().get(0).column("statut").values()).containsKey("booked");
  }

  @Test
  void aColumnsDefaultIsReadInItsTypesFormAndRefusedWhereItWouldNotBeTheColumnsOwnValue()
      throws Exception {
    TargetMapping loaded =
        TargetMapping.load(
            write(
                CUSTOMER
                    + "      notes: {field: notes, type: text, default: \"\"}\n"
                    + "      seats: {field: seats, type: integer, default: ' 2'}\n"));
    assertThat(loaded.tables().get(0).column("notes").whenAbsent()).isEmpty();
    assertThat(loaded.tables().get(0).column("seats").whenAbsent()).isEqualTo("2");

    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER + "      seats: {field: seats, type: integer, default: two}\n")))
        .hasMessageContaining(
            "entities.customer.columns.seats.default: column public.customers.seats")
        .hasMessageContaining("'two' is not");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER + "      notes: {field: notes, type: text, default: null}\n")))
        .hasMessageContaining("entities.customer.columns.notes.default")
        .hasMessageContaining("quote text");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(CUSTOMER + "      notes: {value: x, type: text, default: y}\n")))
        .hasMessageContaining("entities.customer.columns.notes.default")
        .hasMessageContaining("not mapped from a field");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(
                        CUSTOMER
                            + "      phone: {field: phone, type: text, format: e164, default: \"\"}\n")))
        .hasMessageContaining("entities.customer.columns.phone.default")
        .hasMessageContaining("has a phone format");
    assertThatThrownBy(
            () ->
                TargetMapping.load(
                    write(
                        CUSTOMER.replace(
                            "{field: email, type: text}",
                            "{field: email, type: text, default: nobody@example.com}"))))
        .hasMessageContaining("entities.customer.columns.email.default")
        .hasMessageContaining("natural key");
  }
}
