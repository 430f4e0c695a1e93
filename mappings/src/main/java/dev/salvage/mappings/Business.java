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
 */
public record Business(String name, ZoneId timezone, String phoneRegion) implements Serializable {
  public Business {
    requireNonNull(name, "name");
    requireNonNull(timezone, "timezone");
  }
}
