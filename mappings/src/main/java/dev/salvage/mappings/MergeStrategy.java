package dev.salvage.mappings;

/** How the values several observations give for one field are merged into one. */
public enum MergeStrategy {
  /** The newest observation wins; ties go to the source listed first in the rule's order. */
  LATEST,
  /** The first source in the rule's order that has a value wins; newest within a source. */
  PRECEDENCE
}
