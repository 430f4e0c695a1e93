package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

class FlinkConfTest {
  @Test
  void laterValuesWinAndTheyOverrideTheDefaults() throws Exception {
    FlinkConf conf =
        FlinkConf.parse(
            List.of(
                "taskmanager.memory.network.max=64m",
                "heartbeat.timeout = 900000",
                "taskmanager.memory.network.max=256m"));

    assertThat(conf.settings())
        .containsExactly(
            Map.entry("taskmanager.memory.network.max", "256m"),
            Map.entry("heartbeat.timeout", "900000"));
    assertThat(
            conf.over(Map.of("heartbeat.timeout", "600000", "parallelism.default", "1")).settings())
        .containsEntry("heartbeat.timeout", "900000")
        .containsEntry("parallelism.default", "1");
  }

  @Test
  void flinkReadsTheWrittenDirectoryAsItWasGiven() throws Exception {
    FlinkConf conf =
        FlinkConf.parse(
            List.of("restart-strategy.type=fixed-delay", "pipeline.name=a b:c", "io.tmp.dirs=/x"));

    Path dir = conf.writeDir();
    Configuration loaded = GlobalConfiguration.loadConfiguration(dir.toString());

    assertThat(Files.readString(dir.resolve("flink-conf.yaml"))).contains("pipeline.name: a b:c");
    assertThat(loaded.toMap())
        .containsEntry("restart-strategy.type", "fixed-delay")
        .containsEntry("pipeline.name", "a b:c")
        .containsEntry("io.tmp.dirs", "/x");
  }

  @Test
  void namesTheKeysAJobCannotChangeOnACluster() throws Exception {
    FlinkConf conf =
        FlinkConf.parse(
            List.of(
                "taskmanager.memory.network.min=256m",
                "restart-strategy.type=none",
                "taskmanager.network.sort-shuffle.min-buffers=64"));

    assertThat(conf.clusterOnlyKeys())
        .containsExactly(
            "taskmanager.memory.network.min", "taskmanager.network.sort-shuffle.min-buffers");
  }

  @Test
  void refusesWhatIsNotKeyEqualsValue() {
    for (String bad : List.of("taskmanager.memory.network.max", "=256m", "key=", "a key=1")) {
      assertThatThrownBy(() -> FlinkConf.parse(List.of(bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessage(
              "--flink-conf expects KEY=VALUE with a Flink option name as KEY, such as"
                  + " taskmanager.memory.network.max=256m; got '"
                  + bad
                  + "'");
    }
    assertThatThrownBy(() -> FlinkConf.parse(List.of("pipeline.name=run #2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--flink-conf pipeline.name: the value may not contain '#'");
  }
}
