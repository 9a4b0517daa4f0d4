package io.meshbench.platform.cli;

import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.spec.SpecException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class ProtocolConverter implements ITypeConverter<Protocol> {
  @Override
  public Protocol convert(String value) {
    try {
      return Protocol.fromWire(value);
    } catch (SpecException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a protocol; use one of " + Protocol.allowed());
    }
  }
}
