package dev.salvage.pipeline.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IgnoredWhyTest {

  @Test
  void saysOneIgnoredMailInTheSingularAndSeveralInThePlural() {
    assertThat(IgnoredWhy.DELIVERY_REPORT.said(1)).isEqualTo("1 delivery report (bounce)");
    assertThat(IgnoredWhy.DELIVERY_REPORT.said(3)).isEqualTo("3 delivery reports (bounces)");
    assertThat(IgnoredWhy.AUTOMATIC_REPLY.said(1)).isEqualTo("1 automatic reply");
    assertThat(IgnoredWhy.FORWARD_OUTER_MAIL.said(2))
        .isEqualTo("2 forwards' outer mails (the attached mail read apart)");
  }

  @Test
  void readsEachKeyBackAndNoneItDoesNotKnow() {
    for (IgnoredWhy why : IgnoredWhy.values()) {
      assertThat(IgnoredWhy.of(why.key())).isSameAs(why);
    }
    assertThat(IgnoredWhy.of("no_such_why")).isNull();
  }
}
