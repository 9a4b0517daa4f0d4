package io.meshbench.platform.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.run.RunListener;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.Json;

/**
 * Applies a {@link TargetPolicy} around another executor: a job aimed at a target the policy
 * refuses is refused before it is queued, and a run whose target is allowed only by {@code *} keeps
 * no excerpt of the target's error bodies ({@code first_error}).
 */
public final class TargetPolicyExecutor implements JobExecutor {
  private final TargetPolicy policy;
  private final JobExecutor delegate;

  public TargetPolicyExecutor(TargetPolicy policy, JobExecutor delegate) {
    this.policy = policy;
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public void check(JobSpec spec) {
    if (policy.check(spec.serviceUrl()) == TargetPolicy.Verdict.REFUSED) {
      throw new TargetNotAllowedException(policy.refusal(spec.serviceUrl()));
    }
    delegate.check(spec);
  }

  @Override
  public Execution prepare(JobDocument running) {
    Execution execution = delegate.prepare(running);
    if (policy.check(running.spec().serviceUrl()) == TargetPolicy.Verdict.EXPLICIT) {
      return execution;
    }
    return new Execution() {
      @Override
      public JobDocument run(RunListener listener) throws InterruptedException {
        return withoutErrorBodies(execution.run(listener));
      }

      @Override
      public void cancel() {
        execution.cancel();
      }
    };
  }

  /** The document without {@code first_error} in its result and iterations. */
  static JobDocument withoutErrorBodies(JobDocument doc) {
    ObjectNode tree = Json.mapper().valueToTree(doc);
    withoutFirstErrors(tree);
    // A mesh matrix keeps each mesh's runs under matrix.meshes[].
    JsonNode meshes = tree.at("/matrix/meshes");
    if (meshes.isArray()) {
      meshes.forEach(m -> withoutFirstErrors((ObjectNode) m));
    }
    try {
      return Json.mapper().treeToValue(tree, JobDocument.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a job document did not read back", e);
    }
  }

  /** Removes {@code first_error} from a node's {@code result} and {@code iterations}. */
  private static void withoutFirstErrors(ObjectNode node) {
    if (node.get("result") instanceof ObjectNode result) {
      result.remove("first_error");
    }
    JsonNode iterations = node.get("iterations");
    if (iterations != null) {
      iterations.forEach(i -> ((ObjectNode) i).remove("first_error"));
    }
  }
}
