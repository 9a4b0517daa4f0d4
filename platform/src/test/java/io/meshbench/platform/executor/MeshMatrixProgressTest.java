package io.meshbench.platform.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.run.RunProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A matrix job's progress runs once from 0 to 1 over all its cells. */
class MeshMatrixProgressTest {

  @Test
  void eachCellAdvancesTheMatrixByItsShare() {
    List<RunProgress> seen = new ArrayList<>();
    RunListener job =
        new RunListener() {
          @Override
          public void onProgress(RunProgress p) {
            seen.add(p);
          }
        };
    // 4 cells (2 meshes x 2 iterations) of 1.5 s planned each.
    MeshMatrix.matrixProgress(job, 0, 4)
        .onProgress(new RunProgress(RunProgress.Phase.WARMUP, 0.75, 1.5, null, 0, 0));
    MeshMatrix.matrixProgress(job, 3, 4)
        .onProgress(new RunProgress(RunProgress.Phase.MEASURING, 1.5, 1.5, null, 42, 1));

    assertThat(seen.get(0).fraction()).isEqualTo(0.125);
    assertThat(seen.get(0).plannedS()).isEqualTo(6.0);
    assertThat(seen.get(1).fraction()).isEqualTo(1.0);
    assertThat(seen.get(1).requests()).isEqualTo(42); // the cell's own counts
    assertThat(seen.get(1).phase()).isEqualTo(RunProgress.Phase.MEASURING);
  }
}
