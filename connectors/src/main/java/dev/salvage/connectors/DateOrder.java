package dev.salvage.connectors;

/**
 * The order of day and month in dates written with slashes ({@code 05/01/2026}), as a spreadsheet
 * saving an export writes them in its locale: day first in the UK and most of Europe, month first
 * in the US. Declared by a source's option {@code date_order} when the file's own dates cannot
 * tell.
 */
public enum DateOrder {
  DAY_FIRST,
  MONTH_FIRST;

  /** As the option writes it: {@code day_first}. */
  public String optionValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
