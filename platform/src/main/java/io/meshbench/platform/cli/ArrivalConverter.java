package io.meshbench.platform.cli;

import io.meshbench.engine.spec.Arrival;
import io.meshbench.engine.spec.SpecException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class ArrivalConverter implements ITypeConverter<Arrival> {
  @Override
  public Arrival convert(String value) {
    try {
      return Arrival.fromWire(value);
    } catch (SpecException e) {
      throw new TypeConversionException(
          "'" + value + "' is not an arrival; use constant or poisson");
    }
  }
}
