package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneFormatTest {
  private static final PhoneFormat NATIONAL_GB = new PhoneFormat(PhoneFormat.Style.NATIONAL, "GB");

  @Test
  void aNationalColumnWritesANumberOfItsCountryNationallyEvenInARangeTheLibraryPlacesInNoRegion() {
    // Ofcom keeps 07700 900000-900999 for fiction: libphonenumber places it in no region
    assertThat(NATIONAL_GB.format("+447700900555")).isEqualTo("07700 900555");
    assertThat(NATIONAL_GB.format("07700 900555")).isEqualTo("07700 900555");
    // a Guernsey mobile: its own region for the library, the same numbering plan as the UK's
    assertThat(NATIONAL_GB.format("+447911123456")).isEqualTo("07911 123456");
  }

  @Test
  void aNationalColumnStillWritesAnotherCountrysNumberInternationally() {
    assertThat(NATIONAL_GB.format("+33612345678")).isEqualTo("+33 6 12 34 56 78");
  }
}
