package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.ZoneId;

/**
 * The business whose records are salvaged, with the defaults its mappings rely on.
 *
 * @param name the business name, for reports
 * @param timezone the zone of date-times written without one
 * @param phoneRegion the ISO 3166 region of phone numbers written without a country code, or null
 *     when every phone number must carry one
 * @param currency the ISO 4217 code of the currency amounts are in when neither they nor their
 *     field name one (its minor digits read {@code 48000} in a yen business as 48000 yen), or null
 */
public record Business(String name, ZoneId timezone, String phoneRegion, String currency)
    implements Serializable {
  public Business {
    requireNonNull(name, "name");
    requireNonNull(timezone, "timezone");
  }

  /** A business that declares no currency: amounts naming none have two decimals. */
  public Business(String name, ZoneId timezone, String phoneRegion) {
    this(name, timezone, phoneRegion, null);
  }
}
