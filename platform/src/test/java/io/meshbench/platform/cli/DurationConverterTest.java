package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsEveryUnit() {
    assertThat(converter.convert("500ms")).isEqualTo(500);
    assertThat(converter.convert("10s")).isEqualTo(10_000);
    assertThat(converter.convert("1.5s")).isEqualTo(1_500);
    assertThat(converter.convert("2m")).isEqualTo(120_000);
    assertThat(converter.convert("1h")).isEqualTo(3_600_000);
    assertThat(converter.convert("3")).isEqualTo(3_000);
  }

  @Test
  void rejectsWhatIsNotADuration() {
    assertThatThrownBy(() -> converter.convert("10 parsecs"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("500ms");
    assertThatThrownBy(() -> converter.convert("-1s")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void formatsShortly() {
    assertThat(DurationConverter.format(10_000)).isEqualTo("10s");
    assertThat(DurationConverter.format(120_000)).isEqualTo("2m");
    assertThat(DurationConverter.format(86_400_000)).isEqualTo("24h");
    assertThat(DurationConverter.format(5_400_000)).isEqualTo("90m");
    assertThat(DurationConverter.format(250)).isEqualTo("250ms");
    assertThat(DurationConverter.format(1_500)).isEqualTo("1.50s");
  }
}
