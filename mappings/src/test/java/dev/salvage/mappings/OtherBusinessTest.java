package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.RawRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Another business is served by mapping files only: a Portuguese guesthouse with its own entity
 * types, mail in Portuguese and amounts with a decimal comma, through the same engine.
 */
class OtherBusinessTest {
  private static final Business CASA_DO_RIO =
      new Business("Casa do Rio", ZoneId.of("Europe/Lisbon"), "PT");

  private static SourceMapping casaDoRioMail() throws MappingException {
    EntityModel model =
        EntityModel.parse(resource("portugal/entities.yaml"), "portugal/entities.yaml");
    return SourceMapping.parse(
        resource("portugal/mail.yaml"), "portugal/mail.yaml", model, CASA_DO_RIO);
  }

  private static RawRecord mail(String ref, String file) {
    return new RawRecord("correio", "mail", ref, file, resource("portugal/records/" + file));
  }

  @Test
  void aPortugueseConfirmationGivesAStayAndItsGuest() throws Exception {
    MappingResult result =
        casaDoRioMail().apply(mail("email:<r42@casadorio.example>", "reserva-confirmada.json"));

    assertThat(result.rule()).isEqualTo("reserva_confirmada");
    Observation stay = result.observations().get(0);
    assertThat(stay.entityType()).isEqualTo("estadia");
    assertThat(stay.keys()).isEqualTo(Map.of("codigo", "CR-2026-0042"));
    assertThat(stay.fields())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "codigo", "CR-2026-0042",
                "estado", "confirmada",
                "hospede_email", "ana.silva@exemplo.pt",
                "quarto", "Suite Douro",
                // 01:30 on 25 October happens twice in Lisbon: the earlier (summer-time) instant
                "chegada", "2026-10-25T00:30:00Z",
                "saida", "2026-10-28",
                "valor_centimos", "123456"));
    assertThat(stay.observedAt()).isEqualTo(Instant.parse("2026-09-01T17:05:00Z"));
    assertThat(stay.source()).isEqualTo("correio");

    Observation guest = result.observations().get(1);
    assertThat(guest.entityType()).isEqualTo("hospede");
    assertThat(guest.keys())
        .isEqualTo(
            Map.of(
                "email", "ana.silva@exemplo.pt", "telemovel", "+351912345678", "nif", "123456789"));
    assertThat(guest.fields()).containsEntry("nome", "Ana Silva");
  }

  @Test
  void aPortugueseCancellationChangesTheStayState() throws Exception {
    MappingResult result =
        casaDoRioMail().apply(mail("email:<r43@casadorio.example>", "reserva-cancelada.json"));
    assertThat(result.rule()).isEqualTo("reserva_cancelada");
    assertThat(result.observations())
        .singleElement()
        .satisfies(
            stay -> {
              assertThat(stay.fields())
                  .isEqualTo(Map.of("codigo", "CR-2026-0042", "estado", "cancelada"));
              assertThat(stay.observedAt()).isEqualTo(Instant.parse("2026-09-20T09:00:00Z"));
            });
  }

  @Test
  void theOtherBusinessesMailTemplatesDoNotMatchRentwiseMail() throws Exception {
    RawRecord rentwise =
        new RawRecord(
            "mail",
            "mail",
            "email:<b1@rentwise.example>",
            "x",
            resource("rentwise/records/booking-confirmation.json"));
    assertThat(casaDoRioMail().apply(rentwise).isIgnored()).isTrue();
  }
}
