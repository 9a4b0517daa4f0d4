package io.meshbench.engine.protocol.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.meshbench.engine.spec.SpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Finds a method's descriptor by its name ({@code pkg.Service/Method}) through gRPC server
 * reflection (v1) or in a descriptor set ({@code protoc --descriptor_set_out --include_imports}).
 * Runs once per run, before load starts, on the caller's thread.
 */
final class MethodResolver {
  private static final String FIELD = "options." + GrpcClient.METHOD_OPTION;

  private MethodResolver() {}

  /** Splits "pkg.Service/Method" (or "pkg.Service.Method") into service and method names. */
  static String[] split(String name) {
    String n = name.trim();
    if (n.startsWith("/")) {
      n = n.substring(1);
    }
    int cut = n.indexOf('/') >= 0 ? n.indexOf('/') : n.lastIndexOf('.');
    if (cut <= 0 || cut == n.length() - 1 || n.indexOf('/', cut + 1) >= 0) {
      throw new SpecException(FIELD, "must be pkg.Service/Method (got '" + name + "')");
    }
    return new String[] {n.substring(0, cut), n.substring(cut + 1)};
  }

  /** From a FileDescriptorSet file. */
  static Descriptors.MethodDescriptor fromProtoset(Path file, String name) {
    String[] parts = split(name);
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(Files.readAllBytes(file));
    } catch (InvalidProtocolBufferException e) {
      throw new SpecException(
          "options." + GrpcClient.PROTOSET_OPTION,
          "'" + file + "' is not a FileDescriptorSet (protoc --descriptor_set_out)");
    } catch (IOException e) {
      throw new SpecException(
          "options." + GrpcClient.PROTOSET_OPTION, "cannot read '" + file + "': " + e);
    }
    Map<String, FileDescriptorProto> protos = new HashMap<>();
    for (FileDescriptorProto p : set.getFileList()) {
      protos.put(p.getName(), p);
    }
    Map<String, Descriptors.FileDescriptor> built = new HashMap<>();
    TreeSet<String> services = new TreeSet<>();
    Descriptors.ServiceDescriptor found = null;
    for (String fileName : protos.keySet()) {
      Descriptors.FileDescriptor fd = build(fileName, protos, built, null);
      for (Descriptors.ServiceDescriptor s : fd.getServices()) {
        services.add(s.getFullName());
        if (s.getFullName().equals(parts[0])) {
          found = s;
        }
      }
    }
    if (found == null) {
      throw new SpecException(
          FIELD, "service '" + parts[0] + "' is not in " + file + "; it has: " + list(services));
    }
    return method(found, parts[1]);
  }

  /**
   * Through the server's reflection service on {@code channel}, within {@code budgetMs} for the
   * whole lookup (every question and answer; not the run's per-call timeout).
   */
  static Descriptors.MethodDescriptor viaReflection(
      Channel channel, String name, String where, long budgetMs) {
    String[] parts = split(name);
    try (Session session = new Session(channel, budgetMs, where)) {
      ServerReflectionResponse listed =
          session.ask(ServerReflectionRequest.newBuilder().setListServices("*").build());
      TreeSet<String> services = new TreeSet<>();
      listed.getListServicesResponse().getServiceList().forEach(s -> services.add(s.getName()));
      if (!services.contains(parts[0])) {
        throw new SpecException(
            FIELD,
            "service '"
                + parts[0]
                + "' is not offered by "
                + where
                + "; it offers: "
                + list(services));
      }
      Map<String, FileDescriptorProto> protos = new HashMap<>();
      collect(
          session.ask(
              ServerReflectionRequest.newBuilder().setFileContainingSymbol(parts[0]).build()),
          protos);
      String first = protos.isEmpty() ? null : firstServiceFile(protos, parts[0]);
      if (first == null) {
        throw new UncheckedIOException(
            new IOException(where + " listed " + parts[0] + " but sent no descriptor for it"));
      }
      Map<String, Descriptors.FileDescriptor> built = new HashMap<>();
      Descriptors.FileDescriptor fd = build(first, protos, built, session);
      return method(
          fd.findServiceByName(parts[0].substring(parts[0].lastIndexOf('.') + 1)), parts[1]);
    }
  }

  private static String firstServiceFile(Map<String, FileDescriptorProto> protos, String service) {
    for (FileDescriptorProto p : protos.values()) {
      String pkg = p.getPackage().isEmpty() ? "" : p.getPackage() + ".";
      for (var s : p.getServiceList()) {
        if ((pkg + s.getName()).equals(service)) {
          return p.getName();
        }
      }
    }
    return null;
  }

  private static void collect(ServerReflectionResponse r, Map<String, FileDescriptorProto> into) {
    if (r.hasErrorResponse()) {
      throw new UncheckedIOException(
          new IOException("reflection error: " + r.getErrorResponse().getErrorMessage()));
    }
    for (var bytes : r.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      try {
        FileDescriptorProto p = FileDescriptorProto.parseFrom(bytes);
        into.putIfAbsent(p.getName(), p);
      } catch (InvalidProtocolBufferException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Descriptors.FileDescriptor build(
      String fileName,
      Map<String, FileDescriptorProto> protos,
      Map<String, Descriptors.FileDescriptor> built,
      Session session) {
    Descriptors.FileDescriptor done = built.get(fileName);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(fileName);
    if (proto == null && session != null) {
      collect(
          session.ask(ServerReflectionRequest.newBuilder().setFileByFilename(fileName).build()),
          protos);
      proto = protos.get(fileName);
    }
    if (proto == null) {
      Descriptors.FileDescriptor known = WellKnown.file(fileName);
      if (known != null) {
        built.put(fileName, known);
        return known;
      }
      throw new SpecException(
          "options." + GrpcClient.PROTOSET_OPTION,
          "the descriptors lack '" + fileName + "' (build the set with --include_imports)");
    }
    List<Descriptors.FileDescriptor> deps = new ArrayList<>();
    for (String dep : proto.getDependencyList()) {
      deps.add(build(dep, protos, built, session));
    }
    try {
      Descriptors.FileDescriptor fd =
          Descriptors.FileDescriptor.buildFrom(
              proto, deps.toArray(Descriptors.FileDescriptor[]::new));
      built.put(fileName, fd);
      return fd;
    } catch (DescriptorValidationException e) {
      throw new UncheckedIOException(
          new IOException("invalid descriptor " + fileName + ": " + e.getMessage(), e));
    }
  }

  private static Descriptors.MethodDescriptor method(
      Descriptors.ServiceDescriptor service, String methodName) {
    Descriptors.MethodDescriptor m = service.findMethodByName(methodName);
    if (m == null) {
      TreeSet<String> names = new TreeSet<>();
      service.getMethods().forEach(x -> names.add(x.getName()));
      throw new SpecException(
          FIELD,
          "method '"
              + methodName
              + "' is not in "
              + service.getFullName()
              + "; it has: "
              + list(names));
    }
    return m;
  }

  private static String list(TreeSet<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  /** One reflection stream, asked one question at a time, all within one deadline. */
  private static final class Session implements AutoCloseable {
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final StreamObserver<ServerReflectionRequest> requests;
    private final long deadlineNs;
    private final String where;

    Session(Channel channel, long budgetMs, String where) {
      this.deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMs);
      this.where = where;
      this.requests =
          ServerReflectionGrpc.newStub(channel)
              .withDeadlineAfter(budgetMs, TimeUnit.MILLISECONDS)
              .serverReflectionInfo(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse r) {
                      answers.add(r);
                    }

                    @Override
                    public void onError(Throwable t) {
                      answers.add(t);
                    }

                    @Override
                    public void onCompleted() {
                      answers.add(Status.UNAVAILABLE.withDescription("stream ended"));
                    }
                  });
    }

    ServerReflectionResponse ask(ServerReflectionRequest request) {
      requests.onNext(request);
      Object answer;
      try {
        answer = answers.poll(deadlineNs - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while asking " + where, e);
      }
      if (answer instanceof ServerReflectionResponse r) {
        return r;
      }
      Status status =
          answer == null
              ? Status.DEADLINE_EXCEEDED
              : answer instanceof Status s ? s : Status.fromThrowable((Throwable) answer);
      if (status.getCode() == Status.Code.UNIMPLEMENTED) {
        throw new SpecException(
            FIELD,
            "cannot be resolved: "
                + where
                + " does not offer server reflection (grpc.reflection.v1); pass --protoset FILE");
      }
      throw new UncheckedIOException(
          new IOException(
              "cannot ask "
                  + where
                  + " for its services: "
                  + status.getCode()
                  + (status.getDescription() == null ? "" : " " + status.getDescription())));
    }

    @Override
    public void close() {
      try {
        requests.onCompleted();
      } catch (StatusRuntimeException | IllegalStateException ignored) {
        // already over
      }
    }
  }
}
