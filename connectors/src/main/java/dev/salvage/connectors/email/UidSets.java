package dev.salvage.connectors.email;

import java.util.List;

/** IMAP sequence sets of UIDs: {@code 1:5,8,10:12} for 1,2,3,4,5,8,10,11,12. */
final class UidSets {
  private UidSets() {}

  /**
   * @param uids ascending UIDs, at least one
   */
  static String of(List<Long> uids) {
    StringBuilder set = new StringBuilder();
    int i = 0;
    while (i < uids.size()) {
      int j = i;
      while (j + 1 < uids.size() && uids.get(j + 1) == uids.get(j) + 1) {
        j++;
      }
      if (set.length() > 0) {
        set.append(',');
      }
      set.append(uids.get(i));
      if (j > i) {
        set.append(':').append(uids.get(j));
      }
      i = j + 1;
    }
    return set.toString();
  }
}
