package dev.salvage.mappings;

import java.time.ZoneId;
import java.util.Map;

/**
 * An entity's merged fields as {@code derive} conditions see them.
 *
 * @param values field name to canonical value
 * @param anchors the run's moments
 * @param zone the zone in which a {@code date} field's day starts, for {@code before}/{@code after}
 */
record EntityFields(Map<String, String> values, TimeAnchors anchors, ZoneId zone)
    implements Subject {}
