package io.meshbench.platform.cli;

import io.meshbench.platform.job.MeshType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class MeshTypeConverter implements ITypeConverter<MeshType> {
  @Override
  public MeshType convert(String value) {
    try {
      return MeshType.fromWire(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a mesh type; use one of " + MeshType.allowed());
    }
  }
}
