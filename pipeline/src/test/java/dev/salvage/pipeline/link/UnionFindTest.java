package dev.salvage.pipeline.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class UnionFindTest {

  private static List<String> ids(String prefix, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(CompactIds.of(prefix + i));
    }
    return ids;
  }

  private static Map<String, String> roots(UnionFind forest, List<String> ids) {
    Map<String, String> roots = new LinkedHashMap<>();
    ids.forEach(id -> roots.put(id, forest.root(id)));
    return roots;
  }

  private static UnionFind copy(UnionFind forest) {
    try {
      return CoderUtils.clone(new UnionFind.UnionFindCoder(), forest);
    } catch (CoderException e) {
      throw new IllegalStateException("Copying a forest through its coder failed", e);
    }
  }

  @Test
  void aChainInEitherOrderEndsInOneTreeRootedAtItsSmallestId() {
    List<String> chain = ids("chain ", 500);
    String smallest = new TreeSet<>(chain).first();
    UnionFind forward = new UnionFind();
    UnionFind backward = new UnionFind();
    for (int i = 1; i < chain.size(); i++) {
      forward.union(chain.get(i - 1), chain.get(i));
      backward.union(chain.get(chain.size() - i), chain.get(chain.size() - i - 1));
    }
    assertThat(forward.size()).isEqualTo(500);
    assertThat(roots(forward, chain).values()).containsOnly(smallest);
    assertThat(roots(backward, chain).values()).containsOnly(smallest);
    assertThat(forward).isEqualTo(backward);
  }

  @Test
  void flatteningKeepsEveryIdsRoot() {
    List<String> chain = ids("flat ", 500);
    UnionFind forest = new UnionFind();
    for (int i = 1; i < chain.size(); i++) {
      forest.union(chain.get(i), chain.get(i - 1));
    }
    Map<String, String> before = roots(copy(forest), chain);
    forest.flatten();
    assertThat(roots(forest, chain)).isEqualTo(before);
    assertThat(forest.size()).isEqualTo(500);
  }

  @Test
  void aStarLinksEveryMemberToTheSmallestOfThem() {
    List<String> members = ids("star ", 30);
    UnionFind forest = new UnionFind();
    members.subList(1, members.size()).forEach(member -> forest.union(member, members.get(0)));
    assertThat(roots(forest, members).values()).containsOnly(new TreeSet<>(members).first());
  }

  @Test
  void anIdNotInTheForestIsItsOwnRoot() {
    UnionFind forest = new UnionFind();
    List<String> two = ids("pair ", 3);
    forest.union(two.get(0), two.get(1));
    assertThat(forest.root(two.get(2))).isEqualTo(two.get(2));
  }

  @Test
  void mergingTwoForestsJoinsTreesThatShareAnId() {
    List<String> ids = ids("merge ", 6); // a b c d e f
    UnionFind left = new UnionFind();
    left.union(ids.get(0), ids.get(1));
    left.union(ids.get(2), ids.get(3));
    UnionFind right = new UnionFind();
    right.union(ids.get(1), ids.get(2));
    right.union(ids.get(4), ids.get(5));

    UnionFind leftFirst = copy(left);
    leftFirst.addAll(right);
    UnionFind rightFirst = copy(right);
    rightFirst.addAll(left);

    String abcd = new TreeSet<>(ids.subList(0, 4)).first();
    String ef = new TreeSet<>(ids.subList(4, 6)).first();
    assertThat(roots(leftFirst, ids).values()).containsExactly(abcd, abcd, abcd, abcd, ef, ef);
    assertThat(rightFirst).isEqualTo(leftFirst);
    assertThat(left.root(ids.get(3)))
        .as("the forest merged into another is left alone")
        .isNotEqualTo(left.root(ids.get(0)));
  }

  @Test
  void theRootsDoNotDependOnTheOrderOrTheSplitOfTheUnions() {
    Random random = new Random(7);
    List<String> ids = ids("random ", 2_000);
    List<String[]> edges = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      edges.add(new String[] {ids.get(random.nextInt(ids.size())), ids.get(random.nextInt(400))});
    }
    UnionFind whole = new UnionFind();
    edges.forEach(edge -> whole.union(edge[0], edge[1]));

    for (int attempt = 0; attempt < 5; attempt++) {
      Collections.shuffle(edges, random);
      List<UnionFind> parts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        parts.add(new UnionFind());
      }
      edges.forEach(edge -> parts.get(random.nextInt(4)).union(edge[1], edge[0]));
      Collections.shuffle(parts, random);
      UnionFind merged = parts.get(0);
      parts.subList(1, 4).forEach(merged::addAll);
      assertThat(merged).isEqualTo(whole);
      assertThat(roots(merged, ids)).isEqualTo(roots(whole, ids));
    }
    // a root is the smallest id of its tree
    Map<String, TreeSet<String>> trees = new LinkedHashMap<>();
    roots(whole, ids)
        .forEach((id, root) -> trees.computeIfAbsent(root, r -> new TreeSet<>()).add(id));
    trees.forEach((root, tree) -> assertThat(tree.first()).isEqualTo(root));
  }

  @Test
  void theCoderWritesTheForestAndReadsTheSameOneBack() throws Exception {
    UnionFind.UnionFindCoder coder = new UnionFind.UnionFindCoder();
    CoderProperties.coderDecodeEncodeEqual(coder, new UnionFind());
    List<String> ids = ids("coded ", 1_000);
    UnionFind forest = new UnionFind();
    for (int i = 1; i < ids.size(); i++) {
      if (i % 7 != 0) {
        forest.union(ids.get(i - 1), ids.get(i));
      }
    }
    CoderProperties.coderDecodeEncodeEqual(coder, forest);
    CoderProperties.coderSerializable(coder);
    UnionFind decoded = CoderUtils.clone(coder, forest);
    assertThat(roots(decoded, ids)).isEqualTo(roots(forest, ids));
    // a decoded forest takes further unions
    decoded.union(ids.get(6), ids.get(7));
    assertThat(decoded.root(ids.get(7))).isEqualTo(decoded.root(ids.get(0)));
  }

  @Test
  void aMillionLinkedIdsTakeTensOfMegabytes() {
    UnionFind forest = new UnionFind();
    String previous = null;
    for (int i = 0; i < 1_000_000; i++) {
      String id = CompactIds.of("million " + i);
      if (i % 5 != 0) {
        forest.union(previous, id);
      }
      previous = id;
    }
    assertThat(forest.size()).isEqualTo(1_000_000);
    double bytesPerId = forest.heapBytes() / 1e6;
    System.out.printf("UnionFind: 1,000,000 ids in %.1f MB%n", forest.heapBytes() / 1e6);
    assertThat(bytesPerId).isBetween(20.0, 64.0);
  }
}
