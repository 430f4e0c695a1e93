package dev.salvage.samples;

import dev.salvage.samples.Catalog.Location;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Nordwind's database at T0, written twice with the same rows: as a plain {@code pg_dump} ({@code
 * backup/backup.sql}) and as a {@code mysqldump} of the same schema on MariaDB ({@code
 * backup/backup-mariadb.sql}). Clients, cars, branches and bookings have surrogate integer keys; a
 * booking names its car by {@code car_id} and its price in euros ({@code numeric(10,2)}).
 */
final class NordwindBackup {
  private static final DateTimeFormatter PG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssx").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** One table: its name, columns with their PostgreSQL and MariaDB types, and rows at T0. */
  record Table(String name, List<String[]> columns, String key, List<Object[]> rows) {
    String columnList() {
      return String.join(", ", columns.stream().map(c -> c[0]).toList());
    }
  }

  private final Nordwind names;
  private final Instant t0;
  private final List<Table> tables;

  NordwindBackup(Nordwind names) {
    this.names = names;
    this.t0 = names.world().t0();
    this.tables = List.of(branches(), cars(), clients(), bookings());
  }

  long rows() {
    return tables.stream().mapToLong(t -> t.rows().size()).sum();
  }

  private Table branches() {
    List<Object[]> rows = new ArrayList<>();
    for (Location location : Catalog.LOCATIONS) {
      rows.add(new Object[] {Nordwind.branchId(location), Nordwind.branchName(location)});
    }
    return new Table(
        "branches",
        List.of(col("branch_id", "integer", "int"), col("name", "text", "varchar(80)")),
        "branch_id",
        rows);
  }

  private Table cars() {
    List<Object[]> rows = new ArrayList<>();
    for (Vehicle vehicle : names.world().vehicles()) {
      rows.add(
          new Object[] {
            names.carId(vehicle),
            names.plate(vehicle),
            vehicle.model().name(),
            Nordwind.branchId(vehicle.home())
          });
    }
    return new Table(
        "cars",
        List.of(
            col("car_id", "integer", "int"),
            col("plate", "text", "varchar(20)"),
            col("model", "text", "varchar(80)"),
            col("branch_id", "integer", "int")),
        "car_id",
        rows);
  }

  private Table clients() {
    List<Object[]> rows = new ArrayList<>();
    for (Customer customer : names.world().customers()) {
      if (!customer.createdAt.isBefore(t0)) {
        continue;
      }
      rows.add(
          new Object[] {
            customer.id,
            Nordwind.firstName(customer),
            Nordwind.lastName(customer),
            Nordwind.emailBefore(customer, t0),
            customer.createdAt,
            Nordwind.updatedBefore(customer, t0)
          });
    }
    return new Table(
        "clients",
        List.of(
            col("client_id", "integer", "int"),
            col("first_name", "text", "varchar(80)"),
            col("last_name", "text", "varchar(80)"),
            col("email", "text", "varchar(120)"),
            col("created_at", "timestamp(0) with time zone", "datetime"),
            col("updated_at", "timestamp(0) with time zone", "datetime")),
        "client_id",
        rows);
  }

  private Table bookings() {
    List<Object[]> rows = new ArrayList<>();
    for (Reservation reservation : names.world().reservations()) {
      Reservation.Version version = reservation.lastBefore(t0);
      if (version == null) {
        continue;
      }
      rows.add(
          new Object[] {
            reservation.id,
            Nordwind.bookingNo(reservation),
            reservation.customer.id,
            names.carId(version.vehicle()),
            Nordwind.branchId(reservation.location),
            version.pickupAt(),
            version.returnAt(),
            Nordwind.status(version, t0),
            new Euros(version.totalCents()),
            reservation.createdAt(),
            Nordwind.updatedBefore(reservation, t0)
          });
    }
    return new Table(
        "bookings",
        List.of(
            col("booking_id", "integer", "int"),
            col("booking_no", "text", "varchar(12)"),
            col("client_id", "integer", "int"),
            col("car_id", "integer", "int"),
            col("branch_id", "integer", "int"),
            col("pickup_at", "timestamp(0) with time zone", "datetime"),
            col("return_at", "timestamp(0) with time zone", "datetime"),
            col("status", "text", "varchar(12)"),
            col("price", "numeric(10,2)", "decimal(10,2)"),
            col("created_at", "timestamp(0) with time zone", "datetime"),
            col("updated_at", "timestamp(0) with time zone", "datetime")),
        "booking_id",
        rows);
  }

  /** An amount the dumps write in major units. */
  private record Euros(int cents) {}

  private static String[] col(String name, String pgType, String mariaType) {
    return new String[] {name, pgType, mariaType};
  }

  // ---------------------------------------------------------------- pg_dump

