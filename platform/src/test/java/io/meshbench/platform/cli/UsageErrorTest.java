package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input exits 2 with one line that names the flag and what is allowed. */
class UsageErrorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--rate -5           | --rate          | 0 (closed model) or a positive number",
        "--duration 0        | --duration      | from 1ms to 24h",
        "--duration 100000s  | --duration      | from 1ms to 24h (one day)",
        "--warmup 3h         | --warmup        | from 0s to 1h (got 3h)",
        "--connections 50000 | --connections   | between 1 and 10000 (got 50000)",
        "--body x --payload-bytes 10 | --body and --payload-bytes | use one",
        "--executor kubernetes --duration 1h --iterations 25 | --duration × iterations × meshes | 86400",
        "--duration fast     | --duration      | 500ms, 10s, 2m",
        "--connections 0     | --connections   | between 1 and",
        "--url ftp://x       | --url           | http://host:port/",
        "--slo p99<=fast     | --slo           | p99<=10ms",
        "--bogus             | --bogus         | Unknown option",
        "--format xml        | --format        | text or json",
        "--arrival burst     | --arrival       | constant or poisson",
        "--mesh-type kuma    | --mesh-type     | istio-ambient",
        "--mesh-type istio   | --mesh-type     | needs --url of a service that runs under istio",
        "--header NoColon    | --header        | 'Name: value'",
        "--protocol http3    | --protocol      | http, http2, grpc, websocket, ml",
        "--threads -1        | --threads       | 0 (one per core)",
        "--timeout 0         | --timeout       | at least 1ms",
        "--pipeline 0        | --pipeline      | between 1 and 256",
        "--transport dpdk    | --transport     | auto, epoll, io_uring or nio",
        "--protocol ml --batch-size 0        | --batch-size | between 1 and 4096",
        "--protocol ml --batch-size 5000     | --batch-size | between 1 and 4096",
        "--protocol ml --features 0          | --features   | between 1 and 65536",
        "--protocol ml --batch-size 4096 --features 65536 | --batch-size | at most 4194304 values",
        "--protocol ml --model a/b           | --model      | letters, digits",
        "--batch-size 8                      | --batch-size | --protocol ml only",
        "--protocol grpc --streams 0               | --streams     | between 1 and 1000",
        "--protocol grpc --grpc-mode duplex        | --grpc-mode   | unary, server-stream or bidi",
        "--grpc-mode bidi                          | --grpc-mode   | --protocol grpc only",
        "--protocol grpc --data {}                 | --data        | needs --grpc-method",
        "--protocol grpc --grpc-method a.B/C --grpc-mode unary | --grpc-mode | method's own kind",
        "--protocol grpc --grpc-method a.B/C --protoset /nonexistent.pb | --protoset | cannot read",
        "--protocol grpc --url 127.0.0.1:1 --grpc-method nonsense | --grpc-method | pkg.Service/Method",
        "--streams 0         | --streams       | between 1 and 1000",
        "--streams 1001      | --streams       | between 1 and 1000",
        "--ws-mode hex       | --ws-mode       | text or binary",
        "--url ws://h:1/ws   | --url           | --protocol websocket",
        "--protocol http2 --url ws://h:1/ | --url | --protocol websocket",
        "--protocol websocket --url http://h:1/ | --url | ws://host:port/"
      })
  void exitsTwoWithOneLineNamingTheFlag(String args, String flag, String allowed) {
    CliHarness r = CliHarness.run(("run " + args.trim()).split(" "));
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err.strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err).contains(flag.trim()).contains(allowed.trim());
    assertThat(r.out).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"run --help", "target --help", "version --help", "--help"})
  void helpShowsAnExampleAndExitsZero(String args) {
    CliHarness r = CliHarness.run(args.split(" "));
    assertThat(r.exitCode).isZero();
    assertThat(r.out).contains("Example");
  }
}
