package dev.salvage.connectors.backup;

import dev.salvage.connectors.ContentDigest;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refs already given to rows of tables without a declared primary key, whose rows are keyed by
 * {@code id} or the first column: nothing says those are unique (a link table's first column never
 * is), and rows that share a ref are one piece of evidence downstream, so the later ones would be
 * folded into the first without a trace. One instance per read of a whole table.
 *
 * <p>Memory stays bounded however large the table: each ref is held as a 64-bit hash in an open-
 * addressed table of at most {@link #MAX_REFS} entries (16 MiB); past that, further rows are not
 * checked and a warning names the table. Two different refs share a hash with a probability below
 * 10<sup>-7</sup> at a million rows.
 */
final class RepeatedRefs {
  static final int MAX_REFS = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(RepeatedRefs.class);

  private long[] slots = new long[1 << 10];
  private int size;
  private boolean hasZero;
  private final Set<String> full = new HashSet<>();

  /**
   * Whether {@code ref} is new; false when an earlier row of its table had it. Past {@link
   * #MAX_REFS} refs every ref counts as new.
   */
  boolean firstTime(String ref, String table) {
    long hash = hash(ref);
    if (hash == 0) {
      if (hasZero) {
        return false;
      }
      hasZero = true;
      return true;
    }
    int mask = slots.length - 1;
    for (int i = (int) (hash ^ (hash >>> 32)) & mask; ; i = (i + 1) & mask) {
      if (slots[i] == hash) {
        return false;
      }
      if (slots[i] == 0) {
        if (size >= MAX_REFS) {
          if (full.add(table)) {
            LOG.warn(
                "Backup table {}: rows after the first {} are not checked for a repeated ref"
                    + " (the table declares no primary key)",
                table,
                MAX_REFS);
          }
          return true;
        }
        slots[i] = hash;
        if (++size * 2 > slots.length) {
          grow();
        }
        return true;
      }
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long hash : old) {
      if (hash != 0) {
        int i = (int) (hash ^ (hash >>> 32)) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = hash;
      }
    }
  }

  private static long hash(String ref) {
    return ContentDigest.hash64(ref);
  }
}