  void writePgDump(Writer out) throws IOException {
    out.write("--\n-- PostgreSQL database dump\n--\n\n");
    out.write("-- Dumped from database version 15.14\n-- Dumped by pg_dump version 15.14\n\n");
    out.write("-- Started on " + Formats.PG_STARTED.format(t0) + "\n\n");
    out.write("SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n");
    out.write("SET standard_conforming_strings = on;\nSET check_function_bodies = false;\n");
    out.write("SET client_min_messages = warning;\n\n");
    for (Table table : tables) {
      out.write("CREATE TABLE public." + table.name() + " (\n");
      List<String> lines = new ArrayList<>();
      for (String[] column : table.columns()) {
        lines.add("    " + column[0] + " " + column[1] + notNull(table, column));
      }
      out.write(String.join(",\n", lines) + "\n);\n\n");
      if (serial(table)) {
        String sequence = table.name() + "_" + table.key() + "_seq";
        out.write(
            "CREATE SEQUENCE public."
                + sequence
                + "\n    AS integer\n    START WITH 1\n    INCREMENT BY 1\n"
                + "    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\n");
        out.write(
            "ALTER SEQUENCE public."
                + sequence
                + " OWNED BY public."
                + table.name()
                + "."
                + table.key()
                + ";\n\n");
        out.write(
            "ALTER TABLE ONLY public."
                + table.name()
                + " ALTER COLUMN "
                + table.key()
                + " SET DEFAULT nextval('public."
                + sequence
                + "'::regclass);\n\n");
      }
    }
    for (Table table : tables) {
      out.write("COPY public." + table.name() + " (" + table.columnList() + ") FROM stdin;\n");
      for (Object[] row : table.rows()) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
          line.append(i == 0 ? "" : "\t").append(copyValue(row[i]));
        }
        out.write(line.append('\n').toString());
      }
      out.write("\\.\n\n");
    }
    for (Table table : tables) {
      if (serial(table)) {
        out.write(
            "SELECT pg_catalog.setval('public."
                + table.name()
                + "_"
                + table.key()
                + "_seq', "
                + Math.max(1, maxKey(table))
                + ", "
                + (maxKey(table) > 0)
                + ");\n\n");
      }
    }
    for (Table table : tables) {
      out.write(
          "ALTER TABLE ONLY public."
              + table.name()
              + "\n    ADD CONSTRAINT "
              + table.name()
              + "_pkey PRIMARY KEY ("
              + table.key()
              + ");\n\n");
    }
    out.write(
        "ALTER TABLE ONLY public.cars\n    ADD CONSTRAINT cars_plate_key UNIQUE (plate);\n\n");
    out.write(
        "ALTER TABLE ONLY public.bookings\n"
            + "    ADD CONSTRAINT bookings_booking_no_key UNIQUE (booking_no);\n\n");
    out.write("--\n-- PostgreSQL database dump complete\n--\n\n");
  }

  private static String notNull(Table table, String[] column) {
    return column[0].equals(table.key()) || column[0].equals("booking_no") ? " NOT NULL" : "";
  }

  /** Clients and bookings get new rows; cars and branches are the fleet, read only. */
  private static boolean serial(Table table) {
    return table.name().equals("clients") || table.name().equals("bookings");
  }

  private static long maxKey(Table table) {
    long max = 0;
    for (Object[] row : table.rows()) {
      max = Math.max(max, ((Number) row[0]).longValue());
    }
    return max;
  }

  private static String copyValue(Object value) {
    if (value == null) {
      return "\\N";
    }
    if (value instanceof Instant at) {
      return PG_TIME.format(at);
    }
    if (value instanceof Euros euros) {
      return Nordwind.euros(euros.cents());
    }
    String text = value.toString();
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }

  // ---------------------------------------------------------------- mysqldump

  void writeMysqlDump(Writer out) throws IOException {
    out.write("-- MariaDB dump 10.19  Distrib 10.11.14-MariaDB, for debian-linux-gnu (x86_64)\n");
    out.write("--\n-- Host: localhost    Database: nordwind\n");
    out.write("-- ------------------------------------------------------\n");
    out.write("-- Server version\t10.11.14-MariaDB-0+deb12u2\n\n");
    out.write("/*!40101 SET NAMES utf8mb4 */;\n");
    out.write("/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n");
    out.write("/*!40103 SET TIME_ZONE='+00:00' */;\n");
    out.write(
        "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n\n");
    for (Table table : tables) {
      out.write("--\n-- Table structure for table `" + table.name() + "`\n--\n\n");
      out.write("DROP TABLE IF EXISTS `" + table.name() + "`;\n");
      out.write("CREATE TABLE `" + table.name() + "` (\n");
      List<String> lines = new ArrayList<>();
      for (String[] column : table.columns()) {
        boolean key = column[0].equals(table.key());
        lines.add(
            "  `"
                + column[0]
                + "` "
                + column[2]
                + (key || column[0].equals("booking_no") ? " NOT NULL" : " DEFAULT NULL")
                + (key && serial(table) ? " AUTO_INCREMENT" : ""));
      }
      lines.add("  PRIMARY KEY (`" + table.key() + "`)");
      if (table.name().equals("cars")) {
        lines.add("  UNIQUE KEY `plate` (`plate`)");
      }
      if (table.name().equals("bookings")) {
        lines.add("  UNIQUE KEY `booking_no` (`booking_no`)");
      }
      out.write(String.join(",\n", lines));
      out.write(
          "\n) ENGINE=InnoDB"
              + (serial(table) ? " AUTO_INCREMENT=" + (maxKey(table) + 1) : "")
              + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;\n\n");
      out.write("--\n-- Dumping data for table `" + table.name() + "`\n--\n\n");
      out.write("LOCK TABLES `" + table.name() + "` WRITE;\n");
      if (!table.rows().isEmpty()) {
        List<String> values = new ArrayList<>();
        for (Object[] row : table.rows()) {
          values.add(
              "("
                  + String.join(",", Arrays.stream(row).map(NordwindBackup::sqlValue).toList())
                  + ")");
        }
        out.write("INSERT INTO `" + table.name() + "` VALUES " + String.join(",", values) + ";\n");
      }
      out.write("UNLOCK TABLES;\n\n");
    }
    out.write("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n");
    out.write("/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;\n\n");
    out.write("-- Dump completed on " + SQL_TIME.format(t0) + "\n");
  }

  private static String sqlValue(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Number number) {
      return number.toString();
    }
    if (value instanceof Euros euros) {
      return Nordwind.euros(euros.cents());
    }
    String text = value instanceof Instant at ? SQL_TIME.format(at) : value.toString();
    return "'"
        + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\t", "\\t")
        + "'";
  }
}
